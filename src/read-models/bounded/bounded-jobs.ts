import type { Database } from 'better-sqlite3';
import { ProblemDetailsFilter } from '../../api/problem-details.filter';
import type { Problem } from '../../api/problem';
import { iso } from '../queries/known-at';
import { attendanceReport, cohesionReport, GroupBy, membershipSeries, Step } from '../analytics/analytics.query';
import { anomaliesReport } from '../analytics/anomalies.query';
import { attendanceCsv, cohesionCsv } from '../analytics/analytics-csv';
import { csvExport, popoloExport } from '../analytics/popolo.query';
import { AnalyticsTables, analyticsTables } from '../analytics/snapshot';
import { InferencesQuery } from '../inferences/inferences.query';

/**
 * The reads whose work grows with the record (docs/security.md "Bounded work"): computed off the thread
 * that answers HTTP, within a time and memory budget, and cached per council position (BoundedReads).
 * Every job reads the rows of its own council only (each statement filters on council_id, joins stay
 * within it), which is what lets BoundedReads key and compute them at the council's own position; a job
 * that read another council's rows would have to keep the global position in its key.
 */
export type BoundedJob =
  | { kind: 'cohesion'; query: { limit?: number; minMotions?: number; by?: GroupBy }; format?: 'csv' }
  | { kind: 'membership'; query: { from?: string; to?: string; step?: Step } }
  | { kind: 'attendance'; query: { by?: GroupBy }; format?: 'csv' }
  | { kind: 'anomalies'; query: { severity?: string; rule?: string } }
  | { kind: 'popolo' }
  | { kind: 'csv'; table: 'members' | 'meetings' | 'motions' | 'votes' }
  | { kind: 'inferences' };

/**
 * Whether a job's answer says when it was known (`knownAt` in the JSON body): the anomalies report, the CSV
 * tables and the inferences do not, so the time asked for cannot change them once the position is fixed.
 */
export function answerNamesKnownAt(job: BoundedJob): boolean {
  return job.kind === 'cohesion' || job.kind === 'membership' || job.kind === 'attendance' || job.kind === 'popolo';
}

export interface JobRequest {
  job: BoundedJob;
  councilId: string;
  /** The record position the answer is computed at (never "now": the caller pins it to the council's own). */
  position: number;
  knownAtMs: number;
}

/** A job's answer: the response body as text (JSON, or CSV for the csv export), or the problem it ran into. */
export type JobOutcome = { ok: true; body: string } | { ok: false; problem: Problem };

/** Runs jobs against one connection to the read database (the worker's own, or the main thread's). */
export class BoundedJobs {
  private readonly tables: AnalyticsTables;
  private readonly inferences: InferencesQuery;
  private readonly problems = new ProblemDetailsFilter();

  constructor(db: Database) {
    this.tables = analyticsTables(db);
    this.inferences = new InferencesQuery(db);
  }

  run(request: JobRequest): JobOutcome {
    try {
      return { ok: true, body: this.body(request) };
    } catch (error) {
      return { ok: false, problem: this.problems.toProblem(error) };
    }
  }

  private body({ job, councilId, position, knownAtMs }: JobRequest): string {
    const s = { councilId, position, knownAt: iso(knownAtMs) };
    const t = this.tables;
    switch (job.kind) {
      case 'cohesion': {
        const report = cohesionReport(t, s, job.query);
        return job.format === 'csv' ? cohesionCsv(report) : JSON.stringify(report);
      }
      case 'membership':
        return JSON.stringify(membershipSeries(t, s, job.query));
      case 'attendance': {
        const report = attendanceReport(t, s, job.query);
        return job.format === 'csv' ? attendanceCsv(report) : JSON.stringify(report);
      }
      case 'anomalies':
        return JSON.stringify(
          anomaliesReport(t, s).filter((e) => (job.query.severity === undefined || e.severity === job.query.severity) && (job.query.rule === undefined || e.rule === job.query.rule)),
        );
      case 'popolo':
        return JSON.stringify(popoloExport(t, s));
      case 'csv':
        return csvExport(t, s, job.table);
      case 'inferences':
        return JSON.stringify(this.inferences.run(councilId, position));
    }
  }
}
