/**
 * The rebuild's writer thread (started by PipelinedDatabase, rebuild-pipeline.ts): it owns the only
 * connection to the fresh rebuild file and runs, in order, what the projecting thread sends through the
 * shared ring (rebuild-protocol.ts), while that thread reads and projects the next events. It loads nothing
 * but better-sqlite3, so it starts in milliseconds. Frames:
 * - `prepare`: a statement the projections prepared, by id;
 * - `ops`: a flat run of [statement id, parameter count, ...parameters]; BEGIN/COMMIT frame a batch;
 * - `query`: a read, answered on the reply port (everything sent before it is written by then);
 * - `close`: runs its `finish` statements (the deferred index builds), closes the file, answers, and ends
 *   the thread.
 * The first error is answered on the reply port with ERROR set, and the thread ends.
 */
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { MessagePort, workerData } from 'node:worker_threads';
import { BEGIN, COMMIT, ERROR, READ, REPLY, RingReader, WriterData } from './rebuild-protocol';

function main(): void {
  const { path, pragmas, state: buffer, ring, replyPort } = workerData as WriterData & { replyPort: MessagePort };
  const state = new Int32Array(buffer);
  const reader = new RingReader(state, ring);
  const reply = (message: unknown) => {
    replyPort.postMessage(message);
    Atomics.store(state, REPLY, 1);
    Atomics.notify(state, REPLY);
  };
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    for (const pragma of pragmas) db.pragma(pragma);
    const statements: Statement[] = [];
    const begin = db.prepare('BEGIN');
    const commit = db.prepare('COMMIT');
    // One parameter array per statement, refilled for each run (no array per row).
    const params: unknown[][] = [];
    for (;;) {
      const message = reader.read();
      if (message.type === 'prepare') statements[message.id] = db.prepare(message.sql);
      else if (message.type === 'ops') {
        const ops = message.ops;
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
          }
          i += 2 + count;
        }
      } else if (message.type === 'query') {
        const statement = statements[message.id].pluck(message.pluck);
        reply({ value: message.all ? statement.all(...message.args) : statement.get(...message.args) });
      } else {
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
