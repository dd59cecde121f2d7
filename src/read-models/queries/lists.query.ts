import type { Database, Statement } from 'better-sqlite3';
import { MemberRef } from '../../council/domain/events';
import { AnalyticsTables, MeetingRow, analyticsTables, meetingFiguresOf } from '../analytics/snapshot';
import { KNOWN_AT, parseJson } from './known-at';
import { CursorKey, KEY, RowWindow, windowParams } from './paging';
import { MemberOnDay, memberDetails } from './state.query';

export interface MemberView {
  memberId: string;
  name: string;
  aliases: string[];
  curia: string;
  votes: number | null;
  rank: number | null;
  electedOn: string;
  leftOn: string | null;
  leftReason: string | null;
  /** When the departure was announced (issue 25); absent when the record has no announcement. */
  leftAnnouncedOn?: string;
  /** The groups the member sat for, in date order (`to` exclusive; absent: until the member left). */
  /**
   * `from` absent: since an unknown date (issue 25); `outside: true`: a membership of an organization outside
   * the council (a party), not the group the member sat for.
   */
  affiliations: Array<{ groupId: string; from?: string; to?: string; outside?: true }>;
  /** Corrections of the member's facts (election, departure, affiliations) known at the read's record time. */
  corrections: number;
  /** Issue 21: the constituency (Popolo area) and the person's identifiers elsewhere, each absent when not on record. */
  constituency?: MemberOnDay['constituency'];
  identifiers?: MemberOnDay['identifiers'];
}

export interface MeetingView {
  meetingId: string;
  number: number | null;
  date: string;
  kind: string;
  outcome: string;
  outcomeBasis: string | null;
  reportedOutcome: string | null;
  chair: MemberRef | null;
  present: number | null;
  remoteCount: number | null;
  attendees: MemberRef[];
  /** Members certainly in office on the date, from the record as known at the read's record time (API.md: a number). */
  membership: number;
  /** Members whose dates leave it undecidable whether they were in office on the date (not counted). */
  membershipUncertain: number;
  /** `membership` as derived when the meeting was recorded (stored with the meeting). */
  membershipWhenRecorded: number | null;
  membershipUncertainWhenRecorded: number | null;
  reportedMembership: number | null;
  /** Members needed for a quorum under the quorum rule with `membership` (API.md: a number). */
  quorum: number;
  quorumRule: unknown;
  /** Members needed with every undecidable member counted in. */
  quorumIfAllUncertainIn: number;
  /** `quorum` as derived when the meeting was recorded. */
  quorumWhenRecorded: number | null;
  /** Whether the outcome was decidable from attendance when the meeting was recorded. */
  quorumCertain: boolean | null;
  /** Absent when the source gives no agenda (unknown, not none). */
  agenda?: string[];
  /** Issue 25, each absent when the source does not give it. */
  place?: string;
  startTime?: string;
  /** Who was to chair it but was replaced. */
  scheduledChair?: MemberRef;
  decisionCount?: number;
  /** Outcome not-assembled: why, in the source's words. */
  reason?: string;
  note: string | null;
  anomalies: unknown[];
  eventId: string;
  /** Corrections of the meeting known at the read's record time. */
  corrections: number;
}

