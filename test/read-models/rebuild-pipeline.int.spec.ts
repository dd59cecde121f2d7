import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readLocatedRow } from '../../src/read-models/projections/row-locator';
import { REBUILD_PRAGMAS } from '../../src/read-models/read-database';
import { PipelinedDatabase } from '../../src/read-models/rebuild-pipeline';

/**
 * A pipelined rebuild's reads of rows it appended (PipelinedDatabase.readRow, through readLocatedRow): answered
 * as soon as the writer has the row, unless a change to that row (or a change of unknown rows of its table) is
 * queued, when the read waits for everything queued before it. The writer thread is the real one, on a file.
 */
describe('PipelinedDatabase: reads of appended rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebuild-pipeline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;

  async function open(): Promise<PipelinedDatabase> {
    const path = join(dir, `p-${n++}.sqlite`);
    const db = new Database(path);
    db.exec('CREATE TABLE t (k TEXT NOT NULL, v INTEGER NOT NULL); CREATE TABLE u (k TEXT NOT NULL)');
    db.close();
    return PipelinedDatabase.start(path, REBUILD_PRAGMAS);
  }

  /** Many writes queued after `row`'s insert, so that a read answered early is answered before them. */
  const MANY = 20_000;

  it('answers an unchanged row early, with what the row holds, while later writes are still queued', async () => {
    const pipe = await open();
    try {
      const insert = pipe.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
      const other = pipe.prepare('INSERT INTO u (k) VALUES (?)');
      const byRowid = pipe.prepare('SELECT k, v FROM t WHERE rowid = ? AND k = ?');
      pipe.transaction(() => {
        const { lastInsertRowid: first } = insert.run('a', 1);
        insert.run('b', 2);
        for (let i = 0; i < MANY; i++) other.run(`x${i}`);
        expect(readLocatedRow(byRowid as never, 't', first, first, 'a')).toEqual({ k: 'a', v: 1 });
        // A candidate whose key does not match (a hash collision in a RowLocator) reads as no row.
        expect(readLocatedRow(byRowid as never, 't', 2, 2, 'a')).toBeUndefined();
      })();
      expect(pipe.reads).toEqual({ early: 2, drained: 0 });
      // Everything queued was written all the same.
      expect(pipe.prepare('SELECT count(*) FROM u').pluck().get()).toBe(MANY);
    } finally {
      await pipe.close();
    }
  });

  it('waits for an UPDATE or DELETE queued for that row, and sees it', async () => {
    const pipe = await open();
    try {
      const insert = pipe.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
      const other = pipe.prepare('INSERT INTO u (k) VALUES (?)');
      const update = pipe.prepare('UPDATE t SET v = ? WHERE rowid = ?');
      const remove = pipe.prepare('DELETE FROM t WHERE rowid = ?');
      const byRowid = pipe.prepare('SELECT k, v FROM t WHERE rowid = ?');
      pipe.transaction(() => {
        const a = insert.run('a', 1).lastInsertRowid;
        const b = insert.run('b', 2).lastInsertRowid;
        const c = insert.run('c', 3).lastInsertRowid;
        for (let i = 0; i < MANY; i++) other.run(`x${i}`);
        update.run(99, a);
        remove.run(b);
        for (let i = 0; i < MANY; i++) other.run(`y${i}`);
        // Answered early, these would be read before the writer reached the UPDATE and the DELETE.
        expect(readLocatedRow(byRowid as never, 't', a, a)).toEqual({ k: 'a', v: 99 });
        expect(readLocatedRow(byRowid as never, 't', b, b)).toBeUndefined();
        expect(pipe.reads).toEqual({ early: 0, drained: 2 });
        // Row c was never changed: early.
        expect(readLocatedRow(byRowid as never, 't', c, c)).toEqual({ k: 'c', v: 3 });
        expect(pipe.reads).toEqual({ early: 1, drained: 2 });
      })();
    } finally {
      await pipe.close();
    }
  });

  it('waits for every queued write once a change of unknown rows of the table is queued, or for a row not yet given', async () => {
    const pipe = await open();
    try {
      const insert = pipe.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
      const other = pipe.prepare('INSERT INTO u (k) VALUES (?)');
      const byRowid = pipe.prepare('SELECT k, v FROM t WHERE rowid = ?');
      pipe.transaction(() => {
        const a = insert.run('a', 1).lastInsertRowid;
        expect(readLocatedRow(byRowid as never, 't', a + 1, a + 1)).toBeUndefined(); // no such row given yet
        for (let i = 0; i < MANY; i++) other.run(`x${i}`);
        pipe.prepare("UPDATE t SET v = v + 1 WHERE k = 'a'").run();
        expect(readLocatedRow(byRowid as never, 't', a, a)).toEqual({ k: 'a', v: 2 });
      })();
      expect(pipe.reads).toEqual({ early: 0, drained: 2 });
    } finally {
      await pipe.close();
    }
  });
});
