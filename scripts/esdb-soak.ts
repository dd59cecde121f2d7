/**
 * A soak check of the EventStoreDB adapter against a real server or cluster, for what no test here can
 * prove (docs/event-store.md, "Still unproven"): for SECONDS it appends batches to a few streams (each
 * batch at its exact expected revision, retried with the same ids after any error, as the service does)
 * while a catch-up subscription to $all counts what it receives. Restart nodes meanwhile, e.g.
 *   docker compose --profile cluster restart node1
 * At the end it checks: every acknowledged event was recorded exactly once, in order, the subscription saw
 * each exactly once, the head is the last one, and caught up was signalled. Exit 0 when all hold.
 *
 *   EVENTSTORE_CONNECTION_STRING='esdb://node1:2113,node2:2113,node3:2113?tls=false' \
 *     npx ts-node --transpile-only scripts/esdb-soak.ts 120
 */
import { randomUUID } from 'node:crypto';
import { EventStoreDbEventStore } from '../src/event-store/eventstoredb/esdb-event-store';
import { EventData, RecordedEvent } from '../src/event-store/event-store.port';

async function main(): Promise<void> {
  const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
  if (!connectionString) throw new Error('Set EVENTSTORE_CONNECTION_STRING');
  const seconds = Number(process.argv[2] ?? 60);
  const prefix = `soak-${randomUUID().slice(0, 8)}`;
  const streams = Array.from({ length: 4 }, (_, i) => `${prefix}-${i}`);
  const store = new EventStoreDbEventStore({ connectionString, log: { warn: (m) => console.warn(m), error: (m) => console.error(m) } });
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
  const errors: string[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    streams.map(async (stream, s) => {
      let revision: bigint | 'no_stream' = 'no_stream';
      while (Date.now() < end) {
        const batch: EventData[] = Array.from({ length: 1 + (acknowledged[s].length % 3) }, () => ({ id: randomUUID(), type: 'SoakEvent', data: { stream } }));
        for (;;) {
          try {
            const result = await store.appendToStream(stream, batch, { expectedRevision: revision });
            revision = result.nextExpectedRevision;
            acknowledged[s].push(...batch.map((e) => e.id));
            break;
          } catch (error) {
            errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        }
      }
    }),
  );
  const head = await store.headPosition();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const problems: string[] = [];
  for (const [s, stream] of streams.entries()) {
    const recorded: string[] = [];
    for await (const e of store.readStream(stream)) recorded.push(e.id);
    if (JSON.stringify(recorded) !== JSON.stringify(acknowledged[s])) problems.push(`${stream}: recorded ${recorded.length} events, acknowledged ${acknowledged[s].length}, or in another order`);
  }
  const all = acknowledged.flat();
  const missing = all.filter((id) => !seen.has(id)).length;
  const doubled = [...seen.values()].filter((n) => n > 1).length;
  if (missing > 0) problems.push(`the subscription missed ${missing} events`);
  if (doubled > 0) problems.push(`the subscription delivered ${doubled} events more than once`);
  if (!caughtUp) problems.push('caught up was never signalled');
  if (subscriptionError) problems.push(`the subscription failed: ${String(subscriptionError)}`);
  let last: RecordedEvent | undefined;
  for await (const e of store.readStream(streams[streams.length - 1], { direction: 'backwards', maxCount: 1 })) last = e;
  if (head === undefined || (last && head < last.position)) problems.push(`head ${head} is before the last event ${last?.position}`);
  await subscription.stop();
  await store.close();
  console.log(`${all.length} events acknowledged in ${seconds} s over ${streams.length} streams; ${errors.length} errors retried${errors.length ? ` (e.g. ${errors[0]})` : ''}`);
  if (problems.length) {
    console.error(`FAILED:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log('OK: every acknowledged event recorded once and in order, seen once by the subscription');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
