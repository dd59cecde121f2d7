import type { GroupBy } from './analytics.query';
import { pairAgreement } from './agreement';
import { AffiliationRow, AnalyticsTables, Snapshot, curiaeOf, groupOn } from './snapshot';

/** GET .../analytics/cohesion: the Rice index per curia or group and motion, and agreement of member pairs. */
export interface CuriaCohesion {
  curia: string;
  name: string;
  /** Motions with at least two yes/no votes from the curia. */
  motions: number;
  /** The average Rice index over those motions (null when there are none). */
  rice: number | null;
  perMotion: Array<{ motionId: string; rice: number; yes: number; no: number; abstain: number }>;
}

export interface PairAgreement {
  a: string;
  b: string;
  aName: string;
  bName: string;
  /** Share of the motions both voted on where they made the same choice. */
  agreement: number;
  motions: number;
  same: number;
}

/** Cohesion of a political group: its members are those who certainly sat for it on each vote's date. */
export interface GroupCohesion {
  group: string;
  name: string;
  motions: number;
  rice: number | null;
  perMotion: CuriaCohesion['perMotion'];
}

export interface CohesionReport {
  councilId: string;
  knownAt: string;
  by: GroupBy;
  /** Motions with individual votes on record. */
  motionsWithVotes: number;
  /** With by=curia (the default). */
  curiae?: CuriaCohesion[];
  /** With by=group. */
  groups?: GroupCohesion[];
  /** With by=group: votes by members whose group on the vote's date the record does not say (left out). */
  votesWithoutGroup?: number;
  pairs: PairAgreement[];
  pairsTotal: number;
  note?: string;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Rice index of a group on a motion: |yes − no| / (yes + no), over yes/no votes only (abstentions and
 * choices between options are left out). Agreement of two members: same choice (any choice, abstain
 * included) on the motions both voted on, divided by those motions.
 */
export function cohesionReport(t: AnalyticsTables, s: Snapshot, q: { limit?: number; minMotions?: number; by?: GroupBy }): CohesionReport {
  const council = t.council(s);
  const by = q.by ?? 'curia';
  const members = new Map(t.members(s).map((m) => [m.member_id, m]));
  const votes = t.votes(s).filter((v) => v.member_id !== null && members.has(v.member_id));
  const affiliations: Map<string, AffiliationRow[]> = by === 'group' ? t.affiliations(s) : new Map();
  const byMotion = new Map<string, Map<string, string>>();
  /** By group: motion → member → the group the vote counts in (by curia, it is the member's curia). */
  const bucketOf = new Map<string, Map<string, string>>();
  let votesWithoutGroup = 0;
  for (const v of votes) {
    let ballot = byMotion.get(v.motion_id);
    if (!ballot) byMotion.set(v.motion_id, (ballot = new Map<string, string>()));
    ballot.set(v.member_id!, v.choice);
    if (by === 'curia') continue;
    const key = groupOn(affiliations.get(v.member_id!), { earliest: v.cast_earliest, latest: v.cast_latest }).certain;
    if (key === undefined) {
      votesWithoutGroup++;
      continue;
    }
    const buckets = bucketOf.get(v.motion_id) ?? new Map<string, string>();
    buckets.set(v.member_id!, key);
    bucketOf.set(v.motion_id, buckets);
  }
  const keys: Array<{ key: string; name: string }> = by === 'curia' ? curiaeOf(council) : t.groups(s).map((g) => ({ key: g.group_id, name: g.name }));
  if (by === 'curia') for (const m of members.values()) if (!keys.some((c) => c.key === m.curia)) keys.push({ key: m.curia, name: m.curia });
  // One pass over the ballots: yes/no/abstain per bucket and motion (O(votes), not O(buckets × votes)).
  const counts = new Map<string, Map<string, { yes: number; no: number; abstain: number }>>();
  for (const [motionId, ballot] of byMotion) {
    const buckets = bucketOf.get(motionId);
    if (by === 'group' && !buckets) continue;
    const here = new Map<string, { yes: number; no: number; abstain: number }>();
    for (const [memberId, choice] of ballot) {
      const key = by === 'curia' ? members.get(memberId)!.curia : buckets!.get(memberId);
      if (key === undefined) continue;
      let c = here.get(key);
      if (!c) here.set(key, (c = { yes: 0, no: 0, abstain: 0 }));
      if (choice === 'yes') c.yes++;
      else if (choice === 'no') c.no++;
      else if (choice === 'abstain') c.abstain++;
    }
    for (const [key, c] of here) {
      let perMotion = counts.get(key);
      if (!perMotion) counts.set(key, (perMotion = new Map()));
      perMotion.set(motionId, c);
    }
  }
  const cohesion = keys.map(({ key, name }) => {
    const perMotion: CuriaCohesion['perMotion'] = [];
    for (const [motionId, c] of counts.get(key) ?? []) {
      if (c.yes + c.no >= 2) perMotion.push({ motionId, rice: round(Math.abs(c.yes - c.no) / (c.yes + c.no)), ...c });
    }
    const rice = perMotion.length ? round(perMotion.reduce((sum, p) => sum + Math.abs(p.yes - p.no) / (p.yes + p.no), 0) / perMotion.length) : null;
    return { key, name, motions: perMotion.length, rice, perMotion };
  });
  const agreement = pairAgreement(byMotion.values(), q.limit ?? 50, q.minMotions ?? 1);
  const pairs = agreement.pairs.map((p): PairAgreement => ({
    a: p.a, b: p.b, aName: members.get(p.a)!.name, bName: members.get(p.b)!.name, agreement: p.agreement, motions: p.motions, same: p.same,
  }));
  const report: CohesionReport = {
    councilId: s.councilId, knownAt: s.knownAt, by, motionsWithVotes: byMotion.size, pairs, pairsTotal: agreement.total,
  };
  if (by === 'curia') report.curiae = cohesion.map(({ key, ...c }) => ({ curia: key, ...c }));
  else {
    report.groups = cohesion.map(({ key, ...c }) => ({ group: key, ...c }));
    report.votesWithoutGroup = votesWithoutGroup;
  }
  if (byMotion.size === 0) report.note = 'No individual votes are on record (only reported tallies): cohesion and agreement need votes recorded member by member.';
  return report;
}
