import type { Database, Statement } from 'better-sqlite3';
import { MAX_INDEXED_DAY, MIN_INDEXED_DAY, MeetingCounter, SPAN_ON } from '../as-of-index';
import { KNOWN_AT, iso, isoDay, parseJson } from './known-at';
import type { Constituency, PersonIdentifier } from '../../council/domain/events';

export interface MemberOnDay {
  memberId: string;
  name: string;
  curia: string;
  since: string;
  /** The group the member certainly sat for on the day; absent when none is on record or the dates cannot tell. */
  group?: string;
  /** The constituency the member was elected for (issue 21); absent when the record has none. */
  constituency?: Constituency;
  /** The person's identifiers in other registers (issue 21); absent when the record has none. */
  identifiers?: PersonIdentifier[];
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
  /**
   * Issue 25: members' affiliations with organizations outside the council (a party) that may hold on `at`:
   * `since` absent when the start is unknown, `certain` only when the start is known and on or before `at`
   * and the end after it (an unknown start is certain on no day).
   */
  outsideAffiliations: Array<{ memberId: string; groupId: string; since?: string; until?: string; certain: boolean }>;
}

interface CouncilRow {
  /** NULL when the founding date is unknown (issue 25). */
  founded_earliest: number | null;
  founded_latest: number | null;
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
  constituency?: string | null;
  identifiers?: string | null;
}

/**
 * The council on day D as the record stood at position P, from the as-of index (as-of-index.ts): the
 * members, officers and affiliations on the day are a point query of their span rtrees (cost: the answer
 * plus the tree's depth), the meeting counts and the last meeting's day come from versioned counters
 * (≤ 48 index seeks). Nothing here reads every earlier meeting or term.
 */
export class StateQuery {
  private readonly council: Statement;
  private readonly members: Statement;
  private readonly officers: Statement;
  private readonly lastMeeting: Statement;
  private readonly affiliations: Statement;
  private readonly outside: Statement;
  private readonly meetingCounter: MeetingCounter;

  constructor(db: Database) {
    this.meetingCounter = new MeetingCounter(db);
    this.council = db.prepare(
      `SELECT founded_earliest, founded_latest, dissolved_earliest, dissolved_latest FROM councils WHERE council_id = @c AND ${KNOWN_AT()}`,
    );
    this.members = db.prepare(
      `SELECT m.member_id AS id, m.name, m.curia AS extra, m.elected_edtf AS start_edtf, m.elected_earliest AS start_earliest, m.elected_latest AS start_latest,
              m.left_edtf AS end_edtf, m.left_earliest AS end_earliest, m.left_latest AS end_latest, m.constituency, m.identifiers
       FROM members_span s CROSS JOIN members m ON m.rowid = s.id
       WHERE ${SPAN_ON('s')} AND m.council_id = @c AND m.elected_earliest <= @d AND ${KNOWN_AT('m.')} AND (m.left_latest IS NULL OR m.left_latest > @d)
       ORDER BY m.name, m.member_id`,
    );
    this.officers = db.prepare(
      `SELECT o.member_id AS id, o.name, o.role AS extra, o.from_edtf AS start_edtf, o.from_earliest AS start_earliest, o.from_latest AS start_latest,
              o.to_edtf AS end_edtf, o.to_earliest AS end_earliest, o.to_latest AS end_latest
       FROM officers_span s CROSS JOIN officers o ON o.rowid = s.id
       WHERE ${SPAN_ON('s')} AND o.council_id = @c AND o.from_earliest <= @d AND ${KNOWN_AT('o.')} AND (o.to_latest IS NULL OR o.to_latest > @d)
       ORDER BY o.role, o.from_earliest`,
    );
    // The meetings on the last day that has one (found by the counters): @lo = @hi = that day, a range only
    // when the day is at an end of the counters' axis. A range up to @d would read every meeting recorded
    // after P on a later day.
    this.lastMeeting = db.prepare(
      `SELECT meeting_id, number, date_edtf, outcome FROM meetings INDEXED BY meetings_by_date
       WHERE council_id = @c AND date_latest >= @lo AND date_latest <= @hi AND ${KNOWN_AT()}
       ORDER BY date_latest DESC, date_earliest DESC, number DESC, meeting_id DESC LIMIT 1`,
    );
    this.affiliations = db.prepare(
      `SELECT a.member_id, a.group_id, (a.from_latest <= @d AND (a.to_earliest IS NULL OR a.to_earliest > @d)) AS certain
       FROM affiliations_span s CROSS JOIN affiliations a ON a.rowid = s.id
       WHERE ${SPAN_ON('s')} AND a.council_id = @c AND a.outside = 0 AND a.from_earliest <= @d AND ${KNOWN_AT('a.')} AND (a.to_latest IS NULL OR a.to_latest > @d)
       ORDER BY a.fact_position`,
    );
    this.outside = db.prepare(
      `SELECT a.member_id, a.group_id, a.from_edtf, a.to_edtf, (a.from_latest <= @d AND (a.to_earliest IS NULL OR a.to_earliest > @d)) AS certain
       FROM affiliations_span s CROSS JOIN affiliations a ON a.rowid = s.id
       WHERE ${SPAN_ON('s')} AND a.council_id = @c AND a.outside = 1 AND a.from_earliest <= @d AND ${KNOWN_AT('a.')} AND (a.to_latest IS NULL OR a.to_latest > @d)
       ORDER BY a.member_id, a.fact_position`,
    );
  }

