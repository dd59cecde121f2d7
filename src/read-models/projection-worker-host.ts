import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventStore } from '../event-store/event-store.port';
import { ReadDatabaseMismatchError } from './projection-failures';
import { parkedReader } from './parked-events';
import { ParkedEvent, ProjectionStatus, RetryOutcome, RunnerState } from './projection-status';
import { PositionWaiters } from './position-waiters';
import type { Projection } from './projections/projection';
import type { FromWorker, ToWorker, WorkerOptions } from './projection-worker-messages';

export interface ProjectionWorkerHostOptions {
  worker: WorkerOptions;
  log?: { error(message: string): void; warn?(message: string): void; log?(message: string): void };
  /** Wait before starting a worker again after it died (doubled each time, at most 30 s). */
  restartDelayMs?: number;
}

/**
 * The worker's entry point: the compiled projection-worker.js next to this file; running from the
 * TypeScript sources, PROJECTION_WORKER_ENTRY when set (the tests point it at a copy transpiled once, see
 * test/global-setup.ts), else projection-worker.ts through ts-node, a development dependency.
 */
function workerEntry(): { file: string; execArgv?: string[] } {
  const js = join(__dirname, 'projection-worker.js');
  if (existsSync(js)) return { file: js };
  const entry = process.env.PROJECTION_WORKER_ENTRY;
  if (entry) return { file: entry };
  return { file: join(__dirname, 'projection-worker.ts'), execArgv: ['--require', require.resolve('ts-node/register/transpile-only')] };
}

/**
 * Runs the projections in a worker thread (projection-worker.ts) and answers for them on the main thread:
 * the checkpoint, caught-up and state the worker reports, read-after-write waits, the parked events (read
 * from the main thread's own connection to the read database) and retries (asked of the worker). The main
 * thread's store tells the worker of each commit at once (`onCommitted`). A worker that dies is started
 * again from the checkpoint, which is exact (see ProjectionRunner): nothing is applied twice or skipped.
 */
export class ProjectionWorkerHost implements ProjectionStatus {
  private worker: Worker | undefined;
  private position: bigint | undefined;
  private hasCaughtUp = false;
  private runnerState: { state: RunnerState; error?: string; failures: number } = { state: 'stopped', failures: 0 };
  private running = false;
  private deaths = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private wakePending = false;
  private nextRequest = 1;
  private readonly readParked: () => ParkedEvent[];
  private readonly waiters = new PositionWaiters((position) => this.reached(position));
  private readonly requests = new Map<number, { resolve(outcome: RetryOutcome | undefined): void; reject(error: Error): void }>();

  constructor(
    private readonly store: EventStore,
    db: Database,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectionWorkerHostOptions,
  ) {
    this.readParked = parkedReader(db);
    const checkpoint = db.prepare('SELECT position FROM checkpoint WHERE id = 1').pluck().get() as number | null;
    this.position = checkpoint === null ? undefined : BigInt(checkpoint);
  }

  /**
   * Starts the worker and resolves once it runs; rejects with ReadDatabaseMismatchError when the read
   * database was built from another store (the service must not start on it).
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.store.onCommitted?.(() => this.wake());
    try {
      await this.spawn();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.restartTimer);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      const stopped = new Promise<void>((resolve) => worker.on('message', (m: FromWorker) => m.type === 'stopped' && resolve()));
      worker.postMessage({ type: 'stop' } satisfies ToWorker);
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
      if ((await Promise.race([stopped.then(() => exited), timeout])) === 'timeout') await worker.terminate();
    }
    this.runnerState = { ...this.runnerState, state: 'stopped' };
    this.waiters.releaseAll();
    for (const request of this.requests.values()) request.reject(new Error('The projections stopped'));
    this.requests.clear();
  }

  checkpoint(): bigint | undefined {
    return this.position;
  }

  caughtUp(): boolean {
    return this.hasCaughtUp;
  }

  state(): { state: RunnerState; error?: string; failures: number } {
    return this.runnerState;
  }

  projectionNames(): Array<{ name: string; version: number }> {
    return this.projections.map((p) => ({ name: p.name, version: p.version ?? 1 }));
  }

  parked(): ParkedEvent[] {
    return this.readParked();
  }

  retryParked(eventId: string): Promise<RetryOutcome | undefined> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('The projections are not running'));
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.requests.set(requestId, { resolve, reject });
      worker.postMessage({ type: 'retry', requestId, eventId } satisfies ToWorker);
    });
  }

  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, timeoutMs);
  }


  private reached(position: bigint): boolean {
    return this.position !== undefined && this.position >= position;
  }

  /** One wake-up message per turn of the event loop, however many commits it saw. */
  private wake(): void {
    if (this.wakePending || !this.worker) return;
    this.wakePending = true;
    setImmediate(() => {
      this.wakePending = false;
      this.worker?.postMessage({ type: 'wake' } satisfies ToWorker);
    });
  }

  private spawn(): Promise<void> {
    const entry = workerEntry();
    const worker = new Worker(entry.file, { workerData: this.options.worker, execArgv: entry.execArgv });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'status':
            this.onStatus(message);
            return;
          case 'started':
            started = true;
            if (message.mismatch) reject(new ReadDatabaseMismatchError(message.mismatch));
            else {
              this.deaths = 0;
              resolve();
            }
            return;
          case 'retried': {
            const request = this.requests.get(message.requestId);
            this.requests.delete(message.requestId);
            if (message.error !== undefined) request?.reject(new Error(message.error));
            else request?.resolve(message.outcome);
            return;
          }
          case 'log':
            (message.level === 'error' ? this.options.log?.error : message.level === 'warn' ? this.options.log?.warn : this.options.log?.log)?.call(
              this.options.log,
              message.message,
            );
            return;
          case 'stopped':
            return;
        }
      });
      let failure: Error | undefined;
      worker.on('error', (error) => {
        failure = error;
        this.options.log?.error(`The projection worker failed: ${error.stack ?? error.message}`);
        this.runnerState = { state: 'paused', error: error.message, failures: this.runnerState.failures + 1 };
      });
      worker.on('exit', (code) => {
        // Before it started (also when stopped meanwhile): start() must not wait for ever.
        if (!started) reject(new Error(`The projection worker exited with code ${code} before it started${failure ? `: ${failure.message}` : ''}`));
        if (this.worker !== worker) return; // stopped on purpose, or already replaced
        this.worker = undefined;
        if (!started || !this.running) return;
        this.deaths += 1;
        const delay = Math.min((this.options.restartDelayMs ?? 1000) * 2 ** Math.min(this.deaths - 1, 5), 30_000);
        this.runnerState = { state: 'paused', error: this.runnerState.error ?? `the projection worker exited with code ${code}`, failures: this.runnerState.failures + 1 };
        this.options.log?.error(`The projection worker exited with code ${code}; starting it again from the checkpoint in ${delay} ms`);
        this.restartTimer = setTimeout(() => {
          if (!this.running) return;
          this.spawn().catch((error: unknown) => this.options.log?.error(`The projection worker did not start again: ${String(error)}`));
        }, delay);
      });
      worker.postMessage({ type: 'start' } satisfies ToWorker);
    });
  }

  private onStatus(message: Extract<FromWorker, { type: 'status' }>): void {
    if (message.checkpoint !== undefined) this.position = BigInt(message.checkpoint);
    this.hasCaughtUp = this.hasCaughtUp || message.caughtUp;
    this.runnerState = message.state;
    this.waiters.settle();
  }
}
