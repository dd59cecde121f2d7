/**
 * Rebuild: every projection rebuilt from position 0 over a generated history, in its own child process
 * (so the peak RSS is the rebuild's own), against the raw rate of reading the same rows with
 * better-sqlite3 and JSON.parse-ing data and metadata, measured in another child in the same run.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { AS_OF_TABLES } from '../src/read-models/as-of-index';
import { allProjections, createRebuildDatabase, finishRebuildDatabase } from '../src/read-models/read-database';
import { rebuildReadDatabase } from '../src/read-models/rebuild';
import { CACHE_DIR, childMain, ensureDir, log, nowMs, peakRssMb, round, runInChild } from './common';
import { History } from './history-generator';
import { SAMPLES, Spread, medianRun, sampled, spreadOf } from './samples';

export interface RebuildArgs {
  storePath: string;
  readPath: string;
  events: number;
  /** The writer thread (decision 44, the default) or the one-thread rebuild. */
  pipelined?: boolean;
}

export interface RebuildRun {
  rowsWritten: number;
  tables: number;
  indexes: number;
  events: number;
  ms: number;
  eventsPerSec: number;
  peakRssMb: number;
  /** CPU time of the whole process (every thread), user + system: over `ms`, the cores the rebuild kept busy. */
  cpuMs: number;
  pipelined: boolean;
  checkpoint: number | null;
  /** Of `ms` and `cpuMs`: the finish (deferred index builds, switch to WAL), on one thread. */
  finishMs: number;
  finishCpuMs: number;
}

export interface RawReadRun {
  events: number;
  ms: number;
  eventsPerSec: number;
  peakRssMb: number;
}

/** The bound: the rebuild's own output rows inserted raw, under the rebuild's own pragmas and indexes. */
export interface InsertBoundRun {
  rows: number;
  /** Inserting every row, then building the deferred indexes (finishRebuildDatabase), as the rebuild does. */
  ms: number;
  /** Reading the rows back from the rebuilt file, in chunks between the writes (not part of `ms`). */
  readMs: number;
  eventsPerSec: number;
}

export interface RebuildResult {
  events: number;
  eventsPerSec: number;
  rawFloorPerSec: number;
  ratio: number;
  /** Events per second the insert bound allows (events / time to write the rebuild's rows raw). */
  insertBoundPerSec: number;
  /** eventsPerSec / insertBoundPerSec: how close the projection code gets to writing its own output. */
  vsInsertBound: number;
  boundRows: number;
  boundReadMs: number;
  samples: number;
  spread: Record<'eventsPerSec' | 'rawFloorPerSec' | 'ratio' | 'insertBoundPerSec' | 'vsInsertBound' | 'peakRssMb', Spread>;
  peakRssMb: number;
  ms: number;
  /** CPU time over wall time: 1 on one busy core, up to 2 when the writer thread overlaps the projecting one. */
  coresBusy: number;
  cpuMs: number;
  finishMs: number;
  finishCpuMs: number;
  /** The bound the rebuild hits on this machine: its CPU work against the cores there are (coreCeiling). */
  ceiling: CoreCeiling;
  /** The other path, measured in the same sample: the one-thread rebuild (`pipelined: false`). */
  oneThread: { eventsPerSec: number; vsInsertBound: number; peakRssMb: number; coresBusy: number; spread: Record<'eventsPerSec' | 'vsInsertBound' | 'peakRssMb', Spread> };
  readPath: string;
  rowsPerEvent: number;
  tables: number;
  indexes: number;
}

/** A path's CPU work, and the rate the machine's cores would give it at best. */
export interface PathCeiling {
  /** CPU time (every thread, user + system) per event before the finish, in µs. */
  cpuUsPerEvent: number;
  /** Events per second with that work spread evenly over every core, then the finish on one thread. */
  eventsPerSec: number;
  vsInsertBound: number;
}

/**
 * What the cores allow, measured: the CPU time each path spent before its finish, divided evenly over the
 * machine's cores (no rebuild can do better than a perfect split), plus the finish's own time. The one-thread
 * path's work is the projections' alone (no ring, no second thread), so its ceiling bounds any split of
 * today's projection work; `cpuUsPerEventAtTarget` is the work per event at which a perfect split would reach
 * 0.8 of the insert bound.
 */
export interface CoreCeiling {
  cores: number;
  pipelined: PathCeiling;
  oneThreadWork: PathCeiling;
  cpuUsPerEventAtTarget: number;
}

