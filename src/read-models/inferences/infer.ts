/**
 * What the reported figures imply about imprecisely dated departures — derived on read, never recorded.
 *
 * The model. A member is in office on day d when elected on or before d and d is before their departure
 * (`leftOn` is the first day out). A recorded departure date is an interval of days [lo, hi] (a day, a
 * month, an EDTF interval). A source's "out of N" on day d says exactly N members were in office that day.
 * A dated fact in which a member acted on day d (chaired, was named present, voted, joined a working group)
 * says they were still in office on d.
 *
 * Only a departure's position relative to the figures' days matters: "gone by d_k" or not. With the
 * figures' days d_1 < … < d_K, each departure takes a position p (the first k with t ≤ d_k, K+1 for after
 * the last), within a range [a, b] its recorded interval allows. The figures fix how many members are gone
 * by each d_k, hence how many departures sit at each position: assigning departures to positions with
 * exact demands per position and a range per departure is an interval assignment, decided exactly by
 * earliest-deadline-first. A departure's inferred interval is the hull of the positions at which a
 * complete assignment still exists. Figures that cannot all hold are reported as clashes (minimal sets,
 * found by deletion) and set aside; the rest narrow.
 */

export interface InferenceMember {
  memberId: string;
  name: string;
  /** Days since 1970-01-01 (UTC): the first and last day the election can be. */
  electedEarliest: number;
  electedLatest: number;
  electedEdtf: string;
  /** The first day out of office: earliest and latest possible; absent when no departure is recorded. */
  leftEarliest?: number;
  leftLatest?: number;
  leftEdtf?: string;
}

export interface InferenceFigure {
  /** What the figure belongs to (a meeting id). */
  id: string;
  number?: number;
  /** The day the figure is for; figures on imprecise dates are not given here. */
  day: number;
  reported: number;
}

/** A member was in office on `day` (they acted on it). */
export interface InOfficeFact {
  memberId: string;
  day: number;
  /** What shows it, e.g. "chaired meeting-03". */
  what: string;
}

export interface FigureRef {
  id: string;
  number?: number;
  day: number;
  reported: number;
}

export type Narrowing =
  | { kind: 'reported-membership'; figure: FigureRef; says: string }
  | { kind: 'in-office'; day: number; what: string; says: string };

export interface DepartureInference {
  memberId: string;
  name: string;
  recorded: { edtf: string; earliest: number; latest: number };
  /** The narrowest first-day-out interval consistent with the figures used and the dated facts. */
  inferred: { earliest: number; latest: number };
  narrowedBy: Narrowing[];
}

export interface FigureReading {
  figure: FigureRef;
  /** Members certainly in office on the day, by the recorded dates. */
  certainlyInOffice: number;
  /** Departures the recorded dates leave undecided on the day (the member may or may not have left). */
  undecided: string[];
  /** How many of those the figure says had happened by the day; absent when the figure is set aside. */
  undecidedGone?: number;
  used: boolean;
  /** Why a figure is not used: it clashes, or its day leaves an election undecided. */
  setAside?: string;
}

export interface Clash {
  figures: FigureRef[];
  why: string;
}

export interface Inferences {
  departures: DepartureInference[];
  figures: FigureReading[];
  clashes: Clash[];
}

const ref = (f: InferenceFigure): FigureRef => ({ id: f.id, number: f.number, day: f.day, reported: f.reported });

interface Variable {
  member: InferenceMember;
  lo: number;
  hi: number;
  /** The in-office fact that raised `lo`, if any. */
  raisedBy?: InOfficeFact;
}

