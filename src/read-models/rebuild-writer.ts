/**
 * The rebuild's writer thread (started by PipelinedDatabase, rebuild-pipeline.ts): it owns the only
 * connection to the fresh rebuild file and runs, in order, the statements the projecting thread queued,
 * while that thread reads and projects the next events. It loads nothing but better-sqlite3, so it starts
 * in milliseconds. Protocol (rebuild-pipeline.ts):
 * - `prepare`: a statement the projections prepared, by id;
 * - `ops`: a flat run of [statement id, parameter count, ...parameters] as JSON (a string crosses threads
 *   as one copy; a structured clone of the array cost more than the JSON both ways); BEGIN/COMMIT frame a batch;
 *   afterwards the DONE counter goes up by one (the projecting thread waits on it to stay a few runs ahead);
 * - `query`: a read, answered on the reply port once everything queued before it is written;
 * - `close`: closes the file and answers.
 * The first error is answered on the reply port with ERROR set; everything after it is ignored.
 */
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import { BEGIN, COMMIT, DONE, ERROR, REPLY, ToWriter, WriterData } from './rebuild-protocol';

function main(): void {
  const { path, pragmas, state: buffer, replyPort } = workerData as WriterData & { replyPort: MessagePort };
  const state = new Int32Array(buffer);
  const db = new Database(path);
  for (const pragma of pragmas) db.pragma(pragma);
  const statements: Statement[] = [];
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  let failed = false;

  const reply = (message: unknown) => {
    replyPort.postMessage(message);
    Atomics.store(state, REPLY, 1);
    Atomics.notify(state, REPLY);
  };

  // One parameter array per statement, refilled for each run (no array per row).
  const params: unknown[][] = [];
  const apply = (ops: unknown[]) => {
    for (let i = 0; i < ops.length; ) {
      const id = ops[i] as number;
      const count = ops[i + 1] as number;
      if (id === BEGIN) begin.run();
      else if (id === COMMIT) commit.run();
      else {
        const values = (params[id] ??= new Array<unknown>(count));
        values.length = count;
        for (let k = 0; k < count; k++) values[k] = ops[i + 2 + k];
        statements[id].run(values);
      }
      i += 2 + count;
    }
  };

  parentPort!.on('message', (message: ToWriter) => {
    if (failed) return;
    try {
      switch (message.type) {
        case 'prepare':
          statements[message.id] = db.prepare(message.sql);
          return;
        case 'ops':
          apply(JSON.parse(message.ops) as unknown[]);
          Atomics.add(state, DONE, 1);
          Atomics.notify(state, DONE);
          return;
        case 'query': {
          const statement = statements[message.id].pluck(message.pluck);
          reply({ value: message.all ? statement.all(...message.args) : statement.get(...message.args) });
          return;
        }
        case 'close':
          if (db.inTransaction) db.exec('ROLLBACK');
          db.close();
          reply({ value: null });
          parentPort!.close();
          return;
      }
    } catch (error) {
      failed = true;
      if (db.open) {
        if (db.inTransaction) db.exec('ROLLBACK');
        db.close();
      }
      Atomics.store(state, ERROR, 1);
      reply({ error: error instanceof Error ? `${error.message} (${(error as { code?: string }).code ?? error.name})` : String(error) });
      Atomics.notify(state, DONE);
    }
  });
}

main();
