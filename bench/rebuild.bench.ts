/**
 * Rebuild: every projection rebuilt from position 0 over a generated history, in its own child process
 * (so the peak RSS is the rebuild's own), against the raw rate of reading the same rows with
 * better-sqlite3 and JSON.parse-ing data and metadata, measured in another child in the same run.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { allProjections } from '../src/read-models/read-database';
import { rebuildReadDatabase } from '../src/read-models/rebuild';
import { CACHE_DIR, childMain, ensureDir, log, nowMs, peakRssMb, round, runInChild } from './common';
import { History } from './history-generator';

export interface RebuildArgs {
  storePath: string;
  readPath: string;
  events: number;
}

export interface RebuildRun {
  rowsWritten: number;
  tables: number;
  indexes: number;
  events: number;
  ms: number;
  eventsPerSec: number;
  peakRssMb: number;
  checkpoint: number | null;
}

export interface RawReadRun {
  events: number;
  ms: number;
  eventsPerSec: number;
  peakRssMb: number;
}

export interface RebuildResult {
  events: number;
  eventsPerSec: number;
  rawFloorPerSec: number;
  ratio: number;
  peakRssMb: number;
  ms: number;
  readPath: string;
  rowsPerEvent: number;
  tables: number;
  indexes: number;
}

/**
 * Child: `rebuildReadDatabase` (what `npm run rebuild` runs) — every registered projection over the store
 * from its first event into a fresh read database.
 */
export async function rebuildInProcess(args: RebuildArgs): Promise<RebuildRun> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(args.readPath + suffix, { force: true });
  const store = new SqliteEventStore({ path: args.storePath, synchronous: 'FULL' });
  const started = nowMs();
  const result = await rebuildReadDatabase(store, args.readPath, { projections: allProjections() });
  const ms = nowMs() - started;
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
    checkpoint: result.position === undefined ? null : Number(result.position),
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

/** Parent side: raw floor then the rebuild, each in its own process; optionally with a CPU profile. */
export async function runRebuildBench(history: History, options: { profileDir?: string; profileStorePath?: string } = {}): Promise<RebuildResult> {
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
    readPath,
    rowsPerEvent: round(run.rowsWritten / run.events, 2),
    tables: run.tables,
    indexes: run.indexes,
  };
}

childMain(module, async (args: { mode: 'raw' | 'rebuild' } & RebuildArgs) =>
  args.mode === 'raw' ? rawReadInProcess(args) : rebuildInProcess(args),
);
