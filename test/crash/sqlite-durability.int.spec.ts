import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { EVENT_STORE } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

/**
 * SIGKILL (sqlite-crash.int.spec.ts) never loses the OS page cache, so it cannot tell a store that syncs its
 * commits from one that does not: these tests can. The first checks the setting the service really runs with;
 * the second watches the system calls of a writer (strace) and checks that every acknowledgement comes after
 * the WAL writes it acknowledges have been synced to disk, which is what survives a power cut.
 */
describe('SQLite event store durability (power loss)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'council-record-durable-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the store the Nest module builds from the default configuration runs with PRAGMA synchronous = FULL', async () => {
    const app = await createApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), { logs: false });
    await app.init();
    try {
      const store = app.get<SqliteEventStore>(EVENT_STORE);
      expect(store).toBeInstanceOf(SqliteEventStore);
      const db = store['db'] as Database;
      // 2 = FULL: in WAL mode, each commit syncs the WAL before it returns (NORMAL only syncs at checkpoints).
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      await app.close();
    }
  });

  const strace = straceUsable();
  (strace.ok ? it : it.skip)(
    `every acknowledged append has had its WAL writes fsynced before the acknowledgement${strace.ok ? '' : ` (skipped: ${strace.why})`}`,
    () => {
      const trace = join(dir, 'trace.txt');
      const run = spawnSync(
        'strace',
        ['-f', '-y', '-qq', '-e', 'trace=fsync,fdatasync,write,pwrite64,pwritev,pwritev2', '-o', trace,
          process.execPath, '-r', require.resolve('ts-node/register/transpile-only'), join(__dirname, 'fsync-worker.ts'), dir],
        { env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') }, encoding: 'utf8', timeout: 60_000 },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);

      const problems: string[] = [];
      let unsynced: string | undefined; // the first WAL write not yet covered by a sync
      let syncs = 0;
      let acks = 0;
      for (const line of readFileSync(trace, 'utf8').split('\n')) {
        const call = /^\d+\s+(\w+)\(\d+<([^>]*)>/.exec(line);
        if (!call) continue;
        const [, name, path] = call;
        if (path.endsWith('-wal')) {
          if (name === 'fsync' || name === 'fdatasync') {
            syncs += 1;
            unsynced = undefined;
          } else unsynced ??= line;
        } else if (path.endsWith('acks.log') && name === 'write') {
          acks += 1;
          if (unsynced) problems.push(`acknowledged before a sync of ${unsynced.slice(0, 80)}`);
        }
      }
      expect(acks).toBe(60);
      expect(problems).toEqual([]);
      // Group commit shares a sync between the appends of a group, but there is one per commit.
      expect(syncs).toBeGreaterThan(0);
    },
    90_000,
  );
});

function straceUsable(): { ok: boolean; why?: string } {
  const probe = spawnSync('strace', ['-f', '-qq', '-e', 'trace=fsync', '-o', '/dev/null', 'true']);
  if (probe.error) return { ok: false, why: 'strace is not installed (apt-get install strace)' };
  if (probe.status !== 0) return { ok: false, why: `strace cannot trace here: ${String(probe.stderr).trim().split('\n')[0]}` };
  return { ok: true };
}
