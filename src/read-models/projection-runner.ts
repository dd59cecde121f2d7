import type { Database } from 'better-sqlite3';
import { councilIdOfStream } from '../council/domain/events';
import { upcast } from '../council/domain/upcasting';
import { EventStore, RecordedEvent, Subscription } from '../event-store/event-store.port';
import { ProjectedEvent, Projection, ProjectionHandler } from './projections/projection';
import { ProjectionStatus } from './projection-status';

export interface ProjectionRunnerOptions {
  /** Events applied per transaction. */
  batchSize?: number;
  /** Wait before resubscribing after a failed batch (the store does not resubscribe on its own). */
  retryDelayMs?: number;
  log?: { error(message: string): void; log?(message: string): void };
  /** Stop at the first failed batch instead of retrying (rebuilds); whenCaughtUp() then rejects. */
  stopOnError?: boolean;
  /** Passed to the projections' init (see ProjectionContext): set by rebuildReadDatabase. */
  rebuild?: boolean;
}

interface Waiter {
  position: number;
  resolve(reached: boolean): void;
  timer: NodeJS.Timeout;
}

/**
 * Feeds the read models from the event store's subscription to all events. Each batch is applied in one
 * SQLite transaction together with the checkpoint, so after a crash the read database is exactly as it
 * was after some whole batch, and the runner resumes after that batch's last event: no event is applied
 * twice or skipped. A failed batch rolls back; the runner resubscribes from its checkpoint after a delay.
 */
export class ProjectionRunner implements ProjectionStatus {
  private position: number | undefined;
  private subscription: Subscription | undefined;
  private hasCaughtUp = false;
  private running = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Set<Waiter>();
  private readonly caughtUpListeners = new Set<{ resolve(): void; reject(error: unknown): void }>();
  private readonly applyBatch: (events: readonly RecordedEvent[]) => void;
  private readonly batchSize: number;
  private readonly retryDelayMs: number;
  /** Consecutive failed batches; reset by a successful one. */
  failures = 0;
  lastError: unknown;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database,
    projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    const handlers: ProjectionHandler[] = projections.map((p) => p.init(db, { rebuild: options.rebuild === true }));
    const saveCheckpoint = db.prepare('UPDATE checkpoint SET position = ?, events_applied = events_applied + ?, updated_ms = ? WHERE id = 1');
    this.applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
      for (const recorded of events) {
        const councilId = councilIdOfStream(recorded.streamId);
        const event = councilId === undefined ? undefined : upcast(recorded);
        if (!event) continue;
        const projected = Object.assign(event, { councilId }) as ProjectedEvent;
        for (const handle of handlers) handle(projected);
      }
      saveCheckpoint.run(Number(events[events.length - 1].position), events.length, Date.now());
    });
    this.position = this.readCheckpoint();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.subscribe();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(this.reached(waiter.position));
    }
    this.waiters.clear();
  }

  checkpoint(): bigint | undefined {
    return this.position === undefined ? undefined : BigInt(this.position);
  }

  caughtUp(): boolean {
    return this.hasCaughtUp;
  }

  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    const target = Number(position);
    if (this.reached(target)) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position: target,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(this.reached(target));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Resolves the next time the runner has applied everything the store holds. */
  whenCaughtUp(): Promise<void> {
    if (this.hasCaughtUp && this.subscription) return Promise.resolve();
    return new Promise((resolve, reject) => this.caughtUpListeners.add({ resolve, reject }));
  }

  private reached(position: number): boolean {
    return this.position !== undefined && this.position >= position;
  }

  private readCheckpoint(): number | undefined {
    const position = this.db.prepare('SELECT position FROM checkpoint WHERE id = 1').pluck().get() as number | null;
    return position ?? undefined;
  }

  private subscribe(): void {
    if (!this.running) return;
    try {
      this.subscription = this.store.subscribeToAll(
        {
          onEvents: (events) => this.handle(events),
          onCaughtUp: () => {
            this.hasCaughtUp = true;
            for (const listener of this.caughtUpListeners) listener.resolve();
            this.caughtUpListeners.clear();
          },
          onError: (error) => this.failed(error),
        },
        { after: this.position === undefined ? undefined : BigInt(this.position), batchSize: this.batchSize },
      );
    } catch (error) {
      this.failed(error);
    }
  }

  private handle(events: RecordedEvent[]): void {
    if (events.length === 0) return;
    this.applyBatch(events);
    this.position = Number(events[events.length - 1].position);
    this.failures = 0;
    for (const waiter of this.waiters) {
      if (this.reached(waiter.position)) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve(true);
      }
    }
  }

  private failed(error: unknown): void {
    this.failures += 1;
    this.lastError = error;
    this.options.log?.error(
      `Projection batch after position ${this.position ?? 'start'} failed (attempt ${this.failures}); retrying from the checkpoint: ${
        error instanceof Error ? error.stack ?? error.message : String(error)
      }`,
    );
    const failedSubscription = this.subscription;
    this.subscription = undefined;
    if (this.options.stopOnError) {
      this.running = false;
      for (const listener of this.caughtUpListeners) listener.reject(error);
      this.caughtUpListeners.clear();
    }
    if (!this.running) return;
    const delay = Math.min(this.retryDelayMs * 2 ** Math.min(this.failures - 1, 5), 30_000);
    this.retryTimer = setTimeout(() => {
      void Promise.resolve(failedSubscription?.stop())
        .catch(() => undefined)
        .then(() => this.subscribe());
    }, delay);
  }
}