export const TARGET_VS_BOUND = 0.8;

export function coreCeiling(
  events: number,
  pipelined: Pick<RebuildRun, 'cpuMs' | 'finishMs' | 'finishCpuMs'>,
  oneThread: Pick<RebuildRun, 'cpuMs' | 'finishMs' | 'finishCpuMs'>,
  insertBoundPerSec: number,
  cores: number,
): CoreCeiling {
  const path = (run: Pick<RebuildRun, 'cpuMs' | 'finishMs' | 'finishCpuMs'>): PathCeiling => {
    const before = Math.max(0, run.cpuMs - run.finishCpuMs);
    const eventsPerSec = (events / (before / cores + run.finishMs)) * 1000;
    return { cpuUsPerEvent: round((before / events) * 1000, 1), eventsPerSec: round(eventsPerSec), vsInsertBound: round(eventsPerSec / insertBoundPerSec, 3) };
  };
  const targetMs = (events / (TARGET_VS_BOUND * insertBoundPerSec)) * 1000;
  return {
    cores,
    pipelined: path(pipelined),
    oneThreadWork: path(oneThread),
    cpuUsPerEventAtTarget: round((Math.max(0, targetMs - pipelined.finishMs) * cores * 1000) / events, 1),
  };
}

/**
 * Child: `rebuildReadDatabase` (what `npm run rebuild` runs) — every registered projection over the store
 * from its first event into a fresh read database.
 */
export async function rebuildInProcess(args: RebuildArgs): Promise<RebuildRun> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(args.readPath + suffix, { force: true });
  const store = new SqliteEventStore({ path: args.storePath, synchronous: 'FULL' });
  const started = nowMs();
  const cpu = process.cpuUsage();
  const result = await rebuildReadDatabase(store, args.readPath, { projections: allProjections(), pipelined: args.pipelined !== false });
  const ms = nowMs() - started;
  const used = process.cpuUsage(cpu);
  if (result.pipelined !== (args.pipelined !== false)) throw new Error(`the rebuild ran ${result.pipelined ? 'pipelined' : 'on one thread'}, not as asked`);
  await store.close();
  // How much the read models write per event (rows over every table), for the analysis of the ratio.
  const readDb = new Database(args.readPath, { readonly: true });
  const tables = readDb.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'checkpoint'").pluck().all() as string[];
  let rows = 0;
  for (const t of tables) rows += readDb.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number;
  const indexes = readDb.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index'").pluck().get() as number;
  readDb.close();
  return {
    rowsWritten: rows,
    tables: tables.length,
    indexes,
    events: result.events,
    ms: round(ms, 1),
    eventsPerSec: round((result.events / ms) * 1000),
    peakRssMb: round(peakRssMb(), 1),
    cpuMs: round((used.user + used.system) / 1000, 1),
    pipelined: result.pipelined,
    checkpoint: result.position === undefined ? null : Number(result.position),
    finishMs: result.finishMs,
    finishCpuMs: result.finishCpuMs,
  };
}

/** Child: the floor — read every row in position order and parse its data and metadata. */
export async function rawReadInProcess(args: { storePath: string }): Promise<RawReadRun> {
  const db = new Database(args.storePath, { readonly: true });
  const stmt = db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
  const started = nowMs();
  let n = 0;
  let after = 0;
  let sink = 0;
  for (;;) {
    const rows = stmt.all(after, 500) as Array<{ position: number; data: string; metadata: string }>;
    if (rows.length === 0) break;
    for (const row of rows) {
      const data = JSON.parse(row.data) as object;
      const metadata = JSON.parse(row.metadata) as object;
      if (data && metadata) sink += 1;
    }
    n += rows.length;
    after = rows[rows.length - 1].position;
  }
  const ms = nowMs() - started;
  db.close();
  if (sink !== n) throw new Error('unreachable');
  return { events: n, ms: round(ms, 1), eventsPerSec: round((n / ms) * 1000), peakRssMb: round(peakRssMb(), 1) };
}

/**
 * Child: the bound measured, not argued. Every row the rebuild wrote (read back from its file) is inserted with
 * plain prepared statements into a fresh file made by createRebuildDatabase (the rebuild's pragmas: no journal,
 * no sync, exclusive lock, its cache size, only the indexes it keeps live), one transaction per 1,000 events'
 * worth of rows like the rebuild's batches, then finishRebuildDatabase builds the other indexes. No projection
 * logic runs: a rebuild cannot be faster than this.
 */
