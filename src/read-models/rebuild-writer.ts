/**
 * The rebuild's writer thread (started by PipelinedDatabase, rebuild-pipeline.ts): it owns the only
 * connection to the fresh rebuild file and runs, in order, what the projecting thread sends through the
 * shared ring (rebuild-protocol.ts), while that thread reads and projects the next events. It loads nothing
 * but better-sqlite3, so it starts in milliseconds. Frames:
 * - `prepare`: a statement the projections prepared, by id (with its table, for a plain INSERT);
 * - `ops`: a flat run of [statement id, parameter count, ...parameters]; BEGIN/COMMIT frame a batch;
 * - `query`: a read, answered on the reply port (everything sent before it is written by then);
 * - `nudge`: nothing, it only wakes this thread;
 * - `close`: runs its `finish` statements (the deferred index builds), closes the file, answers, and ends
 *   the thread.
 * Between two statements, and while the ring is empty, it answers a read of an appended row (RowRead) as soon
 * as that row is inserted: this is what lets a rebuild look up an old fact without waiting for the whole
 * pipeline to drain. The first error is answered on the reply port with ERROR set, and the thread ends.
 */
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { BEGIN, COMMIT, ERROR, READ, REPLY, ROW_READ, RingReader, RowRead, WriterData } from './rebuild-protocol';

function main(): void {
  const { path, pragmas, state: buffer, ring, replyPort } = workerData as WriterData & { replyPort: MessagePort };
  const state = new Int32Array(buffer);
  const reply = (message: unknown) => {
    replyPort.postMessage(message);
    Atomics.store(state, REPLY, 1);
    Atomics.notify(state, REPLY);
  };
  const statements: Statement[] = [];
  /** Per statement id, the table of a plain INSERT (its first parameter is the rowid). */
  const insertsInto: Array<string | undefined> = [];
  /** Per table, the highest rowid inserted so far. */
  const inserted = new Map<string, number>();
  let rowRead: RowRead | undefined;
  /** Answers the waiting RowRead once its row is in. */
  const serveRowRead = () => {
    if (Atomics.load(state, ROW_READ) === 0) return;
    rowRead ??= receiveMessageOnPort(replyPort)?.message as RowRead | undefined;
    if (!rowRead || (inserted.get(rowRead.table) ?? 0) < rowRead.rowid) return;
    const { id, args, pluck } = rowRead;
    rowRead = undefined;
    Atomics.store(state, ROW_READ, 0);
    reply({ value: statements[id].pluck(pluck).get(...args) });
  };
  const reader = new RingReader(state, ring, serveRowRead);
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    for (const pragma of pragmas) db.pragma(pragma);
    const begin = db.prepare('BEGIN');
    const commit = db.prepare('COMMIT');
    // One parameter array per statement, refilled for each run (no array per row).
    const params: unknown[][] = [];
    const runOps = (ops: unknown[]) => {
      for (let i = 0; i < ops.length; ) {
        const id = ops[i] as number;
        const count = ops[i + 1] as number;
        if (id === BEGIN) begin.run();
        else if (id === COMMIT) commit.run();
        else {
          const values = (params[id] ??= []);
          values.length = count;
          for (let k = 0; k < count; k++) values[k] = ops[i + 2 + k];
          statements[id].run(values);
          const table = insertsInto[id];
          if (table !== undefined) inserted.set(table, values[0] as number);
        }
        i += 2 + count;
        serveRowRead();
      }
    };
    for (;;) {
      const message = reader.read();
      if (message.type === 'ops') runOps(message.ops);
      else if (message.type === 'prepare') {
        statements[message.id] = db.prepare(message.sql);
        insertsInto[message.id] = message.table;
      } else if (message.type === 'query') {
        const statement = statements[message.id].pluck(message.pluck);
        reply({ value: message.all ? statement.all(...message.args) : statement.get(...message.args) });
      } else if (message.type === 'close') {
        if (db.inTransaction) db.exec('ROLLBACK');
        // The rebuild's last steps (its deferred index builds) on this connection and its cache: a second
        // connection on the projecting thread would add its own cache to the peak RSS.
        for (const sql of message.finish) db.exec(sql);
        db.close();
        reply({ value: null });
        return;
      }
    }
  } catch (error) {
    if (db?.open) {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    }
    reply({ error: error instanceof Error ? `${error.message} (${(error as { code?: string }).code ?? error.name})` : String(error) });
    Atomics.store(state, ERROR, 1);
    Atomics.notify(state, READ); // a projecting thread waiting for room in the ring
  }
}

main();
