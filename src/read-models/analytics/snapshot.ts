import type { Database, Statement } from 'better-sqlite3';
import { QuorumFigures, QuorumRule } from '../../council/domain/events';
import { MemberState } from '../../council/domain/state';
import { inOffice } from '../../council/domain/rules/membership';
import { quorumFigures } from '../../council/domain/rules/quorum';
import { Certainty, ValidDate } from '../../council/domain/valid-date';
import { KNOWN_AT, iso, parseJson } from '../queries/known-at';
import { RecordTime, resolveRecordTime } from '../queries/record-time';
import { RecordQuery } from '../queries/record.query';
import { SourceCitation } from '../../council/domain/events';

/** How the analytics split a council: per curia or per political group (?by=). */
export type GroupBy = 'curia' | 'group';
export const GROUP_BY: readonly GroupBy[] = ['curia', 'group'];

/** A valid-time span in day numbers (days since 1970-01-01), as the read tables keep it. */
export interface Span {
  edtf: string;
  earliest: number;
  latest: number;
}

export interface CouncilRow {
  council_id: string;
  name: string;
  /** NULL when the founding date is unknown (issue 25). */
  founded_edtf: string | null;
  founded_earliest: number | null;
  founded_latest: number | null;
  /** NULL when the seat count is unknown (issue 25). */
  seats: number | null;
  curiae: string;
  quorum_rule: string;
  decision_rule: string;
  dissolved_edtf: string | null;
  dissolved_earliest: number | null;
  dissolved_latest: number | null;
  dissolution_reason: string | null;
  founded_fact_id: string;
  type: string | null;
  level: string | null;
  parent_council_id: string | null;
}

export interface MemberRow {
  member_id: string;
  name: string;
  aliases: string;
  curia: string;
  votes: number | null;
  rank: number | null;
  elected_edtf: string;
  elected_earliest: number;
  elected_latest: number;
  left_edtf: string | null;
  left_earliest: number | null;
  left_latest: number | null;
  left_reason: string | null;
  departures: number;
  /** JSON {id?, name?} / [{scheme, identifier}] (issue 21), NULL when not on record. */
  constituency: string | null;
  identifiers: string | null;
  election_fact_id: string;
  departure_fact_id: string | null;
  known_from_ms: number;
}

/** Issue 21: a pairing on a motion (vote_pairs). */
export interface PairRow {
  motion_id: string;
  member_id: string;
  paired_with: string;
}

export interface MeetingRow {
  meeting_id: string;
  number: number | null;
  date_edtf: string;
  date_earliest: number;
  date_latest: number;
  kind: string;
  outcome: string;
  outcome_basis: string | null;
  reported_outcome: string | null;
  chair_member_id: string | null;
  chair_name: string | null;
  present_count: number | null;
  named_present: number | null;
  remote_count: number | null;
  membership_certain: number | null;
  membership_uncertain: number | null;
  reported_membership: number | null;
  quorum_rule: string | null;
  quorum_required: number | null;
  quorum_required_if_all_uncertain_in: number | null;
  quorum_certain: number | null;
  agenda: string;
  note: string | null;
  anomalies: string | null;
  fact_id: string;
  source_event_id: string;
  known_from_ms: number;
}

export interface MotionRow {
  motion_id: string;
  title: string;
  kind: string;
  meeting_id: string | null;
  online: number;
  mode: string;
  options: string | null;
  opened_edtf: string;
  opened_earliest: number;
  opened_latest: number;
  decided_edtf: string | null;
  decided_earliest: number | null;
  decided_latest: number | null;
  tally: string | null;
  tally_from: string | null;
  decision_rule: string | null;
  required: number | null;
  outcome: string | null;
  winner: string | null;
  reported_outcome: string | null;
  base_uncertain: number | null;
  outcome_certain: number | null;
  outcome_basis: string | null;
  tabled_fact_id: string;
  decided_fact_id: string | null;
  known_from_ms: number;
}

export interface VoteRow {
  motion_id: string;
  member_id: string | null;
  name: string;
  choice: string;
  cast_edtf: string;
  cast_earliest: number;
  cast_latest: number;
  fact_id: string;
  source_event_id: string;
  known_from_ms: number;
}

export interface GroupRow {
  group_id: string;
  name: string;
  classification: string | null;
  founded_edtf: string | null;
}

export interface AffiliationRow {
  member_id: string;
  group_id: string;
  /** NULL: the start is unknown (issue 25); the bounds are then the widest, so no day is certain. */
  from_edtf: string | null;
  from_earliest: number;
  from_latest: number;
  to_edtf: string | null;
  to_earliest: number | null;
  to_latest: number | null;
}

/**
 * The group a member sat for over a whole date span (a day or an imprecise date): `certain` when one
 * affiliation certainly covers every day of it; else the groups it possibly was (none: no group on record).
 * Affiliations are the member's own, in record order.
 */
