import type { Database, Transaction } from 'better-sqlite3';
import { AppendResult, ExpectedRevision } from '../event-store.port';
import { EventStoreError, StoreUnavailableError } from '../errors';
import { AppendStatements, SerializedEvent } from './append';

interface PendingAppend {
  streamId: string;
  events: readonly SerializedEvent[];
  expected: ExpectedRevision;
  expectedLastEventId?: string;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
  /** Set inside the transaction; acted on only once it has committed. */
  result?: AppendResult;
  error?: unknown;
}

/**
 * Group commit: appends that arrive while the event loop is busy are queued and committed together in
 * one transaction, so N concurrent requests cost one fsync rather than N. An append that breaks a rule
 * fails alone and the others still commit: AppendStatements checks every rule before its first write, so
 * such an append has written nothing (no savepoint needed). Any other error aborts the whole group.
 * Promises settle only after COMMIT has returned, i.e. after the WAL is synced (with synchronous=FULL).
 */
export class GroupCommitter {
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private readonly statements: AppendStatements;
  private readonly writeGroup: Transaction<(group: PendingAppend[]) => number>;

  constructor(
    private readonly db: Database,
    private readonly maxGroupSize: number,
    private readonly afterCommit: () => void,
  ) {
    this.statements = new AppendStatements(db);
    this.writeGroup = db.transaction((group: PendingAppend[]) => this.writeAll(group));
  }

  submit(
    streamId: string,
    events: readonly SerializedEvent[],
    expected: ExpectedRevision,
    expectedLastEventId?: string,
  ): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expected, expectedLastEventId, resolve, reject, result: undefined, error: undefined });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued; used by close() and by the timer. */
  flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const group = this.queue.length <= this.maxGroupSize ? this.queue : this.queue.slice(0, this.maxGroupSize);
      this.queue = group === this.queue ? [] : this.queue.slice(this.maxGroupSize);
      this.commitGroup(group);
    }
  }

  private commitGroup(group: PendingAppend[]): void {
    let written: number;
    try {
      written = this.writeGroup.immediate(group);
    } catch (error) {
      // The transaction or its COMMIT failed (disk full, I/O error): nothing in the group is durable, and the
      // rollback leaves nothing partial. A full disk or a busy/locked file heals by itself: 503, retry later.
      const reported = storeUnavailable(error) ?? error;
      for (const p of group) p.reject(reported);
      return;
    }
    for (const p of group) {
      if (p.result !== undefined) p.resolve(p.result);
      else p.reject(p.error);
    }
    if (written > 0) this.afterCommit();
  }

  /** The body of the group's transaction; returns how many appends succeeded. */
  private writeAll(group: PendingAppend[]): number {
    const recordedAt = Date.now();
    let written = 0;
    for (const p of group) {
      try {
        p.result = this.statements.append(p.streamId, p.events, p.expected, recordedAt, p.expectedLastEventId);
        written += 1;
      } catch (error) {
        // A broken rule is thrown before the append writes anything. Anything else (I/O, disk full, busy),
        // or any error once writing has begun, may have left part of a batch or made SQLite roll back the
        // whole transaction (later statements would then autocommit one by one while their callers are
        // told the group failed): abort the group instead.
        if (!(error instanceof EventStoreError) || this.statements.writing || !this.db.inTransaction) {
          this.statements.writing = false;
          throw error;
        }
        p.error = error;
      }
    }
    return written;
  }
}

/**
 * SQLite failures that say nothing about the request and pass by themselves: the disk (or the database's
 * max_page_count) is full, the file is busy or locked, the machine is short of memory. Mapped to
 * StoreUnavailableError (HTTP 503 with Retry-After); anything else stays as it is.
 */
export function storeUnavailable(error: unknown): StoreUnavailableError | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL') return new StoreUnavailableError('the event store\'s disk is full', 30, error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreUnavailableError('the event store is busy', 1, error);
  }
  if (code === 'SQLITE_NOMEM') return new StoreUnavailableError('the event store is out of memory', 5, error);
  if (code.startsWith('SQLITE_IOERR')) return new StoreUnavailableError('the event store could not write to its disk', 30, error);
  return undefined;
}
