import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backupSqliteStore } from './backup';
import { SqliteEventStore } from './sqlite-event-store';

/** The online backup's own checks, fast enough for the store's mutation scope (backup-restore.int.spec.ts copies under write load). */
describe('SQLite backup', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'council-record-backup-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies every event into a self-contained file (no -wal needed) and reports its head position, count and size', async () => {
    const source = join(dir, 'events.db');
    const store = new SqliteEventStore({ path: source });
    await store.appendToStream('s', [1, 2, 3].map(() => ({ id: randomUUID(), type: 'Tested', data: {} })));
    await store.appendToStream('t', [{ id: randomUUID(), type: 'Tested', data: {} }]);
    const target = join(dir, 'copy.db');
    const before = Date.now();
    const result = await backupSqliteStore(source, target);
    const elapsed = Date.now() - before;
    await store.close();
    expect(result).toEqual({ position: 4n, events: 4, bytes: statSync(target).size, ms: expect.any(Number) });
    expect(result.ms).toBeGreaterThanOrEqual(0);
    expect(result.ms).toBeLessThanOrEqual(elapsed); // the time the copy took, not a clock reading
    expect(existsSync(`${target}-wal`)).toBe(false);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT count(*) FROM events').pluck().get()).toBe(4);
    copy.close();
  });

  it('an empty store gives a copy with no head position', async () => {
    const source = join(dir, 'empty.db');
    await new SqliteEventStore({ path: source }).close();
    expect(await backupSqliteStore(source, join(dir, 'copy.db'))).toMatchObject({ position: undefined, events: 0 });
  });

  it('refuses a missing source and never overwrites an existing file', async () => {
    await expect(backupSqliteStore(join(dir, 'none.db'), join(dir, 'copy.db'))).rejects.toThrow(`No event store at ${join(dir, 'none.db')}`);
    const source = join(dir, 'events.db');
    await new SqliteEventStore({ path: source }).close();
    writeFileSync(join(dir, 'taken.db'), 'keep me');
    await expect(backupSqliteStore(source, join(dir, 'taken.db'))).rejects.toThrow(`${join(dir, 'taken.db')} exists; the backup never overwrites a file`);
    expect(statSync(join(dir, 'taken.db')).size).toBe(7);
  });
});
