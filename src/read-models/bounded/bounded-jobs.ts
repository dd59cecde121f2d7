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
 * Whether a job's answer says when it was known (`knownAt` in the JSON body of cohesion, attendance and
 * membership, `meta.knownAt` in Popolo): the anomalies report, the CSV tables and the inferences do not.
 * Nothing else in any answer depends on the time asked for once the position (and the day) is fixed, so an
 * answer that names it is computed once and restated for each request (restateKnownAt; decision 51).
 */
export function answerNamesKnownAt(job: BoundedJob): boolean {
  if (job.kind === 'cohesion' || job.kind === 'attendance') return job.format !== 'csv';
  return job.kind === 'membership' || job.kind === 'popolo';
}

export interface JobRequest {
  job: BoundedJob;
  councilId: string;
  /** The record position the answer is computed at (never "now": the caller pins it to the council's own). */
  position: number;
  knownAtMs: number;
  /**
   * The UTC day (days since 1970-01-01) that reads defaulting to "today" take (the membership series' end):
   * BoundedReads passes the day of its cache key, so that a job started before midnight and finished after it
   * answers for the day it is cached under. Default: the day the job runs.
   */
  today?: number;
}

/**
 * A job's answer: the response body as text (JSON, or CSV for the csv export), or the problem it ran into.
 * `knownAt` is where the body's knownAt value (a JSON string) is, [start, end), in an answer that names it.
 */
export type JobOutcome = { ok: true; body: string; knownAt?: [number, number] } | { ok: false; problem: Problem };

const KNOWN_AT_KEY = '"knownAt":';

/**
 * The body of `answer` as it answers for the record time `knownAtMs`: its knownAt value replaced. The answer
 * must be the one computed at the same council position, read generation and day (the key of BoundedReads):
 * its rows are then the ones a computation at `knownAtMs` reads, and the time is in the body only as knownAt.
 */
export function restateKnownAt(answer: { body: string; knownAt?: [number, number] }, knownAtMs: number): string {
  if (!answer.knownAt) return answer.body;
  const [start, end] = answer.knownAt;
  const value = JSON.stringify(iso(knownAtMs));
  if (answer.body.slice(start, end) === value) return answer.body;
  return answer.body.slice(0, start) + value + answer.body.slice(end);
}

/** Runs jobs against one connection to the read database (the worker's own, or the main thread's). */
export class BoundedJobs {
  private readonly tables: AnalyticsTables;
  private readonly inferences: InferencesQuery;
  private readonly problems = new ProblemDetailsFilter();
  /**
   * A job's reads in one read transaction: one snapshot of the database, so that a write committed while the
   * job runs (a parked event applied by a retry, which changes rows at positions already read) cannot give it
   * rows from before and after that write.
   */
  private readonly inSnapshot: (request: JobRequest) => string;

  constructor(db: Database) {
    this.tables = analyticsTables(db);
    this.inferences = new InferencesQuery(db);
    this.inSnapshot = db.transaction((request: JobRequest) => this.body(request));
  }

  run(request: JobRequest): JobOutcome {
    try {
      const body = this.inSnapshot(request);
      if (!answerNamesKnownAt(request.job)) return { ok: true, body };
      // The first `"knownAt":` of the text is the answer's own: it comes before every list, and no string
      // value can hold it (JSON escapes the quotes inside a string).
      const value = JSON.stringify(iso(request.knownAtMs));
      const start = body.indexOf(KNOWN_AT_KEY + value);
      if (start < 0) throw new Error(`the ${request.job.kind} answer does not name its knownAt`);
      return { ok: true, body, knownAt: [start + KNOWN_AT_KEY.length, start + KNOWN_AT_KEY.length + value.length] };
    } catch (error) {
      return { ok: false, problem: this.problems.toProblem(error) };
    }
  }

  private body({ job, councilId, position, knownAtMs, today }: JobRequest): string {
    const s = { councilId, position, knownAt: iso(knownAtMs), today };
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
