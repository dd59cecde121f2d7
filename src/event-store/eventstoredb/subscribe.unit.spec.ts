import { PassThrough } from 'node:stream';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { RecordedEvent } from '../event-store.port';
import { LiveSource, runResubscribingSubscription } from './subscribe';

/** A stand-in for the client's AllStreamSubscription: an object-mode stream that also emits `caughtUp`. */
class FakeSource extends PassThrough implements LiveSource {
  unsubscribed = false;
  constructor(readonly after: bigint | undefined) {
    super({ objectMode: true });
  }
  async unsubscribe() {
    this.unsubscribed = true;
  }
  record(position: bigint, streamId = 'council-1') {
    const resolved = { event: { streamId, position: { commit: position, prepare: position } } };
    this.write(resolved as unknown as AllStreamResolvedEvent);
  }
}

const toEvent = (r: AllStreamResolvedEvent): RecordedEvent | undefined =>
  r.event!.streamId.startsWith('$')
    ? undefined
    : ({ streamId: r.event!.streamId, position: r.event!.position.commit } as RecordedEvent);

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
async function until(condition: () => boolean) {
  for (let i = 0; i < 400 && !condition(); i++) await tick();
  if (!condition()) throw new Error('condition not reached');
}

describe('ESDB resubscribing subscription', () => {
  it('signals caught up only after the events that preceded it were handed over', async () => {
    const sources: FakeSource[] = [];
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sub = runResubscribingSubscription({
      from: undefined,
      batchSize: 2,
      toEvent,
      readPage: async (after: bigint | undefined) => ({ events: [], done: true, lastRaw: after }),
      head: async () => 5n,
      isTransient: () => true,
      open: (after) => {
        const s = new FakeSource(after);
        sources.push(s);
        return s;
      },
      handler: {
        onEvents: async (events) => {
          log.push(events.map((e) => e.position).join(','));
          await gate;
        },
        onCaughtUp: (p) => log.push(`caught up at ${p}`),
      },
    });
    await until(() => sources.length === 1);
    for (const p of [1n, 2n, 3n, 4n, 5n]) sources[0].record(p);
    sources[0].emit('caughtUp');
    await tick();
    release();
    await until(() => log.length === 4);
    expect(log).toEqual(['1,2', '3,4', '5', 'caught up at 5']);
    await sub.stop();
    expect(sources[0].unsubscribed).toBe(true);
  });

  it('resubscribes from the last checkpoint after a drop, skipping system streams', async () => {
    const sources: FakeSource[] = [];
    const seen: bigint[] = [];
    const drops: unknown[] = [];
    const sub = runResubscribingSubscription({
      from: 10n,
      batchSize: 100,
      toEvent,
      readPage: async (after: bigint | undefined) => ({ events: [], done: true, lastRaw: after }),
      head: async () => 1000n,
      isTransient: () => true,
      initialDelayMs: 1,
      onDrop: (error) => drops.push(error),
      open: (after) => {
        const s = new FakeSource(after);
        sources.push(s);
        return s;
      },
      handler: { onEvents: (events) => void seen.push(...events.map((e) => e.position)) },
    });
    await until(() => sources.length === 1);
    expect(sources[0].after).toBe(10n);
    sources[0].record(11n);
    sources[0].record(12n, '$stats-1');
    sources[0].record(13n);
    await until(() => seen.length === 2);
    sources[0].destroy(new Error('connection reset'));
    await until(() => sources.length === 2);
    expect(sources[1].after).toBe(13n);
    sources[1].record(13n); // a repeat from the server is not handed over twice
    sources[1].record(14n);
    await until(() => seen.length === 3);
    sources[1].end(); // the server ending the call is a drop too
    await until(() => sources.length === 3);
    expect(sources[2].after).toBe(14n);
    expect(seen).toEqual([11n, 13n, 14n]);
    expect(drops).toHaveLength(2);
    expect(sub.checkpoint).toBe(14n);
    await sub.stop();
  });

  it('stops and reports when the handler fails, without resubscribing', async () => {
    const sources: FakeSource[] = [];
    const errors: unknown[] = [];
    const sub = runResubscribingSubscription({
      from: undefined,
      batchSize: 10,
      toEvent,
      readPage: async (after: bigint | undefined) => ({ events: [], done: true, lastRaw: after }),
      head: async () => 1000n,
      isTransient: () => true,
      initialDelayMs: 1,
      open: () => {
        const s = new FakeSource(undefined);
        sources.push(s);
        return s;
      },
      handler: {
        onEvents: () => {
          throw new Error('projection broke');
        },
        onError: (e) => errors.push(e),
      },
    });
    await until(() => sources.length === 1);
    sources[0].record(1n);
    await until(() => errors.length === 1);
    await tick();
    expect(sources).toHaveLength(1);
    expect(sub.checkpoint).toBeUndefined();
    await sub.stop();
  });
});
