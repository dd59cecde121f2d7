import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/esdb-event-store';
import { FakeEsdbServer } from '../helpers/fake-esdb-server';
import { eventStoreContract } from './event-store.contract';
import { identicalAppendsContract } from './identical-appends.contract';

/**
 * The port's contract on EventStoreDB, always: the real EventStoreDBClient over the wire, against
 *  - a real server when EVENTSTORE_CONNECTION_STRING is set, e.g. after `docker compose up -d eventstore`:
 *      EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npm run test:esdb
 *  - otherwise the fake gRPC server (test/helpers/fake-esdb-server.ts), which models a 24.10 node: BatchAppend,
 *    its idempotency rules, record-boundary positions, `created` fixed at write time, the epoch's records.
 * Every test uses its own uuid-named streams, so a shared or long-lived server is fine.
 * ESDB_CONTRACT_LARGE_STREAM_EVENTS shrinks the 100,000-event stream test (appending it is slow on a real ESDB).
 */
const real = process.env.EVENTSTORE_CONNECTION_STRING;

/** A real server is shared and long-lived; on the fake, every test gets a fresh node (its epoch records only). */
const open = async () => {
  const fake = real ? undefined : new FakeEsdbServer();
  const connectionString = real ?? (await fake!.start());
  const store = new EventStoreDbEventStore({ connectionString });
  return {
    store,
    // The fake node fails every write of a batch that holds this type, as a storage fault would: nothing of it
    // is written and the writer answers an error (OperationResult other than success: Status.Unknown).
    failWritesOfType: fake
      ? async (type: string) => {
          fake.behaviour.onAppend = (append) =>
            append.events.some((e) => e.type === type) ? { kind: 'other', code: 2, details: 'Unknown' } : undefined;
        }
      : undefined,
    async cleanup() {
      await store.close();
      await fake?.stop();
    },
  };
};
const name = real ? 'eventstoredb' : 'eventstoredb (fake server on the wire)';

eventStoreContract(name, open, {
  // On the fake, 20,000 (docs/event-store.md: the same paging code, a fifth of the time over the wire; the
  // 100,000-event catch-up is test/event-store/esdb-issue23.wire.int.spec.ts); on a real server, 100,000.
  largeStreamEvents: Number(process.env.ESDB_CONTRACT_LARGE_STREAM_EVENTS ?? (real ? 100_000 : 20_000)),
  // With an exact expected revision equal to the stream's current one, ESDB appends without looking for the
  // batch's ids earlier in the stream (IndexWriter.CheckCommit; see docs/event-store.md).
  detectsRecordedIdsAtCurrentRevision: false,
  // ESDB deduplicates event ids within a stream only: an id of another stream is recorded again.
  rejectsIdsOfOtherStreams: false,
  // A real server is shared: never empty, other clients' events interleave with ours. A fresh fake node holds only
  // its epoch's records, which reads of $all never return.
  startsEmpty: !real,
});
identicalAppendsContract(name, open);
