import type { Database, Statement } from 'better-sqlite3';
import { EventStore, RecordedEvent, Subscription } from '../event-store/event-store.port';
import { SubscriptionFailedError } from '../event-store/errors';
import { ProjectedEvent, Projection, ProjectionHandler } from './projections/projection';
import { ParkedEvent, ProjectionStatus, RetryOutcome, RunnerState } from './projection-status';
import { PositionWaiters } from './position-waiters';
import { ReadDatabaseMismatchError, describe, isAlreadyApplied, isPassingFailure } from './projection-failures';
import { ParkedRow, parkedReader } from './parked-events';
import { toProjected } from './projected-event';

const CORE = 'core';

export interface ProjectionRunnerOptions {
  /**
   * At most this many events per transaction (a batch is what the store has ready, up to this). 2,000 by
   * default: when the read side runs behind, a bigger commit writes each index page it touches once for
   * more events (over the 100,000-event history: 9.0 kB written per event at 500, 5.6 kB at 2,000).
   */
  batchSize?: number;
  /** Wait before resubscribing after a failed batch (the store does not resubscribe on its own). */
  retryDelayMs?: number;
  log?: { error(message: string): void; log?(message: string): void };
  /** Stop at the first failed batch instead of retrying (rebuilds); whenCaughtUp() then rejects. */
  stopOnError?: boolean;
  /** Passed to the projections' init (see ProjectionContext): set by rebuildReadDatabase. */
  rebuild?: boolean;
  /** Called after the checkpoint, the state or caught-up changes (the worker reports them to the main thread). */
  onChange?: () => void;
}

/**
 * Feeds the read models from the event store's subscription to all events. Each batch is applied in one
 * SQLite transaction together with the checkpoint, so after a crash the read database is exactly as it
 * was after some whole batch, and the runner resumes after that batch's last event: no event is applied
 * twice or skipped.
 *
 * A batch that fails is applied again event by event, each projection's work on each event in a savepoint:
 * an event a projection throws on (a poison event) is parked (table parked_events, with the error) and the
 * rest go on, so one bad event never stalls every read model. A failure that passes by itself (a full disk,
 * a busy file) rolls the whole batch back instead: the runner pauses and retries from the checkpoint with
 * backoff, never parking or skipping. An event the core projection has already applied (same council, same
 * id) is skipped.
 */