export interface MotionView {
  motionId: string;
  title: string;
  kind: string;
  meetingId: string | null;
  online: boolean;
  /** online | meeting | unknown (issue 25). */
  mode: string;
  /** Who proposed it (issue 25): members with memberId, non-members by name; absent when the source names none. */
  proposers?: Array<{ memberId?: string; name: string }>;
  options: string[] | null;
  openedOn: string;
  decidedOn: string | null;
  tally: Record<string, number> | null;
  tallyFrom: string | null;
  rule: string | { atLeast: number } | null;
  base: { of: string; count: number | null; uncertain: number | null } | null;
  required: number | null;
  outcome: string | null;
  winner: string | null;
  reportedOutcome: string | null;
  reportedWinner: string | null;
  /**
   * Decision 49: false when neither the tally nor the source settles `outcome` (and `winner`); absent while
   * the motion is open and on a decision recorded before the field.
   */
  outcomeCertain?: boolean;
  /** Decision 49: 'reported' when the source's report is recorded where the tally does not decide the same; absent when unknown. */
  outcomeBasis?: 'tally' | 'reported';
  /** Absent from lists unless asked for (`?votes=true`). */
  votes?: Array<{ memberId: string | null; name: string; choice: string }>;
  /** Corrections of the motion's facts (tabling, decision, votes) known at the read's record time. */
  corrections: number;
  /** Issue 21, with the votes: members who did not vote, paired with another (not in the tally); absent when none on record. */
  pairs?: Array<{ memberId: string; name: string; pairedWith: string; pairedWithName: string }>;
  /** Sort key of the row (keyset paging); not part of the answer. */
  [KEY]?: CursorKey;
}

/** A working group; `members` is absent when the source does not give the composition (`membersKnown: false`). */
export interface WorkingGroupView {
  workingGroupId: string;
  name: string;
  formedOn: string;
  membersKnown: boolean;
  members?: MemberRef[];
  source: unknown;
  eventId: string;
}

type Raw = Record<string, string | number | null>;

/**
 * How many corrections (replacements and retractions) of a row's facts the record holds at position @p:
 * an index seek per subject (corrections_by_subject), evaluated for the rows of the page only.
 */
const CORRECTIONS = (...subjects: string[]) =>
  `(SELECT count(*) FROM corrections k WHERE k.council_id = @c AND k.subject IN (${subjects.join(', ')}) AND k.position <= @p) AS corrections_count`;

/** The council's members, meetings and motions as the record stood at position P. */
export class ListsQuery {
  private readonly allMembers: Statement;
  private readonly allAffiliations: Statement;
  private readonly meetings: Statement;
  private readonly attendance: Statement;
  private readonly attendanceOf: Statement;
  private readonly motions: Statement;
  private readonly votesOf: Statement;
  private readonly voteCount: Statement;
  private readonly pairsOf: Statement;
  private readonly tables: AnalyticsTables;
  private readonly groups: Statement;
  private readonly groupMembers: Statement;

