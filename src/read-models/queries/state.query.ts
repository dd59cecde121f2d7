import type { Database, Statement } from 'better-sqlite3';
import { KNOWN_AT, iso, isoDay } from './known-at';

export interface MemberOnDay {
  memberId: string;
  name: string;
  curia: string;
  since: string;
  /** The group the member certainly sat for on the day; absent when none is on record or the dates cannot tell. */
  group?: string;
}
export interface UncertainMember {
  memberId: string;
  name: string;
  why: string;
}
export interface OfficerOnDay {
  role: string;
  memberId: string | null;
  name: string;
  since: string;
}
export type CouncilStatus = 'not-founded' | 'active' | 'dissolved';

export interface CouncilStateView {
  councilId: string;
  at: string;
  knownAt: string;
  knownAtPosition: string;
  status: CouncilStatus;
  /** False when the founding or dissolution date is too imprecise to decide the status on `at`. */
  statusCertain: boolean;
  memberCount: number;
  members: MemberOnDay[];
  uncertainMembers: UncertainMember[];
  officers: OfficerOnDay[];
  uncertainOfficers: Array<OfficerOnDay & { why: string }>;
  meetingsHeld: number;
  quorumFailures: number;
  lastMeeting?: { meetingId: string; number: number | null; date: string; outcome: string };
}

interface CouncilRow {
  founded_earliest: number;
  founded_latest: number;
  dissolved_earliest: number | null;
  dissolved_latest: number | null;
}
interface TermRow {
  id: string | null;
  name: string;
  extra: string;
  start_edtf: string;
  start_earliest: number;
  start_latest: number;
  end_edtf: string | null;
  end_earliest: number | null;
  end_latest: number | null;
}

/**
 * The council on day D as the record stood at position P. Each list is one range scan of a
 * (council_id, start_earliest, known_from_position, known_to_position, ...) index.
 */
export class StateQuery {
  private readonly council: Statement;
  private readonly members: Statement;
  private readonly officers: Statement;
  private readonly meetingCounts: Statement;
  private readonly lastMeeting: Statement;
  private readonly affiliations: Statement;

  constructor(db: Database) {
    this.council = db.prepare(
      `SELECT founded_earliest, founded_latest, dissolved_earliest, dissolved_latest FROM councils WHERE council_id = @c AND ${KNOWN_AT()}`,
    );
    this.members = db.prepare(
      `SELECT member_id AS id, name, curia AS extra, elected_edtf AS start_edtf, elected_earliest AS start_earliest, elected_latest AS start_latest,
              left_edtf AS end_edtf, left_earliest AS end_earliest, left_latest AS end_latest
       FROM members INDEXED BY members_on_day
       WHERE council_id = @c AND elected_earliest <= @d AND ${KNOWN_AT()} AND (left_latest IS NULL OR left_latest > @d)
       ORDER BY name, member_id`,
    );
    this.officers = db.prepare(
      `SELECT member_id AS id, name, role AS extra, from_edtf AS start_edtf, from_earliest AS start_earliest, from_latest AS start_latest,
              to_edtf AS end_edtf, to_earliest AS end_earliest, to_latest AS end_latest
       FROM officers WHERE council_id = @c AND from_earliest <= @d AND ${KNOWN_AT()} AND (to_latest IS NULL OR to_latest > @d)
       ORDER BY role, from_earliest`,
    );
    this.meetingCounts = db.prepare(
      `SELECT outcome, count(*) AS n FROM meetings INDEXED BY meetings_by_date
       WHERE council_id = @c AND date_latest <= @d AND ${KNOWN_AT()} GROUP BY outcome`,
    );
    this.lastMeeting = db.prepare(
      `SELECT meeting_id, number, date_edtf, outcome FROM meetings INDEXED BY meetings_by_date
       WHERE council_id = @c AND date_latest <= @d AND ${KNOWN_AT()}
       ORDER BY date_latest DESC, date_earliest DESC, number DESC, meeting_id DESC LIMIT 1`,
    );
    this.affiliations = db.prepare(
      `SELECT member_id, group_id, (from_latest <= @d AND (to_earliest IS NULL OR to_earliest > @d)) AS certain
       FROM affiliations WHERE council_id = @c AND from_earliest <= @d AND ${KNOWN_AT()} AND (to_latest IS NULL OR to_latest > @d)
       ORDER BY fact_position`,
    );
  }

