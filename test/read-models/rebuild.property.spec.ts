import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { rebuildReadDatabase } from '../../src/read-models/rebuild';
import { history, record } from './history-generator';
import { project } from './helpers';
import { readModelContents as contents } from './projections/read-model-contents';

/**
 * The file as the rebuild left it, before openReadDatabase (which would create a missing index): its indexes and
 * its journal mode (the deferred index builds and the switch to WAL are the rebuild's last steps, run by the writer
 * thread in a pipelined rebuild).
 */
function finished(path: string): { indexes: string[]; journalMode: unknown } {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name").pluck().all() as string[];
    return { indexes, journalMode: db.pragma('journal_mode', { simple: true }) };
  } finally {
    db.close();
  }
}

/**
 * A rebuild (fresh file, indexes built at the end, lookups kept in memory) writes exactly the rows the live
 * runner writes, corrections and retractions included.
 */
describe('rebuildReadDatabase equals the live runner (property)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'read-rebuild-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same rows as projecting event by event', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(history, fc.integer({ min: 1, max: 9 }), async (h, batchSize) => {
        const store = record(h);
        const path = join(dir, `rebuilt-${run++}.sqlite`);
        const result = await rebuildReadDatabase(store, path, { projections: allProjections([]), batchSize, log: (message) => { throw new Error(message); } });
        // Written through the writer thread (a failure there would rebuild on one thread, which this checks too).
        expect(result.pipelined).toBe(true);
        // The finish (index builds, the switch to WAL) is timed as a part of the whole.
        expect(result.finishMs).toBeGreaterThanOrEqual(0);
        expect(result.finishMs).toBeLessThanOrEqual(result.ms);
        const pipelinedFile = finished(path);
        const rebuilt = openReadDatabase(path, allProjections([]));
        const live = await project(store, { batchSize: 7 });
        const liveIndexes = live.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name").pluck().all();
        const single = join(dir, `single-${run}.sqlite`);
        await rebuildReadDatabase(store, single, { projections: allProjections([]), batchSize, pipelined: false });
        const singleFile = finished(single);
        const oneThread = openReadDatabase(single, allProjections([]));
        try {
          // Every index the live database has, built before the file took the read database's place, and WAL.
          expect(pipelinedFile).toEqual({ indexes: liveIndexes, journalMode: 'wal' });
          expect(singleFile).toEqual({ indexes: liveIndexes, journalMode: 'wal' });
          expect(contents(rebuilt)).toEqual(contents(live.db));
          expect(contents(oneThread)).toEqual(contents(live.db));
        } finally {
          rebuilt.close();
          oneThread.close();
          for (const suffix of ['', '-wal', '-shm']) rmSync(single + suffix, { force: true });
          live.db.close();
          for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
        }
      }),
      { numRuns: 60 },
    );
  }, 240_000);
});