  constructor(db: Database) {
    this.tables = analyticsTables(db);
    this.allAffiliations = db.prepare(
      `SELECT member_id, group_id, outside, from_edtf, to_edtf FROM affiliations WHERE council_id = @c AND ${KNOWN_AT()} ORDER BY member_id, from_earliest, from_latest, known_from_position`,
    );
    // Each list is ordered by a unique key and read after a key with LIMIT (keyset paging): a page costs
    // memory for its own rows only (SQLite keeps just the top rows when it must sort).
    this.allMembers = db.prepare(
      `SELECT *, ${CORRECTIONS(`'member:' || members.member_id`, `'member-affiliations:' || members.member_id`)} FROM members WHERE council_id = @c AND ${KNOWN_AT()} AND (name, member_id) > (@k0, @k1)
       ORDER BY name, member_id LIMIT @n`,
    );
    this.meetings = db.prepare(
      `SELECT *, ${CORRECTIONS(`'meeting:' || meetings.meeting_id`)} FROM meetings INDEXED BY meetings_by_date WHERE council_id = @c AND ${KNOWN_AT()}
         AND (date_earliest, number IS NULL, ifnull(number, 0), date_latest, known_from_position, meeting_id) > (@k0, @k1, @k2, @k3, @k4, @k5)
       ORDER BY date_earliest, number IS NULL, ifnull(number, 0), date_latest, known_from_position, meeting_id LIMIT @n`,
    );
    this.attendance = db.prepare(`SELECT meeting_id, member_id, name FROM meeting_attendance WHERE council_id = @c AND ${KNOWN_AT()} ORDER BY rowid`);
    this.attendanceOf = db.prepare(
      `SELECT meeting_id, member_id, name FROM meeting_attendance WHERE council_id = @c AND meeting_id IN (SELECT value FROM json_each(@ids)) AND ${KNOWN_AT()} ORDER BY rowid`,
    );
    this.motions = db.prepare(
      `SELECT *, ${CORRECTIONS(`'motion:' || motions.motion_id`, `'motion-votes:' || motions.motion_id`)} FROM motions WHERE council_id = @c AND ${KNOWN_AT()} AND opened_earliest >= @k0
         AND (opened_earliest, opened_latest, known_from_position, motion_id) > (@k0, @k1, @k2, @k3)
       ORDER BY opened_earliest, opened_latest, known_from_position, motion_id LIMIT @n`,
    );
    this.pairsOf = db.prepare(
      `SELECT motion_id, member_id, name, paired_with, paired_with_name FROM vote_pairs WHERE council_id = @c AND motion_id IN (SELECT value FROM json_each(@ids)) AND ${KNOWN_AT()} ORDER BY rowid`,
    );
    this.votesOf = db.prepare(
      `SELECT motion_id, member_id, name, choice FROM votes WHERE council_id = @c AND motion_id IN (SELECT value FROM json_each(@ids)) AND ${KNOWN_AT()} ORDER BY rowid`,
    );
    this.voteCount = db.prepare(`SELECT count(*) FROM votes WHERE council_id = @c AND motion_id = @m AND ${KNOWN_AT()}`).pluck();
    this.groups = db.prepare(
      `SELECT g.*, json_extract(e.metadata, '$.source') AS source FROM working_groups g JOIN events e ON e.event_id = g.source_event_id
       WHERE g.council_id = @c AND ${KNOWN_AT('g.')} ORDER BY g.formed_earliest, g.formed_latest, g.known_from_position`,
    );
    this.groupMembers = db.prepare(`SELECT working_group_id, member_id, name FROM working_group_members WHERE council_id = @c AND ${KNOWN_AT()} ORDER BY rowid`);
  }

  workingGroupList(councilId: string, position: number): WorkingGroupView[] {
    const params = { c: councilId, p: position };
    const members = new Map<string, MemberRef[]>();
    for (const m of this.groupMembers.all(params) as Raw[]) {
      const list = members.get(m.working_group_id as string) ?? [];
      list.push(m.member_id === null ? { name: m.name as string } : { memberId: m.member_id as string, name: m.name as string });
      members.set(m.working_group_id as string, list);
    }
    return (this.groups.all(params) as Raw[]).map((g) => {
      const known = g.members_known !== 0;
      return {
        workingGroupId: g.working_group_id as string,
        name: g.name as string,
        formedOn: g.formed_edtf as string,
        membersKnown: known,
        ...(known ? { members: members.get(g.working_group_id as string) ?? [] } : {}),
        source: parseJson(g.source as string | null) ?? null,
        eventId: g.source_event_id as string,
      };
    });
  }

  members(councilId: string, position: number, window?: RowWindow): Array<MemberView & { [KEY]?: CursorKey }> {
    const affiliations = new Map<string, MemberView['affiliations']>();
    type Row = { member_id: string; group_id: string; outside: number; from_edtf: string | null; to_edtf: string | null };
    for (const a of this.allAffiliations.all({ c: councilId, p: position }) as Row[]) {
      const list = affiliations.get(a.member_id) ?? [];
      list.push({
        groupId: a.group_id,
        ...(a.from_edtf !== null ? { from: a.from_edtf } : {}),
        ...(a.to_edtf !== null ? { to: a.to_edtf } : {}),
        ...(a.outside === 1 ? { outside: true as const } : {}),
      });
      affiliations.set(a.member_id, list);
    }
    return (this.allMembers.all({ c: councilId, p: position, ...windowParams(window, 2) }) as Raw[]).map((r) => ({
      [KEY]: [r.name, r.member_id],
      memberId: r.member_id as string,
      name: r.name as string,
      aliases: parseJson<string[]>(r.aliases as string) ?? [],
      curia: r.curia as string,
      votes: r.votes as number | null,
      rank: r.rank as number | null,
      electedOn: r.elected_edtf as string,
      leftOn: r.left_edtf as string | null,
      leftReason: r.left_reason as string | null,
      ...(r.left_announced_edtf === null || r.left_announced_edtf === undefined ? {} : { leftAnnouncedOn: r.left_announced_edtf as string }),
      affiliations: affiliations.get(r.member_id as string) ?? [],
      corrections: r.corrections_count as number,
      ...memberDetails(r as { constituency: string | null; identifiers: string | null }),
    }));
  }

