import { RecordedEvent } from '../../src/event-store/event-store.port';

/**
 * The reference's own reading of the EDTF forms the generator writes (a day, a month, an uncertain day, an
 * interval of days), written here rather than imported: the fold must not share the production helpers it
 * checks (src/council/domain/valid-date.ts), or a bug in them would be on both sides of every comparison.
 */
interface Span {
  earliest: number;
  latest: number;
}

const dayNumber = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);

export function spanOf(edtf: string): Span {
  const ends = edtf.replace(/[?~%]/g, '').split('/');
  const bounds = ends.map((end) => {
    const [y, m, d] = end.split('-').map(Number);
    if (d !== undefined) return { earliest: dayNumber(y, m, d), latest: dayNumber(y, m, d) };
    if (m !== undefined) return { earliest: dayNumber(y, m, 1), latest: dayNumber(y, m + 1, 1) - 1 };
    return { earliest: dayNumber(y, 1, 1), latest: dayNumber(y + 1, 1, 1) - 1 };
  });
  return { earliest: bounds[0].earliest, latest: bounds[bounds.length - 1].latest };
}

/**
 * DOMAIN.md's rule, stated again: in office from the day of election up to, not including, the day of
 * departure; certainly so only when both dates are precise enough to say.
 */
function inOffice(from: Span, to: Span | undefined, day: number): 'yes' | 'no' | 'unknown' {
  const certainlyNotYet = from.earliest > day;
  const certainlyGone = to !== undefined && to.latest <= day;
  if (certainlyNotYet || certainlyGone) return 'no';
  const certainlyStarted = from.latest <= day;
  const certainlyNotGone = to === undefined || to.earliest > day;
  return certainlyStarted && certainlyNotGone ? 'yes' : 'unknown';
}

/**
 * A straightforward fold of the events, written without the read database, to check the read models
 * against: take what was recorded by `knownAtMs`, apply the corrections, then decide who was in office on
 * `day` exactly as the domain's rules say.
 */
export interface ReferenceState {
  status: 'not-founded' | 'active' | 'dissolved';
  members: string[];
  uncertain: string[];
  /** memberId → the group the member certainly sat for on the day (first recorded wins), for members in office. */
  groups: Record<string, string>;
  meetingsHeld: number;
  quorumFailures: number;
}

type D = Record<string, string | undefined>;

export function referenceState(events: readonly RecordedEvent[], knownAtMs: number, day: number): ReferenceState {
  const facts = new Map<string, { type: string; data: D }>();
  for (const e of events) {
    if (e.recordedAt.getTime() > knownAtMs) continue;
    const data = e.data as D & { replacement?: { type: string; data: D } };
    if (e.type === 'FactRetracted') facts.delete(data.eventId!);
    else if (e.type === 'FactCorrected') {
      const target = facts.get(data.eventId!);
      if (target) facts.set(data.eventId!, { type: data.replacement!.type, data: data.replacement!.data });
    } else facts.set(e.id, { type: e.type, data });
  }
  let founded: D | undefined;
  let dissolved: D | undefined;
  const elections = new Map<string, D>();
  const departures = new Map<string, D>();
  const affiliations: D[] = [];
  let held = 0;
  let failed = 0;
  for (const { type, data } of facts.values()) {
    if (type === 'CouncilFounded') {
      founded = data;
      dissolved = undefined;
    } else if (type === 'CouncilDissolved' && founded && !dissolved) dissolved = data;
    else if (type === 'MemberElected' && !elections.has(data.memberId!)) elections.set(data.memberId!, data);
    else if (type === 'MemberLeft' && elections.has(data.memberId!) && !departures.has(data.memberId!)) departures.set(data.memberId!, data);
    // Issue 25: an outside affiliation is no group a member sat for; an unknown start is certain on no day.
    else if (type === 'MemberAffiliated' && !(data as { outside?: boolean }).outside && data.from !== undefined) affiliations.push(data);
    else if ((type === 'MeetingHeld' || type === 'QuorumFailed') && spanOf(data.date!).latest <= day) {
      if (type === 'MeetingHeld') held += 1;
      else failed += 1;
    }
  }
  let status: ReferenceState['status'] = 'not-founded';
  if (founded) {
    const inForce = inOffice(spanOf(founded.foundedOn!), dissolved ? spanOf(dissolved.dissolvedOn!) : undefined, day);
    status = inForce !== 'no' ? 'active' : spanOf(founded.foundedOn!).earliest > day ? 'not-founded' : 'dissolved';
  }
  const members: string[] = [];
  const uncertain: string[] = [];
  if (status === 'active') {
    for (const [memberId, election] of elections) {
      const departure = departures.get(memberId);
      const certainty = inOffice(spanOf(election.electedOn!), departure ? spanOf(departure.leftOn!) : undefined, day);
      if (certainty === 'yes') members.push(memberId);
      else if (certainty === 'unknown') uncertain.push(memberId);
    }
  }
  const groups: Record<string, string> = {};
  for (const a of affiliations) {
    if (!members.includes(a.memberId!) || groups[a.memberId!] !== undefined) continue;
    if (inOffice(spanOf(a.from!), a.to ? spanOf(a.to) : undefined, day) === 'yes') groups[a.memberId!] = a.groupId!;
  }
  return { status, members: members.sort(), uncertain: uncertain.sort(), groups, meetingsHeld: held, quorumFailures: failed };
}
