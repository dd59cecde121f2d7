import { AnalyticsTables, GroupBy, Snapshot, curiaeOf, groupOn, meetingFiguresOf, memberInOffice } from './snapshot';

/** GET .../analytics/attendance: per meeting, per member, and per curia or group. */
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