export function groupOn(affiliations: readonly AffiliationRow[] | undefined, date: { earliest: number; latest: number }): { certain?: string; possible: string[] } {
  const possible: string[] = [];
  for (const a of affiliations ?? []) {
    if (a.from_earliest > date.latest || (a.to_latest !== null && a.to_latest <= date.earliest)) continue;
    if (a.from_latest <= date.earliest && (a.to_earliest === null || a.to_earliest > date.latest)) return { certain: a.group_id, possible: [a.group_id] };
    possible.push(a.group_id);
  }
  return { possible };
}

export interface AttendanceRow {
  meeting_id: string;
  member_id: string | null;
  name: string;
}

export interface OfficerRow {
  role: string;
  member_id: string | null;
  name: string;
  non_member: number;
  from_edtf: string;
  from_earliest: number;
  from_latest: number;
  to_edtf: string | null;
  to_earliest: number | null;
  to_latest: number | null;
  appointed_fact_id: string;
  known_from_ms: number;
}

const validDate = (edtf: string, earliest: number, latest: number): ValidDate => ({
  edtf,
  earliestDay: earliest,
  latestDay: latest,
  exact: earliest === latest,
  uncertain: false,
  approximate: false,
});

/**
 * Was the member in office on the date (a day or an imprecise span)? The domain's own rule (`inOffice`:
 * from the election day up to, not including, the departure day; 'unknown' when the dates cannot decide).
 */
export function memberInOffice(member: MemberRow, date: { edtf?: string; earliest: number; latest: number }): Certainty {
  const state = {
    electedOn: validDate(member.elected_edtf, member.elected_earliest, member.elected_latest),
    leftOn: member.left_edtf === null ? undefined : validDate(member.left_edtf, member.left_earliest!, member.left_latest!),
  } as MemberState;
  return inOffice(state, validDate(date.edtf ?? '', date.earliest, date.latest));
}

export interface MembershipCount {
  certain: number;
  uncertain: number;
  uncertainMembers: MemberRow[];
}

/** Members certainly in office on the date, and the undecidable ones (never counted as either). */
export function membershipOn(members: readonly MemberRow[], date: { earliest: number; latest: number }, curia?: string): MembershipCount {
  const count: MembershipCount = { certain: 0, uncertain: 0, uncertainMembers: [] };
  for (const m of members) {
    if (curia !== undefined && m.curia !== curia) continue;
    const answer = memberInOffice(m, date);
    if (answer === 'yes') count.certain++;
    else if (answer === 'unknown') {
      count.uncertain++;
      count.uncertainMembers.push(m);
    }
  }
  return count;
}

/** The figures of a meeting derived from the record as known: who was in office on its date, and the quorum. */
export interface MeetingFigures {
  membership: MembershipCount;
  quorum: QuorumFigures;
}

/**
 * Membership on the meeting's date (certain / undecidable) and the quorum it requires, from the council and
 * member rows as known at one record position: the meeting's quorum rule, else the council's. The one
 * computation behind GET /meetings, analytics/attendance, the meetings CSV and the anomalies.
 */
export function meetingFigures(
  council: CouncilRow | undefined,
  members: readonly MemberRow[],
  meeting: Pick<MeetingRow, 'date_earliest' | 'date_latest' | 'quorum_rule'>,
): MeetingFigures {
  const councilRule = parseJson<QuorumRule>(council?.quorum_rule ?? null) ?? 'majority-of-members';
  const membership = membershipOn(members, { earliest: meeting.date_earliest, latest: meeting.date_latest });
  const quorum = quorumFigures(parseJson<QuorumRule>(meeting.quorum_rule) ?? councilRule, council?.seats ?? undefined, membership);
  return { membership, quorum };
}

/** `meetingFigures` bound to one council and its members. */
export const meetingFiguresOf = (council: CouncilRow | undefined, members: readonly MemberRow[]) =>
  (meeting: Pick<MeetingRow, 'date_earliest' | 'date_latest' | 'quorum_rule'>): MeetingFigures => meetingFigures(council, members, meeting);

/** The record as it stood at one position, read with a handful of statements. */
export interface Snapshot {
  councilId: string;
  position: number;
  /** The record time of the position (see resolveRecordTime). */
  knownAt: string;
  /** The UTC day that stands for "today" where a read defaults to it (JobRequest.today); else the current day. */
  today?: number;
}

/** What the table reads need of a snapshot. */
type At = Pick<Snapshot, 'councilId' | 'position'>;

/**
 * Read access shared by the analytics endpoints: resolves `knownAt`/`knownAtPosition` to a record
 * position like the core reads do, and loads each table's rows as known at that position. One instance
 * per read database (statements are prepared once).
 */
export class AnalyticsTables {
  readonly record: RecordQuery;
  private readonly stmts: Record<string, Statement>;

