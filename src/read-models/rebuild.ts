import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { EventStore } from '../event-store/event-store.port';
import { ProjectionRunner } from './projection-runner';
import { Projection } from './projections/projection';
import { REBUILD_PRAGMAS, allProjections, createRebuildDatabase, finishRebuildDatabase, finishRebuildStatements } from './read-database';
import { lockReadDatabase } from './read-database-lock';
import { PipelinedDatabase } from './rebuild-pipeline';

export interface RebuildResult {
  events: number;
  /** Events a projection failed on, set aside (see GET /api/projections once the service runs). */
  parked: number;
  position: bigint | undefined;
  ms: number;
  /** Whether the writes ran on a writer thread of their own (false: one thread, after a failure or when asked). */
  pipelined: boolean;
  /** Of `ms`, the time spent after the last event: building the deferred indexes and switching the file to WAL. */
  finishMs: number;
  /** The process's CPU time (every thread, user + system) over those `finishMs`: the builds run on one thread. */
  finishCpuMs: number;
  /**
   * A pipelined rebuild's reads of the file it writes (a correction's lookups): answered as soon as their row
   * was in (`early`), or after every write queued before them (`drained`). Absent on one thread.
   */
  reads?: { early: number; drained: number };
}

export interface RebuildOptions {
  projections?: readonly Projection[];
  batchSize?: number;
  onProgress?: (position: bigint) => void;
  /** Write on a writer thread while the next events are read and projected (default true). */
  pipelined?: boolean;
  log?: (message: string) => void;
}

/**
 * Rebuilds every read model from the first event into a fresh file next to `path` (`<path>.rebuild`), then
 * swaps it in: the file is synced, the old database's WAL folded into it, and the new file renamed over it
 * (atomic). A rebuild that fails or is killed at any point leaves the old read database as it was (a
 * leftover `.rebuild` file is removed by the next rebuild), never a half-built one; the checkpoint travels
 * inside the file it describes. It refuses (ReadDatabaseInUseError) while another live process, such as the
 * running service, holds the read database's lock.
 *
 * The projections run on this thread and their writes on a writer thread (PipelinedDatabase); should that
 * fail in any way (a projection throwing on a poison event included), the rebuild starts again from the
 * first event on one thread, where a poison event is parked as the live runner parks it.
 */
export async function rebuildReadDatabase(store: EventStore, path: string, options: RebuildOptions = {}): Promise<RebuildResult> {
  const release = lockReadDatabase(path);
  if (rebuildsRunning++ === 0) setFlagsFromString(`--heap-growing-percent=${REBUILD_HEAP_GROWING_PERCENT}`);
  try {
    return await rebuildLocked(store, path, options);
  } finally {
    // Back to V8's default, its own dynamic factor, once no rebuild of this process runs.
    if (--rebuildsRunning === 0) setFlagsFromString('--heap-growing-percent=0');
    release();
  }
}

/** Rebuilds running in this process (of different files): the flag below is the process's. */
let rebuildsRunning = 0;

/**
 * How far V8 lets the heap grow past what the last full GC left, during a rebuild (decision 44). Left to its
 * own factor (up to 4×), V8 grew the projecting thread's heap to ~260 MB in some runs of a 1,000,000-event
 * rebuild and to ~130 MB in others: it grows more when the thread spends time waiting for the writer, which
 * it reads as a slow mutator. Peak RSS was 440–480 MB or ~290 MB depending on the run; at 15 % it was
 * 280–320 MB over seven runs, at 10 % 279–282 MB over four, for about the same CPU time. The live data is the rebuild's in-memory lookups,
 * so a fixed factor bounds the garbage, not what the rebuild may hold (no hard limit that a larger history
 * could hit). V8 reads this flag each time it sets its limits.
 */
const REBUILD_HEAP_GROWING_PERCENT = 10;

