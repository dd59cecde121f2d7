import { registerProjection } from '../../src/read-models/projections/projection';
import { TestApp, startTestApp } from '../helpers/test-app';

/**
 * Issue 13, operation 12: a poison event (a projection throws on it) is parked with its error, every other
 * event goes on, GET /api/projections shows it, ready is 503 while it is parked, and a retry after the fix
 * applies it. The failing projection is a real one registered beside the core ones, and first: a projection
 * registered after it still applies the poison event (a park stops nothing but the projection that failed).
 */
let broken = true;
const applied: string[] = [];
registerProjection({
  name: 'test-poison',
  tables: ['test_poison_seen'],
  ddl: 'CREATE TABLE IF NOT EXISTS test_poison_seen (event_id TEXT PRIMARY KEY, type TEXT NOT NULL);',
  init: (db) => {
    const insert = db.prepare('INSERT INTO test_poison_seen (event_id, type) VALUES (?, ?)');
    return (event) => {
      const name = (event.data as { name?: string }).name;
      if (broken && name === 'Poison Pill') throw new Error('test-poison cannot handle Poison Pill');
      insert.run(event.id, event.type);
      applied.push(event.id);
    };
  },
});

// Registered after the failing one: it must see every event, the poison one included.
const appliedAfter: string[] = [];
registerProjection({
  name: 'test-after-poison',
  tables: ['test_after_poison_seen'],
  ddl: 'CREATE TABLE IF NOT EXISTS test_after_poison_seen (event_id TEXT PRIMARY KEY);',
  init: (db) => {
    const insert = db.prepare('INSERT INTO test_after_poison_seen (event_id) VALUES (?)');
    return (event) => {
      insert.run(event.id);
      appliedAfter.push(event.id);
    };
  },
});

describe('parked events (e2e)', () => {
  let t: TestApp;
  const post = (path: string, body: object) => t.http().post(path).set(t.admin).send(body);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('parks the poison event, goes on with the rest, is not ready until a retry after the fix', async () => {
    await post('/api/councils', { councilId: 'pc', name: 'Poison Council', foundedOn: '2012-10-22', seats: 5 }).expect(201);
    const poison = await post('/api/councils/pc/members', { memberId: 'pill', name: 'Poison Pill', electedOn: '2012-10-22' }).expect(201);
    const after = await post('/api/councils/pc/members', { memberId: 'ok', name: 'Fine Member', electedOn: '2012-10-22' }).expect(201);

    // The event after the poison one reached every read model, the failing projection included.
    const members = await t.http().get(`/api/councils/pc/members?minPosition=${after.body.position}`).expect(200);
    expect(JSON.stringify(members.body)).toContain('Fine Member');
    expect(applied).toContain(after.body.eventIds[0]);
    expect(applied).not.toContain(poison.body.eventIds[0]);
    // The projection registered after the failing one applied the poison event, once.
    expect(appliedAfter.filter((id) => id === poison.body.eventIds[0])).toHaveLength(1);
    expect(appliedAfter).toContain(after.body.eventIds[0]);

    const listed = await t.http().get('/api/projections').set(t.admin).expect(200);
    expect(listed.body.parked).toEqual([
      expect.objectContaining({
        eventId: poison.body.eventIds[0],
        projection: 'test-poison',
        type: 'MemberElected',
        position: poison.body.position,
        error: 'test-poison cannot handle Poison Pill',
      }),
    ]);
    const names: string[] = listed.body.projections.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['core', 'test-poison', 'test-after-poison']));
    expect(names.indexOf('test-poison')).toBeLessThan(names.indexOf('test-after-poison')); // the failing one runs first
    // The core projection applied it: the poison member is in the core read models.
    expect(JSON.stringify(members.body)).toContain('Poison Pill');

    const notReady = await t.http().get('/api/health/ready').expect(503);
    expect(JSON.stringify(notReady.body)).toContain('1 parked event');
    await t.http().get('/api/health/live').expect(200);
    await t.http().get('/api/projections').expect(401);

    // Still broken: the retry records the error again and the event stays parked.
    const failed = await t.http().post(`/api/projections/parked/${poison.body.eventIds[0]}/retry`).set(t.admin).expect(200);
    expect(failed.body).toMatchObject({ stillParked: true, results: [{ projection: 'test-poison', applied: false }] });
    expect((await t.http().get('/api/projections').set(t.admin)).body.parked[0].attempts).toBe(2);

    broken = false;
    const fixed = await t.http().post(`/api/projections/parked/${poison.body.eventIds[0]}/retry`).set(t.admin).expect(200);
    expect(fixed.body).toMatchObject({ stillParked: false, results: [{ projection: 'test-poison', applied: true }] });
    expect(applied).toContain(poison.body.eventIds[0]);
    expect(appliedAfter.filter((id) => id === poison.body.eventIds[0])).toHaveLength(1); // not applied twice by the retry
    expect((await t.http().get('/api/projections').set(t.admin)).body.parked).toEqual([]);
    await t.http().get('/api/health/ready').expect(200);
    await t.http().post(`/api/projections/parked/${poison.body.eventIds[0]}/retry`).set(t.admin).expect(404);
  });
});