export async function insertBoundInProcess(args: { readPath: string; events: number }): Promise<InsertBoundRun> {
  const source = new Database(args.readPath, { readonly: true });
  // The as-of index's tables (rtrees and their shadow tables, the counters) are written by triggers as the
  // base rows go in, here as in the rebuild: inserting them again would count them twice.
  const derived = (name: string) => (AS_OF_TABLES as readonly string[]).includes(name) || AS_OF_TABLES.some((t) => name.startsWith(`${t}_`));
  const target = `${args.readPath}.bound`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
  let writeMs = 0;
  let readMs = 0;
  let rows = 0;
  let t = nowMs();
  const db = createRebuildDatabase(target, allProjections());
  writeMs += nowMs() - t;
  // Tables the fresh file already holds rows of (its schema seeds them: the checkpoint, the read generation) are
  // not the rebuild's writes.
  const seeded = (name: string) => db.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() !== 0;
  const tables = (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").pluck().all() as string[]).filter(
    (name) => !derived(name) && !seeded(name),
  );
  const total = tables.reduce((sum, name) => sum + (source.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number), 0);
  // One transaction per 1,000 events' worth of rows, like the rebuild's batches of 1,000 events.
  const perCommit = Math.max(1000, Math.round((total / Math.max(1, args.events)) * 1000));
  for (const name of tables) {
    const columns = (source.prepare(`PRAGMA table_info("${name}")`).all() as Array<{ name: string }>).map((c) => `"${c.name}"`);
    const insert = db.prepare(`INSERT INTO "${name}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    const write = db.transaction((chunk: unknown[][]) => {
      for (const row of chunk) insert.run(row);
    });
    // Rows are read back in chunks outside the timed part: only writing them is the bound.
    const read = source.prepare(`SELECT ${columns.join(', ')} FROM "${name}" WHERE rowid > ? ORDER BY rowid LIMIT ?`).raw();
    const rowid = source.prepare(`SELECT rowid FROM "${name}" WHERE rowid > ? ORDER BY rowid LIMIT 1 OFFSET ?`).pluck();
    let after = 0;
    for (;;) {
      t = nowMs();
      const chunk = read.all(after, perCommit) as unknown[][];
      const last = chunk.length ? (rowid.get(after, chunk.length - 1) as number) : undefined;
      readMs += nowMs() - t;
      if (!chunk.length || last === undefined) break;
      t = nowMs();
      write(chunk);
      writeMs += nowMs() - t;
      rows += chunk.length;
      after = last;
    }
  }
  t = nowMs();
  finishRebuildDatabase(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  writeMs += nowMs() - t;
  source.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
  if (rows !== total) throw new Error(`the bound wrote ${rows} rows of ${total}`);
  return { rows, ms: round(writeMs, 1), readMs: round(readMs, 1), eventsPerSec: round((args.events / writeMs) * 1000) };
}

/** Parent side: SAMPLES × (raw floor, rebuild, insert bound), each in its own process; optionally a CPU profile. */
export async function runRebuildBench(history: History, options: { profileDir?: string; profileStorePath?: string } = {}): Promise<RebuildResult> {
  const runs = await sampled(options.profileDir ? 1 : SAMPLES, async (sample) => {
    log(`rebuild: sample ${sample + 1}`);
    const one = await runRebuildOnce(history, options);
    const bound = await runInChild<InsertBoundRun>('rebuild.bench.js', { mode: 'bound', readPath: one.readPath, events: one.events, storePath: '' });
    log(`rebuild: insert bound ${bound.eventsPerSec} events/s (${bound.rows} rows in ${Math.round(bound.ms)} ms, reading them ${Math.round(bound.readMs)} ms)`);
    // The one-thread rebuild in the same sample, into a file of its own (the pipelined one's is the bound's source).
    const single = await runInChild<RebuildRun>('rebuild.bench.js', { mode: 'rebuild', storePath: history.path, readPath: `${one.readPath}.one-thread`, events: history.events, pipelined: false });
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${one.readPath}.one-thread${suffix}`, { force: true });
    log(`rebuild: one thread ${single.eventsPerSec} events/s, peak RSS ${single.peakRssMb} MB`);
    return {
      ...one,
      ceiling: coreCeiling(one.events, one, single, bound.eventsPerSec, availableParallelism()),
      insertBoundPerSec: bound.eventsPerSec,
      vsInsertBound: round(one.eventsPerSec / bound.eventsPerSec, 3),
      boundRows: bound.rows,
      boundReadMs: bound.readMs,
      single: { eventsPerSec: single.eventsPerSec, vsInsertBound: round(single.eventsPerSec / bound.eventsPerSec, 3), peakRssMb: single.peakRssMb, coresBusy: round(single.cpuMs / single.ms, 2) },
    };
  });
  const { single: _single, ...median } = medianRun(runs, (r) => r.eventsPerSec);
  const singles = runs.map((r) => r.single);
  const singleMedian = medianRun(singles, (r) => r.eventsPerSec);
  return {
    ...median,
    oneThread: {
      ...singleMedian,
      spread: { eventsPerSec: spreadOf(singles, (r) => r.eventsPerSec, 0), vsInsertBound: spreadOf(singles, (r) => r.vsInsertBound), peakRssMb: spreadOf(singles, (r) => r.peakRssMb, 1) },
    },
    samples: runs.length,
    spread: {
      eventsPerSec: spreadOf(runs, (r) => r.eventsPerSec, 0),
      rawFloorPerSec: spreadOf(runs, (r) => r.rawFloorPerSec, 0),
      ratio: spreadOf(runs, (r) => r.ratio),
      insertBoundPerSec: spreadOf(runs, (r) => r.insertBoundPerSec, 0),
      vsInsertBound: spreadOf(runs, (r) => r.vsInsertBound),
      peakRssMb: spreadOf(runs, (r) => r.peakRssMb, 1),
    },
  };
}

