import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ReadDatabaseInUseError, lockReadDatabase } from '../../src/read-models/read-database-lock';
import { rebuildReadDatabase } from '../../src/read-models/rebuild';

/** Only one live process at a time may own a read database (the service, or a rebuild). */
describe('read database lock (integration)', () => {
  let dir: string;
  let holder: ChildProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-lock-'));
  });
  afterEach(() => {
    holder?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** Another live process that holds the lock (as a running service would). */
  function holdLock(path: string): ChildProcess {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    writeFileSync(`${path}.lock`, String(child.pid));
    return child;
  }

  it('refuses while another live process holds it, and takes over a lock whose process is gone', async () => {
    const path = join(dir, 'read.sqlite');
    holder = holdLock(path);
    expect(() => lockReadDatabase(path)).toThrow(ReadDatabaseInUseError);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder!.once('exit', resolve));
    const release = lockReadDatabase(path);
    expect(existsSync(`${path}.lock`)).toBe(true);
    release();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('keeps a rebuild from replacing a read database the service holds', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    const path = join(dir, 'read.sqlite');
    holder = holdLock(path);
    await expect(rebuildReadDatabase(store, path)).rejects.toBeInstanceOf(ReadDatabaseInUseError);
    expect(existsSync(path)).toBe(false);
    await store.close();
  });
});
