import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ProblemException } from '../../api/problem-details.filter';
import { Problem, problem } from '../../api/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PROJECTION_STATUS, ProjectionStatus } from '../projection-status';
import { analyticsTables } from '../analytics/snapshot';
import { NOW } from '../queries/known-at';
import { RecordQuery } from '../queries/record.query';
import { READ_DATABASE, readDatabasePath } from '../read-database';
import { BoundedJob, BoundedJobs, JobOutcome, JobRequest, restateKnownAt } from './bounded-jobs';

/** The budgets of a bounded read (BOUNDED_READ_* in the configuration, see docs/security.md). */
export interface BoundedReadBudget {
  /** How long a request waits for its answer before it is told 503 + Retry-After (the work goes on). */
  waitMs: number;
  /** Longest a job may run; past it the worker is stopped and the read is 422 (beyond what is computed on request). */
  timeoutMs: number;
  /** Heap of a worker (MiB); a job that needs more is 422. */
  memoryMb: number;
  /** Worker threads (0: run on the calling thread, unbounded; for tools and tests only). */
  workers: number;
}

const MAX_CACHED = 128;
/** How long closing waits for a worker that has not loaded yet. */
const STOP_WAIT_MS = 10_000;
const MAX_CACHED_CHARS = 64 * 1024 * 1024;
const MAX_QUEUED = 32;
const RETRY_AFTER_S = 2;
/** A council's position before its first event: below every record position, so nothing of it is known there. */
const NOTHING_YET = -1;

function workerEntry(): { file: string; execArgv?: string[] } {
  const js = join(__dirname, 'bounded-read-worker.js');
  if (existsSync(js)) return { file: js };
  const entry = process.env.BOUNDED_READ_WORKER_ENTRY;
  if (entry) return { file: entry };
  return { file: join(__dirname, 'bounded-read-worker.ts'), execArgv: ['--require', require.resolve('ts-node/register/transpile-only')] };
}

interface Job {
  id: number;
  key: string;
  request: JobRequest;
  resolve(outcome: JobOutcome): void;
}

