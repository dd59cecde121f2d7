import { ProjectionRunner } from '../../src/read-models/projection-runner';
import { Projection } from '../../src/read-models/projections/projection';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { TestStore, fact, rows } from '../read-models/helpers';

/**
 * Issue 13, defect 1 (the projections' side) and operation 12 (the core projection failing): the runner
 * never freezes on an event id it has already applied, applies the same id in another council (events
 * recorded on EventStoreDB before ids named the council), and parks an event the core projection throws on
 * for every projection while the rest go on.
 */
describe('projection runner tolerance (int)', () => {
  async function run(store: TestStore, projections: Projection[] = allProjections([])) {
    const db = openReadDatabase(':memory:', projections);
    const runner = new ProjectionRunner(store, db, projections, { batchSize: 10, retryDelayMs: 5, log: { error: () => undefined } });
    runner.start();
    expect(await runner.waitFor(store.events.at(-1)!.position, 5000)).toBe(true);
    return { db, runner };
  }

  it('skips an event id already applied in the council and applies the same id in another council', async () => {
    const store = new TestStore();
    store.append('aa', 'CouncilFounded', fact.founded('aa'));
    store.append('bb', 'CouncilFounded', fact.founded('bb'));
    const first = store.append('aa', 'MemberElected', fact.elected('m1', '2012-10-27'));
    store.append('bb', 'MemberElected', fact.elected('m1', '2012-10-27'), { id: first.id }); // same id, other council
    store.append('aa', 'MemberElected', fact.elected('m1', '2012-10-27'), { id: first.id }); // delivered again
    store.append('aa', 'MemberElected', fact.elected('m2', '2012-10-27'));
    const { db, runner } = await run(store);
    expect(rows(db, 'SELECT council_id, count(*) AS n FROM events WHERE event_id = ? GROUP BY council_id ORDER BY council_id', first.id)).toEqual([
      { council_id: 'aa', n: 1 },
      { council_id: 'bb', n: 1 },
    ]);
    expect(rows(db, "SELECT member_id FROM members WHERE council_id = 'aa' ORDER BY member_id")).toEqual([{ member_id: 'm1' }, { member_id: 'm2' }]);
    expect(runner.parked()).toEqual([]);
    expect(runner.state().state).toBe('running');
    await runner.stop();
  });

  it('parks an event the core projection throws on, for every projection, and goes on', async () => {
    const store = new TestStore();
    store.append('aa', 'CouncilFounded', fact.founded('aa'));
    const poison = store.append('aa', 'MemberElected', { memberId: null, name: null }); // breaks a NOT NULL column
    store.append('aa', 'MemberElected', fact.elected('m2', '2012-10-27'));
    // Projections write only to the read database (a failed batch is rolled back before it is retried).
    const counting: Projection = {
      name: 'counting',
      tables: ['test_seen'],
      ddl: 'CREATE TABLE IF NOT EXISTS test_seen (event_id TEXT NOT NULL)',
      init: (db) => {
        const insert = db.prepare('INSERT INTO test_seen (event_id) VALUES (?)');
        return (event) => void insert.run(event.id);
      },
    };
    const { db, runner } = await run(store, allProjections([counting]));
    const seen = rows(db, 'SELECT event_id FROM test_seen').map((r) => r.event_id);
    expect(runner.parked()).toEqual([expect.objectContaining({ eventId: poison.id, projection: 'core', type: 'MemberElected' })]);
    expect(seen).not.toContain(poison.id);
    expect(seen).toHaveLength(2);
    expect(rows(db, "SELECT member_id FROM members WHERE council_id = 'aa'")).toEqual([{ member_id: 'm2' }]);
    expect(runner.checkpoint()).toBe(store.events.at(-1)!.position);
    await runner.stop();
  });
});
