import type { Database } from 'better-sqlite3';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { READ_DATABASE } from '../../src/read-models/read-database';
import { TestApp, startTestApp } from '../helpers/test-app';

/**
 * Issue 13, operation 13: a full disk, simulated with SQLite's max_page_count on the service's own
 * connections. An append answers 503 with Retry-After and records nothing; the read database's runner
 * pauses (ready says so) and never parks or skips; both recover by themselves once space returns.
 */
describe('disk full (e2e)', () => {
  let t: TestApp;
  const post = (path: string, body: object, key?: string) => {
    const req = t.http().post(path).set(t.admin).send(body);
    return key ? req.set('Idempotency-Key', key) : req;
  };
  // About 13 kB per fact: a few new pages in each database.
  const member = (id: string) => ({
    memberId: id,
    name: `Member ${id}`,
    aliases: Array.from({ length: 40 }, (_, i) => `${id} alias ${i} `.padEnd(200, String.fromCharCode(97 + (i % 26)))),
    electedOn: '2012-10-22',
    source: { title: 'Minutes', quote: 'q'.repeat(5000) },
  });
  /** No free pages left in the file, and no new ones allowed: the next write that needs a page fails. */
  const fill = (db: Database) => {
    db.exec('VACUUM');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
  };
  const head = async () => String((await t.http().get('/api/health')).body.info.eventStore.headPosition);

  beforeAll(async () => {
    // The read database is filled through the app's own connection (max_page_count is per connection), so
    // the runner must write through it: on the main thread. In a worker it is the same ProjectionRunner.
    t = await startTestApp({ PROJECTIONS_IN_WORKER: 'false' });
    await post('/api/councils', { councilId: 'full', name: 'Full Council', foundedOn: '2012-10-22', seats: 500 }).expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an append on a full disk answers 503 with Retry-After, records nothing, and succeeds once space returns', async () => {
    const store = t.app.get(EVENT_STORE) as EventStore;
    const db = (store as unknown as { db: Database }).db;
    const before = await head();
    const revision = await store.streamRevision('council-full');
    fill(db);
    const full = await post('/api/councils/full/members', member('big'), 'full-1').expect(503);
    expect(full.headers['retry-after']).toBe('30');
    expect(full.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(full.body).toMatchObject({ status: 503, type: expect.stringMatching(/store-unavailable$/) });
    expect(full.body.detail).toMatch(/disk is full/);
    // Nothing is recorded: not the fact, not its Idempotency-Key (the key travels in the fact's own append).
    expect(await store.streamRevision('council-full')).toBe(revision);
    const recorded = [];
    for await (const e of store.readAll({ after: BigInt(before) })) recorded.push(e.streamId);
    expect(recorded).toEqual([]);
    db.pragma('max_page_count = 1073741823');
    const ok = await post('/api/councils/full/members', member('big'), 'full-1').expect(201);
    expect(BigInt(ok.body.position)).toBeGreaterThan(BigInt(before));
    const members = await t.http().get(`/api/councils/full/members?minPosition=${ok.body.position}`).expect(200);
    expect(JSON.stringify(members.body)).toContain('Member big');
  });

  it('the read database full: the runner pauses, never parks or skips, and catches up once space returns', async () => {
    const readDb = t.app.get(READ_DATABASE) as Database;
    fill(readDb);
    const writes = [];
    for (let i = 0; i < 5; i++) writes.push((await post('/api/councils/full/members', member(`r${i}`)).expect(201)).body);
    const last = writes[writes.length - 1].position;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const listed = await t.http().get('/api/projections').set(t.admin).expect(200);
    expect(listed.body.runner.state).toBe('paused');
    expect(listed.body.runner.error).toMatch(/full/);
    expect(listed.body.parked).toEqual([]);
    expect(BigInt(listed.body.projections[0].checkpoint)).toBeLessThan(BigInt(writes[0].position));
    const ready = await t.http().get('/api/health/ready').expect(503);
    expect(ready.body.detail).toMatch(/paused/);

    readDb.pragma('max_page_count = 1073741823');
    const members = await t.http().get(`/api/councils/full/members?minPosition=${last}`).expect(200);
    for (let i = 0; i < 5; i++) expect(JSON.stringify(members.body)).toContain(`Member r${i}`);
    const after = await t.http().get('/api/projections').set(t.admin).expect(200);
    expect(after.body.runner.state).toBe('running');
    expect(after.body.parked).toEqual([]);
    await t.http().get('/api/health/ready').expect(200);
  });
});
