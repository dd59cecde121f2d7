import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp, startTestApp } from '../helpers/test-app';
import { FakeEsdbServer } from '../helpers/fake-esdb-server';
import { createEventStore } from '../../src/event-store/event-store.module';
import { readDatabasePath } from '../../src/read-models/read-database';
import { rebuildReadDatabase } from '../../src/read-models/rebuild';

/**
 * docs/event-store.md, "Still unproven on a real server": the service's side of two items, proven on the fake
 * server (what the server does there stays for a real run):
 * - item 4: on a server before 23.10 (no `caughtUp` in subscriptions), `npm run rebuild` ends, with every
 *   event, even when system records follow the last domain event;
 * - item 9: a stalled server (no read answers at all) makes /api/health/ready a 503 within the health
 *   check's bound (3 s, HEAD_TIMEOUT_MS), /api/health/live stays 200, and both recover once it answers;
 * - item 10: closing the app with its live subscription returns promptly, and the server sees the
 *   subscription's call end (nothing left open that would keep a process alive).
 */
describe('EventStoreDB, the unproven list: what the service does, on the fake server (e2e)', () => {
  let server: FakeEsdbServer;
  let t: TestApp;
  let connectionString: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'council-record-unproven-'));
  const start = () => startTestApp({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString }, dataDir);
  const post = (path: string, body: object) => t.http().post(path).set(t.admin).send(body);

  beforeAll(async () => {
    server = new FakeEsdbServer();
    connectionString = await server.start();
    t = await start();
    await post('/api/councils', { councilId: 'u', name: 'Council U', foundedOn: '2012-10-22', seats: 50 }).expect(201);
    await post('/api/councils/u/batch', {
      requests: Array.from({ length: 40 }, (_, i) => ({ path: '/members', body: { memberId: `m${i}`, name: `Member ${i}`, electedOn: '2012-10-22' } })),
    }).expect(201);
  });
  afterAll(async () => {
    server.behaviour.onRead = undefined;
    await t?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('item 9: a stalled server makes ready 503 within the bound, live stays 200, and both recover', async () => {
    await t.http().get('/api/health/ready').expect(200);
    server.behaviour.onRead = () => 'hang';
    const started = Date.now();
    const ready = await t.http().get('/api/health/ready');
    const waited = Date.now() - started;
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toBeDefined();
    // The health check's own bound (3 s), with room for a loaded machine; never the read's 10 s × retries.
    expect(waited).toBeLessThan(8000);
    await t.http().get('/api/health/live').expect(200);
    server.behaviour.onRead = undefined;
    const end = Date.now() + 30_000;
    let status = 0;
    while (Date.now() < end && (status = (await t.http().get('/api/health/ready')).status) !== 200) await new Promise((r) => setTimeout(r, 200));
    expect(status).toBe(200);
  });

  it('item 10: closing the app ends its live subscription on the server, promptly', async () => {
    const end = Date.now() + 20_000;
    while (server.liveSubscriptions === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(server.liveSubscriptions).toBe(1);
    const started = Date.now();
    await t.close();
    expect(Date.now() - started).toBeLessThan(10_000);
    const gone = Date.now() + 5000;
    while (server.liveSubscriptions > 0 && Date.now() < gone) await new Promise((r) => setTimeout(r, 50));
    expect(server.liveSubscriptions).toBe(0);
    t = await start();
  });

  it('item 4: without caughtUp from the server, and system records after the last event, a rebuild ends with every event', async () => {
    const recorded = server.log.filter((r) => r.streamId === 'council-u').length;
    expect(recorded).toBe(41);
    server.behaviour.sendsCaughtUp = false;
    server.record('$stats-127.0.0.1:2113', '$statsCollected');
    server.record('$stats-127.0.0.1:2113', '$statsCollected');
    await t.close();
    const store = createEventStore(t.config);
    try {
      const result = await rebuildReadDatabase(store, readDatabasePath(t.config.dataDir));
      expect(result.events).toBe(recorded);
      expect(result.parked).toBe(0);
    } finally {
      await store.close();
    }
    t = await start();
    const members = await t.http().get('/api/councils/u/members').expect(200);
    expect(JSON.stringify(members.body)).toContain('Member 39');
  });
});
