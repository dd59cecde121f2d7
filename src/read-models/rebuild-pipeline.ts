import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { BEGIN, COMMIT, ERROR, FromWriter, REPLY, RING_BYTES, ROW_READ, RingWriter, RowRead, STATE_SLOTS, ToWriter, WriterData } from './rebuild-protocol';

/**
 * Values queued before a run of ops goes to the writer (which lags at most the ring's 2 MB behind): small
 * enough that a run's JSON (tens of kB) stays in V8's young generation on both threads.
 */
const RUN_VALUES = 2_048;

/**
 * The writer's entry point: the compiled rebuild-writer.js next to this file; from the TypeScript sources,
 * REBUILD_WRITER_ENTRY when set (the tests' copy transpiled once, test/global-setup.ts), else ts-node.
 */
function writerEntry(): { file: string; execArgv?: string[] } {
  const js = join(__dirname, 'rebuild-writer.js');
  if (existsSync(js)) return { file: js };
  const entry = process.env.REBUILD_WRITER_ENTRY;
  if (entry) return { file: entry };
  return { file: join(__dirname, 'rebuild-writer.ts'), execArgv: ['--require', require.resolve('ts-node/register/transpile-only')] };
}

export class RebuildWriterError extends Error {
  constructor(message: string) {
    super(`The rebuild's writer thread failed: ${message}`);
    this.name = 'RebuildWriterError';
  }
}

/**
 * A rebuild's read database seen from the projecting thread, with its writes done by a writer thread
 * (rebuild-writer.ts): the projections and the runner use it as they use a better-sqlite3 Database (the
 * part of the API they call), and every `run` is queued and sent in runs, so reading the store and
 * projecting the next events overlaps with writing the last ones (two cores instead of one). A read
 * (`get`, `all`) waits, synchronously, until the writer has applied everything queued before it and
 * answered: exact, but it drains the pipeline, so a rebuild keeps its frequent lookups in memory and reads
 * only on rare events (corrections). The read of a row the rebuild appended and has not changed since
 * (`getRow`, what a correction's lookup of its fact does) is answered as soon as the writer has that row,
 * ahead of the writes queued after it: with a drain per correction, each side waited for the other in turn
 * (1,000,000 events, 991 corrections: 2.1 s of waiting on this thread, 3.2 s on the writer's).
 *
 * Only for a fresh file whose tables are empty: an INSERT gets its rowid from this side (1, 2, 3... per
 * table, never reused, so `lastInsertRowid` is known at once; rows keep the order SQLite's own numbering
 * gives them, which reuses a deleted last rowid). Transactions cannot nest (no savepoints), and after any
 * error the pipeline refuses everything: the rebuild then starts again without it (rebuild.ts).
 */
