import { rmSync } from 'node:fs';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { TestApp, startTestApp } from '../helpers/test-app';

/**
 * Request ids (decision 36): every write has one, the client's X-Request-Id or one the service makes, sent
 * back in X-Request-Id. A write without an Idempotency-Key is claimed under its request id exactly as a keyed
 * one is under its key, in a namespace of its own: ids derived from (council, request id, index), the request
 * hash and first reply in the request's own append. So resending the same request with the same X-Request-Id,
 * after a restart too, replays the first reply and appends nothing, here on SQLite and on EventStoreDB
 * (request-ids.wire.e2e.spec.ts, where an append's outcome can be unknown).
 */
const ENV = { RATE_LIMIT_PER_ADDRESS: '100000', RATE_LIMIT_PER_TOKEN: '100000' };

describe('Request ids: a keyless write resent with its X-Request-Id is recorded once (e2e, SQLite)', () => {
  let t: TestApp;
  let dataDir: string;

  const post = (path: string, body: object, headers: Record<string, string> = {}) => t.http().post(path).set(t.admin).set(headers).send(body);
  const store = () => t.app.get<EventStore>(EVENT_STORE);
  const head = async () => (await store().headPosition()) ?? 0n;
  const types = async (councilId: string) => {
    const out: string[] = [];
    for await (const e of store().readStream(`council-${councilId}`)) out.push(e.type);
    return out;
  };
  async function restart(): Promise<void> {
    await t.app.close();
    t = await startTestApp(ENV, dataDir);
  }

  beforeAll(async () => {
    t = await startTestApp(ENV);
    dataDir = t.dataDir;
    for (const councilId of ['alpha', 'beta']) {
      await post('/api/councils', { councilId, name: `Council ${councilId}`, foundedOn: '2012-10-22', seats: 9 }).expect(201);
    }
  });
  afterAll(async () => {
    await t?.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every write answers with its request id: the one sent, or one the service made', async () => {
    const sent = await post('/api/councils/alpha/members', { memberId: 'a1', name: 'Anna Petrova', electedOn: '2012-10-22' }, { 'X-Request-Id': 'client-req-1' }).expect(201);
    expect(sent.headers['x-request-id']).toBe('client-req-1');
    const made = await post('/api/councils/alpha/members', { memberId: 'a2', name: 'Boris Ivanov', electedOn: '2012-10-22' }).expect(201);
    expect(made.headers['x-request-id']).toMatch(/^[\w.-]{1,100}$/);
    expect(made.headers['x-request-id']).not.toBe('client-req-1');
  });

  it('a keyless write resent with the same X-Request-Id, after a restart, gets the first reply and appends nothing', async () => {
    const clara = { memberId: 'a3', name: 'Clara Schmidt', electedOn: '2012-10-23' };
    const batch = { requests: [
      { path: '/members', body: { memberId: 'a4', name: 'Dora Lind', electedOn: '2013-01-11' } },
      { path: '/members/a4/departure', body: { leftOn: '2013-01-12' } },
    ] };
    const first = await post('/api/councils/alpha/members', clara, { 'X-Request-Id': 'clara-1' }).expect(201);
    // Without an X-Request-Id of its own, the client resends with the one the answer carried.
    const firstBatch = await post('/api/councils/alpha/batch', batch).expect(201);
    const batchId = firstBatch.headers['x-request-id'];
    const recorded = await head();
    const before = await types('alpha');
    await restart();
    const again = await post('/api/councils/alpha/members', clara, { 'X-Request-Id': 'clara-1' });
    const againBatch = await post('/api/councils/alpha/batch', batch, { 'X-Request-Id': batchId });
    expect([again.status, again.body]).toEqual([201, first.body]);
    expect([againBatch.status, againBatch.body]).toEqual([201, firstBatch.body]);
    expect(await head()).toBe(recorded);
    expect(await types('alpha')).toEqual(before);
    // Without the request id the same body is a new request, decided again (and refused: a3 exists).
    const fresh = await post('/api/councils/alpha/members', clara).expect(409);
    expect(fresh.body.type).toMatch(/already-exists$/);
    expect(await head()).toBe(recorded);
  });

  it('the same X-Request-Id with another body is 422 request-id-reused, and appends nothing', async () => {
    await post('/api/councils/alpha/members', { memberId: 'a5', name: 'Emil Berg', electedOn: '2012-10-24' }, { 'X-Request-Id': 'emil-1' }).expect(201);
    const recorded = await head();
    const reused = await post('/api/councils/alpha/members', { memberId: 'a6', name: 'Fanny Berg', electedOn: '2012-10-24' }, { 'X-Request-Id': 'emil-1' }).expect(422);
    expect(reused.body.type).toMatch(/request-id-reused$/);
    expect(reused.body.detail).toContain('emil-1');
    expect(await head()).toBe(recorded);
  });

  it('a request id is scoped to its council, and an Idempotency-Key equal to it is another request (two namespaces)', async () => {
    const onAlpha = await post('/api/councils/alpha/members', { memberId: 'a7', name: 'Greta Holm', electedOn: '2012-10-25' }, { 'X-Request-Id': 'shared-1' }).expect(201);
    const onBeta = await post('/api/councils/beta/members', { memberId: 'b1', name: 'Hugo Holm', electedOn: '2012-10-25' }, { 'X-Request-Id': 'shared-1' }).expect(201);
    expect(onBeta.body.eventIds[0]).not.toBe(onAlpha.body.eventIds[0]);
    // The key 'shared-1' on alpha neither replays the request id 'shared-1' nor is refused as reusing it.
    const keyed = await post('/api/councils/alpha/members', { memberId: 'a8', name: 'Ida Holm', electedOn: '2012-10-25' }, { 'Idempotency-Key': 'shared-1' }).expect(201);
    expect(keyed.body.eventIds[0]).not.toBe(onAlpha.body.eventIds[0]);
    // And the other way round: the key's name sent as a request id is not the key's request.
    const asRequestId = await post('/api/councils/alpha/members', { memberId: 'a9', name: 'Jan Holm', electedOn: '2012-10-25' }, { 'Idempotency-Key': 'key-2' }).expect(201);
    const other = await post('/api/councils/alpha/members', { memberId: 'a10', name: 'Karl Holm', electedOn: '2012-10-25' }, { 'X-Request-Id': 'key-2' }).expect(201);
    expect(other.body.eventIds[0]).not.toBe(asRequestId.body.eventIds[0]);
    expect((await types('alpha')).filter((type) => type === 'MemberElected')).toHaveLength(9); // a1–a5 and a7–a10
  });

  it('a malformed X-Request-Id on a write is 400 invalid-request-id and appends nothing', async () => {
    const recorded = await head();
    for (const bad of ['has space', 'x'.repeat(101), 'semi;colon']) {
      const res = await post('/api/councils/alpha/members', { memberId: 'z', name: 'Zed', electedOn: '2012-10-22' }, { 'X-Request-Id': bad }).expect(400);
      expect(res.body.type).toMatch(/invalid-request-id$/);
    }
    expect(await head()).toBe(recorded);
  });
});