  /**
   * memberId → the group each member certainly sat for on the day. A member with two candidate groups (an
   * anomaly recorded anyway) gets the earlier-recorded one; one whose dates leave it open gets none.
   */
  groupsOn(councilId: string, day: number, position: number): Map<string, string> {
    const groups = new Map<string, string>();
    for (const a of this.affiliations.all({ c: councilId, d: day, p: position }) as Array<{ member_id: string; group_id: string; certain: number }>) {
      if (a.certain === 1 && !groups.has(a.member_id)) groups.set(a.member_id, a.group_id);
    }
    return groups;
  }

  run(councilId: string, day: number, position: number, knownAtMs: number): CouncilStateView {
    const params = { c: councilId, d: day, p: position };
    const at = isoDay(day);
    const council = this.council.get(params) as CouncilRow | undefined;
    let status: CouncilStatus = 'not-founded';
    let statusCertain = true;
    if (council) {
      if (council.founded_earliest > day) status = 'not-founded';
      else if (council.dissolved_latest !== null && council.dissolved_latest <= day) status = 'dissolved';
      else {
        status = 'active';
        statusCertain = council.founded_latest <= day && (council.dissolved_earliest === null || council.dissolved_earliest > day);
      }
    }
    const view: CouncilStateView = {
      councilId,
      at,
      knownAt: iso(knownAtMs),
      knownAtPosition: String(position),
      status,
      statusCertain,
      memberCount: 0,
      members: [],
      uncertainMembers: [],
      officers: [],
      uncertainOfficers: [],
      meetingsHeld: 0,
      quorumFailures: 0,
    };
    // Nobody sits on a council that certainly does not exist on the day.
    if (status === 'active') {
      const groups = this.groupsOn(councilId, day, position);
      for (const row of this.members.all(params) as TermRow[]) {
        const why = uncertainty(row, day, at, 'was elected', 'left');
        if (why) view.uncertainMembers.push({ memberId: row.id!, name: row.name, why });
        else {
          const group = groups.get(row.id!);
          view.members.push({ memberId: row.id!, name: row.name, curia: row.extra, since: row.start_edtf, ...(group !== undefined ? { group } : {}) });
        }
      }
      view.memberCount = view.members.length;
      for (const row of this.officers.all(params) as TermRow[]) {
        const officer = { role: row.extra, memberId: row.id, name: row.name, since: row.start_edtf };
        const why = uncertainty(row, day, at, 'took office', 'ended the term');
        if (why) view.uncertainOfficers.push({ ...officer, why });
        else view.officers.push(officer);
      }
    }
    for (const row of this.meetingCounts.all(params) as Array<{ outcome: string; n: number }>) {
      if (row.outcome === 'held') view.meetingsHeld = row.n;
      else if (row.outcome === 'quorum-failed') view.quorumFailures = row.n;
    }
    const last = this.lastMeeting.get(params) as { meeting_id: string; number: number | null; date_edtf: string; outcome: string } | undefined;
    if (last) view.lastMeeting = { meetingId: last.meeting_id, number: last.number, date: last.date_edtf, outcome: last.outcome };
    return view;
  }
}

function uncertainty(row: TermRow, day: number, at: string, started: string, ended: string): string | undefined {
  const reasons: string[] = [];
  if (row.start_latest > day) reasons.push(`${started} ${row.start_edtf}, which may be after ${at}`);
  if (row.end_earliest !== null && row.end_earliest <= day) reasons.push(`${ended} ${row.end_edtf}, which may be on or before ${at}`);
  return reasons.length ? reasons.join('; ') : undefined;
}