export class PipelinedDatabase {
  private readonly state: Int32Array;
  private readonly ring: RingWriter;
  private readonly rowids = new Map<string, number>();
  private ops: unknown[] = [];
  /** Per table, the rowids an UPDATE or DELETE by rowid was queued for; `true`: some other change (see readRow). */
  private readonly changed = new Map<string, Set<number> | true>();
  private statements = 0;
  /** Reads so far: answered after everything queued (`drained`), or as soon as their row was in (`early`). */
  readonly reads = { drained: 0, early: 0 };
  private transactionOpen = false;
  private failure: Error | undefined;
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    private readonly replies: MessagePort,
    buffer: SharedArrayBuffer,
    ring: SharedArrayBuffer,
  ) {
    this.state = new Int32Array(buffer);
    this.ring = new RingWriter(this.state, ring, () => {
      if (Atomics.load(this.state, ERROR) === 1) this.fail();
    });
  }

  /** Starts the writer on `path` (already created, with its tables) and resolves once it runs. */
  static async start(path: string, pragmas: readonly string[]): Promise<PipelinedDatabase> {
    const buffer = new SharedArrayBuffer(STATE_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    const ring = new SharedArrayBuffer(RING_BYTES);
    const { port1, port2 } = new MessageChannel();
    const entry = writerEntry();
    const data: WriterData & { replyPort: MessagePort } = { path, pragmas: [...pragmas], state: buffer, ring, replyPort: port2 };
    // The writer keeps nothing but its statements, and each run of ops it parses dies young: small
    // generations make V8 collect often instead of letting the heap (and the peak RSS) grow. The young one at
    // 4 MB: 1,000,000 events, writer heap 10 MB against 39 MB, peak RSS 275-279 MB against 300-308 MB, as fast.
    const worker = new Worker(entry.file, {
      workerData: data,
      transferList: [port2],
      execArgv: entry.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 4 },
    });
    await new Promise<void>((resolve, reject) => {
      worker.once('online', resolve);
      worker.once('error', reject);
    });
    worker.on('error', () => undefined); // surfaces through ERROR / the close below
    return new PipelinedDatabase(worker, port1, buffer, ring);
  }

  get open(): boolean {
    return !this.closed;
  }

  get inTransaction(): boolean {
    return this.transactionOpen;
  }

  prepare(sql: string): PipelinedStatement {
    this.check();
    const id = this.statements++;
    const table = insertTable(sql);
    this.post({ type: 'prepare', id, sql: withRowid(sql) ?? sql, table });
    return new PipelinedStatement(this, id, table, changeOf(sql));
  }

  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => {
      this.check();
      if (this.transactionOpen) throw new Error('A pipelined rebuild does not nest transactions');
      this.queue(BEGIN, []);
      this.transactionOpen = true;
      try {
        const result = fn(...args);
        this.queue(COMMIT, []);
        return result;
      } catch (error) {
        this.failure = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        this.transactionOpen = false;
      }
    };
  }

  /**
   * Sends what is queued, waits until the writer has written all of it and run `finish` (statements, in order,
   * such as finishRebuildStatements()), and closes the file.
   */
  async close(finish: readonly string[] = []): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!this.failure) this.ask({ type: 'close', finish: [...finish] });
    } finally {
      this.replies.close();
      await this.worker.terminate();
    }
  }

  /** Stops the writer without waiting for what is queued (the rebuild failed). */
  async abandon(): Promise<void> {
    this.closed = true;
    this.failure ??= new Error('abandoned');
    this.replies.close();
    await this.worker.terminate();
  }

  /** @internal */
  nextRowid(table: string): number {
    const rowid = (this.rowids.get(table) ?? 0) + 1;
    this.rowids.set(table, rowid);
    return rowid;
  }

  /**
   * @internal Queues one statement run (`rowid` first when given); sends a run of ops once enough is queued.
   * `change` is what the statement changes in rows already written, for readRow.
   */
  queue(id: number, params: readonly unknown[], rowid?: number, change?: Change): void {
    this.check();
    if (change) this.noteChange(change, params);
    const ops = this.ops;
    if (rowid === undefined) ops.push(id, params.length);
    else ops.push(id, params.length + 1, rowid);
    for (let i = 0; i < params.length; i++) ops.push(params[i]);
    if (ops.length >= RUN_VALUES) this.send();
  }

  /** @internal A read: everything queued is written first. */
  query(id: number, args: unknown[], all: boolean, pluck: boolean): unknown {
    this.check();
    this.reads.drained += 1;
    return this.ask({ type: 'query', id, args, all, pluck });
  }

  /**
   * @internal A read of row `rowid` of `table`, answered as soon as the writer has inserted that row rather
   * than after everything queued, when nothing queued can change the answer: this side gave that rowid, and
   * queued no UPDATE or DELETE of that row (nor any other kind of change to the table). The statement must
   * read only that row and rows inserted before it and never changed (its event, say). Otherwise a plain
   * read.
   */
  readRow(id: number, table: string, rowid: number, args: unknown[], pluck: boolean): unknown {
    this.check();
    const changed = this.changed.get(table);
    const given = this.rowids.get(table) ?? 0;
    if (changed === true || changed?.has(rowid) || rowid > given || rowid < 1) return this.query(id, args, false, pluck);
    this.send();
    this.reads.early += 1;
    const read: RowRead = { id, args, pluck, table, rowid };
    this.replies.postMessage(read);
    Atomics.store(this.state, ROW_READ, 1);
    return this.ask({ type: 'nudge' }, false);
  }

  private noteChange(change: Change, params: readonly unknown[]): void {
    const known = this.changed.get(change.table);
    if (known === true) return;
    if (!change.byRowid) this.changed.set(change.table, true);
    else if (known) known.add(params[params.length - 1] as number);
    else this.changed.set(change.table, new Set([params[params.length - 1] as number]));
  }

  private check(): void {
    if (this.failure) throw this.failure;
    if (this.closed) throw new Error('The pipelined rebuild database is closed');
    if (Atomics.load(this.state, ERROR) === 1) this.fail();
  }

  private post(message: ToWriter): void {
    this.ring.write(message);
  }

  private send(): void {
    if (this.ops.length === 0) return;
    this.post({ type: 'ops', ops: this.ops });
    this.ops = [];
  }

  private ask(message: ToWriter, flush = true): unknown {
    if (flush) this.send();
    this.post(message);
    for (;;) {
      if (Atomics.load(this.state, REPLY) === 1) {
        const received = receiveMessageOnPort(this.replies);
        if (received) {
          Atomics.store(this.state, REPLY, 0);
          const reply = received.message as FromWriter;
          if ('error' in reply) throw (this.failure = new RebuildWriterError(reply.error));
          return reply.value;
        }
      }
      if (Atomics.load(this.state, ERROR) === 1) this.fail();
      Atomics.wait(this.state, REPLY, 0, 50);
    }
  }

  private fail(): never {
    if (!this.failure) {
      const received = receiveMessageOnPort(this.replies);
      const reply = received?.message as FromWriter | undefined;
      this.failure = new RebuildWriterError(reply && 'error' in reply ? reply.error : 'unknown error');
    }
    throw this.failure;
  }
}

