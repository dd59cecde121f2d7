/** What the main thread and the projection worker (projection-worker.ts) say to each other. */
import type { SynchronousMode } from '../event-store/sqlite/schema';
import type { RetryOutcome, RunnerState } from './projection-status';

export interface WorkerOptions {
  readPath: string;
  store:
    | { kind: 'sqlite'; path: string; synchronous: SynchronousMode; pollIntervalMs?: number }
    | { kind: 'eventstoredb'; connectionString: string };
  batchSize?: number;
  retryDelayMs?: number;
}

export type ToWorker =
  | { type: 'start' }
  /** The main thread's store committed: read on now rather than at the next poll. */
  | { type: 'wake' }
  | { type: 'retry'; requestId: number; eventId: string }
  | { type: 'stop' };

export type FromWorker =
  | { type: 'status'; checkpoint?: string; caughtUp: boolean; state: { state: RunnerState; error?: string; failures: number } }
  /** Answer to start: `mismatch` when the read database belongs to another store (the service must not start). */
  | { type: 'started'; mismatch?: string }
  | { type: 'retried'; requestId: number; outcome?: RetryOutcome; error?: string }
  | { type: 'log'; level: 'log' | 'warn' | 'error'; message: string }
  | { type: 'stopped' };
