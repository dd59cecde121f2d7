import { BadRequestException } from '@nestjs/common';
import { problem } from '../../api/problem';
import { parseValidDate } from '../../council/domain/valid-date';
import { isoDay, parseJson } from '../queries/known-at';
import { pairAgreement } from './agreement';
import { AffiliationRow, AnalyticsTables, Snapshot, curiaeOf, groupOn, meetingFiguresOf, memberInOffice } from './snapshot';

export type GroupBy = 'curia' | 'group';
export const GROUP_BY: readonly GroupBy[] = ['curia', 'group'];

export type Step = 'day' | 'week' | 'month' | 'year';
export const STEPS: readonly Step[] = ['day', 'week', 'month', 'year'];
/** More steps than this is a 400: ask for a coarser step or a shorter range. */
export const MAX_SERIES_STEPS = 5000;

const badRequest = (field: string, message: string) =>
  new BadRequestException(problem(400, 'validation', 'Invalid request', `${field}: ${message}`, { errors: [{ field, message }] }));

// ---------------------------------------------------------------------------------------------------------
// Membership over time
// ---------------------------------------------------------------------------------------------------------

export interface MembershipPoint {
  date: string;
  /** Members certainly in office on the day. */
  certain: number;
  /** Members whose dates are too imprecise to decide: neither counted nor dropped. */
  uncertain: number;
  uncertainMembers: string[];
  byCuria: Record<string, { certain: number; uncertain: number }>;
  /**
   * Per political group: members certainly in office and certainly sitting for it; `uncertain` counts
   * those whose term or affiliation dates leave it open (a member may be uncertain for two groups).
   */
  byGroup: Record<string, { certain: number; uncertain: number }>;
  /** not-founded | active | dissolved on the day (members are only counted while the council exists). */
  status: 'not-founded' | 'active' | 'dissolved';
}

export interface MembershipSeries {
  councilId: string;
  step: Step;
  from: string;
  to: string;
  knownAt: string;
  series: MembershipPoint[];
}

