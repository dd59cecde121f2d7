import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupSqliteStore } from '../../src/event-store/sqlite/backup';
import { FakeEsdbServer } from '../helpers/fake-esdb-server';
import { startTestApp } from '../helpers/test-app';

/**
 * Issue 13, defect 7: the read database's checkpoint is tied to the store it was built from. Switching
 * EVENT_STORE, pointing DATA_DIR's read database at a fresh store, or restoring an older copy of the store
 * under it is refused at start-up with a message that says how to fix it, instead of silently skipping
 * history (or applying it twice).
 */
describe('a read database belongs to one event store (int)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'council-record-identity-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function serviceWithOneCouncil(dir: string, councilId: string) {
    const t = await startTestApp({}, dir);
    await t.http().post('/api/councils').set(t.admin).send({ councilId, name: `Council ${councilId}`, foundedOn: '2012', seats: 5 }).expect(201);
    const h = await t.http().get('/api/health').expect(200);
    await t.http().get(`/api/councils/${councilId}?minPosition=${h.body.info.eventStore.headPosition}`).expect(200);
    return t;
  }

  it('refuses a fresh event store under an existing read database', async () => {
    const dir = tempDir();
    await (await serviceWithOneCouncil(dir, 'kept')).close();
    // A new, empty store in the same DATA_DIR, written by another service.
    const other = tempDir();
    await (await serviceWithOneCouncil(other, 'other-a')).close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `events.sqlite${suffix}`), { force: true });
    copyFileSync(join(other, 'events.sqlite'), join(dir, 'events.sqlite'));
    await expect(startTestApp({}, dir)).rejects.toThrow(/built from event store sqlite:.*npm run rebuild/s);
  });

  it('refuses a switch of EVENT_STORE', async () => {
    const dir = tempDir();
    await (await serviceWithOneCouncil(dir, 'switched')).close();
    const server = new FakeEsdbServer();
    server.record('$epoch-information', '$epoch');
    server.record('council-elsewhere', 'CouncilFounded');
    const connectionString = await server.start();
    try {
      await expect(startTestApp({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString }, dir)).rejects.toThrow(
        /built from event store sqlite:.* now uses eventstoredb:/s,
      );
    } finally {
      await server.stop();
    }
  });

  it('refuses a store restored from a copy older than the read database', async () => {
    const dir = tempDir();
    const t = await serviceWithOneCouncil(dir, 'restored');
    const copy = join(tempDir(), 'old.sqlite');
    await backupSqliteStore(join(dir, 'events.sqlite'), copy);
    const h = await t.http().post('/api/councils').set(t.admin).send({ councilId: 'later', name: 'Later', foundedOn: '2013', seats: 5 }).expect(201);
    await t.http().get(`/api/councils/later?minPosition=${h.body.position}`).expect(200);
    await t.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `events.sqlite${suffix}`), { force: true });
    copyFileSync(copy, join(dir, 'events.sqlite'));
    await expect(startTestApp({}, dir)).rejects.toThrow(/ends at .*older backup.*npm run rebuild/s);
  });
});
