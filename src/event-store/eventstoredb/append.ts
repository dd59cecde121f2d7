import { DeadlineExceededError, NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import type { JSONEventData, JSONType } from '@eventstore/db-client';
import { AppendResult, EventData, ExpectedRevision } from '../event-store.port';
import { VersionConflictError } from '../errors';
import { EsdbContext, backoff, isTransient, notHandled, outcomeUnknown, unavailable } from './context';
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
 * An append whose outcome is unknown (a deadline: the server answers "idempotent, not ready" with a timeout
 * while a first identical append is written but not yet indexed; a connection lost; a leader change) is
 * followed by a read of the expected place on the leader: when the batch is there it succeeded, otherwise
 * it is sent again after a backoff; after ctx.attempts, StoreUnavailableError (HTTP 503) that says the outcome
 * is unknown (never "nothing was recorded": the read-back itself may fail during an election). Not handled
 * (not ready, too busy, not the leader) means nothing was written: sent again without a read-back.
 *
 * The positions of the written events are read back from the leader (`requiresLeader`: a follower may not
 * have the write yet), because an idempotent answer from the server does not carry the first append's
 * positions.
 */
export async function appendToEsdb(
  ctx: EsdbContext,
  streamId: string,
  events: readonly EventData[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const proposed = events.map(toProposed);
  if (expected === 'any' || expected === 'stream_exists') {
    return appendCheckingIds(ctx, streamId, events, proposed, expected);
  }
  const firstRevision = expected === 'no_stream' ? 0n : expected + 1n;
  let unknown = false; // some attempt may have been written
  for (let attempt = 1; ; attempt++) {
    try {
      await send(ctx, streamId, proposed, expected === 'no_stream' ? NO_STREAM : expected);
      return await resultAt(ctx, streamId, events, expected, firstRevision);
    } catch (error) {
      if (!isTransient(error) || ctx.isClosed()) throw translateError(error, streamId, expected);
      unknown ||= outcomeUnknown(error);
      if (unknown) {
        // Unknown outcome: the batch may be written. Look at the expected place before sending it again; a
        // read-back that cannot reach the leader either leaves the outcome unknown, and says so.
        const written = await writtenAt(ctx, streamId, events, firstRevision).catch((readError: unknown) => {
          if (isTransient(readError) && !ctx.isClosed()) return undefined;
          throw readError;
        });
        if (written) return written;
      }
      if (attempt >= ctx.attempts) throw unavailable(`an append to ${streamId}`, error, unknown);
      await backoff(ctx, attempt);
    }
  }
}

/**
 * One append attempt, bounded: the deadline goes to the server with the request (it answers Timeout past
 * min(it, its write timeout)), and the adapter stops waiting a second after it, because the client's BatchAppend
 * call has no deadline of its own and a server that never answers would hold the request for ever. Past that,
 * the outcome is unknown (a DeadlineExceededError, as the server's Timeout is).
 */
async function send(ctx: EsdbContext, streamId: string, proposed: JSONEventData[], expectedRevision: bigint | typeof NO_STREAM): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineExceededError(Object.assign(new Error(`no answer to an append to ${streamId} within ${ctx.appendTimeoutMs} ms`), { code: 4 }) as never)),
      ctx.appendTimeoutMs + 1000,
    );
  });
  const appended = ctx.client.appendToStream(streamId, proposed, { expectedRevision, requiresLeader: true, deadline: ctx.appendTimeoutMs });
  appended.catch(() => undefined);
  try {
    await Promise.race([appended, waited]);
  } finally {
    clearTimeout(timer);
  }
}