type OneRebuild = Omit<RebuildResult, 'insertBoundPerSec' | 'vsInsertBound' | 'boundRows' | 'boundReadMs' | 'samples' | 'spread' | 'oneThread' | 'ceiling'>;

async function runRebuildOnce(history: History, options: { profileDir?: string; profileStorePath?: string }): Promise<OneRebuild> {
  const readPath = join(ensureDir(join(CACHE_DIR, 'read')), `read-${history.events}.sqlite`);
  log(`rebuild: raw read floor over ${history.events} events`);
  const raw = await runInChild<RawReadRun>('rebuild.bench.js', { mode: 'raw', storePath: history.path });
  log(`rebuild: raw ${raw.eventsPerSec} events/s; projecting ${history.events} events`);
  const run = await runInChild<RebuildRun>('rebuild.bench.js', { mode: 'rebuild', storePath: history.path, readPath, events: history.events });
  if (run.events !== history.events) throw new Error(`rebuild applied ${run.events} events, the history holds ${history.events}`);
  log(`rebuild: ${run.eventsPerSec} events/s, peak RSS ${run.peakRssMb} MB`);
  if (options.profileDir) {
    // A second, profiled rebuild (the profiler slows it down, so its time is not the figure reported).
    const profileRead = `${readPath}.profile`;
    log(`rebuild: profiling a second rebuild of ${history.events} events`);
    await runInChild<RebuildRun>(
      'rebuild.bench.js',
      { mode: 'rebuild', storePath: options.profileStorePath ?? history.path, readPath: profileRead, events: history.events },
      ['--cpu-prof', `--cpu-prof-dir=${ensureDir(options.profileDir)}`, '--cpu-prof-name=rebuild.cpuprofile'],
    );
    for (const suffix of ['', '-wal', '-shm']) rmSync(profileRead + suffix, { force: true });
  }
  return {
    events: run.events,
    eventsPerSec: run.eventsPerSec,
    rawFloorPerSec: raw.eventsPerSec,
    ratio: round(run.eventsPerSec / raw.eventsPerSec, 3),
    peakRssMb: run.peakRssMb,
    ms: run.ms,
    coresBusy: round(run.cpuMs / run.ms, 2),
    cpuMs: run.cpuMs,
    finishMs: run.finishMs,
    finishCpuMs: run.finishCpuMs,
    readPath,
    rowsPerEvent: round(run.rowsWritten / run.events, 2),
    tables: run.tables,
    indexes: run.indexes,
  };
}

childMain(module, async (args: { mode: 'raw' | 'rebuild' | 'bound' } & RebuildArgs) =>
  args.mode === 'raw' ? rawReadInProcess(args) : args.mode === 'bound' ? insertBoundInProcess(args) : rebuildInProcess(args),
);
