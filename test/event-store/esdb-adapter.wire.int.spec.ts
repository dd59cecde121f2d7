import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/esdb-event-store';
import { RecordedEvent } from '../../src/event-store/event-store.port';
import { StoreUnavailableError, SubscriptionFailedError } from '../../src/event-store/errors';
import { identicalAppendsContract } from '../contract/identical-appends.contract';
import { ACCESS_DENIED, DEADLINE, FakeEsdbServer, NOT_READY, TOO_BUSY, eventResp } from '../helpers/fake-esdb-server';

/**
 * The EventStoreDB adapter against a gRPC server on a socket (test/helpers/fake-esdb-server.ts): the real
 * @eventstore/db-client does the talking, so its Subscription, ReadStream, error classes (convertToCommandError,
 * unpackError), deadlines and cancellation are the ones production meets. Each block is one defect of
 * issue 13, and each test failed on the adapter before its fix.
 */
describe('EventStoreDB adapter on the wire (issue 13)', () => {
  let server: FakeEsdbServer;
  let store: EventStoreDbEventStore;
  const warnings: string[] = [];
  const errors: string[] = [];

  const open = (options: Partial<ConstructorParameters<typeof EventStoreDbEventStore>[0]> = {}) =>
    new EventStoreDbEventStore({
      connectionString: connectionString,
      retryDelayMs: 5,
      resubscribeInitialDelayMs: 5,
      log: { warn: (m) => warnings.push(m), error: (m) => errors.push(m) },
      ...options,
    });
  let connectionString: string;

  beforeEach(async () => {
    server = new FakeEsdbServer();
    connectionString = await server.start();
    warnings.length = 0;
    errors.length = 0;
  });

  afterEach(async () => {
    await store?.close();
    await server.stop();
  });

  const event = (type = 'MemberElected') => ({ id: randomUUID(), type, data: { n: 1 } });
  const within = <T>(promise: Promise<T>, ms: number) =>
    Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);
  async function until(condition: () => boolean, ms = 5000) {
    const end = Date.now() + ms;
    while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!condition()) throw new Error('condition not reached');
  }

  describe('defect 2: identical concurrent appends (idempotent, not ready)', () => {
    it('a deadline on an append that was written reads the expected place and answers success', async () => {
      store = open();
      // The server writes the batch but answers with a deadline, as it does while a first identical
      // append is written and not yet indexed.
      server.behaviour.onAppend = (_append, attempt) => (attempt === 1 ? { writeThen: DEADLINE } : undefined);
      const batch = [event(), event()];
      const result = await store.appendToStream('council-a', batch, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(1n);
      expect(server.log.map((r) => r.id)).toEqual(batch.map((e) => e.id));
      expect(result.position).toBe(server.log[1].position);
    });

    it('a deadline on an append that was not written sends it again', async () => {
      store = open();
      server.behaviour.onAppend = (_append, attempt) => (attempt === 1 ? DEADLINE : undefined);
      const result = await store.appendToStream('council-a', [event()], { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(0n);
      expect(server.log).toHaveLength(1);
    });
  });

  describe('defect 3: subscription failures surface', () => {
    it('access denied on $all stops the subscription, is logged and reaches onError', async () => {
      store = open();
      server.record('council-a');
      server.behaviour.onRead = (read) => (read.subscription ? ACCESS_DENIED : undefined);
      const failures: unknown[] = [];
      const sub = store.subscribeToAll({ onEvents: () => undefined, onError: (e) => failures.push(e) });
      await until(() => failures.length === 1);
      expect(failures[0]).toBeInstanceOf(SubscriptionFailedError);
      expect(errors.join('\n')).toMatch(/permanent/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.reads.filter((r) => r.subscription)).toHaveLength(1); // not retried forever
      await sub.stop();
    });

    it('a transient drop is logged and the subscription resumes from its checkpoint', async () => {
      store = open();
      server.record('council-a');
      let drops = 0;
      // The first live subscription call fails (the history before it is read in pages, which retry by themselves).
      server.behaviour.onRead = (read) => (read.subscription && drops++ === 0 ? NOT_READY : undefined);
      const seen: bigint[] = [];
      const sub = store.subscribeToAll({ onEvents: (events) => void seen.push(...events.map((e) => e.position)) });
      await until(() => seen.length === 1 && warnings.length > 0);
      expect(warnings.join('\n')).toMatch(/dropped \(attempt 1, resubscribing\)/);
      // Resumed from its checkpoint: the next event arrives, and the first is not handed over again.
      server.record('council-a');
      await until(() => seen.length === 2);
      expect(new Set(seen).size).toBe(2);
      await sub.stop();
    });
  });

  describe('defect 4: caught up without the server saying so (servers before 23.10)', () => {
    it('signals caught up once the events up to the head are handed over', async () => {
      store = open();
      server.behaviour.sendsCaughtUp = false;
      for (let i = 0; i < 3; i++) server.record('council-a');
      server.record('$stats-127.0.0.1:2113'); // a system record after the last domain event
      const seen: bigint[] = [];
      let caughtUpAt: bigint | undefined | 'never' = 'never';
      const sub = store.subscribeToAll({
        onEvents: (events) => void seen.push(...events.map((e) => e.position)),
        onCaughtUp: (position) => (caughtUpAt = position),
      });
      await until(() => caughtUpAt !== 'never');
      expect(seen).toHaveLength(3);
      expect(caughtUpAt).toBe(seen[2]);
      await sub.stop();
    });
  });

  describe('defect 5: batches as large as the runner asks', () => {
    it('buffers a whole batch (the client buffers 16 records by default)', async () => {
      store = open();
      for (let i = 0; i < 300; i++) server.record('council-a');
      const sizes: number[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const sub = store.subscribeToAll(
        {
          onEvents: async (events) => {
            sizes.push(events.length);
            if (sizes.length === 1) await gate;
          },
        },
        { batchSize: 100 },
      );
      await until(() => sizes.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the buffer fills while the first batch waits
      release();
      await until(() => sizes.reduce((a, b) => a + b, 0) === 300);
      expect(sizes[1]).toBe(100);
      await sub.stop();
    });
  });

  describe('defect 6: a write is read back from the leader', () => {
    it('a follower that has not seen the write does not turn it into a conflict', async () => {
      store = open();
      server.record('council-a');
      server.behaviour.followerHorizon = server.log[0].position; // followers stop here
      const result = await store.appendToStream('council-a', [event()], { expectedRevision: 0n });
      expect(result.nextExpectedRevision).toBe(1n);
      expect(result.position).toBe(server.log[1].position);
      const any = await store.appendToStream('council-a', [event()]);
      expect(any.nextExpectedRevision).toBe(2n);
    });
  });

  describe('defect 8: every read has a deadline', () => {
    it('a stalled server fails a read with StoreUnavailableError instead of hanging', async () => {
      store = open({ readTimeoutMs: 200 });
      server.record('council-a');
      server.behaviour.onRead = () => 'hang';
      const read = (async () => {
        for await (const _ of store.readStream('council-a'));
      })();
      const outcome = await within(read.then(() => 'completed', (e) => e), 3000);
      expect(outcome).toBeInstanceOf(StoreUnavailableError);
      await expect(within(store.headPosition().catch((e) => e), 3000)).resolves.toBeInstanceOf(StoreUnavailableError);
    });
  });

  describe('defect 9: not ready / too busy are retried, then 503', () => {
    it('retries an append the server was not ready for', async () => {
      store = open();
      server.behaviour.onAppend = (_append, attempt) => (attempt <= 2 ? NOT_READY : undefined);
      const result = await store.appendToStream('council-a', [event()], { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(0n);
      expect(server.log).toHaveLength(1);
    });

    it('answers StoreUnavailableError after bounded retries', async () => {
      store = open({ attempts: 3 });
      server.behaviour.onAppend = () => TOO_BUSY;
      await expect(store.appendToStream('council-a', [event()], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      expect(server.appends).toHaveLength(3);
      server.behaviour.onAppend = undefined;
      server.behaviour.onRead = () => NOT_READY;
      await expect(store.streamRevision('council-a')).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });

  describe('defect 10: a secure cluster without the right to read $all', () => {
    it('fails the start-up check with a message naming the missing right', async () => {
      store = open();
      server.behaviour.onRead = (read) => (read.kind === 'all' ? ACCESS_DENIED : undefined);
      await expect(store.verifyAccess()).rejects.toThrow(/\$admins/);
    });

    it('does not fail start-up while the server is only not ready', async () => {
      store = open({ attempts: 1 });
      server.behaviour.onRead = () => NOT_READY;
      await expect(store.verifyAccess()).resolves.toBeUndefined();
      expect(warnings.join('\n')).toMatch(/start-up check/);
    });
  });

  describe('defect 11: head, channel, reads cut by shutdown', () => {
    it('the head (and so health lag) leaves out system records', async () => {
      store = open();
      const last = server.record('council-a');
      server.record('$stats-127.0.0.1:2113');
      server.record('$$council-a', '$metadata');
      expect(await store.headPosition()).toBe(last.position);
    });

    it('close() closes the gRPC channel', async () => {
      store = open();
      await store.streamExists('council-a');
      const channel = await (store as unknown as { client: { getChannel(): Promise<grpc.Channel> } }).client.getChannel();
      expect(channel.getConnectivityState(false)).not.toBe(grpc.connectivityState.SHUTDOWN);
      await store.close();
      expect(channel.getConnectivityState(false)).toBe(grpc.connectivityState.SHUTDOWN);
    });

    it('a read cut by close() throws instead of ending as if complete', async () => {
      store = open();
      const first = server.record('council-a');
      server.record('council-a');
      // The server sends the first record and then stalls, as one does under load.
      server.behaviour.onRead = (read, call) => {
        if (read.kind !== 'all') return undefined;
        call.write(eventResp(first));
        return 'hang';
      };
      const events: RecordedEvent[] = [];
      const read = (async () => {
        for await (const e of store.readAll()) events.push(e);
      })().then(() => 'completed', (e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await store.close();
      const outcome = await within(read, 3000);
      expect(outcome).toBeInstanceOf(Error);
      expect(String((outcome as Error).message)).toMatch(/closed/);
    });
  });
});

/** Defect 2 in contract form: the identical-appends contract on a server that answers repeats "not ready" for 100 ms. */
describe('identical appends on a server that indexes slowly', () => {
  let server: FakeEsdbServer;
  beforeAll(async () => {
    server = new FakeEsdbServer();
    server.behaviour.indexDelayMs = 100;
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });
  identicalAppendsContract('eventstoredb (fake server, slow index)', async () => {
    const store = new EventStoreDbEventStore({ connectionString: `esdb://127.0.0.1:${server.port}?tls=false`, retryDelayMs: 20, attempts: 6 });
    return { store, cleanup: () => store.close() };
  });
});
