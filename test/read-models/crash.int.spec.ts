import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { councilStream } from '../../src/council/domain/events';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { Projection } from '../../src/read-models/projections/projection';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { rebuildReadDatabase } from '../../src/read-models/rebuild';
import { fact, project, rows } from './helpers';

const C = 'cc';
const slow: Projection = { name: 'slow', tables: [], init: () => () => undefined };

async function fill(store: SqliteEventStore): Promise<void> {
  const event = (type: string, data: unknown) => ({ id: randomUUID(), type, data, metadata: { schemaVersion: 1 } });
  await store.appendToStream(councilStream(C), [event('CouncilFounded', fact.founded(C))]);
  for (let i = 0; i < 200; i++) await store.appendToStream(councilStream(C), [event('MemberElected', fact.elected(`m-${i}`, '2012-10-27'))]);
  for (let i = 0; i < 100; i++) await store.appendToStream(councilStream(C), [event('MemberLeft', fact.left(`m-${i}`, '2013-05'))]);
  for (let i = 0; i < 200; i++) {
    await store.appendToStream(councilStream(C), [event('MeetingHeld', fact.meeting(`meeting-${i}`, '2013-01-05', { present: [{ memberId: 'm-150', name: 'm 150' }] }))]);
  }
}

function snapshot(db: Database.Database) {
  return {
    events: rows(db, 'SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM events'),
    facts: rows(db, 'SELECT fact_id, known_from_position, known_to_position FROM facts ORDER BY rowid'),
    members: rows(db, 'SELECT member_id, left_edtf, known_from_position, known_to_position FROM members ORDER BY member_id, known_from_position'),
    meetings: rows(db, 'SELECT meeting_id, known_from_position FROM meetings ORDER BY meeting_id'),
    attendance: rows(db, 'SELECT count(*) AS n FROM meeting_attendance'),
    checkpoint: rows(db, 'SELECT position, events_applied FROM checkpoint'),
  };
}

describe('crash safety and rebuild', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-crash-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    await fill(store);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a projection process killed with SIGKILL mid-batch resumes from its checkpoint with exactly-once effects', async () => {
    const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, 'fixtures/project-slowly.ts'), dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const readPath = join(dir, 'read.sqlite');
    // Wait until some batches are committed but not all, then kill without warning.
    let committed = 0;
    for (let i = 0; i < 600 && committed < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        const probe = new Database(readPath, { readonly: true, fileMustExist: true });
        committed = (probe.prepare('SELECT events_applied FROM checkpoint').pluck().get() as number | undefined) ?? 0;
        probe.close();
      } catch {
        // not created yet
      }
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(committed).toBeGreaterThan(0);

    const projections = [...allProjections([]), slow];
    const db = openReadDatabase(readPath, projections);
    const atCrash = rows(db, 'SELECT position, events_applied FROM checkpoint')[0] as { position: number; events_applied: number };
    // Reopening must keep what was committed before the kill (an empty or reset database would pass the rest).
    expect(atCrash.events_applied).toBeGreaterThan(0);
    expect(atCrash!.events_applied).toBeGreaterThanOrEqual(committed);
    expect(atCrash!.events_applied).toBeLessThan(501);
    expect(atCrash!.events_applied % 50).toBe(0); // whole batches only
    expect(rows(db, 'SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM events')).toEqual([{ n: atCrash!.events_applied, d: atCrash!.events_applied }]);
    await project(store, { db, projections });
    // Resumed from the checkpoint: exactly every event once.
    expect(rows(db, 'SELECT events_applied FROM checkpoint')).toEqual([{ events_applied: 501 }]);
    expect(rows(db, 'SELECT count(*) AS n, count(DISTINCT event_id) AS d, count(DISTINCT position) AS p FROM events')).toEqual([{ n: 501, d: 501, p: 501 }]);
    expect(rows(db, 'SELECT count(*) AS n FROM meetings WHERE known_to_position IS NULL')).toEqual([{ n: 200 }]);
    expect(rows(db, 'SELECT count(*) AS n FROM meeting_attendance')).toEqual([{ n: 200 }]);
    const clean = await project(store, { projections });
    expect(snapshot(db)).toEqual(snapshot(clean.db));
    db.close();
  }, 60000);

  it('rebuildReadDatabase (npm run rebuild) rebuilds every read model from the first event', async () => {
    const path = join(dir, 'rebuilt.sqlite');
    const result = await rebuildReadDatabase(store, path, { projections: allProjections([]) });
    expect(result.events).toBe(501);
    const rebuilt = openReadDatabase(path, allProjections([]));
    const live = await project(store);
    expect(snapshot(rebuilt)).toEqual(snapshot(live.db));
    rebuilt.close();
  });
});