/** The part of a better-sqlite3 Statement the projections use, over the pipeline. */
export class PipelinedStatement {
  private plucked = false;

  constructor(
    private readonly db: PipelinedDatabase,
    private readonly id: number,
    private readonly table: string | undefined,
    private readonly change: Change | undefined,
  ) {}

  run(...args: unknown[]): { changes: number; lastInsertRowid: number } {
    const params = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    if (this.table === undefined) {
      this.db.queue(this.id, params, undefined, this.change);
      return {
        changes: 1,
        get lastInsertRowid(): number {
          throw new Error('lastInsertRowid is known only for a plain INSERT in a pipelined rebuild');
        },
      };
    }
    const rowid = this.db.nextRowid(this.table);
    this.db.queue(this.id, params, rowid);
    return { changes: 1, lastInsertRowid: rowid };
  }

  /** get() of row `rowid` of `table`, without waiting for the writes queued after it (PipelinedDatabase.readRow). */
  getRow(table: string, rowid: number, ...args: unknown[]): unknown {
    return this.db.readRow(this.id, table, rowid, args, this.plucked);
  }

  get(...args: unknown[]): unknown {
    return this.db.query(this.id, args, false, this.plucked);
  }

  all(...args: unknown[]): unknown[] {
    return this.db.query(this.id, args, true, this.plucked) as unknown[];
  }

  pluck(toggle = true): this {
    this.plucked = toggle;
    return this;
  }
}

/** What a statement changes in rows already written: an UPDATE or DELETE of `table`, by rowid or otherwise. */
interface Change {
  table: string;
  byRowid: boolean;
}

const UPDATE_OR_DELETE = /^\s*(?:UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+"?(\w+)"?\s/i;
const BY_ROWID = /\sWHERE\s+rowid\s*=\s*\?\s*;?\s*$/i;

/** The change an UPDATE, DELETE or conflict-resolving INSERT makes to rows already in its table. */
function changeOf(sql: string): Change | undefined {
  const changing = UPDATE_OR_DELETE.exec(sql);
  if (changing) return { table: changing[1], byRowid: BY_ROWID.test(sql) };
  const insert = ANY_INSERT.exec(sql);
  if (insert && insertTable(sql) === undefined) return { table: insert[1], byRowid: false };
  return undefined;
}

const ANY_INSERT = /^\s*(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\s+"?(\w+)"?/i;
const INSERT = /^\s*INSERT\s+INTO\s+"?(\w+)"?\s*\(([^)]*)\)\s*VALUES\s*\(/i;

/** The table of a plain `INSERT INTO t (...) VALUES (...)`, whose rowid this side gives. */
function insertTable(sql: string): string | undefined {
  return INSERT.test(sql) && !/\bON\s+CONFLICT\b|\bOR\s+(IGNORE|REPLACE)\b/i.test(sql) ? INSERT.exec(sql)![1] : undefined;
}

/** `INSERT INTO t (a, b) VALUES (?, ?)` → `INSERT INTO t (rowid, a, b) VALUES (?, ?, ?)`. */
function withRowid(sql: string): string | undefined {
  if (insertTable(sql) === undefined) return undefined;
  return sql.replace(INSERT, (_match, table: string, columns: string) => `INSERT INTO "${table}" (rowid, ${columns}) VALUES (?, `);
}
