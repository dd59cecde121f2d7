import { EventStoreDBClient, NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import type { JSONEventData, JSONType } from '@eventstore/db-client';
import { AppendResult, EventData, ExpectedRevision } from '../event-store.port';
import { VersionConflictError } from '../errors';
import { translateError } from './errors';
import { readStreamPage } from './read-stream';

const SCAN_PAGE = 1000;

/**
 * Appends a batch with the port's semantics on top of ESDB.
 *
 * - `no_stream` and exact revisions go to the server as they are: for those ESDB checks idempotency itself
 *   by reading the events at the expected place (no time window), and answers a partial repeat with a
 *   wrong-expected-version error.
 * - `any` and `stream_exists`: ESDB only deduplicates these through a bounded in-memory cache, so the
 *   adapter keeps the promise itself. It scans the stream for the batch's ids (cost: one read of the whole
 *   stream per append) and then appends at the exact revision it scanned, so a writer that slips in between
 *   causes a conflict that is resolved by scanning only the new tail and trying again.
 *
 * The positions of the written events are read back (one extra read of `events.length` events), because an
 * idempotent answer from the server does not carry the first append's positions.
 */
export async function appendToEsdb(
  client: EventStoreDBClient,
  streamId: string,
  events: readonly EventData[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const proposed = events.map(toProposed);
  let firstRevision: bigint;
  if (expected === 'any' || expected === 'stream_exists') {
    const repeated = await appendCheckingIds(client, streamId, events, proposed, expected);
    if (repeated.result) return repeated.result;
    firstRevision = repeated.firstRevision!;
  } else {
    try {
      await client.appendToStream(streamId, proposed, { expectedRevision: expected === 'no_stream' ? NO_STREAM : expected });
    } catch (error) {
      throw translateError(error, streamId, expected);
    }
    firstRevision = expected === 'no_stream' ? 0n : expected + 1n;
  }
  return resultAt(client, streamId, events, expected, firstRevision);
}

async function appendCheckingIds(
  client: EventStoreDBClient,
  streamId: string,
  events: readonly EventData[],
  proposed: JSONEventData[],
  expected: 'any' | 'stream_exists',
): Promise<{ result?: AppendResult; firstRevision?: bigint }> {
  const ids = new Set(events.map((e) => e.id));
  const found = new Map<string, bigint>();
  let scannedUpTo: bigint | undefined; // the stream's revision when we last looked; undefined: no stream
  let scanFrom: bigint | undefined = 0n;
  for (;;) {
    scannedUpTo = await scan(client, streamId, scanFrom, scannedUpTo, ids, found);
    if (found.size > 0) {
      const first = found.get(events[0].id);
      const exact =
        first !== undefined &&
        found.size === events.length &&
        events.every((e, i) => found.get(e.id) === first + BigInt(i));
      if (!exact) {
        throw new VersionConflictError(streamId, expected, scannedUpTo, 'the batch only partly repeats events already recorded');
      }
      return { result: await resultAt(client, streamId, events, expected, first) };
    }
    if (expected === 'stream_exists' && scannedUpTo === undefined) {
      throw new VersionConflictError(streamId, expected, undefined);
    }
    try {
      await client.appendToStream(streamId, proposed, {
        expectedRevision: scannedUpTo === undefined ? NO_STREAM : scannedUpTo,
      });
      return { firstRevision: scannedUpTo === undefined ? 0n : scannedUpTo + 1n };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw translateError(error, streamId, expected);
      // Someone appended since the scan: look at what they wrote, then try again at the new revision.
      scanFrom = scannedUpTo === undefined ? 0n : scannedUpTo + 1n;
    }
  }
}

/** Reads the stream forwards from `from`, recording where any of `ids` sit; returns the last revision seen. */
async function scan(
  client: EventStoreDBClient,
  streamId: string,
  from: bigint | undefined,
  previous: bigint | undefined,
  ids: Set<string>,
  found: Map<string, bigint>,
): Promise<bigint | undefined> {
  let last = previous;
  let next = from ?? 0n;
  for (;;) {
    const page = await readStreamPage(client, streamId, { direction: 'forwards', fromRevision: next, maxCount: SCAN_PAGE });
    if (page === undefined) return last;
    for (const e of page) {
      if (ids.has(e.id)) found.set(e.id, e.revision);
      last = e.revision;
    }
    if (page.length < SCAN_PAGE) return last;
    next = page[page.length - 1].revision + 1n;
  }
}

/** The result of a batch whose events sit at firstRevision..: their positions, read back from the stream. */
async function resultAt(
  client: EventStoreDBClient,
  streamId: string,
  events: readonly EventData[],
  expected: ExpectedRevision,
  firstRevision: bigint,
): Promise<AppendResult> {
  const written = await readStreamPage(client, streamId, {
    direction: 'forwards',
    fromRevision: firstRevision,
    maxCount: events.length,
  });
  const matches =
    written !== undefined && written.length === events.length && written.every((e, i) => e.id === events[i].id);
  if (!matches) {
    // The server accepted a repeat that is not this batch at this place (e.g. a sub-range of an earlier one).
    throw new VersionConflictError(streamId, expected, undefined, 'the recorded events do not match the batch');
  }
  return {
    nextExpectedRevision: written[written.length - 1].revision,
    firstPosition: written[0].position,
    position: written[written.length - 1].position,
  };
}

function toProposed(event: EventData): JSONEventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    // Any JSON value is written as its JSON text; the client's type only names objects, arrays and strings.
    data: (event.data ?? null) as JSONType,
    metadata: event.metadata ?? {},
  };
}