export class ProjectionRunner implements ProjectionStatus {
  private position: number | undefined;
  private subscription: Subscription | undefined;
  private hasCaughtUp = false;
  private running = false;
  private verified = false;
  private runnerState: RunnerState = 'stopped';
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new PositionWaiters((position) => this.reached(Number(position)));
  private readonly caughtUpListeners = new Set<{ resolve(): void; reject(error: unknown): void }>();
  private readonly applyBatch: (events: readonly RecordedEvent[]) => void;
  private readonly applyOneByOne: (events: readonly RecordedEvent[]) => void;
  private readonly inSavepoint: (fn: () => void) => void;
  private readonly batchSize: number;
  private readonly retryDelayMs: number;
  private handlers: Array<{ name: string; version: number; handle: ProjectionHandler }>;
  private readonly stmts: { park: Statement; parkedOf: Statement; unpark: Statement; count: Statement; rewritten: Statement };
  private readonly readParked: () => ParkedEvent[];
  /** Consecutive failed batches; reset by a successful one. */
  failures = 0;
  lastError: unknown;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.handlers = this.initHandlers(options.rebuild === true);
    const saveCheckpoint = db.prepare('UPDATE checkpoint SET position = ?, events_applied = events_applied + ?, updated_ms = ? WHERE id = 1');
    this.stmts = {
      park: db.prepare(
        `INSERT INTO parked_events (event_id, projection, position, stream_id, revision, type, error, attempts, parked_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (event_id, projection) DO UPDATE SET error = excluded.error, attempts = attempts + 1, parked_ms = excluded.parked_ms`,
      ),
      parkedOf: db.prepare('SELECT * FROM parked_events WHERE event_id = ? ORDER BY projection'),
      unpark: db.prepare('DELETE FROM parked_events WHERE event_id = ? AND projection = ?'),
      count: db.prepare('SELECT count(*) FROM parked_events').pluck(),
      rewritten: db.prepare('UPDATE read_generation SET generation = generation + 1 WHERE id = 1'),
    };
    this.applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
      for (const recorded of events) {
        const projected = toProjected(recorded);
        if (!projected) continue;
        for (const { handle } of this.handlers) handle(projected);
      }
      saveCheckpoint.run(Number(events[events.length - 1].position), events.length, Date.now());
    });
    // Nested in a transaction, a better-sqlite3 transaction is a savepoint: a throw rolls back only fn's work.
    this.inSavepoint = db.transaction((fn: () => void) => fn());
    this.applyOneByOne = db.transaction((events: readonly RecordedEvent[]) => {
      for (const recorded of events) this.applyGuarded(recorded);
      saveCheckpoint.run(Number(events[events.length - 1].position), events.length, Date.now());
    });
    this.readParked = parkedReader(db);
    this.position = this.readCheckpoint();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.runnerState = 'starting';
    this.subscribe();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.runnerState = 'stopped';
    clearTimeout(this.retryTimer);
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    this.waiters.releaseAll();
  }

  /**
   * Checks that the read database belongs to this store: the store's identity is kept with the checkpoint
   * (recorded on first use) and a checkpoint past the store's head means the store lost events (a restore
   * from an older backup). Throws ReadDatabaseMismatchError; errors reaching the store pass through.
   */
  async verifyStore(): Promise<void> {
    if (this.verified) return;
    const identity = await this.store.identity?.();
    if (identity !== undefined) {
      const stored = this.db.prepare('SELECT store_identity FROM checkpoint WHERE id = 1').pluck().get() as string | null;
      if (stored !== null && stored !== identity) {
        throw new ReadDatabaseMismatchError(
          `The read database was built from event store ${stored}, but the service now uses ${identity} (EVENT_STORE or its data changed)`,
        );
      }
      if (stored === null) this.db.prepare('UPDATE checkpoint SET store_identity = ? WHERE id = 1').run(identity);
    }
    if (this.position !== undefined) {
      const head = await this.store.headPosition();
      if (head === undefined || head < BigInt(this.position)) {
        throw new ReadDatabaseMismatchError(
          `The read database has applied events up to position ${this.position}, but the event store ends at ${head ?? 'nothing'} (was it restored from an older backup?)`,
        );
      }
    }
    this.verified = true;
  }

  checkpoint(): bigint | undefined {
    return this.position === undefined ? undefined : BigInt(this.position);
  }

  caughtUp(): boolean {
    return this.hasCaughtUp;
  }

  state(): { state: RunnerState; error?: string; failures: number } {
    const error = this.lastError === undefined ? undefined : describe(this.lastError);
    return { state: this.runnerState, error: this.runnerState === 'running' ? undefined : error, failures: this.failures };
  }

  projectionNames(): Array<{ name: string; version: number }> {
    return this.handlers.map(({ name, version }) => ({ name, version }));
  }

  parked(): ParkedEvent[] {
    return this.readParked();
  }

  parkedCount(): number {
    return this.stmts.count.get() as number;
  }

  /**
   * Applies a parked event again (after a fix), read afresh from the store, to the projection that failed on
   * it (all of them when the core one did), in one transaction; the row goes when it succeeds (and the read
   * generation moves on with it) and records the new error when not. Undefined when nothing is parked under
   * that id. The event is applied on top of the read models as they are now; when later events depended on
   * it, `npm run rebuild` gives the exact result.
   */
  async retryParked(eventId: string): Promise<RetryOutcome | undefined> {
    const rows = this.stmts.parkedOf.all(eventId) as ParkedRow[];
    if (rows.length === 0) return undefined;
    const results: RetryOutcome['results'] = [];
    for (const row of rows) {
      let recorded: RecordedEvent | undefined;
      for await (const e of this.store.readStream(row.stream_id, { fromRevision: BigInt(row.revision), maxCount: 1 })) recorded = e;
      try {
        if (!recorded || recorded.id !== eventId) throw new Error(`event ${eventId} is no longer at ${row.stream_id}@${row.revision}`);
        const event = recorded;
        this.db.transaction(() => {
          const projected = toProjected(event);
          if (projected) {
            const handlers = row.projection === CORE ? this.handlers : this.handlers.filter((h) => h.name === row.projection);
            if (handlers.length === 0) throw new Error(`no projection named ${row.projection} runs here any more`);
            for (const { handle } of handlers) handle(projected);
          }
          this.stmts.unpark.run(eventId, row.projection);
          // Rows known from a position the checkpoint had passed changed: what was cached from them is not
          // the record any more (BoundedReads keys by the generation; decision 51).
          this.stmts.rewritten.run();
        })();
        results.push({ projection: row.projection, applied: true });
      } catch (error) {
        this.stmts.park.run(eventId, row.projection, row.position, row.stream_id, row.revision, row.type, describe(error), Date.now());
        results.push({ projection: row.projection, applied: false, error: describe(error) });
      }
    }
    return { eventId, results };
  }

  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, timeoutMs);
  }


  /** Resolves the next time the runner has applied everything the store holds. */
  whenCaughtUp(): Promise<void> {
    if (this.hasCaughtUp && this.subscription) return Promise.resolve();
    return new Promise((resolve, reject) => this.caughtUpListeners.add({ resolve, reject }));
  }

  private initHandlers(rebuild: boolean) {
    return this.projections.map((p) => ({ name: p.name, version: p.version ?? 1, handle: p.init(this.db, { rebuild }) }));
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
    if (!this.verified) {
      this.verifyStore().then(
        () => this.subscribe(),
        (error) => this.failed(error),
      );
      return;
    }
    try {
      this.subscription = this.store.subscribeToAll(
        {
          onEvents: (events) => this.handle(events),
          onCaughtUp: () => {
            // Everything the store holds is applied: healthy again even when no new event comes.
            this.runnerState = 'running';
            this.hasCaughtUp = true;
            for (const listener of this.caughtUpListeners) listener.resolve();
            this.caughtUpListeners.clear();
            this.options.onChange?.();
          },
          onError: (error) => this.failed(error),
        },
        { after: this.position === undefined ? undefined : BigInt(this.position), batchSize: this.batchSize },
      );
      if (this.runnerState === 'starting') this.runnerState = 'running';
    } catch (error) {
      this.failed(error);
    }
  }

  private handle(events: RecordedEvent[]): void {
    if (events.length === 0) return;
    try {
      this.applyBatch(events);
    } catch (error) {
      if (isPassingFailure(error)) throw error;
      // A rebuild's in-memory lookups may hold what the rollback undid: go on with the database's own.
      if (this.options.rebuild) this.handlers = this.initHandlers(false);
      this.applyOneByOne(events);
    }
    this.position = Number(events[events.length - 1].position);
    this.failures = 0;
    this.runnerState = 'running';
    this.waiters.settle();
    this.options.onChange?.();
  }

  /** One event inside applyOneByOne's transaction: each projection in a savepoint; a failure parks it. */
  private applyGuarded(recorded: RecordedEvent): void {
    let projected: ProjectedEvent | undefined;
    try {
      projected = toProjected(recorded);
    } catch (error) {
      this.park(recorded, CORE, error); // the upcaster refused it
      return;
    }
    if (!projected) return;
    const event = projected;
    for (const [index, { name, handle }] of this.handlers.entries()) {
      try {
        this.inSavepoint(() => handle(event));
      } catch (error) {
        if (isPassingFailure(error) || !this.db.inTransaction) throw error;
        if (index === 0 && isAlreadyApplied(error)) {
          this.options.log?.error(`Event ${recorded.id} (position ${recorded.position}) was already applied; skipped`);
          return;
        }
        this.park(recorded, index === 0 ? CORE : name, error);
        if (index === 0) return; // the others read what the core projection writes
      }
    }
  }

  private park(recorded: RecordedEvent, projection: string, error: unknown): void {
    this.stmts.park.run(recorded.id, projection, Number(recorded.position), recorded.streamId, Number(recorded.revision), recorded.type, describe(error), Date.now());
    this.options.log?.error(
      `Parked event ${recorded.id} (${recorded.type} at position ${recorded.position}) for projection ${projection}: ${describe(error)}. ` +
        'The other events go on; retry it with POST /api/projections/parked/:eventId/retry after a fix.',
    );
  }

  private failed(error: unknown): void {
    this.failures += 1;
    this.lastError = error;
    const permanent = error instanceof ReadDatabaseMismatchError;
    this.runnerState = permanent || error instanceof SubscriptionFailedError ? 'failed' : 'paused';
    this.options.log?.error(
      `Projection batch after position ${this.position ?? 'start'} failed (attempt ${this.failures}); ${
        permanent ? 'stopped' : 'retrying from the checkpoint'
      }: ${error instanceof Error ? error.stack ?? error.message : String(error)}`,
    );
    const failedSubscription = this.subscription;
    this.subscription = undefined;
    this.options.onChange?.();
    if (this.options.stopOnError || permanent) {
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
