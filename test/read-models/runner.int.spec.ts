import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner } from '../../src/read-models/projection-runner';
import { Projection } from '../../src/read-models/projections/projection';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { TestStore, fact, project, rows } from './helpers';

const C = 'cc';

function history(): TestStore {
  const store = new TestStore();
  store.append(C, 'CouncilFounded', fact.founded(C));
  for (let i = 0; i < 40; i++) store.append(C, 'MemberElected', fact.elected(`m-${i}`, '2012-10-27'));
  for (let i = 0; i < 30; i++) store.append(C, 'MeetingHeld', fact.meeting(`meeting-${i}`, `2013-01-${String((i % 28) + 1).padStart(2, '0')}`, { present: [{ memberId: 'm-1', name: 'm 1' }] }));
  for (let i = 0; i < 10; i++) store.append(C, 'MemberLeft', fact.left(`m-${i}`, '2013-05-01'));
  return store;
}

/** Row counts of every core table: the "effects" that must happen exactly once. */
function effects(db: ReturnType<typeof openReadDatabase>) {
  const tables = ['facts', 'members', 'meetings', 'meeting_attendance', 'councils'];
  return {
    events: rows(db, 'SELECT count(*) AS n, count(DISTINCT event_id) AS distinct_ids FROM events')[0],
    ...Object.fromEntries(tables.map((t) => [t, rows(db, `SELECT count(*) AS n, count(known_to_position) AS closed FROM ${t}`)[0]])),
  };
}

describe('projection runner', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'read-models-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a crash in the middle of a batch rolls the batch back; a restart resumes from the checkpoint with exactly-once effects', async () => {
    const store = history();
    const path = join(dir, 'read.sqlite');
    let applied = 0;
    // Dies like a killed process: after applying half of the second batch, inside the transaction.
    const crashing: Projection = {
      name: 'crash-test',
      tables: [],
      init: () => () => {
        applied += 1;
        // An I/O failure (a failure that passes, like a killed process's): rolled back, never parked.
        if (applied === 25 + 12) throw Object.assign(new Error('killed mid-batch'), { code: 'SQLITE_IOERR' });
      },
    };
    const projections = [...allProjections([]), crashing];
    const db = openReadDatabase(path, projections);
    const runner = new ProjectionRunner(store, db, projections, { batchSize: 25, stopOnError: true, log: { error: () => undefined } });
    const caughtUp = runner.whenCaughtUp();
    runner.start();
    await expect(caughtUp).rejects.toThrow('killed mid-batch');
    await runner.stop();
    expect(runner.checkpoint()).toBe(store.events[24].position);
    expect(rows(db, 'SELECT count(*) AS n FROM events')).toEqual([{ n: 25 }]);
    db.close();

    // Restart on the same file: it resumes after the checkpoint.
    const reopened = openReadDatabase(path, projections);
    const restarted = await project(store, { db: reopened, projections, batchSize: 25 });
    expect(restarted.runner.checkpoint()).toBe(store.events.at(-1)!.position);

    const clean = await project(store, { projections, batchSize: 1000 });
    expect(effects(reopened)).toEqual(effects(clean.db));
    expect(rows(reopened, 'SELECT events_applied FROM checkpoint')).toEqual([{ events_applied: store.events.length }]);
    reopened.close();
  });

  it('retries a failed batch from its checkpoint while running, then catches up live', async () => {
    const store = history();
    let failOnce = true;
    const flaky: Projection = {
      name: 'flaky',
      tables: [],
      init: () => (event) => {
        if (failOnce && event.type === 'MemberLeft') {
          failOnce = false;
          throw Object.assign(new Error('transient'), { code: 'SQLITE_BUSY' }); // passes: retried, not parked
        }
      },
    };
    const projections = [...allProjections([]), flaky];
    const db = openReadDatabase(':memory:', projections);
    const runner = new ProjectionRunner(store, db, projections, { batchSize: 10, retryDelayMs: 5, log: { error: () => undefined } });
    runner.start();
    expect(await runner.waitFor(store.events.at(-1)!.position, 5000)).toBe(true);
    await runner.whenCaughtUp();
    expect(runner.caughtUp()).toBe(true);
    const live = store.append(C, 'MemberElected', fact.elected('late', '2013-06-01'));
    expect(await runner.waitFor(live.position, 5000)).toBe(true);
    expect(await runner.waitFor(live.position + 100n, 20)).toBe(false);
    await runner.stop();
    expect(rows(db, "SELECT count(*) AS n FROM members WHERE member_id = 'late'")).toEqual([{ n: 1 }]);
    expect(rows(db, 'SELECT count(*) AS n FROM events')).toEqual([{ n: store.events.length }]);
  });

  it('rebuilds from the first event when the set of projections changes', async () => {
    const store = history();
    const path = join(dir, 'read.sqlite');
    const first = await project(store, { db: openReadDatabase(path, allProjections([])), projections: allProjections([]) });
    first.db.close();
    const extra: Projection = { name: 'meeting-count', tables: ['meeting_count'], ddl: 'CREATE TABLE IF NOT EXISTS meeting_count (n INTEGER)', init: (db) => {
      db.prepare('INSERT INTO meeting_count (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM meeting_count)').run();
      const bump = db.prepare('UPDATE meeting_count SET n = n + 1');
      return (event) => void (event.type === 'MeetingHeld' && bump.run());
    } };
    const projections = allProjections([extra]);
    const db = openReadDatabase(path, projections);
    expect(rows(db, 'SELECT position FROM checkpoint')).toEqual([{ position: null }]);
    await project(store, { db, projections });
    expect(rows(db, 'SELECT n FROM meeting_count')).toEqual([{ n: 30 }]);
    db.close();
  });
});