  /**
   * The meetings known at P, with membership and quorum derived from the council and members as known at P
   * (the analytics' computation, `meetingFigures`), beside the figures stored when each meeting was recorded.
   */
  meetingList(councilId: string, position: number, window?: RowWindow): Array<MeetingView & { [KEY]?: CursorKey }> {
    const params = { c: councilId, p: position };
    const at = { councilId, position };
    const figures = meetingFiguresOf(this.tables.council(at), this.tables.members(at));
    const rows = this.meetings.all({ ...params, ...windowParams(window, 6) }) as Raw[];
    const attendees = new Map<string, MemberRef[]>();
    const attendance = window ? this.attendanceOf.all({ ...params, ids: JSON.stringify(rows.map((m) => m.meeting_id)) }) : this.attendance.all(params);
    for (const a of attendance as Raw[]) {
      const list = attendees.get(a.meeting_id as string) ?? [];
      list.push(a.member_id === null ? { name: a.name as string } : { memberId: a.member_id as string, name: a.name as string });
      attendees.set(a.meeting_id as string, list);
    }
    return rows.map((m) => {
      const { membership, quorum } = figures(m as unknown as MeetingRow);
      return {
      [KEY]: [m.date_earliest, m.number === null ? 1 : 0, m.number ?? 0, m.date_latest, m.known_from_position, m.meeting_id],
      meetingId: m.meeting_id as string,
      number: m.number as number | null,
      date: m.date_edtf as string,
      kind: m.kind as string,
      outcome: m.outcome as string,
      outcomeBasis: m.outcome_basis as string | null,
      reportedOutcome: m.reported_outcome as string | null,
      chair: m.chair_name === null ? null : m.chair_member_id === null ? { name: m.chair_name as string } : { memberId: m.chair_member_id as string, name: m.chair_name as string },
      present: m.present_count as number | null,
      remoteCount: m.remote_count as number | null,
      attendees: attendees.get(m.meeting_id as string) ?? [],
      membership: membership.certain,
      membershipUncertain: membership.uncertain,
      membershipWhenRecorded: m.membership_certain as number | null,
      membershipUncertainWhenRecorded: m.membership_uncertain as number | null,
      reportedMembership: m.reported_membership as number | null,
      quorum: quorum.required,
      quorumRule: quorum.rule,
      quorumIfAllUncertainIn: quorum.requiredIfAllUncertainIn,
      quorumWhenRecorded: m.quorum_required as number | null,
      quorumCertain: m.quorum_certain === null ? null : m.quorum_certain === 1,
      ...(m.agenda === null ? {} : { agenda: parseJson<string[]>(m.agenda as string) }),
      ...(m.place === null ? {} : { place: m.place as string }),
      ...(m.start_time === null ? {} : { startTime: m.start_time as string }),
      ...(m.scheduled_chair_name === null
        ? {}
        : { scheduledChair: m.scheduled_chair_member_id === null ? { name: m.scheduled_chair_name as string } : { memberId: m.scheduled_chair_member_id as string, name: m.scheduled_chair_name as string } }),
      ...(m.decision_count === null ? {} : { decisionCount: m.decision_count as number }),
      ...(m.not_assembled_reason === null ? {} : { reason: m.not_assembled_reason as string }),
      note: m.note as string | null,
      anomalies: parseJson<unknown[]>(m.anomalies as string | null) ?? [],
      eventId: m.source_event_id as string,
      corrections: m.corrections_count as number,
      };
    });
  }

