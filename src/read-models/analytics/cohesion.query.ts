import { pairAgreement } from './agreement';
import { readBallots } from './ballots';
import { AffiliationRow, AnalyticsTables, GroupBy, Snapshot, curiaeOf, groupOn } from './snapshot';

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
  const ballots = readBallots(t.db, s, [...members.keys()], by === 'group');
  const { memberIds } = ballots;
  const n = memberIds.length;
  const keys: Array<{ key: string; name: string }> = by === 'curia' ? curiaeOf(council) : t.groups(s).map((g) => ({ key: g.group_id, name: g.name }));
  if (by === 'curia') for (const m of members.values()) if (!keys.some((c) => c.key === m.curia)) keys.push({ key: m.curia, name: m.curia });
  const keyIndex = new Map<string, number>();
  keys.forEach(({ key }, i) => keyIndex.has(key) || keyIndex.set(key, i));
  const bucketOf = by === 'curia' ? Int32Array.from(memberIds, (id) => keyIndex.get(members.get(id)!.curia)!) : undefined;
  const groupsOn = by === 'group' ? groupsOnSpan(t.affiliations(s), memberIds, keyIndex) : undefined;
  const perMotion: Array<CuriaCohesion['perMotion']> = keys.map(() => []);
  const choice = new Int32Array(n);
  const bucket = new Int32Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const grouped = new Int32Array(n).fill(-1);
  const counts = new Int32Array(keys.length * 3);
  let votesWithoutGroup = 0;
  for (let motion = 0; motion < ballots.motionIds.length; motion++) {
    const voters = ballots.voters[motion];
    const codes = ballots.codes[motion];
    const unique: number[] = [];
    for (let k = 0; k < voters.length; k++) {
      const m = voters[k];
      if (stamp[m] !== motion) unique.push(m);
      stamp[m] = motion;
      choice[m] = codes[k];
      if (!groupsOn) continue;
      // By group, the vote counts in the group the member certainly sat for on the vote's date.
      const g = groupsOn(ballots.rowSpans.get(motion)?.[k] ?? ballots.spans[motion]!)[m];
      if (g === NO_GROUP) {
        votesWithoutGroup++;
        // The member's vote that counts is this one (the last recorded): an earlier vote's group no longer applies.
        grouped[m] = -1;
      } else {
        bucket[m] = g;
        grouped[m] = motion;
      }
    }
    const touched: number[] = [];
    for (const m of unique) {
      const key = bucketOf ? bucketOf[m] : grouped[m] === motion ? bucket[m] : OTHER_GROUP;
      if (key < 0 || choice[m] > 2) continue;
      if (counts[key * 3] + counts[key * 3 + 1] + counts[key * 3 + 2] === 0) touched.push(key);
      counts[key * 3 + choice[m]]++;
    }
    for (const key of touched) {
      const [yes, no, abstain] = counts.subarray(key * 3, key * 3 + 3);
      counts.fill(0, key * 3, key * 3 + 3);
      if (yes + no >= 2) perMotion[key].push({ motionId: ballots.motionIds[motion], rice: round(Math.abs(yes - no) / (yes + no)), yes, no, abstain });
    }
  }
  const cohesion = keys.map(({ key, name }) => {
    const list = perMotion[keyIndex.get(key)!];
    const rice = list.length ? round(list.reduce((sum, p) => sum + Math.abs(p.yes - p.no) / (p.yes + p.no), 0) / list.length) : null;
    return { key, name, motions: list.length, rice, perMotion: list };
  });
  const agreement = pairAgreement(ballots.voters, ballots.codes, n, ballots.choices.length, q.limit ?? 50, q.minMotions ?? 1);
  const pairs = agreement.pairs.map((p): PairAgreement => {
    const [a, b] = [memberIds[p.a], memberIds[p.b]];
    return { a, b, aName: members.get(a)!.name, bName: members.get(b)!.name, agreement: p.agreement, motions: p.motions, same: p.same };
  });
  const motionsWithVotes = ballots.motionIds.length;
  const report: CohesionReport = { councilId: s.councilId, knownAt: s.knownAt, by, motionsWithVotes, pairs, pairsTotal: agreement.total };
  if (by === 'curia') report.curiae = cohesion.map(({ key, ...c }) => ({ curia: key, ...c }));
  else {
    report.groups = cohesion.map(({ key, ...c }) => ({ group: key, ...c }));
    report.votesWithoutGroup = votesWithoutGroup;
  }
  if (motionsWithVotes === 0) report.note = 'No individual votes are on record (only reported tallies): cohesion and agreement need votes recorded member by member.';
  return report;
}

/** A vote whose member sat for no group for certain on its date (left out, and counted as such). */
const NO_GROUP = -1;
/** A group certainly, but not one founded in the record as known (left out of every bucket). */
const OTHER_GROUP = -2;

/**
 * For a date span: the bucket of each member (index into the keys), NO_GROUP or OTHER_GROUP, computed once
 * per distinct span (a council's roll calls share few dates).
 */
function groupsOnSpan(affiliations: Map<string, AffiliationRow[]>, memberIds: readonly string[], keyIndex: Map<string, number>) {
  const bySpan = new Map<string, Int32Array>();
  return (span: { earliest: number; latest: number }): Int32Array => {
    const id = `${span.earliest}|${span.latest}`;
    let groups = bySpan.get(id);
    if (!groups) {
      groups = Int32Array.from(memberIds, (memberId) => {
        const certain = groupOn(affiliations.get(memberId), span).certain;
        return certain === undefined ? NO_GROUP : keyIndex.get(certain) ?? OTHER_GROUP;
      });
      bySpan.set(id, groups);
    }
    return groups;
  };
}
