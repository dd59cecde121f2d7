/**
 * A soak check of the EventStoreDB adapter against a real server or cluster, for what no test here can prove
 * (docs/event-store.md, "Still unproven"): for SECONDS it runs a timed mix on a few streams, as the service
 * does (each append at its exact expected revision, retried with the same ids after any error):
 *  - batches of 1-3 events, and roll calls (one append of 25 events, as a recorded vote is);
 *  - reads of the streams while they are written (every read must be whole batches, in order);
 *  - a catch-up subscription to $all counting what it receives.
 * Restart or kill nodes meanwhile (a follower, then the leader), e.g. `docker compose --profile cluster restart node2`.
 * At the end it checks: every acknowledged event was recorded exactly once, in order, the subscription saw each
 * exactly once, the head is at or past the last one, and caught up was signalled. Exit 0 when all hold.
 *
 *   EVENTSTORE_CONNECTION_STRING='esdb://node1:2113,node2:2113,node3:2113?tls=false' npm run esdb:soak -- 120
 *
 * CI runs it for a few seconds against the fake server with a node restart in the middle
 * (test/event-store/esdb-soak.wire.int.spec.ts).
 */
import { randomUUID } from 'node:crypto';
import { EventStoreDbEventStore } from '../src/event-store/eventstoredb/esdb-event-store';
import { EventData, RecordedEvent } from '../src/event-store/event-store.port';

export interface SoakResult {
  acknowledged: number;
  appends: number;
  reads: number;
  errorsRetried: number;
  firstError?: string;
  problems: string[];
}

export async function runSoak(options: {
  connectionString: string;
  seconds: number;
  log?: { warn(m: string): void; error(m: string): void };
  /** Called once, halfway through (CI restarts a node there). */
  halfway?: () => Promise<void>;
}): Promise<SoakResult> {
  const log = options.log ?? { warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };
  const prefix = `soak-${randomUUID().slice(0, 8)}`;
  const streams = Array.from({ length: 4 }, (_, i) => `${prefix}-${i}`);
  const store = new EventStoreDbEventStore({ connectionString: options.connectionString, retryDelayMs: 50, log });
  const seen = new Map<string, number>();
  let caughtUp = false;
  let subscriptionError: unknown;
  const subscription = store.subscribeToAll(
    {
      onEvents: (events: RecordedEvent[]) => {
        for (const e of events) if (e.streamId.startsWith(prefix)) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
      },
      onCaughtUp: () => (caughtUp = true),
      onError: (error) => (subscriptionError = error),
    },
    { after: await store.headPosition() },
  );
  const acknowledged: string[][] = streams.map(() => []);
  const problems: string[] = [];
  const errors: string[] = [];
  let appends = 0;
  let reads = 0;
  const start = Date.now();
  const end = start + options.seconds * 1000;
  let halfwayDone = !options.halfway;
  const writers = streams.map(async (stream, s) => {
    let revision: bigint | 'no_stream' = 'no_stream';
    while (Date.now() < end) {
      if (!halfwayDone && Date.now() > start + (end - start) / 2) {
        halfwayDone = true;
        await options.halfway!();
      }
      const rollCall = appends % 7 === 6;
      const size = rollCall ? 25 : 1 + (acknowledged[s].length % 3);
      const batch: EventData[] = Array.from({ length: size }, (_, i) => ({ id: randomUUID(), type: rollCall ? 'SoakRollCall' : 'SoakEvent', data: { stream, i, size } }));
      for (;;) {
        try {
          const result = await store.appendToStream(stream, batch, { expectedRevision: revision });
          revision = result.nextExpectedRevision;
          acknowledged[s].push(...batch.map((e) => e.id));
          appends += 1;
          break;
        } catch (error) {
          errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    }
  });
  const reader = (async () => {
    while (Date.now() < end) {
      for (const stream of streams) {
        try {
          const read: RecordedEvent[] = [];
          for await (const e of store.readStream(stream)) read.push(e);
          reads += 1;
          // Whole batches only: each batch's events carry { i, size } and come in order.
          for (let k = 0; k < read.length; ) {
            const { size } = read[k].data as { size: number };
            const group = read.slice(k, k + size);
            if (group.length !== size || group.some((e, j) => (e.data as { i: number }).i !== j)) {
              problems.push(`a read of ${stream} saw part of a batch at revision ${read[k].revision}`);
              break;
            }
            k += size;
          }
        } catch {
          // not created yet, or the node is restarting: read again later
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await Promise.all([...writers, reader]);
  const head = await store.headPosition();
  const all = acknowledged.flat();
  const deadline = Date.now() + 15_000;
  while (all.some((id) => !seen.has(id)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const [s, stream] of streams.entries()) {
    const recorded: string[] = [];
    for await (const e of store.readStream(stream)) recorded.push(e.id);
    if (JSON.stringify(recorded) !== JSON.stringify(acknowledged[s].map((id) => id.toLowerCase()))) {
      problems.push(`${stream}: recorded ${recorded.length} events, acknowledged ${acknowledged[s].length}, or in another order`);
    }
  }
  const missing = all.filter((id) => !seen.has(id)).length;
  const doubled = [...seen.values()].filter((n) => n > 1).length;
  if (missing > 0) problems.push(`the subscription missed ${missing} events`);
  if (doubled > 0) problems.push(`the subscription delivered ${doubled} events more than once`);
  if (!caughtUp) problems.push('caught up was never signalled');
  if (subscriptionError) problems.push(`the subscription failed: ${String(subscriptionError)}`);
  let last: bigint | undefined;
  for (const stream of streams) {
    for await (const e of store.readStream(stream, { direction: 'backwards', maxCount: 1 })) if (last === undefined || e.position > last) last = e.position;
  }
  if (head === undefined || (last !== undefined && head < last)) problems.push(`head ${head} is before the last event ${last}`);
  await subscription.stop();
  await store.close();
  return { acknowledged: all.length, appends, reads, errorsRetried: errors.length, firstError: errors[0], problems };
}

async function main(): Promise<void> {
  const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
  if (!connectionString) throw new Error('Set EVENTSTORE_CONNECTION_STRING, e.g. esdb://localhost:2113?tls=false');
  const seconds = Number(process.argv[2] ?? 60);
  const r = await runSoak({ connectionString, seconds });
  console.log(
    `${r.acknowledged} events acknowledged in ${r.appends} appends over ${seconds} s, ${r.reads} stream reads; ${r.errorsRetried} errors retried${r.firstError ? ` (e.g. ${r.firstError})` : ''}`,
  );
  if (r.problems.length) {
    console.error(`FAILED:\n- ${r.problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log('OK: every acknowledged event recorded once and in order, seen once by the subscription, reads saw whole batches');
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
