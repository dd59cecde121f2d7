import { existsSync, renameSync, rmSync } from 'node:fs';
import { EventStore } from '../event-store/event-store.port';
import { ProjectionRunner } from './projection-runner';
import { Projection } from './projections/projection';
import { allProjections, createRebuildDatabase, finishRebuildDatabase } from './read-database';
import { lockReadDatabase } from './read-database-lock';

export interface RebuildResult {
  events: number;
  /** Events a projection failed on, set aside (see GET /api/projections once the service runs). */
  parked: number;
  position: bigint | undefined;
  ms: number;
}

/**
 * Rebuilds every read model from the first event into a fresh file next to `path`, then swaps it in, so a
 * failed rebuild leaves the old read database untouched. It refuses (ReadDatabaseInUseError) while another
 * live process, such as the running service, holds the read database's lock.
 */
export async function rebuildReadDatabase(
  store: EventStore,
  path: string,
  options: { projections?: readonly Projection[]; batchSize?: number; onProgress?: (position: bigint) => void } = {},
): Promise<RebuildResult> {
  const release = lockReadDatabase(path);
  try {
    return await rebuildLocked(store, path, options);
  } finally {
    release();
  }
}

async function rebuildLocked(
  store: EventStore,
  path: string,
  options: { projections?: readonly Projection[]; batchSize?: number; onProgress?: (position: bigint) => void },
): Promise<RebuildResult> {
  const started = Date.now();
  const temp = `${path}.rebuild`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(temp + suffix, { force: true });
  const projections = options.projections ?? allProjections();
  const db = createRebuildDatabase(temp, projections);
  const runner = new ProjectionRunner(store, db, projections, {
    batchSize: options.batchSize ?? 1000,
    stopOnError: true,
    rebuild: true,
    log: { error: (message) => process.stderr.write(`${message}\n`) },
  });
  try {
    const caughtUp = runner.whenCaughtUp();
    const progress = setInterval(() => {
      const position = runner.checkpoint();
      if (position !== undefined) options.onProgress?.(position);
    }, 1000);
    runner.start();
    await caughtUp.finally(() => clearInterval(progress));
    await runner.stop();
    const events = db.prepare('SELECT events_applied FROM checkpoint WHERE id = 1').pluck().get() as number;
    const position = runner.checkpoint();
    const parked = runner.parkedCount();
    finishRebuildDatabase(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
    renameSync(temp, path);
    return { events, parked, position, ms: Date.now() - started };
  } catch (error) {
    await runner.stop();
    if (db.open) db.close();
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(temp + suffix)) rmSync(temp + suffix, { force: true });
    throw error;
  }
}
