import { BadRequestException, Inject, Injectable, Optional } from '@nestjs/common';
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
import { CouncilBodyView, CouncilDescriptionView, LifeFactsQuery, MemberStatusView, MembersStatementView } from './queries/life-facts.query';
import { READ_DATABASE } from './read-database';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CursorCodec, CursorKey, DEFAULT_PAGE_LIMIT, KEY, Page, pageOf, afterKey, storedCursorSecret } from './queries/paging';

/** `?limit=` and `?cursor=` of a paged list. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

interface Pinned {
  /** The record position every page of the walk reads at. */
  position: number;
  after?: CursorKey;
  limit: number;
}

const keyOf = (row: { [KEY]?: CursorKey }): CursorKey => row[KEY]!;

export type { RecordTime } from './queries/record-time';

const MS_PER_DAY = 86_400_000;

/** Read-side application service: validates read parameters and runs the temporal queries. */
@Injectable()
export class CouncilReads {
  private readonly stateQuery: StateQuery;
  private readonly lists: ListsQuery;
  private readonly record: RecordQuery;
  private readonly councils: CouncilsQuery;
  private readonly cursors: CursorCodec;
  private readonly electionsQuery: ElectionsQuery;
  private readonly inferencesQuery: InferencesQuery;
  private readonly lifeFacts: LifeFactsQuery;
  /** Most individual votes in a page of motions with votes (READ_PAGE_VOTES). */
  private readonly pageVotes: number;

  constructor(
    @Inject(READ_DATABASE) db: Database,
    @Inject(PROJECTION_STATUS) private readonly status: ProjectionStatus,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.pageVotes = config?.readPageVotes ?? 20_000;
    this.cursors = new CursorCodec(config?.cursorSecret ?? (config?.dataDir ? storedCursorSecret(config.dataDir) : undefined));
    this.stateQuery = new StateQuery(db);
    this.lists = new ListsQuery(db);
    this.record = new RecordQuery(db);
    this.councils = new CouncilsQuery(db);
    this.electionsQuery = new ElectionsQuery(db);
    this.inferencesQuery = new InferencesQuery(db);
    this.lifeFacts = new LifeFactsQuery(db);
  }

  /** Every council the record knows, as it currently states them. */
  councilList(): CouncilSummaryRow[] {
    return this.councils.list();
  }

  /** A council as the record states it now, with its state today. */
  councilSummary(councilId: string): CouncilSummaryRow &
    Omit<CouncilStateView, 'councilId' | 'members' | 'uncertainMembers'> & { uncertainMemberCount: number; description?: CouncilDescriptionView } {
    const council = this.councils.get(councilId);
    if (!council) throw new NotFoundError('council', councilId);
    const { members: _members, uncertainMembers, councilId: _id, ...today } = this.state(councilId, undefined, {});
    // Issue 25: abbreviations, ideology, term and convocation, when the record describes the council.
    const description = this.lifeFacts.description(councilId, NOW);
    return { ...council, ...today, uncertainMemberCount: uncertainMembers.length, ...(description ? { description } : {}) };
  }

  state(councilId: string, at: string | undefined, time: RecordTime): CouncilStateView & { memberStatuses: MemberStatusView[] } {
    const day = this.day(at);
    const { position, knownAtMs } = this.recordTime(councilId, time);
    const view = this.stateQuery.run(councilId, day, position, knownAtMs);
    if (position === NOW) view.knownAtPosition = this.status.checkpoint()?.toString() ?? '0';
    // Issue 25: statuses that are not departures (arrested, house arrest, left the country), latest first begun by the day.
    return { ...view, memberStatuses: this.lifeFacts.statusesOn(councilId, day, position) };
  }

  /** Issue 25: every member status on record, in date order. */
  memberStatuses(councilId: string, time: RecordTime): Array<MemberStatusView & { source: unknown; eventId: string }> {
    return this.lifeFacts.statuses(councilId, this.recordTime(councilId, time).position);
  }

