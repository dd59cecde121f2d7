import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { rebuildReadDatabase } from '../../src/read-models/rebuild';
import { history, record } from './history-generator';
import { project } from './helpers';
import { readModelContents as contents } from './projections/read-model-contents';

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
        const rebuilt = openReadDatabase(path, allProjections([]));
        const live = await project(store, { batchSize: 7 });
        const single = join(dir, `single-${run}.sqlite`);
        await rebuildReadDatabase(store, single, { projections: allProjections([]), batchSize, pipelined: false });
        const oneThread = openReadDatabase(single, allProjections([]));
        try {
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
