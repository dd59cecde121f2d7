import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port';
import { InvalidAppendError, StreamNotFoundError } from '../errors';
import { DEFAULT_MAX_EVENT_BYTES, validateBatch } from '../validate-batch';
import { closedSubscription, runCatchUpSubscription } from '../catch-up-subscription';
import { serialize } from './append';
import { GroupCommitter } from './group-commit';
import { EventRow, STREAM_REVISION_SQL, SynchronousMode, applySchema } from './schema';
import { toRecordedEvent } from './row-mapping';

export interface SqliteEventStoreOptions {
  /** Path of the database file (its folder is created). ':memory:' is allowed for unit tests. */
  path: string;
  synchronous?: SynchronousMode;
  /** Largest serialized event (data + metadata) accepted, in bytes. Default 1 MiB. */
  maxEventBytes?: number;
  /** Largest append (all its events), in bytes. Default 1 MiB, as EventStoreDB's. */
  maxAppendBytes?: number;
  /** Rows fetched per page when reading. */
  pageSize?: number;
  /** Most appends committed in one transaction. */
  maxGroupSize?: number;
  /** How often a live subscription looks for events written by another process. */
  pollIntervalMs?: number;
}

export { DEFAULT_MAX_EVENT_BYTES };

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  /** Checked in the same index probe that reads the stream's revision, inside the append's transaction. */
  readonly checksLastEventId = true;
  private readonly db: Database.Database;
  private readonly committer: GroupCommitter;
  private readonly committed = new EventEmitter();
  private readonly pageSize: number;
  private readonly maxEventBytes: number;
  private readonly maxAppendBytes: number | undefined;
  private readonly pollIntervalMs: number;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  private readonly stmts: {
    revision: Database.Statement<[string], { revision: number }>;
    forwards: Database.Statement<[string, number, number], EventRow>;
    backwards: Database.Statement<[string, number, number], EventRow>;
    all: Database.Statement<[number, number], EventRow>;
    head: Database.Statement<[], { head: number | null }>;
  };

  constructor(options: SqliteEventStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    applySchema(this.db, options.synchronous ?? 'FULL');
    this.pageSize = options.pageSize ?? 500;
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.maxAppendBytes = options.maxAppendBytes;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.committed.setMaxListeners(0);
    this.committer = new GroupCommitter(this.db, options.maxGroupSize ?? 1000, () => this.committed.emit('commit'));
    this.stmts = {
      revision: this.db.prepare<[string], { revision: number }>(STREAM_REVISION_SQL),
      forwards: this.db.prepare(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      backwards: this.db.prepare(
        'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
      ),
      all: this.db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      head: this.db.prepare('SELECT max(position) AS head FROM events'),
    };
  }

  // Not `async`: the committer's promise is returned as it is (one promise per append, not two); what
  // throws before it is turned into a rejection, as an async function would.
  appendToStream(
    streamId: string,
    events: readonly EventData[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    try {
      this.assertOpen();
      const serialized = events.map(serialize);
      validateBatch(streamId, serialized, this.maxEventBytes, this.maxAppendBytes);
      const expected = options.expectedRevision ?? 'any';
      if (options.expectedLastEventId !== undefined && typeof expected !== 'bigint') {
        throw new InvalidAppendError('expectedLastEventId needs an exact expectedRevision');
      }
      return this.committer.submit(streamId, serialized, expected, options.expectedLastEventId);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const current = this.stmts.revision.get(streamId);
    if (!current) throw new StreamNotFoundError(streamId);
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from = options.fromRevision !== undefined ? Number(options.fromRevision) : backwards ? current.revision : 0;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const rows = (backwards ? this.stmts.backwards : this.stmts.forwards).all(streamId, from, limit);
      for (const row of rows) yield toRecordedEvent(row);
      remaining -= rows.length;
      if (rows.length < limit) return;
      from = backwards ? rows[rows.length - 1].revision - 1 : rows[rows.length - 1].revision + 1;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    let after = options.after !== undefined ? Number(options.after) : 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const rows = this.readAllPage(after, Math.min(this.pageSize, remaining));
      for (const event of rows) yield event;
      remaining -= rows.length;
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1].position);
    }
  }

  /** After close(), lazy as the reads are: the subscription's onError says the store is closed. */
  subscribeToAll(handler: SubscriptionHandler, options: SubscribeOptions = {}): Subscription {
    if (this.closed) return closedSubscription(handler, options.after);
    const batchSize = options.batchSize ?? this.pageSize;
    const subscription = runCatchUpSubscription({
      from: options.after,
      handler,
      readPage: async (after) => this.readAllPage(after === undefined ? 0 : Number(after), batchSize, true),
      waitForMore: (signal) => this.waitForCommit(signal),
      onStop: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async streamExists(streamId: string): Promise<boolean> {
    return (await this.streamRevision(streamId)) !== undefined;
  }

  async streamRevision(streamId: string): Promise<bigint | undefined> {
    this.assertOpen();
    const row = this.stmts.revision.get(streamId);
    return row ? BigInt(row.revision) : undefined;
  }

  async headPosition(): Promise<bigint | undefined> {
    this.assertOpen();
    const head = this.stmts.head.get()!.head;
    return head === null ? undefined : BigInt(head);
  }

  async identity(): Promise<string> {
    this.assertOpen();
    const id = this.db.prepare("SELECT value FROM store_meta WHERE key = 'store_id'").pluck().get() as string;
    return `sqlite:${id}`;
  }

  onCommitted(listener: () => void): () => void {
    this.committed.on('commit', listener);
    return () => this.committed.off('commit', listener);
  }

  notifyCommitted(): void {
    this.committed.emit('commit');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Refuse new work first: an append accepted while subscriptions stop would be flushed into a closed db.
    this.closed = true;
    this.committer.flush();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.committer.flush();
    this.db.close();
  }

  /** `keepJson`: with each event's JSON text (RecordedEvent.json), for subscribers, which projections are. */
  private readAllPage(after: number, limit: number, keepJson = false): RecordedEvent[] {
    return (this.stmts.all.all(after, limit) as EventRow[]).map((row) => toRecordedEvent(row, keepJson));
  }

  /** Resolves on the next commit in this process, or after the poll interval (writes by other processes). */
  private waitForCommit(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.committed.off('commit', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.committed.on('commit', done);
      signal.addEventListener('abort', done);
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}
