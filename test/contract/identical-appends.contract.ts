import { randomUUID } from 'node:crypto';
import { EventData, EventStore, RecordedEvent } from '../../src/event-store/event-store.port';

/**
 * Issue 13 (defect 2): identical appends sent at the same time, as a client retrying a request whose answer
 * it lost does, are written once and all answer the same result. On EventStoreDB the later ones meet the
 * server's "idempotent, not ready" answer (a deadline) while the first is written but not yet indexed; the
 * adapter then reads the expected place and retries. Kept apart from event-store.contract.ts; each adapter's
 * spec calls it beside the main contract.
 */
export function identicalAppendsContract(name: string, open: () => Promise<{ store: EventStore; cleanup(): Promise<void> }>): void {
  describe(`EventStore contract (issue 13, identical concurrent appends): ${name}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup();
    });

    const batch = (n: number): EventData[] =>
      Array.from({ length: n }, (_, i) => ({ id: randomUUID(), type: 'ContractEvent', data: { i }, metadata: { i } }));
    async function read(stream: string): Promise<RecordedEvent[]> {
      const events: RecordedEvent[] = [];
      for await (const e of store.readStream(stream)) events.push(e);
      return events;
    }

    for (const expected of ['no_stream', 'exact', 'any'] as const) {
      it(`8 identical appends at once (${expected}) write the batch once and answer the same`, async () => {
        const stream = `contract13-${randomUUID()}`;
        if (expected === 'exact') await store.appendToStream(stream, batch(1), { expectedRevision: 'no_stream' });
        const events = batch(3);
        const expectedRevision = expected === 'no_stream' ? ('no_stream' as const) : expected === 'exact' ? 0n : ('any' as const);
        const results = await Promise.all(Array.from({ length: 8 }, () => store.appendToStream(stream, events, { expectedRevision })));
        for (const r of results) expect(r).toEqual(results[0]);
        const recorded = await read(stream);
        expect(recorded.map((e) => e.id).slice(-3)).toEqual(events.map((e) => e.id));
        expect(recorded).toHaveLength(expected === 'exact' ? 4 : 3);
        expect(results[0].position).toBe(recorded[recorded.length - 1].position);
      });
    }
  });
}
