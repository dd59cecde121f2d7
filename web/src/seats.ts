/** The seat diagram's model: which seats exist on a date, in which block and state, and where they sit. */
import type { Council, CouncilState, GroupRef, MemberTerm } from './types';

export type SeatState = 'filled' | 'vacant' | 'uncertain';

export interface Seat {
  state: SeatState;
  /** The block (curia or group) the seat belongs to. */
  block: string;
  label: string;
  /** Whose seat (filled or uncertain): the seat opens that member's page. */
  memberId?: string;
}

export interface Block {
  key: string;
  name: string;
  color: string;
}

/** Tableau 10, readable on white and distinguishable for most colour-blind readers. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#e15759', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#bab0ac'];

interface Point {
  x: number;
  y: number;
  angle: number;
}

/**
 * Seat centres on concentric half circles (outer radius 1, inner 0.4), seats per row proportional to the
 * row's radius, ordered from left to right so consecutive seats of a block stay together.
 */
export function hemicyclePoints(n: number): { points: Point[]; seatRadius: number } {
  if (n <= 0) return { points: [], seatRadius: 0.05 };
  const inner = 0.4;
  // One arc for a handful of seats; otherwise the fewest rows (at least two) that hold every seat.
  let rows = n <= 9 ? 1 : 2;
  for (;;) {
    const spacing = rows === 1 ? (Math.PI / Math.max(n, 1)) : (1 - inner) / (rows - 1);
    const radii = Array.from({ length: rows }, (_, i) => (rows === 1 ? 1 : inner + ((1 - inner) * i) / (rows - 1)));
    const capacity = radii.reduce((sum, r) => sum + Math.floor((Math.PI * r) / spacing) + 1, 0);
    if (capacity >= n || rows > 60) {
      const total = radii.reduce((a, b) => a + b, 0);
      const exact = radii.map((r) => (n * r) / total);
      const counts = exact.map(Math.floor);
      let left = n - counts.reduce((a, b) => a + b, 0);
      const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
      for (const [, i] of order) if (left-- > 0) counts[i]++;
      const points: Point[] = [];
      radii.forEach((r, i) => {
        const c = counts[i];
        for (let k = 0; k < c; k++) {
          const angle = c === 1 ? Math.PI / 2 : Math.PI - (Math.PI * k) / (c - 1);
          points.push({ x: r * Math.cos(angle), y: r * Math.sin(angle), angle });
        }
      });
      points.sort((a, b) => b.angle - a.angle || a.x - b.x);
      // Seats never touch: the radius is under half the smaller of the row gap and the tightest arc gap.
      const arcGaps = radii.map((r, i) => (counts[i] > 1 ? (Math.PI * r) / (counts[i] - 1) : Infinity));
      const gap = Math.min(rows === 1 ? Infinity : spacing, ...arcGaps);
      const seatRadius = Math.min(gap / 2.5, 0.09);
      return { points, seatRadius };
    }
    rows++;
  }
}

export function groupKey(g: GroupRef): string | undefined {
  if (!g) return undefined;
  return typeof g === 'string' ? g : g.groupId ?? g.name;
}
export function groupName(g: GroupRef): string | undefined {
  if (!g) return undefined;
  return typeof g === 'string' ? g : g.name ?? g.groupId;
}

