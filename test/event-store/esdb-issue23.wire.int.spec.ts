import { randomUUID } from 'node:crypto';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/esdb-event-store';
import { AppendTooLargeError, StoreUnavailableError } from '../../src/event-store/errors';
import { RecordedEvent } from '../../src/event-store/event-store.port';
import { DEADLINE, FakeEsdbServer, NOT_READY, TOO_BUSY } from '../helpers/fake-esdb-server';
import { SERVICE_STREAM_PREFIXES } from '../../src/event-store/eventstoredb/service-streams';
import { councilStream } from '../../src/council/domain/events';
import { votingStream } from '../../src/votings/domain/events';

/**
 * Issue 23: the path a real 24.10 server makes the client take (ServerFeatures advertises BatchAppend, so every
 * append goes over Streams.BatchAppend), on the fake server that models it. Each test failed on the adapter
 * before the fix of its defect (docs/event-store.md lists them).
 */
describe('EventStoreDB adapter on the BatchAppend path (issue 23)', () => {
  let server: FakeEsdbServer;
  const stores: EventStoreDbEventStore[] = [];
  const servers: FakeEsdbServer[] = [];

  const open = (options: Partial<ConstructorParameters<typeof EventStoreDbEventStore>[0]> = {}, on = server) => {
    const store = new EventStoreDbEventStore({
      connectionString: `esdb://127.0.0.1:${on.port}?tls=false`,
      retryDelayMs: 5,
      resubscribeInitialDelayMs: 5,
      log: { warn: () => undefined, error: () => undefined },
      ...options,
    });
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    server = new FakeEsdbServer({ writeTimeoutMs: 100 });
    servers.push(server);
    await server.start();
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  const event = (type = 'MemberElected', id: string = randomUUID()) => ({ id, type, data: { n: 1 } });
  const failure = <T>(promise: Promise<T>) => promise.then(() => undefined, (e: unknown) => e);
  async function until(condition: () => boolean, ms = 10_000) {
    const end = Date.now() + ms;
    while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!condition()) throw new Error('condition not reached');
  }

  it('the client appends over BatchAppend, as it does against a real server', async () => {
    const store = open();
    await store.appendToStream('council-a', [event()], { expectedRevision: 'no_stream' });
    expect(server.appends.map((a) => a.via)).toEqual(['batch']);
  });

  describe('BatchAppend NotReady / TooBusy (Status with Any(Empty) details)', () => {
    it('is retried, and the append succeeds once the server is ready', async () => {
      const store = open();
      server.behaviour.onAppend = (_append, attempt) => (attempt <= 2 ? NOT_READY : undefined);
      const result = await store.appendToStream('council-a', [event()], { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(0n);
      expect(server.log.filter((r) => r.streamId === 'council-a')).toHaveLength(1);
    });

    it('after bounded retries answers a retryable StoreUnavailableError (503 with Retry-After), not a 500', async () => {
      const store = open({ attempts: 3 });
      server.behaviour.onAppend = () => TOO_BUSY;
      const error = await failure(store.appendToStream('council-a', [event()], { expectedRevision: 'no_stream' }));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ retryAfterSeconds: 5, outcomeUnknown: false });
      expect(server.appends).toHaveLength(3);
      const any = await failure(store.appendToStream('council-b', [event()]));
      expect(any).toBeInstanceOf(StoreUnavailableError);
    });
  });

  describe('NotLeader with the leader endpoint', () => {
    it('reconnects to the leader and retries: every append written once, none lost', async () => {
      const leader = server;
      const follower = new FakeEsdbServer({ log: leader.store, writeTimeoutMs: 100 });
      servers.push(follower);
      await follower.start();
      follower.behaviour.notLeader = { host: '127.0.0.1', port: leader.port };
      const store = open({}, follower);
      // Exact revisions go straight to BatchAppend (no read first), where NotLeader fails the shared call.
      const batches = Array.from({ length: 6 }, (_, i) => ({ stream: `council-${i}`, events: [event(), event()] }));
      const results = await Promise.all(batches.map((b) => store.appendToStream(b.stream, b.events, { expectedRevision: 'no_stream' })));
      expect(results).toHaveLength(6);
      for (const b of batches) {
        const recorded = server.log.filter((r) => b.events.some((e) => e.id === r.id));
        expect(recorded.map((r) => r.id)).toEqual(b.events.map((e) => e.id));
      }
      expect(follower.appends.length).toBeGreaterThan(0); // the follower was asked first
    });
  });

  it('reads after close() fail when iterated, as SQLite\'s do, not when asked for', async () => {
    const store = open();
    await store.close();
    const read = store.readStream('council-a');
    const all = store.readAll();
    await expect(all[Symbol.asyncIterator]().next()).rejects.toThrow(/closed/);
    await expect(read[Symbol.asyncIterator]().next()).rejects.toThrow(/closed/);
  });

  it('catch-up hands over batches of batchSize: 100,000 events in at most 200 calls (one read-database transaction each)', async () => {
    const store = open();
    for (let i = 0; i < 100_000; i++) server.record(`council-${i % 7}`, 'MemberElected', randomUUID(), { i });
    let calls = 0;
    let seen = 0;
    let ordered = true;
    let last = -1n;
    let caughtUp = false;
    const sub = store.subscribeToAll(
      {
        onEvents: (events: RecordedEvent[]) => {
          calls += 1;
          for (const e of events) {
            if (e.position <= last) ordered = false;
            last = e.position;
          }
          seen += events.length;
        },
        onCaughtUp: () => (caughtUp = true),
      },
      { batchSize: 500 },
    );
    await until(() => caughtUp && seen >= 100_000, 120_000);
    await sub.stop();
    expect(seen).toBe(100_000);
    expect(ordered).toBe(true);
    expect(calls).toBeLessThanOrEqual(200);
  }, 180_000);

  it('counts the append size as the server does (data + metadata + 2 × type length) and refuses it before sending', async () => {
    const store = open();
    const type = 'T'.repeat(3000);
    // data + metadata is under 1 MiB; with the type counted twice per event, as Event.SizeOnDisk does, it is over.
    const blob = 'x'.repeat(256 * 1024 - 2000);
    const batch = Array.from({ length: 4 }, () => ({ id: randomUUID(), type, data: { blob } }));
    const error = await failure(store.appendToStream('council-a', batch));
    expect(error).toBeInstanceOf(AppendTooLargeError);
    expect((error as AppendTooLargeError).size).toBe(
      batch.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength('{}') + e.type.length * 2, 0),
    );
    expect(server.appends).toHaveLength(0);
  });

  describe('an unknown outcome is never answered "nothing was recorded"', () => {
    it('a write that timed out, whose read-back cannot reach a leader, is a 503 that says the outcome is unknown', async () => {
      const store = open({ attempts: 2 });
      server.behaviour.onAppend = () => ({ writeThen: DEADLINE });
      server.behaviour.onRead = (read) => (read.requiresLeader ? NOT_READY : undefined);
      const batch = [event()];
      const error = await failure(store.appendToStream('council-a', batch, { expectedRevision: 'no_stream' }));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ outcomeUnknown: true });
      // It was written, once: the same request again (same ids) succeeds without a second copy.
      server.behaviour.onAppend = undefined;
      server.behaviour.onRead = undefined;
      const again = await store.appendToStream('council-a', batch, { expectedRevision: 'no_stream' });
      expect(again.nextExpectedRevision).toBe(0n);
      expect(server.log.filter((r) => r.streamId === 'council-a')).toHaveLength(1);
    });

    it('a server that never answers an append: the attempt is bounded, and the answer says the outcome is unknown', async () => {
      const store = open({ attempts: 2, appendTimeoutMs: 100 });
      server.behaviour.onAppend = () => 'hang';
      const error = await failure(store.appendToStream('council-a', [event()], { expectedRevision: 'no_stream' }));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ outcomeUnknown: true });
    }, 15_000);
  });

  it('compares event ids case-insensitively (the server answers lowercase)', async () => {
    const store = open();
    const upper = [event('MemberElected', randomUUID().toUpperCase()), event('MemberElected', randomUUID().toUpperCase())];
    server.behaviour.onAppend = (_append, attempt) => (attempt === 1 ? { writeThen: DEADLINE } : undefined);
    const first = await store.appendToStream('council-a', upper, { expectedRevision: 'no_stream' });
    expect(first.nextExpectedRevision).toBe(1n);
    expect(await store.appendToStream('council-a', upper, { expectedRevision: 'no_stream' })).toEqual(first);
    expect(await store.appendToStream('council-a', upper)).toEqual(first);
    expect(server.log.filter((r) => r.streamId === 'council-a')).toHaveLength(2);
  });

  it('a read whose server stalls is bounded by one deadline, retries included', async () => {
    const store = open({ readTimeoutMs: 300, attempts: 4 });
    server.record('council-a');
    server.behaviour.onRead = () => 'hang';
    const error = await failure(store.streamRevision('council-a'));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    // One attempt used the whole budget: it was not repeated four times over.
    expect(server.reads).toHaveLength(1);
  });

  it('the identity survives a scavenge of the records at the start of $all', async () => {
    const store = open();
    server.record('council-old', 'CouncilFounded');
    const identity = await store.identity();
    expect(identity).toMatch(/^eventstoredb:/);
    server.record('council-old', '$streamDeleted'); // a tombstone, then a scavenge removes the stream's records
    server.store.scavenge((r) => r.streamId === 'council-old');
    expect(await open().identity()).toBe(identity);
  });

  it('close() lets an append in flight finish instead of cancelling it', async () => {
    const store = open();
    server.behaviour.onAppend = () => ({ delayMs: 300 });
    const pending = store.appendToStream('council-a', [event()], { expectedRevision: 'no_stream' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0n });
  });

  it('an `any` repeat after a node restart (the server\'s id cache is gone) is still written once', async () => {
    const store = open();
    const batch = [event(), event()];
    const first = await store.appendToStream('council-a', batch);
    await store.appendToStream('council-a', [event()]);
    await server.restart(50);
    expect(await store.appendToStream('council-a', batch)).toEqual(first);
    expect(server.log.filter((r) => r.streamId === 'council-a')).toHaveLength(3);
  });

  it('a subscription the server ends, or tells it fell behind, resumes from its checkpoint: nothing lost or repeated', async () => {
    const store = open();
    server.record('council-a');
    const seen: string[] = [];
    let caughtUp = false;
    const sub = store.subscribeToAll({ onEvents: (events) => void seen.push(...events.map((e) => e.id)), onCaughtUp: () => (caughtUp = true) });
    await until(() => caughtUp && seen.length === 1);
    server.fellBehind();
    server.record('council-a');
    await until(() => seen.length === 2);
    server.endSubscriptions();
    server.record('council-b');
    server.record('council-a');
    await until(() => seen.length === 4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sub.stop();
    expect(seen).toEqual(server.log.filter((r) => r.streamId.startsWith('council-')).map((r) => r.id));
  });

  it('a server that leaves positions out of stream reads (before 22.6) is named, not read as position 0', async () => {
    const store = open();
    server.record('council-a');
    server.behaviour.omitsStreamReadPositions = true;
    const read = (async () => {
      for await (const _ of store.readStream('council-a'));
    })();
    await expect(read).rejects.toThrow(/server 22\.6 or later/);
  });

  it('the head skips any number of trailing system records', async () => {
    const store = open();
    const last = server.record('council-a');
    for (let i = 0; i < 1500; i++) server.record(`$stats-127.0.0.1:2113`, '$statsCollected');
    expect(await store.headPosition()).toBe(last.position);
  });

  it('with streamPrefixes, reads and subscriptions see only this service\'s streams: no other writer, no tombstone, no link', async () => {
    const store = open({ streamPrefixes: ['council-', 'voting-'] });
    const ours = server.record('council-a', 'CouncilFounded');
    server.record('orders-1', 'OrderPlaced'); // another application on the same server
    server.record('council-a', '$streamDeleted'); // a tombstone lands in the stream itself
    server.record('council-b', '$>', randomUUID(), '0@council-a'); // a link event
    const last = server.record('voting-1', 'VotingOpened');
    server.record('orders-2', 'OrderPlaced');
    const read: string[] = [];
    for await (const e of store.readAll()) read.push(`${e.streamId}:${e.type}`);
    expect(read).toEqual(['council-a:CouncilFounded', 'voting-1:VotingOpened']);
    expect(await store.headPosition()).toBe(last.position);
    const live: string[] = [];
    let caughtUp = false;
    const sub = store.subscribeToAll({ onEvents: (events) => void live.push(...events.map((e) => `${e.streamId}:${e.type}`)), onCaughtUp: () => (caughtUp = true) });
    await until(() => caughtUp);
    server.record('orders-3', 'OrderPlaced');
    server.record('council-a', 'MemberElected');
    await until(() => live.length >= 3);
    await sub.stop();
    expect(live).toEqual(['council-a:CouncilFounded', 'voting-1:VotingOpened', 'council-a:MemberElected']);
    expect(ours.position < last.position).toBe(true);
  });
});

describe('the service\'s own streams on EventStoreDB', () => {
  it('are the domains\' stream names (councilStream, votingStream)', () => {
    expect([...SERVICE_STREAM_PREFIXES].sort()).toEqual([councilStream(''), votingStream('')].sort());
  });
});
