import { BACKWARDS, END, FORWARDS, NO_STREAM, START, WrongExpectedVersionError } from '@eventstore/db-client';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { ReadAllOptions, RecordedEvent } from '../event-store.port';
import { EsdbContext, collect, withRetries } from './context';
import { toEsdbPosition, toRecordedEvent } from './mapping';
import { readStreamPage } from './read-stream';

/**
 * One bounded, retried read of $all. Positions sent are only ever ones the server returned (a record's, a
 * checkpoint's): a read from anything else is refused as an invalid position (Enumerators.ReadAllForwards.cs).
 */
async function readAllRaw(
  ctx: EsdbContext,
  options: { direction: 'forwards' | 'backwards'; from?: bigint; maxCount: number },
): Promise<AllStreamResolvedEvent[]> {
  return withRetries(ctx, 'a read of $all', (timeoutMs) =>
    collect(
      ctx,
      ctx.client.readAll({
        direction: options.direction === 'backwards' ? BACKWARDS : FORWARDS,
        fromPosition:
          options.from === undefined ? (options.direction === 'backwards' ? END : START) : toEsdbPosition(options.from),
        maxCount: options.maxCount,
      }),
      'a read of $all',
      timeoutMs,
    ),
  );
}

function rawPosition(resolved: AllStreamResolvedEvent): bigint | undefined {
  return resolved.event?.position.commit ?? resolved.commitPosition;
}

/**
 * Events strictly after `after` in global order, other streams and system records left out; `done` when the
 * server had no more records (a short page), `lastRaw` the position of the last record it returned (a record
 * boundary to read on from, whatever was left out).
 */
export async function readAllPage(
  ctx: EsdbContext,
  after: bigint | undefined,
  maxCount: number,
): Promise<{ events: RecordedEvent[]; done: boolean; lastRaw: bigint | undefined }> {
  const events: RecordedEvent[] = [];
  let lastRaw: bigint | undefined;
  // A read of $all from a position includes the record at that position: one more is asked for, and it is
  // filtered out below.
  const request = after === undefined ? maxCount : maxCount + 1;
  const page = await readAllRaw(ctx, { direction: 'forwards', from: after, maxCount: request });
  for (const resolved of page) {
    lastRaw = rawPosition(resolved) ?? lastRaw;
    const event = toRecordedEvent(resolved, ctx.ownStream);
    if (event && (after === undefined || event.position > after)) events.push(event);
  }
  return { events, done: page.length < request || lastRaw === undefined || lastRaw === after, lastRaw: lastRaw ?? after };
}

export async function* readAllPaged(ctx: EsdbContext, options: ReadAllOptions, pageSize: number): AsyncIterable<RecordedEvent> {
  let after = options.after;
  let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    const page = await readAllPage(ctx, after, Math.max(1, pageSize));
    for (const event of page.events.slice(0, remaining)) yield event;
    remaining -= page.events.length;
    if (page.done) return;
    after = page.lastRaw;
  }
}

/**
 * Log position of the last event of this service's streams in $all (the port's head: system records, which
 * the port never delivers, and other applications' streams are skipped, so health's lag and caught-up
 * detection compare like with like). Reads backwards a page at a time, with no cap on how far: however many
 * system records trail the last event (stats, scavenges, other writers), the answer is that event's position,
 * or undefined when there is none. `knownHead` (an earlier answer) ends the walk early.
 */
export async function headPosition(ctx: EsdbContext, knownHead?: bigint, pageSize = 200): Promise<bigint | undefined> {
  let from: bigint | undefined;
  for (;;) {
    const requested = pageSize + (from === undefined ? 0 : 1);
    const page = await readAllRaw(ctx, { direction: 'backwards', from, maxCount: requested });
    for (const resolved of page) {
      const position = rawPosition(resolved);
      if (position === undefined || (from !== undefined && position >= from)) continue;
      if (knownHead !== undefined && position <= knownHead) return knownHead;
      if (toRecordedEvent(resolved, ctx.ownStream)) return position;
      from = position;
    }
    if (page.length < requested || from === undefined) return undefined; // the start of the log: none of ours
  }
}

/** One record of $all read, for the start-up check of the right to read it. */
export async function probeAll(ctx: EsdbContext): Promise<void> {
  await readAllRaw(ctx, { direction: 'backwards', maxCount: 1 });
}

/**
 * The stream that holds the store's identity: an ordinary stream of this adapter's own (not `$`-prefixed, so a
 * scavenge keeps it like any other; no prefix of the domain's, so projections never see it).
 */
export const IDENTITY_STREAM = 'store-identity-council-record';

/**
 * Identity of the store, kept in IDENTITY_STREAM, written once (`no_stream`) by the first service that asks.
 * The value it writes is, for a store an earlier version already identified, what that version answered (the
 * id of the first record of $all), so an existing read database still matches; otherwise a new uuid. An
 * identity derived from $all alone could change: a scavenge can remove the records at its start.
 */
export async function storeIdentity(ctx: EsdbContext): Promise<string | undefined> {
  const read = async () => {
    const [recorded] = (await readStreamPage(ctx, IDENTITY_STREAM, { direction: 'forwards', maxCount: 1, requiresLeader: true })) ?? [];
    const value = (recorded?.data as { identity?: unknown } | undefined)?.identity;
    return typeof value === 'string' ? value : undefined;
  };
  const existing = await read();
  if (existing) return existing;
  const [first] = await readAllRaw(ctx, { direction: 'forwards', maxCount: 1 });
  const identity = first?.event ? `eventstoredb:${first.event.id}` : `eventstoredb:${randomUUID()}`;
  try {
    await ctx.client.appendToStream(
      IDENTITY_STREAM,
      [{ id: randomUUID(), contentType: 'application/json', type: 'StoreIdentified', data: { identity }, metadata: {} }],
      { expectedRevision: NO_STREAM, requiresLeader: true, deadline: ctx.appendTimeoutMs },
    );
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error; // another instance wrote it first: read it
  }
  return read();
}