export function infer(members: readonly InferenceMember[], figures: readonly InferenceFigure[], facts: readonly InOfficeFact[] = []): Inferences {
  // Dated facts first: a member who acted on day d left after d.
  const variables = new Map<string, Variable>();
  for (const m of members) {
    if (m.leftEarliest === undefined || m.leftLatest === undefined) continue;
    variables.set(m.memberId, { member: m, lo: Math.max(m.leftEarliest, m.electedEarliest + 1), hi: m.leftLatest });
  }
  for (const fact of facts) {
    const v = variables.get(fact.memberId);
    // A fact dated after the latest possible departure contradicts the record (the anomalies report shows
    // it); it cannot narrow anything.
    if (v && fact.day + 1 > v.lo && fact.day + 1 <= v.hi) {
      v.lo = fact.day + 1;
      v.raisedBy = fact;
    }
  }

  const readings: FigureReading[] = [];
  const clashes: Clash[] = [];
  const candidates: InferenceFigure[] = [];
  for (const f of [...figures].sort((x, y) => x.day - y.day || x.id.localeCompare(y.id))) {
    const reading = readFigure(f, members, variables);
    readings.push(reading);
    if (reading.setAside) continue;
    candidates.push(f);
  }
  const setAside = (f: InferenceFigure, why: string) => {
    const reading = readings.find((r) => r.figure.id === f.id)!;
    reading.used = false;
    reading.setAside = why;
  };

  // Figures for one day that disagree clash with each other.
  for (const [day, group] of groupBy(candidates, (f) => f.day)) {
    if (new Set(group.map((f) => f.reported)).size > 1) {
      clashes.push({ figures: group.map(ref), why: `different "out of N" figures for the same day (${group.map((f) => f.reported).join(', ')})` });
      for (const f of group) setAside(f, 'clashes with another figure for the same day');
      candidates.splice(0, candidates.length, ...candidates.filter((c) => c.day !== day));
    }
  }
  // A figure that the record alone contradicts.
  for (const f of [...candidates]) {
    const reading = readings.find((r) => r.figure.id === f.id)!;
    const gone = reading.certainlyInOffice + reading.undecided.length - f.reported;
    if (gone < 0 || gone > reading.undecided.length) {
      const held = `the record has ${reading.certainlyInOffice} members certainly in office on that day and ${reading.undecided.length} whose departure is undecided`;
      const why =
        gone < 0
          ? `"out of ${f.reported}" is more than that: ${-gone} more members than the record can hold`
          : `"out of ${f.reported}" needs ${gone} of those ${reading.undecided.length} to have left`;
      clashes.push({ figures: [ref(f)], why: `against the record: ${held}; ${why}` });
      setAside(f, 'clashes with the record');
      candidates.splice(candidates.indexOf(f), 1);
    }
  }
  // Figures that cannot all hold together: minimal clashing sets, by deletion, until the rest is consistent.
  let used = [...candidates];
  while (!feasible(problem(used, members, variables))) {
    let core = [...used];
    for (const f of [...core]) {
      const without = core.filter((c) => c !== f);
      if (!feasible(problem(without, members, variables))) core = without;
    }
    clashes.push({ figures: core.map(ref), why: clashWhy(core) });
    for (const f of core) setAside(f, 'clashes with other figures');
    used = used.filter((f) => !core.includes(f));
  }
  for (const f of used) {
    const reading = readings.find((r) => r.figure.id === f.id)!;
    reading.undecidedGone = reading.certainlyInOffice + reading.undecided.length - f.reported;
  }

  const base = problem(used, members, variables);
  const departures: DepartureInference[] = [];
  for (const v of variables.values()) {
    const m = v.member;
    if (m.leftEarliest === m.leftLatest && v.raisedBy === undefined) continue; // dated to the day: nothing to infer
    const range = base.ranges.get(m.memberId)!;
    // The hull of the feasible positions: the first from each end (usually one check each).
    let first: number | undefined;
    let last: number | undefined;
    for (let k = range.a; k <= range.b && first === undefined; k++) if (feasible(base, m.memberId, k)) first = k;
    for (let k = range.b; k >= (first ?? range.b + 1) && last === undefined; k--) if (feasible(base, m.memberId, k)) last = k;
    const days = base.days;
    // Position k means d_{k-1} < t ≤ d_k (1-based; K+1 = after the last day).
    const earliest = first === undefined ? v.lo : Math.max(v.lo, first > 1 ? days[first - 2] + 1 : v.lo);
    const latest = last === undefined ? v.hi : Math.min(v.hi, last <= days.length ? days[last - 1] : v.hi);
    const narrowedBy: Narrowing[] = [];
    if (v.raisedBy && v.lo > m.leftEarliest!) {
      narrowedBy.push({ kind: 'in-office', day: v.raisedBy.day, what: v.raisedBy.what, says: `${m.name} was in office on that day (${v.raisedBy.what})` });
    }
    if (first !== undefined && first > 1 && days[first - 2] + 1 > v.lo) {
      const f = used.find((u) => u.day === days[first! - 2])!;
      narrowedBy.push({ kind: 'reported-membership', figure: ref(f), says: `"out of ${f.reported}" on that day: ${m.name} had not yet left` });
    }
    if (last !== undefined && last <= days.length && days[last - 1] < v.hi) {
      const f = used.find((u) => u.day === days[last! - 1])!;
      narrowedBy.push({ kind: 'reported-membership', figure: ref(f), says: `"out of ${f.reported}" on that day: ${m.name} had left by then` });
    }
    departures.push({
      memberId: m.memberId,
      name: m.name,
      recorded: { edtf: m.leftEdtf ?? '', earliest: m.leftEarliest!, latest: m.leftLatest! },
      inferred: { earliest, latest },
      narrowedBy,
    });
  }
  departures.sort((x, y) => x.recorded.earliest - y.recorded.earliest || x.memberId.localeCompare(y.memberId));
  return { departures, figures: readings, clashes };
}