interface Slot {
  worker: Worker;
  /**
   * The worker has loaded its modules and said so. Until then it is given no job and never terminated:
   * stopping a thread while Node instantiates an ES module it require()s (@nestjs/common is one) aborts
   * the whole process on Node 20 ("v8::Module::IsGraphAsync must be used on an instantiated module").
   */
  ready: boolean;
  /** The app closed while the worker was still loading: it is terminated as soon as it is ready. */
  stopWhenReady?: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/**
 * Reads whose work grows with the record (cohesion, attendance, membership series, anomalies, exports,
 * inferences) run here: in worker threads with a time and a memory budget, one answer per question, council
 * position (the council's last event at or before the record position read: see councilPosition), read
 * generation (bumped when a retried parked event changes rows the checkpoint had passed) and day, cached. The
 * record time asked for is not in the key: an answer that names it is restated for each request
 * (restateKnownAt). A request waits at most `waitMs`: then it is 503 with Retry-After while the work
 * goes on (the retry finds it cached); a job past `timeoutMs` or `memoryMb` is stopped and the read is 422
 * naming the limit (and stays 422 at that position). Health and every other request keep being answered.
 */
@Injectable()
export class BoundedReads implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly budget: BoundedReadBudget;
  private readonly cache = new Map<string, JobOutcome>();
  private cachedChars = 0;
  private readonly running = new Map<string, Promise<JobOutcome>>();
  private readonly queue: Job[] = [];
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private local?: BoundedJobs;
  private record?: RecordQuery;
  private readGeneration?: Statement;
  /** The read generation the cache holds answers of (decision 51). */
  private generation = 0;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(READ_DATABASE) private readonly db: Database,
    @Optional() @Inject(PROJECTION_STATUS) private readonly status?: ProjectionStatus,
  ) {
    this.budget = config.boundedReads;
  }

  /**
   * The body of `job` for the council at `position` (NOW: the projections' checkpoint). Throws the job's
   * problem, 503 while it is still computing after the wait, 422 when it is over budget.
   */
  async run(job: BoundedJob, councilId: string, position: number, knownAtMs: number): Promise<string> {
    // The generation first: a job keyed by it starts later, so it reads every change the generation counts.
    const generation = this.currentGeneration();
    const pinned = position === NOW ? Number(this.status?.checkpoint() ?? 0n) : position;
    const at = this.councilPosition(councilId, pinned);
    // The day matters to reads that default to "today"; knownAt only to the text of an answer that names it,
    // which restateKnownAt sets for this request.
    const today = Math.floor(Date.now() / 86_400_000);
    const key = JSON.stringify([job, councilId, at, generation, today]);
    let outcome = this.cache.get(key);
    if (outcome) {
      this.cache.delete(key);
      this.cache.set(key, outcome);
    } else {
      let pending = this.running.get(key);
      if (!pending) {
        if (this.queue.length >= MAX_QUEUED) throw busy(`${this.queue.length} bounded reads are waiting for a worker`);
        pending = this.start(key, { job, councilId, position: at, knownAtMs, today });
        this.running.set(key, pending);
        void pending.then((o) => {
          this.running.delete(key);
          if (generation === this.generation) this.remember(key, o);
        });
      }
      outcome = await within(pending, this.budget.waitMs);
      if (!outcome) throw busy(`the answer is still being computed (it waited ${this.budget.waitMs} ms)`);
    }
    if (!outcome.ok) throw new ProblemException({ ...outcome.problem });
    return restateKnownAt(outcome, knownAtMs);
  }

  /**
   * The read database's generation (table read_generation): it moves when a parked event applied by a retry
   * changes rows at positions the checkpoint had passed, which moves neither the checkpoint nor any council's
   * position. The retry runs where the projections do (their worker thread, or this one) and commits the bump
   * with the rows, so reading it here, like the rows, is all it takes on any thread or process that shares the
   * read database. Every cached answer is of an older generation then, so the cache is emptied.
   */
  private currentGeneration(): number {
    this.readGeneration ??= this.db.prepare('SELECT generation FROM read_generation WHERE id = 1').pluck();
    const generation = (this.readGeneration.get() as number | undefined) ?? 0;
    if (generation !== this.generation) {
      this.generation = generation;
      this.cache.clear();
      this.cachedChars = 0;
    }
    return generation;
  }

  /**
   * The council's own position at the global position `pinned`: where its last event at or before it is
   * (one seek into events_by_council), or NOTHING_YET. A job of any kind answers from the council's rows
   * alone (its queries all filter on council_id) read as known at a position, and every row of the council
   * is stamped with the position of one of its own events (known_from / known_to), so the rows known at
   * `pinned` are exactly those known at this position: other councils' writes neither change the answer
   * nor, keyed by it, evict it. The event ids the jobs look up (sources, life facts) come from the
   * council's own rows and are unique across councils (the SQLite store's UNIQUE id; ids derived from an
   * idempotency key include the council id). A position past the checkpoint (an explicit `knownAtPosition`) maps to
   * the council's last projected event: a write to it projected later moves the key too.
   */
  private councilPosition(councilId: string, pinned: number): number {
    this.record ??= analyticsTables(this.db).record;
    return this.record.councilPositionAt(councilId, pinned) ?? NOTHING_YET;
  }

  /** Starts the workers with the app, so the first bounded read does not wait for a thread to load. */
  onApplicationBootstrap(): void {
    while (this.slots.length < this.budget.workers) this.spawn();
  }

  /**
   * Stops every worker and resolves once each has exited, so that nothing of this host still opens or
   * writes the read database after the app's close (a test that then removed its data folder met a file
   * created meanwhile: ENOTEMPTY). A worker still loading is stopped once it has loaded (terminating it
   * earlier can abort the process: bounded-reads-stop.int.spec.ts); one that never loads is waited for at
   * most STOP_WAIT_MS.
   */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map(
        (slot) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, STOP_WAIT_MS);
            timer.unref();
            slot.worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (slot.ready) void slot.worker.terminate();
            else slot.stopWhenReady = true;
          }),
      ),
    );
  }

  private start(key: string, request: JobRequest): Promise<JobOutcome> {
    if (this.budget.workers === 0) {
      this.local ??= new BoundedJobs(this.db);
      return Promise.resolve(this.local.run(request));
    }
    return new Promise<JobOutcome>((resolve) => {
      this.queue.push({ id: this.nextId++, key, request, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.closed) return;
    while (this.queue.length > 0) {
      if (!this.slots.some((s) => !s.job) && this.slots.length < this.budget.workers) this.spawn();
      // A job waits for a worker that has loaded (it says so, then dispatch runs again).
      const slot = this.slots.find((s) => s.ready && !s.job);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => this.kill(slot!, tooMuch('time', `it ran longer than BOUNDED_READ_TIMEOUT_MS = ${this.budget.timeoutMs} ms`, this.budget.timeoutMs)), this.budget.timeoutMs);
      slot.timer.unref();
      slot.worker.postMessage({ id: job.id, request: job.request });
    }
  }

  private spawn(): Slot {
    const entry = workerEntry();
    const worker = new Worker(entry.file, {
      workerData: { path: readDatabasePath(this.config.dataDir) },
      execArgv: entry.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: this.budget.memoryMb },
    });
    const slot: Slot = { worker, ready: false };
    worker.on('message', (message: { ready: true } | { id: number; outcome: JobOutcome }) => {
      if ('ready' in message) {
        slot.ready = true;
        if (slot.stopWhenReady) void worker.terminate();
        else this.dispatch();
        return;
      }
      if (slot.job?.id !== message.id) return;
      this.finish(slot, message.outcome);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.kill(slot, outOfMemory
        ? tooMuch('memory', `it needed more than BOUNDED_READ_MEMORY_MB = ${this.budget.memoryMb} MiB`, this.budget.memoryMb)
        : { ok: false, problem: problem(500, 'internal', 'Internal error', 'The server failed to handle the request; it has been logged.') });
    });
    worker.on('exit', () => {
      if (slot.job) this.kill(slot, { ok: false, problem: busyProblem('the worker computing it stopped') });
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1);
      this.dispatch();
    });
    // After the listeners: adding a 'message' listener refs the worker's port again, and a host whose app
    // never closed (a start-up that failed after bootstrap) would then keep the process alive for good.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot, outcome: JobOutcome): void {
    const job = slot.job!;
    clearTimeout(slot.timer);
    slot.job = undefined;
    job.resolve(outcome);
    this.dispatch();
  }

  /** Ends the slot's job with `outcome` and stops its worker (a new one is started for the next job). */
  private kill(slot: Slot, outcome: JobOutcome): void {
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = undefined;
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    void slot.worker.terminate();
    job?.resolve(outcome);
    this.dispatch();
  }

  private remember(key: string, outcome: JobOutcome): void {
    // A transient failure (the worker stopped, an internal error) is not an answer for this position.
    if (!outcome.ok && outcome.problem.status >= 500) return;
    const chars = outcome.ok ? outcome.body.length : 0;
    if (chars > MAX_CACHED_CHARS / 4) return;
    this.cache.set(key, outcome);
    this.cachedChars += chars;
    for (const [k, o] of this.cache) {
      if (this.cache.size <= MAX_CACHED && this.cachedChars <= MAX_CACHED_CHARS) break;
      this.cache.delete(k);
      this.cachedChars -= o.ok ? o.body.length : 0;
    }
  }
}

/**
 * The promise's value if it settles within `ms`, else undefined. `ms` ≤ 0 does not wait at all (a 0 ms timer
 * raced the job's answer, so BOUNDED_READ_WAIT_MS=0 gave 503 or 200 by timing: CI saw both).
 */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

function busyProblem(why: string): Problem {
  return problem(503, 'still-computing', 'Still computing', `This read is bounded: ${why}. Send the same request again after ${RETRY_AFTER_S} s.`, {
    retryAfter: RETRY_AFTER_S,
  });
}

function busy(why: string): ProblemException {
  return new ProblemException(busyProblem(why));
}

function tooMuch(what: 'time' | 'memory', why: string, limit: number): JobOutcome {
  const setting = what === 'time' ? 'BOUNDED_READ_TIMEOUT_MS' : 'BOUNDED_READ_MEMORY_MB';
  return {
    ok: false,
    problem: problem(422, 'read-over-budget', 'Beyond what the service computes on request',
      `This read was stopped: ${why}. Ask for less (an earlier knownAt, a by= or table= of its own, a smaller limit), or raise ${setting}.`,
      { rule: 'read-budget', limit, setting }),
  };
}