async function appendCheckingIds(
  ctx: EsdbContext,
  streamId: string,
  events: readonly EventData[],
  proposed: JSONEventData[],
  expected: 'any' | 'stream_exists',
): Promise<AppendResult> {
  // The server hands ids back in lowercase (Uuid.cs: a Guid's ToString()); the port accepts either case.
  const ids = new Set(events.map((e) => e.id.toLowerCase()));
  const found = new Map<string, bigint>();
  let scannedUpTo: bigint | undefined; // the stream's revision when we last looked; undefined: no stream
  let scanFrom: bigint | undefined = 0n;
  let transientFailures = 0;
  let unknown = false; // some attempt may have been written
  for (;;) {
    try {
      scannedUpTo = await scan(ctx, streamId, scanFrom, scannedUpTo, ids, found);
    } catch (error) {
      // After an attempt whose outcome is unknown, a scan that cannot be done leaves it unknown, and says so.
      if (unknown && isTransient(error) && !ctx.isClosed()) throw unavailable(`an append to ${streamId}`, error, true);
      throw error;
    }
    if (found.size > 0) {
      const first = found.get(events[0].id.toLowerCase());
      const exact =
        first !== undefined &&
        found.size === events.length &&
        events.every((e, i) => found.get(e.id.toLowerCase()) === first + BigInt(i));
      if (!exact) {
        throw new VersionConflictError(streamId, expected, scannedUpTo, 'the batch only partly repeats events already recorded');
      }
      return resultAt(ctx, streamId, events, expected, first);
    }
    if (expected === 'stream_exists' && scannedUpTo === undefined) {
      throw new VersionConflictError(streamId, expected, undefined);
    }
    const firstRevision = scannedUpTo === undefined ? 0n : scannedUpTo + 1n;
    try {
      await send(ctx, streamId, proposed, scannedUpTo === undefined ? NO_STREAM : scannedUpTo);
      return await resultAt(ctx, streamId, events, expected, firstRevision);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        // Someone appended since the scan: look at what they wrote, then try again at the new revision.
      } else if (isTransient(error) && !ctx.isClosed()) {
        // Not handled (not ready, too busy, not the leader): nothing written. Otherwise the outcome is unknown,
        // and the next scan (from the same place) finds the batch if it was written.
        unknown ||= !notHandled(error);
        transientFailures += 1;
        if (transientFailures >= ctx.attempts) {
          if (unknown) {
            const written = await writtenAt(ctx, streamId, events, firstRevision).catch(() => undefined);
            if (written) return written;
          }
          throw unavailable(`an append to ${streamId}`, error, unknown);
        }
        await backoff(ctx, transientFailures);
      } else {
        throw translateError(error, streamId, expected);
      }
      scanFrom = firstRevision;
    }
  }
}

/** Reads the stream forwards from `from`, recording where any of `ids` sit; returns the last revision seen. */
async function scan(
  ctx: EsdbContext,
  streamId: string,
  from: bigint | undefined,
  previous: bigint | undefined,
  ids: Set<string>,
  found: Map<string, bigint>,
): Promise<bigint | undefined> {
  let last = previous;
  let next = from ?? 0n;
  for (;;) {
    const page = await readStreamPage(ctx, streamId, {
      direction: 'forwards',
      fromRevision: next,
      maxCount: SCAN_PAGE,
      requiresLeader: true,
    });
    if (page === undefined) return last;
    for (const e of page) {
      const id = e.id.toLowerCase();
      if (ids.has(id)) found.set(id, e.revision);
      last = e.revision;
    }
    if (page.length < SCAN_PAGE) return last;
    next = page[page.length - 1].revision + 1n;
  }
}

/** The batch's result when its events sit at firstRevision.. on the leader; undefined when they do not. */
async function writtenAt(
  ctx: EsdbContext,
  streamId: string,
  events: readonly EventData[],
  firstRevision: bigint,
): Promise<AppendResult | undefined> {
  const written = await readStreamPage(ctx, streamId, {
    direction: 'forwards',
    fromRevision: firstRevision,
    maxCount: events.length,
    requiresLeader: true,
  });
  const matches =
    written !== undefined &&
    written.length === events.length &&
    written.every((e, i) => e.id.toLowerCase() === events[i].id.toLowerCase());
  if (!matches) return undefined;
  return {
    nextExpectedRevision: written[written.length - 1].revision,
    firstPosition: written[0].position,
    position: written[written.length - 1].position,
  };
}

/** The result of a batch the server acknowledged at firstRevision..: positions read back from the leader. */
async function resultAt(
  ctx: EsdbContext,
  streamId: string,
  events: readonly EventData[],
  expected: ExpectedRevision,
  firstRevision: bigint,
): Promise<AppendResult> {
  const result = await writtenAt(ctx, streamId, events, firstRevision);
  if (!result) {
    // The server accepted a repeat that is not this batch at this place (e.g. a sub-range of an earlier one).
    throw new VersionConflictError(streamId, expected, undefined, 'the recorded events do not match the batch');
  }
  return result;
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