/** The figure's day against the recorded dates: who is certainly in office, whose departure is undecided. */
function readFigure(f: InferenceFigure, members: readonly InferenceMember[], variables: Map<string, Variable>): FigureReading {
  let certain = 0;
  const undecided: string[] = [];
  let electionUndecided = false;
  for (const m of members) {
    if (m.electedEarliest > f.day) continue;
    if (m.electedLatest > f.day) {
      electionUndecided = true;
      continue;
    }
    const v = variables.get(m.memberId);
    if (!v) {
      certain += 1;
      continue;
    }
    if (v.hi <= f.day) continue; // certainly gone
    if (v.lo > f.day) certain += 1; // certainly still in office
    else undecided.push(m.memberId);
  }
  const reading: FigureReading = { figure: ref(f), certainlyInOffice: certain, undecided, used: !electionUndecided };
  if (electionUndecided) reading.setAside = 'an election undecided on that day: the figure is not used to narrow departures';
  return reading;
}

interface Problem {
  days: number[];
  /** Members gone by d_k, for k = 1..K (index k-1). */
  goneBy: number[];
  ranges: Map<string, { a: number; b: number }>;
}

function problem(used: readonly InferenceFigure[], members: readonly InferenceMember[], variables: Map<string, Variable>): Problem {
  const sorted = [...used].sort((x, y) => x.day - y.day);
  const days: number[] = [];
  const goneBy: number[] = [];
  for (const f of sorted) {
    if (days[days.length - 1] === f.day) continue;
    // Every member elected by the day who is not in office is gone; the undecided elections were set aside.
    const elected = members.filter((m) => m.electedLatest <= f.day).length;
    days.push(f.day);
    goneBy.push(elected - f.reported);
  }
  const ranges = new Map<string, { a: number; b: number }>();
  const position = (day: number) => {
    const k = days.findIndex((d) => d >= day);
    return k < 0 ? days.length + 1 : k + 1;
  };
  for (const v of variables.values()) ranges.set(v.member.memberId, { a: position(v.lo), b: position(v.hi) });
  return { days, goneBy, ranges };
}

/**
 * Whether every departure can take a position within its range so that exactly goneBy[k] members are gone
 * by each d_k (optionally with one member pinned to a position). Earliest deadline first: at each position
 * take the required number of departures with the earliest last position among those that may be there.
 */
function feasible(p: Problem, pinned?: string, at?: number): boolean {
  const items = [...p.ranges.entries()].map(([id, r]) => (id === pinned ? { a: at!, b: at! } : r));
  items.sort((x, y) => x.a - y.a);
  const waiting: number[] = []; // the b of each departure that may already take a position, kept sorted
  let next = 0;
  let before = 0;
  for (let k = 1; k <= p.days.length; k++) {
    while (next < items.length && items[next].a <= k) insertSorted(waiting, items[next++].b);
    if (waiting.length > 0 && waiting[0] < k) return false; // a departure that had to happen before d_{k-1}… missed
    const demand = p.goneBy[k - 1] - before;
    if (demand < 0 || waiting.length < demand) return false;
    waiting.splice(0, demand);
    before = p.goneBy[k - 1];
  }
  return waiting.every((b) => b > p.days.length) && items.slice(next).every((i) => i.b > p.days.length);
}

function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1] > value) i -= 1;
  list.splice(i, 0, value);
}

function clashWhy(core: readonly InferenceFigure[]): string {
  const list = core.map((f) => `"out of ${f.reported}"`).join(', ');
  return `these figures cannot all hold with the recorded dates (${list}): no order of the undecided departures gives every one of them`;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