  /**
   * memberId → the group each member certainly sat for on the day. A member with two candidate groups (an
   * anomaly recorded anyway) gets the earlier-recorded one; one whose dates leave it open gets none.
   */
  groupsOn(councilId: string, day: number, position: number): Map<string, string> {
    const groups = new Map<string, string>();
    const k = this.meetingCounter.councilKey(councilId);
    if (k === undefined) return groups;
    for (const a of this.affiliations.all({ c: councilId, k, d: day, p: position }) as Array<{ member_id: string; group_id: string; certain: number }>) {
      if (a.certain === 1 && !groups.has(a.member_id)) groups.set(a.member_id, a.group_id);
    }
    return groups;
  }

  run(councilId: string, day: number, position: number, knownAtMs: number): CouncilStateView {
    const k = this.meetingCounter.councilKey(councilId) ?? -1;
    const params = { c: councilId, k, d: day, p: position };
    const at = isoDay(day);
    const council = this.council.get(params) as CouncilRow | undefined;
    let status: CouncilStatus = 'not-founded';
    let statusCertain = true;
    if (council) {
      if (council.founded_earliest !== null && council.founded_earliest > day) status = 'not-founded';
      else if (council.dissolved_latest !== null && council.dissolved_latest <= day) status = 'dissolved';
      else {
        // An unknown founding date (issue 25) never makes a day 'not-founded', and never certain by itself:
        // the council is then certainly active only on a day a member is certainly in office (below).
        status = 'active';
        statusCertain = council.founded_latest !== null && council.founded_latest <= day && (council.dissolved_earliest === null || council.dissolved_earliest > day);
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
      outsideAffiliations: [],
    };
    // Nobody sits on a council that certainly does not exist on the day.
    if (status === 'active') {
      const groups = this.groupsOn(councilId, day, position);
      for (const row of this.members.all(params) as TermRow[]) {
        const why = uncertainty(row, day, at, 'was elected', 'left');
        if (why) view.uncertainMembers.push({ memberId: row.id!, name: row.name, why });
        else {
          const group = groups.get(row.id!);
          view.members.push({
            memberId: row.id!, name: row.name, curia: row.extra, since: row.start_edtf, ...(group !== undefined ? { group } : {}), ...memberDetails(row),
          });
        }
      }
      view.memberCount = view.members.length;
      if (council?.founded_latest === null && view.memberCount > 0) view.statusCertain = council.dissolved_earliest === null || council.dissolved_earliest > day;
      for (const row of this.officers.all(params) as TermRow[]) {
        const officer = { role: row.extra, memberId: row.id, name: row.name, since: row.start_edtf };
        const why = uncertainty(row, day, at, 'took office', 'ended the term');
        if (why) view.uncertainOfficers.push({ ...officer, why });
        else view.officers.push(officer);
      }
    }
    type OutsideRow = { member_id: string; group_id: string; from_edtf: string | null; to_edtf: string | null; certain: number };
    for (const a of this.outside.all(params) as OutsideRow[]) {
      view.outsideAffiliations.push({
        memberId: a.member_id,
        groupId: a.group_id,
        ...(a.from_edtf !== null ? { since: a.from_edtf } : {}),
        ...(a.to_edtf !== null ? { until: a.to_edtf } : {}),
        certain: a.certain === 1,
      });
    }
    const meetings = this.meetingCounter.onOrBefore(k, day, position);
    view.meetingsHeld = meetings.held;
    view.quorumFailures = meetings.failed;
    if (meetings.lastDay !== undefined) {
      const lo = meetings.lastDay <= MIN_INDEXED_DAY ? -Number.MAX_SAFE_INTEGER : meetings.lastDay;
      const hi = meetings.lastDay >= MAX_INDEXED_DAY ? day : meetings.lastDay;
      const last = this.lastMeeting.get({ ...params, lo, hi }) as { meeting_id: string; number: number | null; date_edtf: string; outcome: string } | undefined;
      if (last) view.lastMeeting = { meetingId: last.meeting_id, number: last.number, date: last.date_edtf, outcome: last.outcome };
    }
    return view;
  }
}

/** The member's constituency and identifiers as recorded; each absent when the record has none. */
export function memberDetails(row: { constituency?: string | null; identifiers?: string | null }): Pick<MemberOnDay, 'constituency' | 'identifiers'> {
  const constituency = parseJson<Constituency>(row.constituency ?? null);
  const identifiers = parseJson<PersonIdentifier[]>(row.identifiers ?? null);
  return { ...(constituency ? { constituency } : {}), ...(identifiers ? { identifiers } : {}) };
}

function uncertainty(row: TermRow, day: number, at: string, started: string, ended: string): string | undefined {
  const reasons: string[] = [];
  if (row.start_latest > day) reasons.push(`${started} ${row.start_edtf}, which may be after ${at}`);
  if (row.end_earliest !== null && row.end_earliest <= day) reasons.push(`${ended} ${row.end_edtf}, which may be on or before ${at}`);
  return reasons.length ? reasons.join('; ') : undefined;
}
