import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION, councilStream } from '../../src/council/domain/events';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../../src/read-models/projection-runner';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { rebuildReadDatabase } from '../../src/read-models/rebuild';
import { fact, rows } from './helpers';

/**
 * The audit copy of an event (`events.data`, `events.metadata`) is the JSON text the SQLite store holds when the
 * event is at the current schema version: the projection keeps the text it read (RecordedEvent.json) instead of
 * writing the parsed value again. An older event is upcast, so its row holds the upcast data. On the real store,
 * live and rebuilt alike.
 */
describe('the events table keeps the store JSON text of a current event', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'stored-json-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('as stored for a current event (spacing included), upcast for an old one', async () => {
    const storePath = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path: storePath });
    const C = 'cc';
    const meta = (schemaVersion: number) => ({ schemaVersion, recordedBy: { tokenId: 't', label: 'secretary', role: 'secretary' } });
    await store.appendToStream(councilStream(C), [
      { id: randomUUID(), type: 'CouncilFounded', data: fact.founded(C), metadata: meta(SCHEMA_VERSION) },
      { id: randomUUID(), type: 'MeetingHeld', data: fact.meeting('m1', '2013-01-10', { present: [] }), metadata: meta(SCHEMA_VERSION) },
      // Written at schema 1: upcasting gives it a mode.
      { id: randomUUID(), type: 'MotionTabled', data: { motionId: 'mo1', title: 'Agenda', kind: 'resolution', meetingId: 'm1', openedOn: '2013-01-10', online: false }, metadata: meta(1) },
    ]);
    await store.close();
    // A current event whose text is not what JSON.stringify writes (spacing), as a copy of the file could hold it.
    const raw = new Database(storePath);
    const meetingText = raw.prepare("SELECT data FROM events WHERE type = 'MeetingHeld'").pluck().get() as string;
    const spaced = meetingText.replace(/,"/g, ', "');
    raw.prepare("UPDATE events SET data = ? WHERE type = 'MeetingHeld'").run(spaced);
    const stored = raw.prepare('SELECT id, data, metadata FROM events ORDER BY position').all() as Array<{ id: string; data: string; metadata: string }>;
    raw.close();

    const check = (db: Database.Database) => {
      const copies = rows(db, 'SELECT event_id AS id, data, metadata FROM events ORDER BY position') as Array<{ id: string; data: string; metadata: string }>;
      expect(copies.map((c) => c.id)).toEqual(stored.map((s) => s.id));
      expect(copies[0]).toEqual(stored[0]);
      expect(copies[1]).toEqual({ ...stored[1], data: spaced });
      const motion = JSON.parse(copies[2].data) as { mode?: string };
      expect(motion.mode).toBeDefined();
      expect(copies[2].data).not.toBe(stored[2].data);
      expect(JSON.parse(copies[2].metadata)).toEqual({ ...JSON.parse(stored[2].metadata), schemaVersion: SCHEMA_VERSION });
    };

    const live = new SqliteEventStore({ path: storePath });
    const projections = allProjections([]);
    const db = openReadDatabase(join(dir, 'read.sqlite'), projections);
    const runner = new ProjectionRunner(live, db, projections, { stopOnError: true, log: { error: () => undefined } });
    const caughtUp = runner.whenCaughtUp();
    runner.start();
    await caughtUp;
    await runner.stop();
    check(db);
    db.close();

    const rebuilt = join(dir, 'rebuilt.sqlite');
    await rebuildReadDatabase(live, rebuilt, { projections });
    const again = openReadDatabase(rebuilt, projections);
    check(again);
    again.close();
    await live.close();
  });
});
