import { TestApp, startTestApp } from '../helpers/test-app';
import { FakeEsdbServer } from '../helpers/fake-esdb-server';

/**
 * Issue 13, defect 1, on EventStoreDB: the whole application on the EventStoreDB adapter, talking to a gRPC
 * server on a socket (test/helpers/fake-esdb-server.ts). EventStoreDB checks event ids only inside the
 * target stream, so when ids derived from the Idempotency-Key alone, the same key on a second council was
 * recorded there too, and the projections' unique event id then froze every read model. Now: 422, nothing
 * recorded in the second council, and the read models go on.
 */
describe('Idempotency-Key reused on another council, on EventStoreDB (e2e)', () => {
  let server: FakeEsdbServer;
  let t: TestApp;
  const post = (path: string, body: object, key?: string) => {
    const req = t.http().post(path).set(t.admin).send(body);
    return key ? req.set('Idempotency-Key', key) : req;
  };

  beforeAll(async () => {
    server = new FakeEsdbServer();
    server.record('$epoch-information', '$epoch'); // a real server's log starts with system records
    const connectionString = await server.start();
    t = await startTestApp({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString });
  });
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  });

  it('answers 422, records nothing in the second council, and the read models go on', async () => {
    await post('/api/councils', { councilId: 'first', name: 'First Council', foundedOn: '2012-10-22', seats: 5 }).expect(201);
    await post('/api/councils', { councilId: 'second', name: 'Second Council', foundedOn: '2012-10-22', seats: 5 }).expect(201);
    const member = { memberId: 'm1', name: 'Anna Petrova', electedOn: '2012-10-22' };
    const first = await post('/api/councils/first/members', member, 'key-1').expect(201);
    const again = await post('/api/councils/first/members', member, 'key-1').expect(201);
    expect(again.body.eventIds).toEqual(first.body.eventIds);

    const reused = await post('/api/councils/second/members', member, 'key-1').expect(422);
    expect(reused.body.type).toMatch(/idempotency-key-reused$/);
    expect(server.log.filter((r) => r.streamId === 'council-second').map((r) => r.type)).toEqual(['CouncilFounded']);

    // The read models are not frozen: a later write on the second council is read back.
    const later = await post('/api/councils/second/members', { ...member, name: 'Boris Ivanov' }, 'key-2').expect(201);
    const members = await t.http().get(`/api/councils/second/members?minPosition=${later.body.position}`).expect(200);
    expect(JSON.stringify(members.body)).toContain('Boris Ivanov');
    await t.http().get('/api/health/ready').expect(200);
    // Ids name the council: the same key on two councils can never yield the same ids.
    expect(later.body.eventIds[0]).not.toEqual(first.body.eventIds[0]);
  });
});