  /** Issue 25: council bodies (committees, sets of working groups with unknown names), formed by `at` when given. */
  bodies(councilId: string, at: string | undefined, time: RecordTime): CouncilBodyView[] {
    return this.lifeFacts.bodies(councilId, this.recordTime(councilId, time).position, at === undefined ? undefined : this.day(at));
  }

  /** Issue 25: statements by part of the members (not acts of the council). */
  statements(councilId: string, time: RecordTime): MembersStatementView[] {
    return this.lifeFacts.statements(councilId, this.recordTime(councilId, time).position);
  }

  /** Members in office on `at` (and the undecidable ones), or without `at` every member with their term. */
  members(councilId: string, at: string | undefined, time: RecordTime, page: PageRequest = {}): Page<
    | { councilId: string; at: string; memberCount: number; members: Array<MemberView & { since: string }>; uncertainMembers: UncertainMember[] }
    | { councilId: string; members: MemberView[] }
  > {
    const pinned = this.pin('members', councilId, JSON.stringify([at ?? null]), time, page);
    const base = { list: 'members', councilId, filters: JSON.stringify([at ?? null]), position: pinned.position };
    if (at === undefined) {
      const rows = this.lists.members(councilId, pinned.position, { after: pinned.after, limit: pinned.limit + 1 });
      const { rows: members, next } = pageOf(rows, pinned.limit, keyOf, base);
      return { rows: [{ councilId, members }], next, position: pinned.position };
    }
    // Members on a day are derived (who was in office then): the day's list is built, then cut by key.
    const { knownAtMs } = this.recordTime(councilId, time);
    const day = this.day(at);
    const state = this.stateQuery.run(councilId, day, pinned.position, knownAtMs);
    const byId = new Map(this.lists.members(councilId, pinned.position).map((m) => [m.memberId, m]));
    const onDay = state.members.map((m) => ({ ...byId.get(m.memberId)!, since: m.since, ...(m.group !== undefined ? { group: m.group } : {}), [KEY]: [m.memberId] as CursorKey }));
    const { rows: members, next } = pageOf(afterKey(onDay, pinned.after, keyOf).slice(0, pinned.limit + 1), pinned.limit, keyOf, base);
    return {
      rows: [{ councilId, at: state.at, memberCount: state.memberCount, members, uncertainMembers: state.uncertainMembers }],
      next,
      position: pinned.position,
    };
  }

  /** Meetings with membership and quorum derived from the record as known at the record time (as the analytics do). */
  meetings(councilId: string, time: RecordTime, page: PageRequest = {}): Page<MeetingView> {
    const pinned = this.pin('meetings', councilId, '', time, page);
    const rows = this.lists.meetingList(councilId, pinned.position, { after: pinned.after, limit: pinned.limit + 1 });
    return pageOf(rows, pinned.limit, keyOf, { list: 'meetings', councilId, filters: '', position: pinned.position });
  }

  motions(councilId: string, time: RecordTime, page: PageRequest = {}, votes = false): Page<MotionView> {
    const pinned = this.pin('motions', councilId, '', time, page);
    let rows = this.lists.motionList(councilId, pinned.position, { after: pinned.after, limit: pinned.limit + 1 });
    let limit = pinned.limit;
    if (votes) {
      // A page holds at most READ_PAGE_VOTES individual votes (never fewer than one motion): it may stop
      // before `limit`, and its Link says where the next starts (decision 46).
      limit = Math.min(limit, this.lists.motionsWithinVotes(councilId, pinned.position, rows, this.pageVotes));
      rows = this.lists.withVotes(councilId, pinned.position, rows, limit);
    }
    return pageOf(rows, limit, keyOf, { list: 'motions', councilId, filters: '', position: pinned.position });
  }

  /** Elections on record, in date order, with only the figures the record knows. */
  elections(councilId: string, time: RecordTime): ElectionView[] {
    return this.electionsQuery.list(councilId, this.recordTime(councilId, time).position);
  }

