import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { insertBoundInProcess } from '../../bench/rebuild.bench';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { rebuildReadDatabase } from '../../src/read-models/rebuild';
import { history, record } from '../read-models/history-generator';

/**
 * The rebuild bench's bound (every row a rebuild wrote, inserted again into a fresh rebuild file) runs on what
 * today's rebuild writes: a table the schema seeds with a row (the read generation) once made it fail on a
 * duplicate key, which only the full bench would have shown.
 */
describe('the rebuild bench: the insert bound', () => {
  const dir = mkdtempSync(join(tmpdir(), 'insert-bound-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('inserts every row the rebuild wrote, except the rows the schema seeds and those its triggers derive', async () => {
    const [h] = fc.sample(history, { seed: 7, numRuns: 1 });
    const store = record(h);
    const path = join(dir, 'rebuilt.sqlite');
    const result = await rebuildReadDatabase(store, path, { projections: allProjections([]) });
    // Counted here from the files: the rows of every table beyond those a fresh read database already holds (the
    // schema's seeds: the checkpoint, the read generation, the as-of index's levels), except the tables the
    // triggers write (the as-of index's R*-trees with their shadow tables, council keys and meeting counters).
    const fresh = openReadDatabase(join(dir, 'fresh.sqlite'), allProjections([]));
    const db = new Database(path, { readonly: true });
    const count = (of: Database.Database, name: string) => of.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const triggerWritten = new Set(
      (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]).flatMap((sql) =>
        [...sql.matchAll(/(?:INSERT(?: OR \w+)? INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?/gi)].map((m) => m[1]),
      ),
    );
    const derived = (name: string) => [...triggerWritten].some((t) => name === t || name.startsWith(`${t}_`));
    const expected = tables.filter((name) => !derived(name)).reduce((sum, name) => sum + count(db, name) - count(fresh, name), 0);
    db.close();
    fresh.close();
    expect(expected).toBeGreaterThan(result.events); // the events, their facts and their entity rows at least
    const bound = await insertBoundInProcess({ readPath: path, events: result.events });
    expect(bound.rows).toBe(expected);
  });
});
