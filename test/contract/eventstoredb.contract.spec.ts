import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/esdb-event-store';
import { eventStoreContract } from './event-store.contract';
import { identicalAppendsContract } from './identical-appends.contract';

/**
 * Runs only when EVENTSTORE_CONNECTION_STRING is set, e.g. after `docker compose up -d eventstore`:
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npm run test:esdb
 * Every test uses its own uuid-named streams, so a shared or long-lived server is fine.
 * ESDB_CONTRACT_LARGE_STREAM_EVENTS shrinks the 100,000-event stream test (appending it is slow on ESDB).
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  eventStoreContract(
    'eventstoredb',
    async () => {
      const store = new EventStoreDbEventStore({ connectionString });
      return { store, cleanup: () => store.close() };
    },
    {
      largeStreamEvents: Number(process.env.ESDB_CONTRACT_LARGE_STREAM_EVENTS ?? 100_000),
      // With an exact expected revision equal to the stream's current one, ESDB appends without looking for the
      // batch's ids earlier in the stream (see docs/event-store.md).
      detectsRecordedIdsAtCurrentRevision: false,
      // ESDB deduplicates event ids within a stream only: an id of another stream is recorded again.
      rejectsIdsOfOtherStreams: false,
      // A shared server: never empty, and other clients' events interleave with ours.
      startsEmpty: false,
    },
  );
  identicalAppendsContract('eventstoredb', async () => {
    const store = new EventStoreDbEventStore({ connectionString });
    return { store, cleanup: () => store.close() };
  });
} else {
  describe.skip('EventStore contract: eventstoredb (set EVENTSTORE_CONNECTION_STRING to run, e.g. esdb://localhost:2113?tls=false)', () => {
    it('is skipped without a server', () => undefined);
  });
}
