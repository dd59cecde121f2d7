import { TestApp, startTestApp } from '../helpers/test-app';
import { FakeEsdbServer } from '../helpers/fake-esdb-server';

/**
 * Idempotency keys on EventStoreDB: the whole application on the EventStoreDB adapter, talking to a gRPC
 * server on a socket (test/helpers/fake-esdb-server.ts). A key is scoped to its council (API.md, third
 * wave): the same key on two councils is two requests with distinct event ids (EventStoreDB checks ids only
 * inside the target stream, so shared ids would be recorded twice and freeze the read models). The key
 * is recorded in the request's own append, so a retry after a restart, or through a second app over the
 * same server, is answered with the first reply and appends nothing.
 * The same on SQLite: idempotency-keys.e2e.spec.ts.
 */
describe('Idempotency keys on EventStoreDB: scoped, durable across restarts and instances (e2e)', () => {
  let server: FakeEsdbServer;
  let connectionString: string;
  let t: TestApp;
  const post = (app: TestApp, path: string, body: object, key?: string) => {
    const req = app.http().post(path).set(app.admin).send(body);
    return key ? req.set('Idempotency-Key', key) : req;
  };
  const start = () => startTestApp({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString });
  const councilLog = (councilId: string) => server.log.filter((r) => r.streamId === `council-${councilId}`).map((r) => r.type);

  beforeAll(async () => {
    server = new FakeEsdbServer();
    server.record('$epoch-information', '$epoch'); // a real server's log starts with system records
    connectionString = await server.start();
    t = await start();
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('the same key on two councils: each records its own fact under its own ids, and the read models go on', async () => {
    await post(t, '/api/councils', { councilId: 'first', name: 'First Council', foundedOn: '2012-10-22', seats: 5 }).expect(201);
    await post(t, '/api/councils', { councilId: 'second', name: 'Second Council', foundedOn: '2012-10-22', seats: 5 }).expect(201);
    const anna = { memberId: 'm1', name: 'Anna Petrova', electedOn: '2012-10-22' };
    const boris = { memberId: 'm1', name: 'Boris Ivanov', electedOn: '2012-10-22' };
    const first = await post(t, '/api/councils/first/members', anna, 'key-1').expect(201);
    const second = await post(t, '/api/councils/second/members', boris, 'key-1').expect(201);
    expect(second.body.eventIds[0]).not.toEqual(first.body.eventIds[0]);
    const logged = server.log.length;
    expect((await post(t, '/api/councils/first/members', anna, 'key-1').expect(201)).body).toEqual(first.body);
    expect((await post(t, '/api/councils/second/members', boris, 'key-1').expect(201)).body).toEqual(second.body);
    expect(server.log.length).toBe(logged);
    expect(councilLog('first')).toEqual(['CouncilFounded', 'MemberElected']);
    expect(councilLog('second')).toEqual(['CouncilFounded', 'MemberElected']);
    const members = await t.http().get(`/api/councils/second/members?minPosition=${second.body.position}`).expect(200);
    expect(JSON.stringify(members.body)).toContain('Boris Ivanov');
    await t.http().get('/api/health/ready').expect(200);
  });

  it('a retry after a restart, and through a second app over the same server, gets the first reply and appends nothing', async () => {
    const meeting = { meetingId: 'meeting-1', date: '2013-01-10', presentCount: 1 };
    const batch = { requests: [{ path: '/members', body: { memberId: 'm2', name: 'Clara', electedOn: '2013-01-11' } }, { path: '/members/m2/departure', body: { leftOn: '2013-01-12' } }] };
    const firstMeeting = await post(t, '/api/councils/first/meetings', meeting, 'meeting-key').expect(201);
    const firstBatch = await post(t, '/api/councils/first/batch', batch, 'batch-key').expect(201);
    await t.close();
    t = await start();
    const logged = server.log.length;
    const afterRestart = [await post(t, '/api/councils/first/meetings', meeting, 'meeting-key'), await post(t, '/api/councils/first/batch', batch, 'batch-key')];
    expect(afterRestart.map((r) => [r.status, r.body])).toEqual([[201, firstMeeting.body], [201, firstBatch.body]]);
    // A second instance over the same server, next to the first.
    const other = await start();
    try {
      const onOther = [await post(other, '/api/councils/first/meetings', meeting, 'meeting-key'), await post(other, '/api/councils/first/batch', batch, 'batch-key')];
      expect(onOther.map((r) => [r.status, r.body])).toEqual([[201, firstMeeting.body], [201, firstBatch.body]]);
      const reused = await post(other, '/api/councils/first/meetings', { ...meeting, presentCount: 2 }, 'meeting-key').expect(422);
      expect(reused.body.type).toMatch(/idempotency-key-reused$/);
    } finally {
      await other.close();
    }
    expect(server.log.length).toBe(logged);
  });

  it("the service's own keys cannot be sent by a client, and a refused request leaves nothing on the server", async () => {
    const logged = server.log.length;
    const attack = await post(t, '/api/councils/second/members', { name: 'Mallory', electedOn: '2013-04-01' }, 'voting:v1:result').expect(400);
    expect(attack.body.type).toMatch(/invalid-idempotency-key$/);
    await post(t, '/api/councils/second/members/nobody/departure', { leftOn: '2013-01-01' }, 'refused-key').expect(404);
    expect(server.log.length).toBe(logged);
    await post(t, '/api/councils/second/members', { memberId: 'm3', name: 'Dora', electedOn: '2013-04-01' }, 'refused-key').expect(201);
    expect(server.log.length).toBe(logged + 1);
  });
});