  constructor(readonly db: Database) {
    this.record = new RecordQuery(db);
    const known = KNOWN_AT();
    this.stmts = {
      council: db.prepare(`SELECT * FROM councils WHERE council_id = @c AND ${known}`),
      members: db.prepare(`SELECT * FROM members WHERE council_id = @c AND ${known} ORDER BY rank IS NULL, curia, rank, name, member_id`),
      meetings: db.prepare(
        `SELECT * FROM meetings WHERE council_id = @c AND ${known} ORDER BY date_earliest, number IS NULL, number, date_latest, known_from_position`,
      ),
      attendance: db.prepare(`SELECT meeting_id, member_id, name FROM meeting_attendance WHERE council_id = @c AND ${known} ORDER BY rowid`),
      motions: db.prepare(`SELECT * FROM motions WHERE council_id = @c AND ${known} ORDER BY opened_earliest, opened_latest, known_from_position`),
      votes: db.prepare(`SELECT * FROM votes WHERE council_id = @c AND ${known} ORDER BY rowid`),
      pairs: db.prepare(`SELECT motion_id, member_id, paired_with FROM vote_pairs WHERE council_id = @c AND ${known} ORDER BY rowid`),
      groups: db.prepare(`SELECT group_id, name, classification, founded_edtf FROM political_groups WHERE council_id = @c AND ${known} ORDER BY known_from_position`),
      affiliations: db.prepare(
        `SELECT member_id, group_id, from_edtf, from_earliest, from_latest, to_edtf, to_earliest, to_latest FROM affiliations
         WHERE council_id = @c AND outside = 0 AND ${known} ORDER BY fact_position`,
      ),
      officers: db.prepare(`SELECT * FROM officers WHERE council_id = @c AND ${known} ORDER BY from_earliest, role`),
      anomalousFacts: db.prepare(
        `SELECT f.fact_id, f.source_event_id, f.type, f.subject, f.valid_edtf, f.valid_earliest, f.anomalies, f.known_from_ms
         FROM facts f WHERE f.council_id = @c AND f.anomalies IS NOT NULL AND ${KNOWN_AT('f.')}
         ORDER BY f.valid_earliest, f.fact_position`,
      ),
      source: db.prepare(`SELECT json_extract(metadata, '$.source') AS source, recorded_ms FROM events WHERE event_id = ?`),
    };
  }

  /** The record position to read at (404 for a council never recorded, 400 for contradictory options). */
  snapshot(councilId: string, time: RecordTime): Snapshot {
    const { position, knownAtMs } = resolveRecordTime(this.record, councilId, time);
    return { councilId, position, knownAt: iso(knownAtMs) };
  }

  private params(s: At) {
    return { c: s.councilId, p: s.position };
  }

  council(s: At): CouncilRow | undefined {
    return this.stmts.council.get(this.params(s)) as CouncilRow | undefined;
  }
  members(s: At): MemberRow[] {
    return this.stmts.members.all(this.params(s)) as MemberRow[];
  }
  meetings(s: At): MeetingRow[] {
    return this.stmts.meetings.all(this.params(s)) as MeetingRow[];
  }
  attendance(s: At): AttendanceRow[] {
    return this.stmts.attendance.all(this.params(s)) as AttendanceRow[];
  }
  motions(s: At): MotionRow[] {
    return this.stmts.motions.all(this.params(s)) as MotionRow[];
  }
  pairs(s: At): PairRow[] {
    return this.stmts.pairs.all(this.params(s)) as PairRow[];
  }

  votes(s: At): VoteRow[] {
    return this.stmts.votes.all(this.params(s)) as VoteRow[];
  }
  groups(s: At): GroupRow[] {
    return this.stmts.groups.all(this.params(s)) as GroupRow[];
  }
  /** memberId → the member's affiliations, in record order. */
  affiliations(s: At): Map<string, AffiliationRow[]> {
    const byMember = new Map<string, AffiliationRow[]>();
    for (const a of this.stmts.affiliations.all(this.params(s)) as AffiliationRow[]) {
      const list = byMember.get(a.member_id);
      if (list) list.push(a);
      else byMember.set(a.member_id, [a]);
    }
    return byMember;
  }
  officers(s: At): OfficerRow[] {
    return this.stmts.officers.all(this.params(s)) as OfficerRow[];
  }
  anomalousFacts(s: At): Array<{
    fact_id: string; source_event_id: string; type: string; subject: string; valid_edtf: string | null; valid_earliest: number | null; anomalies: string; known_from_ms: number;
  }> {
    return this.stmts.anomalousFacts.all(this.params(s)) as never;
  }
  /** The source an event cites (from its metadata) and when it was recorded. */
  source(eventId: string): { source: SourceCitation | null; recordedMs: number } | undefined {
    const r = this.stmts.source.get(eventId) as { source: string | null; recorded_ms: number } | undefined;
    return r && { source: parseJson<SourceCitation>(r.source) ?? null, recordedMs: r.recorded_ms };
  }
}

const instances = new WeakMap<Database, AnalyticsTables>();

/** The AnalyticsTables of a read database (created on first use). */
export function analyticsTables(db: Database): AnalyticsTables {
  let tables = instances.get(db);
  if (!tables) {
    tables = new AnalyticsTables(db);
    instances.set(db, tables);
  }
  return tables;
}

export interface Curia {
  key: string;
  name: string;
  /** Absent when the council's seat count is unknown (issue 25). */
  seats?: number;
}
export const curiaeOf = (council: CouncilRow | undefined): Curia[] => (council ? parseJson<Curia[]>(council.curiae) ?? [] : []);
