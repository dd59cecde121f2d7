import type { Database } from 'better-sqlite3';
import { AppendResult, ExpectedRevision } from '../event-store.port';
import { EventStoreError } from '../errors';
import { AppendStatements, SerializedEvent } from './append';

interface PendingAppend {
  streamId: string;
  events: readonly SerializedEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit: appends that arrive while the event loop is busy are queued and committed together in
 * one transaction, so N concurrent requests cost one fsync rather than N. Each append runs in its own
 * savepoint: one that breaks a rule rolls back alone and the others still commit. Promises settle only
 * after COMMIT has returned, i.e. after the WAL is synced (with synchronous=FULL).
 */
export class GroupCommitter {
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private readonly statements: AppendStatements;
  private readonly runOne: (p: PendingAppend, recordedAt: number) => AppendResult;

  constructor(
    private readonly db: Database,
    private readonly maxGroupSize: number,
    private readonly afterCommit: () => void,
  ) {
    this.statements = new AppendStatements(db);
    // A nested better-sqlite3 transaction is a SAVEPOINT inside the outer one.
    this.runOne = db.transaction((p: PendingAppend, recordedAt: number) =>
      this.statements.append(p.streamId, p.events, p.expected, recordedAt),
    );
  }

  submit(streamId: string, events: readonly SerializedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expected, resolve, reject });
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
      const group = this.queue.splice(0, this.maxGroupSize);
      this.commitGroup(group);
    }
  }

  private commitGroup(group: PendingAppend[]): void {
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    try {
      this.db.transaction(() => {
        const recordedAt = Date.now();
        for (const p of group) {
          try {
            outcomes.push({ ok: true, result: this.runOne(p, recordedAt) });
          } catch (error) {
            // A broken rule rolls back its own savepoint. Anything else (I/O, disk full, busy) may have made
            // SQLite roll back the whole transaction, and later statements would then autocommit one by one
            // while their callers are told the group failed: abort the group instead.
            if (!(error instanceof EventStoreError) || !this.db.inTransaction) throw error;
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      // The transaction or its COMMIT failed (disk full, I/O error): nothing in the group is durable.
      for (const p of group) p.reject(error);
      return;
    }
    group.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) p.resolve(outcome.result);
      else p.reject(outcome.error);
    });
    if (outcomes.some((o) => o.ok)) this.afterCommit();
  }
}