function addStep(step: Step, start: number, k: number): number {
  if (step === 'day') return start + k;
  if (step === 'week') return start + 7 * k;
  const d = new Date(start * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const dom = d.getUTCDate();
  const months = step === 'month' ? k : 12 * k;
  const target = new Date(Date.UTC(y, m + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(dom, last));
  return Math.floor(target.getTime() / 86_400_000);
}

/**
 * Members in office at each step from `from` to `to` (both EDTF; `from` is read at its earliest day, `to` at
 * its latest). Defaults: from the founding to the dissolution (or today). Month and year steps keep the
 * day of the month (clamped to the month's end).
 */
export function membershipSeries(t: AnalyticsTables, s: Snapshot, q: { from?: string; to?: string; step?: Step }): MembershipSeries {
  const council = t.council(s);
  const step = q.step ?? 'month';
  const today = Math.floor(Date.now() / 86_400_000);
  const from = q.from !== undefined ? parseValidDate(q.from).earliestDay : council ? council.founded_earliest : today;
  const to = q.to !== undefined ? parseValidDate(q.to).latestDay : council?.dissolved_earliest ?? today;
  if (to < from) throw badRequest('to', 'must not be before from');
  const days: number[] = [];
  for (let k = 0; ; k++) {
    const day = addStep(step, from, k);
    if (day > to) break;
    days.push(day);
    if (days.length > MAX_SERIES_STEPS) {
      throw badRequest('step', `more than ${MAX_SERIES_STEPS} steps from ${isoDay(from)} to ${isoDay(to)}: use a coarser step or a shorter range`);
    }
  }
  const members = t.members(s);
  const curiae = curiaeOf(council).map((c) => c.key);
  for (const m of members) if (!curiae.includes(m.curia)) curiae.push(m.curia);
  const groups = t.groups(s).map((g) => g.group_id);
  const affiliations = t.affiliations(s);
  const series = days.map((day): MembershipPoint => {
    const status = !council || council.founded_earliest > day ? 'not-founded'
      : council.dissolved_latest !== null && council.dissolved_latest <= day ? 'dissolved' : 'active';
    const point: MembershipPoint = { date: isoDay(day), certain: 0, uncertain: 0, uncertainMembers: [], byCuria: {}, byGroup: {}, status };
    for (const key of curiae) point.byCuria[key] = { certain: 0, uncertain: 0 };
    for (const key of groups) point.byGroup[key] = { certain: 0, uncertain: 0 };
    if (status !== 'active') return point;
    for (const m of members) {
      const answer = memberInOffice(m, { earliest: day, latest: day });
      if (answer === 'no') continue;
      const group = groupOn(affiliations.get(m.member_id), { earliest: day, latest: day });
      for (const g of group.possible) {
        const counts = (point.byGroup[g] ??= { certain: 0, uncertain: 0 });
        if (answer === 'yes' && group.certain === g) counts.certain++;
        else counts.uncertain++;
      }
      const bucket = point.byCuria[m.curia];
      if (answer === 'yes') {
        point.certain++;
        bucket.certain++;
      } else {
        point.uncertain++;
        bucket.uncertain++;
        point.uncertainMembers.push(m.member_id);
      }
    }
    return point;
  });
  return { councilId: s.councilId, step, from: isoDay(from), to: isoDay(to), knownAt: s.knownAt, series };
}

// ---------------------------------------------------------------------------------------------------------
// Attendance
// ---------------------------------------------------------------------------------------------------------

export interface MeetingAttendance {
  meetingId: string;
  number: number | null;
  date: string;
  kind: string;
  outcome: string;
  /** Everyone who took part (remote included), or null when the source gives no figure. */
  present: number | null;
  remote: number | null;
  /** Members certainly in office on the date, as the record stands. */
  membership: number;
  membershipUncertain: number;
  reportedMembership: number | null;
  /** present / membership (null when attendance is unknown). */
  rate: number | null;
  /** Members needed under the quorum rule with the certain membership (and with every undecidable member in). */
  quorum: number;
  quorumIfAllUncertainIn: number;
  /** present − quorum (null when attendance is unknown). */
  margin: number | null;
  namedAttendance: boolean;
}

export interface MemberAttendance {
  memberId: string;
  name: string;
  curia: string;
  attended: number;
  missed: number;
  /** Meetings with named attendance on whose date the member was certainly in office. */
  eligible: number;
  /** attended / eligible (null when eligible is 0). */
  rate: number | null;
  /** Meetings with named attendance whose date the member's own dates leave undecidable (not counted). */
  undecidable: number;
}

/** Attendance of the members of one curia or group, over the meetings that name their participants. */
export interface BucketAttendance {
  key: string;
  name: string;
  /** Members counted in the bucket on at least one meeting date. */
  members: number;
  attended: number;
  missed: number;
  eligible: number;
  rate: number | null;
}

export interface AttendanceReport {
  councilId: string;
  knownAt: string;
  meetings: MeetingAttendance[];
  members: MemberAttendance[];
  /** With `?by=`: which buckets `byBucket` holds. */
  by?: GroupBy;
  /**
   * With `?by=curia|group`: per curia, or per group the member certainly sat for on each meeting's date
   * (member-meetings whose group the record leaves open are in `unassigned`).
   */
  curiae?: BucketAttendance[];
  groups?: BucketAttendance[];
  unassigned?: { attended: number; eligible: number };
  note?: string;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

export function attendanceReport(t: AnalyticsTables, s: Snapshot, q: { by?: GroupBy } = {}): AttendanceReport {
  const council = t.council(s);
  const buckets = q.by ? bucketsOf(t, s, q.by) : undefined;
  const unassigned = { attended: 0, eligible: 0 };
  const affiliations = q.by === 'group' ? t.affiliations(s) : undefined;
  const members = t.members(s);
  const rows = t.meetings(s);
  const named = new Map<string, Set<string>>();
  for (const a of t.attendance(s)) {
    const set = named.get(a.meeting_id) ?? new Set<string>();
    if (a.member_id !== null) set.add(a.member_id);
    named.set(a.meeting_id, set);
  }
  const figures = meetingFiguresOf(council, members);
  // A meeting that could not be assembled has no attendance, no quorum and no margin (issue 25).
  const meetings = rows.filter((m) => m.outcome !== 'not-assembled').map((m): MeetingAttendance => {
    const { membership, quorum } = figures(m);
    const present = m.present_count;
    return {
      meetingId: m.meeting_id, number: m.number, date: m.date_edtf, kind: m.kind, outcome: m.outcome, present, remote: m.remote_count,
      membership: membership.certain, membershipUncertain: membership.uncertain, reportedMembership: m.reported_membership,
      rate: present === null ? null : ratio(present, membership.certain),
      quorum: quorum.required, quorumIfAllUncertainIn: quorum.requiredIfAllUncertainIn,
      margin: present === null ? null : present - quorum.required,
      namedAttendance: named.has(m.meeting_id),
    };
  });
  const namedMeetings = rows.filter((m) => named.has(m.meeting_id));
  const perMember: MemberAttendance[] = [];
  if (namedMeetings.length > 0) {
    for (const member of members) {
      let attended = 0;
      let eligible = 0;
      let undecidable = 0;
      for (const m of namedMeetings) {
        const inOffice = memberInOffice(member, { earliest: m.date_earliest, latest: m.date_latest });
        const was = named.get(m.meeting_id)!.has(member.member_id);
        let counted = false;
        if (inOffice === 'yes') {
          eligible++;
          counted = true;
          if (was) attended++;
        } else if (inOffice === 'unknown') {
          // Attending proves presence, not the term: count it as attended and eligible; otherwise leave it out.
          if (was) {
            eligible++;
            attended++;
            counted = true;
          } else undecidable++;
        } else if (was) {
          attended++;
          eligible++;
          counted = true;
        }
        if (!counted || !buckets) continue;
        const key = q.by === 'curia' ? member.curia : groupOn(affiliations!.get(member.member_id), { earliest: m.date_earliest, latest: m.date_latest }).certain;
        const bucket = key !== undefined ? buckets.get(key) ?? addBucket(buckets, key) : undefined;
        const target = bucket ?? unassigned;
        target.eligible++;
        if (was) target.attended++;
        if (bucket) bucket.seen.add(member.member_id);
      }
      if (eligible === 0 && undecidable === 0) continue;
      perMember.push({ memberId: member.member_id, name: member.name, curia: member.curia, attended, missed: eligible - attended, eligible, rate: ratio(attended, eligible), undecidable });
    }
  }
  const countsOnly = rows.length - namedMeetings.length;
  const report: AttendanceReport = { councilId: s.councilId, knownAt: s.knownAt, meetings, members: perMember };
  if (buckets) {
    report.by = q.by;
    const list = [...buckets.values()].map(({ seen, ...b }): BucketAttendance => ({ ...b, members: seen.size, missed: b.eligible - b.attended, rate: ratio(b.attended, b.eligible) }));
    if (q.by === 'curia') report.curiae = list;
    else {
      report.groups = list;
      report.unassigned = unassigned;
    }
  }
  if (countsOnly > 0) {
    report.note = namedMeetings.length === 0
      ? `No meeting on record names its participants: attendance is known only as counts (present), so there is no per-member attendance. Per-member figures appear once meetings are recorded with "present": [names].`
      : `${countsOnly} of ${rows.length} meetings give attendance only as counts; per-member figures cover the ${namedMeetings.length} meetings that name their participants.`;
  }
  return report;
}

interface Bucket {
  key: string;
  name: string;
  attended: number;
  eligible: number;
  seen: Set<string>;
}

function addBucket(buckets: Map<string, Bucket>, key: string, name = key): Bucket {
  const bucket: Bucket = { key, name, attended: 0, eligible: 0, seen: new Set() };
  buckets.set(key, bucket);
  return bucket;
}

/** The council's curiae or groups, in their order, as empty buckets. */
function bucketsOf(t: AnalyticsTables, s: Snapshot, by: GroupBy): Map<string, Bucket> {
  const buckets = new Map<string, Bucket>();
  if (by === 'curia') for (const c of curiaeOf(t.council(s))) addBucket(buckets, c.key, c.name);
  else for (const g of t.groups(s)) if (!buckets.has(g.group_id)) addBucket(buckets, g.group_id, g.name);
  return buckets;
}

// ---------------------------------------------------------------------------------------------------------
// Cohesion
// ---------------------------------------------------------------------------------------------------------

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
      // The member's vote that counts is this one (the last recorded): an earlier vote's group no longer applies.
      bucketOf.get(v.motion_id)?.delete(v.member_id!);
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
