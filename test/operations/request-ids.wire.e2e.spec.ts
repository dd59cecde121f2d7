import { TestApp, startTestApp } from '../helpers/test-app';
import { DEADLINE, FakeEsdbServer, NOT_READY } from '../helpers/fake-esdb-server';

/**
 * Issue 23, "an unknown outcome is never answered 'nothing was recorded'", for a request sent without an
 * Idempotency-Key (decision 36): the whole application on the EventStoreDB adapter, talking to the fake
 * server over gRPC. An append whose answer is lost (the server's Timeout after the write, or before it) and
 * whose read-back cannot reach a leader is a 503 that says the outcome is unknown and gives the request id;
 * resending the same request with that X-Request-Id gets the first reply when it was written, and records it
 * when it was not: the stream holds the fact once either way. The same resends on SQLite: request-ids.e2e.spec.ts.
 */
describe('Request ids on EventStoreDB: a keyless write whose outcome is unknown is safe to resend (e2e)', () => {
  let server: FakeEsdbServer;
  let t: TestApp;
  const post = (path: string, body: object, headers: Record<string, string> = {}) => t.http().post(path).set(t.admin).set(headers).send(body);
  const councilLog = (councilId: string) => server.log.filter((r) => r.streamId === `council-${councilId}`);
  /** Every append to the council's stream answers `error` (after writing it, with `written`); reads on the leader are not ready. */
  const loseAnswers = (councilId: string, written: boolean) => {
    server.behaviour.onAppend = (append) =>
      append.streamId === `council-${councilId}` ? (written ? { writeThen: DEADLINE } : DEADLINE) : undefined;
    server.behaviour.onRead = (read) => (read.requiresLeader ? NOT_READY : undefined);
  };
  const heal = () => {
    server.behaviour.onAppend = undefined;
    server.behaviour.onRead = undefined;
  };

  beforeAll(async () => {
    server = new FakeEsdbServer({ writeTimeoutMs: 100 });
    const connectionString = await server.start();
    t = await startTestApp({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString });
    await post('/api/councils', { councilId: 'c', name: 'Council C', foundedOn: '2012-10-22', seats: 9 }).expect(201);
  });
  afterEach(heal);
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  function expectUnknownOutcome(res: { status: number; body: Record<string, unknown>; headers: Record<string, string> }, requestId: string) {
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.headers['x-request-id']).toBe(requestId);
    expect(res.body).toMatchObject({ outcomeUnknown: true, requestId, resendWith: 'X-Request-Id' });
    expect(String(res.body.detail)).not.toMatch(/nothing was recorded/i);
    expect(String(res.body.detail)).toContain(`X-Request-Id: ${requestId}`);
  }

  it('written, answer lost: 503 outcomeUnknown with the request id; the resend with it gets the first reply, the fact is there once', async () => {
    const anna = { memberId: 'm1', name: 'Anna Petrova', electedOn: '2012-10-22' };
    loseAnswers('c', true);
    const lost = await post('/api/councils/c/members', anna);
    const requestId = lost.headers['x-request-id'];
    expectUnknownOutcome(lost, requestId);
    const written = councilLog('c').filter((r) => r.type === 'MemberElected');
    expect(written).toHaveLength(1);
    heal();
    const logged = server.log.length;
    const resent = await post('/api/councils/c/members', anna, { 'X-Request-Id': requestId }).expect(201);
    expect(resent.body).toMatchObject({ memberId: 'm1', eventIds: [written[0].id] });
    expect(server.log.length).toBe(logged);
    // Once more, with the client's own X-Request-Id from the start: the same.
    const boris = { memberId: 'm2', name: 'Boris Ivanov', electedOn: '2012-10-22' };
    loseAnswers('c', true);
    expectUnknownOutcome(await post('/api/councils/c/members', boris, { 'X-Request-Id': 'boris-1' }), 'boris-1');
    heal();
    await post('/api/councils/c/members', boris, { 'X-Request-Id': 'boris-1' }).expect(201);
    expect(councilLog('c').map((r) => r.type)).toEqual(['CouncilFounded', 'MemberElected', 'MemberElected']);
  }, 60_000);

  it('not written, answer lost: the same 503, and the resend records the fact once', async () => {
    const batch = { requests: [
      { path: '/members', body: { memberId: 'm3', name: 'Clara Lind', electedOn: '2013-01-11' } },
      { path: '/members/m3/departure', body: { leftOn: '2013-01-12' } },
    ] };
    loseAnswers('c', false);
    const before = councilLog('c').length;
    expectUnknownOutcome(await post('/api/councils/c/batch', batch, { 'X-Request-Id': 'clara-batch' }), 'clara-batch');
    expect(councilLog('c')).toHaveLength(before);
    heal();
    const resent = await post('/api/councils/c/batch', batch, { 'X-Request-Id': 'clara-batch' }).expect(201);
    const again = await post('/api/councils/c/batch', batch, { 'X-Request-Id': 'clara-batch' }).expect(201);
    expect(again.body).toEqual(resent.body);
    expect(councilLog('c').slice(before).map((r) => r.type)).toEqual(['MemberElected', 'MemberLeft']);
  }, 60_000);

  it('after a restart, the resend with the X-Request-Id still replays and appends nothing', async () => {
    const dora = { memberId: 'm4', name: 'Dora Berg', electedOn: '2013-02-01' };
    const first = await post('/api/councils/c/members', dora, { 'X-Request-Id': 'dora-1' }).expect(201);
    await t.close();
    t = await startTestApp({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: `esdb://127.0.0.1:${server.port}?tls=false` });
    const logged = server.log.length;
    const resent = await post('/api/councils/c/members', dora, { 'X-Request-Id': 'dora-1' }).expect(201);
    expect(resent.body).toEqual(first.body);
    expect(server.log.length).toBe(logged);
  });
});