/** Seats in blocks (groups when members carry one, else curiae): filled, then uncertain, then vacant. */
export function buildSeats(council: Council, state: CouncilState, terms: Map<string, MemberTerm>): { seats: Seat[]; blocks: Block[]; blockKind: string } {
  const inOffice = state.status === 'active';
  const members = inOffice ? state.members : [];
  const uncertain = inOffice ? state.uncertainMembers : [];
  const byGroup = members.some((m) => groupKey(m.group));
  const blocks: Block[] = [];
  const seats: Seat[] = [];
  const color = (i: number) => PALETTE[i % PALETTE.length];
  if (byGroup) {
    const names = new Map<string, string>();
    const count = new Map<string, number>();
    for (const m of members) {
      const k = groupKey(m.group) ?? 'no-group';
      names.set(k, groupName(m.group) ?? 'No group');
      count.set(k, (count.get(k) ?? 0) + 1);
    }
    const order = [...count.keys()].sort((a, b) => (count.get(b)! - count.get(a)!) || a.localeCompare(b));
    order.forEach((k, i) => blocks.push({ key: k, name: names.get(k)!, color: color(i) }));
    for (const b of blocks) {
      for (const m of members.filter((m) => (groupKey(m.group) ?? 'no-group') === b.key)) {
        seats.push({ state: 'filled', block: b.key, label: `${m.name} (${b.name})`, memberId: m.memberId });
      }
      for (const u of uncertain.filter((u) => groupKey(u.group) === b.key)) {
        seats.push({ state: 'uncertain', block: b.key, label: `${u.name} — uncertain: ${u.why}`, memberId: u.memberId });
      }
    }
    for (const u of uncertain.filter((u) => !groupKey(u.group) || !names.has(groupKey(u.group)!))) {
      seats.push({ state: 'uncertain', block: 'unknown', label: `${u.name} — uncertain: ${u.why}`, memberId: u.memberId });
    }
    // An unknown seat count (issue 25) draws no vacant seat: only the members the record holds.
    const vacant = council.seats != null ? Math.max(0, council.seats - seats.length) : 0;
    for (let i = 0; i < vacant; i++) seats.push({ state: 'vacant', block: 'vacant', label: 'vacant seat' });
    return { seats, blocks, blockKind: 'group' };
  }
  const curiae = council.curiae?.length ? council.curiae : [{ key: 'all', name: 'All seats', seats: council.seats ?? undefined }];
  curiae.forEach((c, i) => blocks.push({ key: c.key, name: c.name ?? c.key, color: color(i) }));
  const known = new Set(curiae.map((c) => c.key));
  const curiaOf = (memberId: string, given?: string | null) => given ?? terms.get(memberId)?.curia ?? undefined;
  let placed = 0;
  for (const c of curiae) {
    const filled = members.filter((m) => (curiae.length === 1 && !known.has(m.curia ?? '')) || m.curia === c.key);
    const unsure = uncertain.filter((u) => (curiae.length === 1 && !known.has(curiaOf(u.memberId, u.curia) ?? '')) || curiaOf(u.memberId, u.curia) === c.key);
    for (const m of filled) seats.push({ state: 'filled', block: c.key, label: `${m.name} (${c.name ?? c.key})`, memberId: m.memberId });
    for (const u of unsure) seats.push({ state: 'uncertain', block: c.key, label: `${u.name} (${c.name ?? c.key}) — uncertain: ${u.why}`, memberId: u.memberId });
    const vacant = c.seats !== undefined ? Math.max(0, c.seats - filled.length - unsure.length) : 0;
    for (let i = 0; i < vacant; i++) seats.push({ state: 'vacant', block: c.key, label: `vacant seat (${c.name ?? c.key})` });
    placed += c.seats ?? filled.length + unsure.length;
  }
  if (curiae.length > 1) {
    // Members whose curia the council does not define still hold a seat.
    for (const m of members.filter((m) => !known.has(m.curia ?? ''))) seats.push({ state: 'filled', block: 'other', label: m.name, memberId: m.memberId });
    for (const u of uncertain.filter((u) => !known.has(curiaOf(u.memberId, u.curia) ?? ''))) {
      seats.push({ state: 'uncertain', block: 'other', label: `${u.name} — uncertain: ${u.why}`, memberId: u.memberId });
    }
  }
  for (let i = placed; i < (council.seats ?? 0); i++) seats.push({ state: 'vacant', block: 'unassigned', label: 'vacant seat' });
  return { seats, blocks, blockKind: 'curia' };
}

