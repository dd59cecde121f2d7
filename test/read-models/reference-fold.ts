import { RecordedEvent } from '../../src/event-store/event-store.port';
import { inForceOn, parseValidDate } from '../../src/council/domain/valid-date';

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
    else if (type === 'MemberAffiliated') affiliations.push(data);
    else if ((type === 'MeetingHeld' || type === 'QuorumFailed') && parseValidDate(data.date!).latestDay <= day) {
      if (type === 'MeetingHeld') held += 1;
      else failed += 1;
    }
  }
  let status: ReferenceState['status'] = 'not-founded';
  if (founded) {
    const inForce = inForceOn(parseValidDate(founded.foundedOn!), dissolved ? parseValidDate(dissolved.dissolvedOn!) : undefined, day);
    status = inForce !== 'no' ? 'active' : parseValidDate(founded.foundedOn!).earliestDay > day ? 'not-founded' : 'dissolved';
  }
  const members: string[] = [];
  const uncertain: string[] = [];
  if (status === 'active') {
    for (const [memberId, election] of elections) {
      const departure = departures.get(memberId);
      const inOffice = inForceOn(parseValidDate(election.electedOn!), departure ? parseValidDate(departure.leftOn!) : undefined, day);
      if (inOffice === 'yes') members.push(memberId);
      else if (inOffice === 'unknown') uncertain.push(memberId);
    }
  }
  const groups: Record<string, string> = {};
  for (const a of affiliations) {
    if (!members.includes(a.memberId!) || groups[a.memberId!] !== undefined) continue;
    if (inForceOn(parseValidDate(a.from!), a.to ? parseValidDate(a.to) : undefined, day) === 'yes') groups[a.memberId!] = a.groupId!;
  }
  return { status, members: members.sort(), uncertain: uncertain.sort(), groups, meetingsHeld: held, quorumFailures: failed };
}
