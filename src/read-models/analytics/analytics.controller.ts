import { BadRequestException, Controller, Get, Inject, Param, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { BoundedReads } from '../bounded/bounded-reads';
import { BoundedJob } from '../bounded/bounded-jobs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Database } from 'better-sqlite3';
import type { Request, Response } from 'express';
import { CouncilReads } from '../council-reads';
import { sendPage } from '../http/page';
import { problem } from '../../api/problem';
import { MinPositionInterceptor } from '../http/min-position.interceptor';
import { RecordTimeQueryDto } from '../http/read-query.dto';
import { READ_DATABASE } from '../read-database';
import { AnomaliesQueryDto, AttendanceQueryDto, CohesionQueryDto, MembershipSeriesQueryDto, PopoloQueryDto } from './analytics-query.dto';
import { AnomalyEntry } from './anomalies.query';
import { AnalyticsTables, analyticsTables } from './snapshot';
import { RecordTime } from '../queries/record-time';

@ApiTags('anomalies and analytics')
@Controller('councils/:councilId')
@UseInterceptors(MinPositionInterceptor)
export class AnalyticsController {
  private readonly tables: AnalyticsTables;

  constructor(
    @Inject(READ_DATABASE) db: Database,
    private readonly reads: CouncilReads,
    private readonly bounded: BoundedReads,
  ) {
    this.tables = analyticsTables(db);
  }

  @Get('anomalies')
  @ApiOperation({ summary: 'Facts that break a rule or disagree with a reported figure, and what the sources leave unexplained, with rule, severity, figures and sources.' })
  @ApiOkResponse({ description: '[{ rule, severity, basis, message, figures, subject, date, eventId, sources, recordedAt }] in date order.' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  @ApiBadRequestResponse({ description: 'Bad query parameter.' })
  async anomalies(@Param('councilId') councilId: string, @Query() query: AnomaliesQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    // The report is derived, not stored: built (bounded, cached) at the walk's pinned record position, then cut.
    const filters = JSON.stringify([query.severity ?? null, query.rule ?? null]);
    const position = this.reads.pinnedPosition('anomalies', councilId, filters, query, query);
    const { knownAt } = this.tables.snapshot(councilId, query);
    const job: BoundedJob = { kind: 'anomalies', query: { severity: query.severity, rule: query.rule } };
    const rows = JSON.parse(await this.bounded.run(job, councilId, position, Date.parse(knownAt))) as AnomalyEntry[];
    const page = this.reads.pageOfDerived('anomalies', councilId, filters, query, query, () => rows);
    return sendPage(req, res, page, (c) => this.reads.encodeCursor(c));
  }

  /** A bounded read's JSON body, sent as it came from the worker (not parsed and serialised again here). */
  private async json(job: BoundedJob, councilId: string, time: RecordTime, res: Response): Promise<string> {
    const snapshot = this.tables.snapshot(councilId, time);
    const body = await this.bounded.run(job, councilId, snapshot.position, Date.parse(snapshot.knownAt));
    res.type('application/json');
    return body;
  }

  /** A bounded read's CSV body, as a download named after the council and the table. */
  private async csv(job: BoundedJob, councilId: string, time: RecordTime, res: Response, table: string): Promise<string> {
    const snapshot = this.tables.snapshot(councilId, time);
    const body = await this.bounded.run(job, councilId, snapshot.position, Date.parse(snapshot.knownAt));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
    res.setHeader('Content-Disposition', `attachment; filename="${councilId.replace(/[^\w.-]/g, '_')}-${table}.csv"`);
    return body;
  }

  @Get('analytics/membership')
  @ApiOperation({ summary: 'Members in office per step (day, week, month, year): certain and undecidable counts, overall, per curia and per political group.' })
  @ApiOkResponse({ description: '{ councilId, step, from, to, series: [{ date, certain, uncertain, uncertainMembers, byCuria, status }] }' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  @ApiBadRequestResponse({ description: 'Bad date, step, or more than 5000 steps.' })
  membership(@Param('councilId') councilId: string, @Query() query: MembershipSeriesQueryDto, @Res({ passthrough: true }) res: Response) {
    return this.json({ kind: 'membership', query: { from: query.from, to: query.to, step: query.step } }, councilId, query, res);
  }

  @Get('analytics/attendance')
  @ApiOperation({ summary: 'Attendance per meeting (rate, quorum margin) and per member where the sources name participants; with by=curia|group also per curia or group.' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{ meetings: [{ meetingId, number, date, outcome, present, membership, rate, quorum, margin, ... }], members: [{ memberId, name, attended, missed, eligible, rate }], note? }; with format=csv the per-curia/group table (with by) or the per-member table' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  attendance(@Param('councilId') councilId: string, @Query() query: AttendanceQueryDto, @Res({ passthrough: true }) res: Response) {
    if (query.format === 'csv') return this.csv({ kind: 'attendance', query: { by: query.by }, format: 'csv' }, councilId, query, res, `attendance-by-${query.by ?? 'member'}`);
    return this.json({ kind: 'attendance', query: { by: query.by } }, councilId, query, res);
  }

  @Get('analytics/cohesion')
  @ApiOperation({ summary: 'Per curia (or per political group with by=group): the Rice index per motion and its average; agreement between pairs of members.' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{ curiae: [{ curia, motions, rice, perMotion }], pairs: [{ a, b, agreement, motions }], pairsTotal }; with format=csv the per-curia/group table' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  cohesion(@Param('councilId') councilId: string, @Query() query: CohesionQueryDto, @Res({ passthrough: true }) res: Response) {
    if (query.format === 'csv') return this.csv({ kind: 'cohesion', query: { by: query.by }, format: 'csv' }, councilId, query, res, `cohesion-by-${query.by ?? 'curia'}`);
    return this.json({ kind: 'cohesion', query: { limit: query.limit, minMotions: query.minMotions, by: query.by } }, councilId, query, res);
  }

  @Get('export/popolo')
  @ApiOperation({ summary: 'Popolo JSON (persons, organizations, memberships, events, motions, vote_events), or one table as CSV with format=csv&table=.' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'Popolo JSON, or text/csv with a header row.' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  @ApiBadRequestResponse({ description: 'format=csv without table, or table without format=csv.' })
  async popolo(@Param('councilId') councilId: string, @Query() query: PopoloQueryDto, @Res({ passthrough: true }) res: Response) {
    const csv = query.format === 'csv';
    if (csv !== (query.table !== undefined)) {
      const field = csv ? 'table' : 'format';
      const message = csv ? 'format=csv needs table=members|meetings|motions|votes' : 'table is only for format=csv';
      throw new BadRequestException(problem(400, 'validation', 'Invalid request', `${field}: ${message}`, { errors: [{ field, message }] }));
    }
    if (!csv) return this.json({ kind: 'popolo' }, councilId, query, res);
    const snapshot = this.tables.snapshot(councilId, query);
    const body = await this.bounded.run({ kind: 'csv', table: query.table! }, councilId, snapshot.position, Date.parse(snapshot.knownAt));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
    res.setHeader('Content-Disposition', `attachment; filename="${councilId.replace(/[^\w.-]/g, '_')}-${query.table}.csv"`);
    return body;
  }
}

/** The controllers of the analytics read side, registered in ReadModelsModule (they use its READ_DATABASE). */
export const ANALYTICS_CONTROLLERS = [AnalyticsController];