  /** Motions in date order, without their individual votes (`withVotes` adds them to a page). */
  motionList(councilId: string, position: number, window?: RowWindow): MotionView[] {
    const rows = this.motions.all({ c: councilId, p: position, ...windowParams(window, 4) }) as Raw[];
    return rows.map((m) => ({
      [KEY]: [m.opened_earliest, m.opened_latest, m.known_from_position, m.motion_id],
      motionId: m.motion_id as string,
      title: m.title as string,
      kind: m.kind as string,
      meetingId: m.meeting_id as string | null,
      online: m.online === 1,
      mode: m.mode as string,
      ...(m.proposers === null || m.proposers === undefined ? {} : { proposers: parseJson<Array<{ memberId?: string; name: string }>>(m.proposers as string) }),
      options: parseJson<string[]>(m.options as string | null) ?? null,
      openedOn: m.opened_edtf as string,
      decidedOn: m.decided_edtf as string | null,
      tally: parseJson<Record<string, number>>(m.tally as string | null) ?? null,
      tallyFrom: m.tally_from as string | null,
      rule: typeof m.decision_rule === 'string' && m.decision_rule.startsWith('{') ? parseJson<{ atLeast: number }>(m.decision_rule)! : (m.decision_rule as string | null),
      base: m.base_of === null ? null : { of: m.base_of as string, count: m.base_count as number | null, uncertain: m.base_uncertain as number | null },
      required: m.required as number | null,
      outcome: m.outcome as string | null,
      winner: m.winner as string | null,
      reportedOutcome: m.reported_outcome as string | null,
      reportedWinner: m.reported_winner as string | null,
      // Decision 49: absent while open and on a decision recorded before the field (unknown, not false).
      ...(m.outcome_certain === null ? {} : { outcomeCertain: m.outcome_certain === 1 }),
      ...(m.outcome_basis === null ? {} : { outcomeBasis: m.outcome_basis as 'tally' | 'reported' }),
      corrections: m.corrections_count as number,
    }));
  }

  /**
   * How many of the first motions hold at most `maxVotes` individual votes together (at least one): a page
   * of `?votes=true` stops there (decision 46). Counting stops at the first motion past the bound.
   */
  motionsWithinVotes(councilId: string, position: number, motions: readonly MotionView[], maxVotes: number): number {
    let left = maxVotes;
    for (let i = 0; i < motions.length; i++) {
      left -= this.voteCount.get({ c: councilId, p: position, m: motions[i].motionId }) as number;
      if (left < 0) return Math.max(1, i);
    }
    return motions.length;
  }

  /**
   * The first `count` motions with their individual votes (in record order) and pairs, as known at the
   * position (`?votes=true`).
   */
  withVotes(councilId: string, position: number, motions: MotionView[], count: number): MotionView[] {
    const params = { c: councilId, p: position, ids: JSON.stringify(motions.slice(0, count).map((m) => m.motionId)) };
    const votes = new Map<string, NonNullable<MotionView['votes']>>();
    for (const v of this.votesOf.all(params) as Raw[]) {
      const list = votes.get(v.motion_id as string) ?? [];
      list.push({ memberId: v.member_id as string | null, name: v.name as string, choice: v.choice as string });
      votes.set(v.motion_id as string, list);
    }
    const pairs = new Map<string, NonNullable<MotionView['pairs']>>();
    for (const p of this.pairsOf.all(params) as Raw[]) {
      const list = pairs.get(p.motion_id as string) ?? [];
      list.push({ memberId: p.member_id as string, name: p.name as string, pairedWith: p.paired_with as string, pairedWithName: p.paired_with_name as string });
      pairs.set(p.motion_id as string, list);
    }
    return motions.map((m, i) => {
      if (i >= count) return m;
      const paired = pairs.get(m.motionId);
      return { ...m, votes: votes.get(m.motionId) ?? [], ...(paired ? { pairs: paired } : {}) };
    });
  }
}