const SUFFIXES = ['', '-wal', '-shm', '-journal'];
const removeFiles = (path: string) => {
  for (const suffix of SUFFIXES) rmSync(path + suffix, { force: true });
};

async function rebuildLocked(store: EventStore, path: string, options: RebuildOptions): Promise<RebuildResult> {
  const started = Date.now();
  const temp = `${path}.rebuild`;
  const projections = options.projections ?? allProjections();
  let built: Omit<RebuildResult, 'ms'> | undefined;
  if (options.pipelined !== false) {
    try {
      built = await project(store, temp, projections, options, true);
    } catch (error) {
      options.log?.(`The pipelined rebuild failed (${error instanceof Error ? error.message : String(error)}); rebuilding on one thread`);
    }
  }
  built ??= await project(store, temp, projections, options, false);
  swapIn(temp, path);
  return { ...built, ms: Date.now() - started };
}

/** Projects every event into a fresh `temp`, then builds its deferred indexes; removes `temp` on failure. */
async function project(
  store: EventStore,
  temp: string,
  projections: readonly Projection[],
  options: RebuildOptions,
  pipelined: boolean,
): Promise<Omit<RebuildResult, 'ms'>> {
  removeFiles(temp);
  let db: Database.Database | undefined = createRebuildDatabase(temp, projections);
  let pipe: PipelinedDatabase | undefined;
  let runner: ProjectionRunner | undefined;
  try {
    if (pipelined) {
      db.close();
      db = undefined;
      // Half the one-thread rebuild's cache: the projecting thread's heap sits beside it (peak RSS).
      pipe = await PipelinedDatabase.start(temp, [...REBUILD_PRAGMAS, 'cache_size = -16384']);
    }
    const target = (pipe ?? db) as Database.Database;
    runner = new ProjectionRunner(store, target, projections, {
      batchSize: options.batchSize ?? 1000,
      stopOnError: true,
      rebuild: true,
      log: { error: (message) => (pipelined ? undefined : process.stderr.write(`${message}\n`)) },
    });
    const caughtUp = runner.whenCaughtUp();
    const progress = setInterval(() => {
      const position = runner!.checkpoint();
      if (position !== undefined) options.onProgress?.(position);
    }, 1000);
    runner.start();
    await caughtUp.finally(() => clearInterval(progress));
    await runner.stop();
    const events = target.prepare('SELECT events_applied FROM checkpoint WHERE id = 1').pluck().get() as number;
    const position = runner.checkpoint();
    const parked = runner.parkedCount();
    runner = undefined; // its projections' in-memory lookups can go before the index builds
    const finishing = Date.now();
    const cpu = process.cpuUsage();
    if (pipe) await pipe.close(finishRebuildStatements());
    else {
      finishRebuildDatabase(db!);
      db!.close();
    }
    const used = process.cpuUsage(cpu);
    const reads = pipe ? { ...pipe.reads } : undefined;
    return { events, parked, position, pipelined, ...(reads && { reads }), finishMs: Date.now() - finishing, finishCpuMs: Math.round((used.user + used.system) / 1000) };
  } catch (error) {
    await runner?.stop();
    await pipe?.abandon();
    if (db?.open) db.close();
    removeFiles(temp);
    throw error;
  }
}

/**
 * Puts the finished `temp` in `path`'s place. The new file is synced first; the old database's WAL, if any,
 * is folded into it and removed (a WAL left beside the new file would be replayed into it), then a rename
 * replaces the file in one step and the directory is synced. Killed before the rename: the old database,
 * whole. After: the new one, whole.
 */
function swapIn(temp: string, path: string): void {
  fsyncFile(temp);
  if (existsSync(path)) {
    try {
      const old = new Database(path);
      old.pragma('journal_mode = DELETE'); // checkpoints the WAL into the file and deletes it
      old.close();
    } catch {
      // Unreadable: nothing in it to keep.
    }
  }
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  renameSync(temp, path);
  fsyncFile(dirname(path));
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