  /** The record position and instant a read with this record time reads at (404 for an unknown council). */
  resolveRecordTime(councilId: string, time: RecordTime): ResolvedRecordTime {
    return this.recordTime(councilId, time);
  }

  /** What the reported figures and dated facts imply about imprecise dates: derived here, never recorded. */
  inferences(councilId: string, time: RecordTime): InferencesView {
    return this.inferencesQuery.run(councilId, this.recordTime(councilId, time).position);
  }

  /** Working groups; a group whose composition the source does not give says so (`membersKnown: false`). */
  workingGroups(councilId: string, time: RecordTime): WorkingGroupView[] {
    return this.lists.workingGroupList(councilId, this.recordTime(councilId, time).position);
  }

  timeline(councilId: string, from: string | undefined, to: string | undefined, time: RecordTime, page: PageRequest = {}): Page<TimelineEntry> {
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
    const filters = JSON.stringify([from ?? null, to ?? null]);
    const pinned = this.pin('timeline', councilId, filters, time, page);
    const rows = this.record.timelineEntries(councilId, fromDay, toDay, pinned.position, { after: pinned.after, limit: pinned.limit + 1 });
    return pageOf(rows, pinned.limit, keyOf, { list: 'timeline', councilId, filters, position: pinned.position });
  }

  /** The audit log in record order, after `after` (or the cursor's last position). */
  events(councilId: string, after: string | undefined, page: PageRequest = {}): Page<RecordedEventView> {
    this.assertKnown(councilId);
    // A walk ends at the head as it was when the walk began (events recorded meanwhile: a new walk after it).
    const pinned = this.pin('events', councilId, '', {}, page);
    const start = pinned.after ? Number(pinned.after[0]) : after === undefined ? 0 : Number(after);
    const rows = this.record.recordedEvents(councilId, start, pinned.limit + 1, pinned.position);
    return pageOf(rows, pinned.limit, (e) => [Number(e.position)], { list: 'events', councilId, filters: '', position: pinned.position });
  }

  /** The record position a page of a derived list reads at (the cursor's, or the record time's; now: the checkpoint). */
  pinnedPosition(list: string, councilId: string, filters: string, time: RecordTime, page: PageRequest): number {
    return this.pin(list, councilId, filters, time, page).position;
  }

  /** A derived list (the anomalies report) cut into pages: the report at the pinned record position, after the cursor's row. */
  pageOfDerived<T>(list: string, councilId: string, filters: string, time: RecordTime, page: PageRequest, build: (position: number) => T[]): Page<T> {
    const pinned = this.pin(list, councilId, filters, time, page);
    const rows = build(pinned.position);
    const start = pinned.after ? Number(pinned.after[0]) + 1 : 0;
    const slice = rows.slice(start, start + pinned.limit + 1).map((row, i) => ({ row, key: [start + i] as CursorKey }));
    const { rows: kept, next } = pageOf(slice, pinned.limit, (r) => r.key, { list, councilId, filters, position: pinned.position });
    return { rows: kept.map((r) => r.row), next, position: pinned.position };
  }

  encodeCursor(cursor: NonNullable<Page<unknown>['next']>): string {
    return this.cursors.encode(cursor);
  }

  /**
   * The record position and key a page reads at: the cursor's, or for a first page the record time asked
   * for (now: the projections' checkpoint), so that every later page sees the record as the first did.
   */
  private pin(list: string, councilId: string, filters: string, time: RecordTime, page: PageRequest): Pinned {
    const limit = page.limit ?? DEFAULT_PAGE_LIMIT;
    if (page.cursor !== undefined) {
      const cursor = this.cursors.decode(page.cursor, list, councilId, filters);
      this.assertKnown(councilId);
      return { position: cursor.position, after: cursor.key, limit };
    }
    const { position } = this.recordTime(councilId, time);
    return { position: position === NOW ? Number(this.status.checkpoint() ?? 0n) : position, limit };
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
