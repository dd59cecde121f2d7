import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { problem } from '../api/problem';
import { NotFoundError } from '../council/domain/errors';
import { parseDay, parseValidDate } from '../council/domain/valid-date';
import { PROJECTION_STATUS, ProjectionStatus } from './projection-status';
import { NOW } from './queries/known-at';
import { CouncilSummaryRow, CouncilsQuery } from './queries/councils.query';
import { ElectionView, ElectionsQuery } from './queries/elections.query';
import { InferencesQuery, InferencesView } from './inferences/inferences.query';
import { ListsQuery, MeetingView, MemberView, MotionView, WorkingGroupView } from './queries/lists.query';
import { RecordQuery, RecordedEventView, TimelineEntry } from './queries/record.query';
import { RecordTime, ResolvedRecordTime, resolveRecordTime } from './queries/record-time';
import { CouncilStateView, StateQuery, UncertainMember } from './queries/state.query';
import { READ_DATABASE } from './read-database';

export type { RecordTime } from './queries/record-time';

const MS_PER_DAY = 86_400_000;

/** Read-side application service: validates read parameters and runs the temporal queries. */
@Injectable()
export class CouncilReads {
  private readonly stateQuery: StateQuery;
  private readonly lists: ListsQuery;
  private readonly record: RecordQuery;
  private readonly councils: CouncilsQuery;
  private readonly electionsQuery: ElectionsQuery;
  private readonly inferencesQuery: InferencesQuery;

  constructor(
    @Inject(READ_DATABASE) db: Database,
    @Inject(PROJECTION_STATUS) private readonly status: ProjectionStatus,
  ) {
    this.stateQuery = new StateQuery(db);
    this.lists = new ListsQuery(db);
    this.record = new RecordQuery(db);
    this.councils = new CouncilsQuery(db);
    this.electionsQuery = new ElectionsQuery(db);
    this.inferencesQuery = new InferencesQuery(db);
  }

  /** Every council the record knows, as it currently states them. */
  councilList(): CouncilSummaryRow[] {
    return this.councils.list();
  }

  /** A council as the record states it now, with its state today. */
  councilSummary(councilId: string): CouncilSummaryRow & Omit<CouncilStateView, 'councilId' | 'members' | 'uncertainMembers'> & { uncertainMemberCount: number } {
    const council = this.councils.get(councilId);
    if (!council) throw new NotFoundError('council', councilId);
    const { members: _members, uncertainMembers, councilId: _id, ...today } = this.state(councilId, undefined, {});
    return { ...council, ...today, uncertainMemberCount: uncertainMembers.length };
  }

  state(councilId: string, at: string | undefined, time: RecordTime): CouncilStateView {
    const day = this.day(at);
    const { position, knownAtMs } = this.recordTime(councilId, time);
    const view = this.stateQuery.run(councilId, day, position, knownAtMs);
    if (position === NOW) view.knownAtPosition = this.status.checkpoint()?.toString() ?? '0';
    return view;
  }

  /** Members in office on `at` (and the undecidable ones), or without `at` every member with their term. */
  members(councilId: string, at: string | undefined, time: RecordTime):
    | { councilId: string; at: string; memberCount: number; members: Array<MemberView & { since: string }>; uncertainMembers: UncertainMember[] }
    | { councilId: string; members: MemberView[] } {
    const { position, knownAtMs } = this.recordTime(councilId, time);
    const all = this.lists.members(councilId, position);
    if (at === undefined) return { councilId, members: all };
    const day = this.day(at);
    const state = this.stateQuery.run(councilId, day, position, knownAtMs);
    const byId = new Map(all.map((m) => [m.memberId, m]));
    return {
      councilId,
      at: state.at,
      memberCount: state.memberCount,
      members: state.members.map((m) => ({ ...byId.get(m.memberId)!, since: m.since })),
      uncertainMembers: state.uncertainMembers,
    };
  }

  /** Meetings with membership and quorum derived from the record as known at the record time (as the analytics do). */
  meetings(councilId: string, time: RecordTime): MeetingView[] {
    return this.lists.meetingList(councilId, this.recordTime(councilId, time).position);
  }

  motions(councilId: string, time: RecordTime): MotionView[] {
    return this.lists.motionList(councilId, this.recordTime(councilId, time).position);
  }

  /** Elections on record, in date order, with only the figures the record knows. */
  elections(councilId: string, time: RecordTime): ElectionView[] {
    return this.electionsQuery.list(councilId, this.recordTime(councilId, time).position);
  }

  /** What the reported figures and dated facts imply about imprecise dates: derived here, never recorded. */
  inferences(councilId: string, time: RecordTime): InferencesView {
    return this.inferencesQuery.run(councilId, this.recordTime(councilId, time).position);
  }

  /** Working groups; a group whose composition the source does not give says so (`membersKnown: false`). */
  workingGroups(councilId: string, time: RecordTime): WorkingGroupView[] {
    return this.lists.workingGroupList(councilId, this.recordTime(councilId, time).position);
  }

  timeline(councilId: string, from: string | undefined, to: string | undefined, time: RecordTime): TimelineEntry[] {
    const fromDay = from === undefined ? Number.MIN_SAFE_INTEGER : parseValidDate(from).earliestDay;
    const toDay = to === undefined ? Number.MAX_SAFE_INTEGER : parseValidDate(to).latestDay;
    if (fromDay > toDay) {
      const message = `from (${from}) is later than to (${to}): no date can fall in the range`;
      throw new BadRequestException(
        problem(400, 'validation', 'Invalid request', message, {
          errors: [{ field: 'from', message: `must not be later than to (${to})` }, { field: 'to', message: `must not be earlier than from (${from})` }],
        }),
      );
    }
    return this.record.timelineEntries(councilId, fromDay, toDay, this.recordTime(councilId, time).position);
  }

  events(councilId: string, after: string | undefined, limit: number | undefined): RecordedEventView[] {
    this.assertKnown(councilId);
    return this.record.recordedEvents(councilId, after === undefined ? 0 : Number(after), limit ?? 100);
  }

  private day(at: string | undefined): number {
    return at === undefined ? Math.floor(Date.now() / MS_PER_DAY) : parseDay(at);
  }

  private assertKnown(councilId: string): void {
    if (!this.record.councilKnown(councilId)) throw new NotFoundError('council', councilId);
  }

  private recordTime(councilId: string, time: RecordTime): ResolvedRecordTime {
    return resolveRecordTime(this.record, councilId, time);
  }
}
