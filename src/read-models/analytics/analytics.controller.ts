import { BadRequestException, Controller, Get, Inject, Param, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Database } from 'better-sqlite3';
import type { Request, Response } from 'express';
import { CouncilReads } from '../council-reads';
import { sendPage } from '../http/page';
import { problem } from '../../api/problem';
import { MinPositionInterceptor } from '../http/min-position.interceptor';
import { RecordTimeQueryDto } from '../http/read-query.dto';
import { READ_DATABASE } from '../read-database';
import { AnomaliesQueryDto, CohesionQueryDto, MembershipSeriesQueryDto, PopoloQueryDto } from './analytics-query.dto';
import { attendanceReport, cohesionReport, membershipSeries } from './analytics.query';
import { anomaliesReport } from './anomalies.query';
import { csvExport, popoloExport } from './popolo.query';
import { AnalyticsTables, analyticsTables } from './snapshot';

@ApiTags('anomalies and analytics')
@Controller('councils/:councilId')
@UseInterceptors(MinPositionInterceptor)
export class AnalyticsController {
  private readonly tables: AnalyticsTables;

  constructor(
    @Inject(READ_DATABASE) db: Database,
    private readonly reads: CouncilReads,
  ) {
    this.tables = analyticsTables(db);
  }

  @Get('anomalies')
  @ApiOperation({ summary: 'Facts that break a rule or disagree with a reported figure, and what the sources leave unexplained, with rule, severity, figures and sources.' })
  @ApiOkResponse({ description: '[{ rule, severity, basis, message, figures, subject, date, eventId, sources, recordedAt }] in date order.' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  @ApiBadRequestResponse({ description: 'Bad query parameter.' })
  anomalies(@Param('councilId') councilId: string, @Query() query: AnomaliesQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    // The report is derived, not stored: each page builds it at the walk's pinned record position and cuts it.
    const filters = JSON.stringify([query.severity ?? null, query.rule ?? null]);
    const page = this.reads.pageOfDerived('anomalies', councilId, filters, query, query, (position) => {
      const snapshot = { ...this.tables.snapshot(councilId, query), position };
      return anomaliesReport(this.tables, snapshot).filter(
        (e) => (query.severity === undefined || e.severity === query.severity) && (query.rule === undefined || e.rule === query.rule),
      );
    });
    return sendPage(req, res, page, (c) => this.reads.encodeCursor(c));
  }

  @Get('analytics/membership')
  @ApiOperation({ summary: 'Members in office per step (day, week, month, year): certain and undecidable counts, overall and per curia.' })
  @ApiOkResponse({ description: '{ councilId, step, from, to, series: [{ date, certain, uncertain, uncertainMembers, byCuria, status }] }' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  @ApiBadRequestResponse({ description: 'Bad date, step, or more than 5000 steps.' })
  membership(@Param('councilId') councilId: string, @Query() query: MembershipSeriesQueryDto) {
    return membershipSeries(this.tables, this.tables.snapshot(councilId, query), query);
  }

  @Get('analytics/attendance')
  @ApiOperation({ summary: 'Attendance per meeting (rate, quorum margin) and per member where the sources name participants.' })
  @ApiOkResponse({ description: '{ meetings: [{ meetingId, number, date, outcome, present, membership, rate, quorum, margin, ... }], members: [{ memberId, name, attended, missed, eligible, rate }], note? }' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  attendance(@Param('councilId') councilId: string, @Query() query: RecordTimeQueryDto) {
    return attendanceReport(this.tables, this.tables.snapshot(councilId, query));
  }

  @Get('analytics/cohesion')
  @ApiOperation({ summary: 'Per curia: the Rice index per motion and its average; agreement between pairs of members.' })
  @ApiOkResponse({ description: '{ curiae: [{ curia, motions, rice, perMotion }], pairs: [{ a, b, agreement, motions }], pairsTotal }' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  cohesion(@Param('councilId') councilId: string, @Query() query: CohesionQueryDto) {
    return cohesionReport(this.tables, this.tables.snapshot(councilId, query), query);
  }

  @Get('export/popolo')
  @ApiOperation({ summary: 'Popolo JSON (persons, organizations, memberships, events, motions, vote_events), or one table as CSV with format=csv&table=.' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'Popolo JSON, or text/csv with a header row.' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  @ApiBadRequestResponse({ description: 'format=csv without table, or table without format=csv.' })
  popolo(@Param('councilId') councilId: string, @Query() query: PopoloQueryDto, @Res({ passthrough: true }) res: Response) {
    const csv = query.format === 'csv';
    if (csv !== (query.table !== undefined)) {
      const field = csv ? 'table' : 'format';
      const message = csv ? 'format=csv needs table=members|meetings|motions|votes' : 'table is only for format=csv';
      throw new BadRequestException(problem(400, 'validation', 'Invalid request', `${field}: ${message}`, { errors: [{ field, message }] }));
    }
    const snapshot = this.tables.snapshot(councilId, query);
    if (!csv) return popoloExport(this.tables, snapshot);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
    res.setHeader('Content-Disposition', `attachment; filename="${councilId.replace(/[^\w.-]/g, '_')}-${query.table}.csv"`);
    return csvExport(this.tables, snapshot, query.table!);
  }
}

/** The controllers of the analytics read side, registered in ReadModelsModule (they use its READ_DATABASE). */
export const ANALYTICS_CONTROLLERS = [AnalyticsController];
