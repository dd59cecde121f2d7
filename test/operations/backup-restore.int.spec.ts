import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { backupSqliteStore } from '../../src/event-store/sqlite/backup';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { readDatabasePath } from '../../src/read-models/read-database';
import { rebuildReadDatabase } from '../../src/read-models/rebuild';
import { TestApp, startTestApp } from '../helpers/test-app';

/**
 * Issue 13, operation 14: `npm run backup` (backupSqliteStore) while the service writes; the copy is
 * restored into a fresh DATA_DIR, rebuilt, and answers as the original did at the copy's head position.
 */
describe('online backup under write load, restore, rebuild (int)', () => {
  let original: TestApp;
  let restored: TestApp | undefined;
  const dirs: string[] = [];
  const councils = ['b-one', 'b-two', 'b-three'];

  beforeAll(async () => {
    original = await startTestApp();
    for (const id of councils) {
      await original.http().post('/api/councils').set(original.admin).send({ councilId: id, name: `Council ${id}`, foundedOn: '2012-10-22', seats: 5000 }).expect(201);
    }
  });
  afterAll(async () => {
    await restored?.close();
    await original?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function all(store: EventStore): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const e of store.readAll()) events.push(e);
    return events;
  }

  it('copies a consistent prefix of the log while writes go on; the restored service answers the same', async () => {
    // Write load: several writers, each electing members one after another, until told to stop.
    let writing = true;
    let written = 0;
    const writer = async (council: string, w: number) => {
      for (let i = 0; writing; i++) {
        await original
          .http()
          .post(`/api/councils/${council}/members`)
          .set(original.admin)
          .send({ memberId: `w${w}-${i}`, name: `Writer ${w} member ${i}`, electedOn: '2012-10-22' })
          .expect(201);
        written += 1;
      }
    };
    const load = councils.flatMap((c, i) => [writer(c, 2 * i), writer(c, 2 * i + 1)]);
    while (written < 60) await new Promise((resolve) => setTimeout(resolve, 20));

    const backupDir = mkdtempSync(join(tmpdir(), 'council-record-backup-'));
    dirs.push(backupDir);
    const file = join(backupDir, 'events-backup.sqlite');
    const copied = await backupSqliteStore(join(original.dataDir, 'events.sqlite'), file);
    const writtenDuringBackup = written;
    while (written < writtenDuringBackup + 30) await new Promise((resolve) => setTimeout(resolve, 20));
    writing = false;
    await Promise.all(load);

    // The original went on past the copy.
    const originalStore = original.app.get(EVENT_STORE) as EventStore;
    const originalEvents = await all(originalStore);
    expect(copied.position).toBeDefined();
    expect(originalEvents.at(-1)!.position).toBeGreaterThan(copied.position!);

    // Restore into a fresh DATA_DIR, rebuild, start.
    const restoreDir = mkdtempSync(join(tmpdir(), 'council-record-restore-'));
    dirs.push(restoreDir);
    copyFileSync(file, join(restoreDir, 'events.sqlite'));
    const store = new SqliteEventStore({ path: join(restoreDir, 'events.sqlite') });
    const restoredEvents = await all(store);
    const rebuilt = await rebuildReadDatabase(store, readDatabasePath(restoreDir));
    await store.close();

    // Head position and content: exactly the original's log up to the copy's head, whole groups only.
    expect(restoredEvents.at(-1)!.position).toBe(copied.position);
    expect(rebuilt.position).toBe(copied.position);
    expect(restoredEvents.length).toBe(copied.events);
    const prefix = originalEvents.filter((e) => e.position <= copied.position!);
    expect(restoredEvents.map((e) => [e.id, e.streamId, e.revision, e.type, JSON.stringify(e.data)])).toEqual(
      prefix.map((e) => [e.id, e.streamId, e.revision, e.type, JSON.stringify(e.data)]),
    );

    // State answers: the restored service now = the original as known at the copy's head position.
    restored = await startTestApp({}, restoreDir);
    const health = await restored.http().get('/api/health').expect(200);
    expect(health.body.info.eventStore.headPosition).toBe(String(copied.position));
    for (const council of councils) {
      const now = await restored.http().get(`/api/councils/${council}/state`).expect(200);
      const then = await original.http().get(`/api/councils/${council}/state?knownAtPosition=${copied.position}`).expect(200);
      expect(now.body.members).toEqual(then.body.members);
      expect(now.body.members.length).toBeGreaterThan(0);
    }
  });
});
