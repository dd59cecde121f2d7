import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { ReadAllOptions, RecordedEvent } from '../event-store.port';
import { EsdbContext, collect, withRetries } from './context';
import { isSystemStream, toEsdbPosition, toRecordedEvent } from './mapping';

/** One bounded, retried read of $all. */
async function readAllRaw(
  ctx: EsdbContext,
  options: { direction: 'forwards' | 'backwards'; from?: bigint; maxCount: number },
): Promise<AllStreamResolvedEvent[]> {
  return withRetries(ctx, 'a read of $all', () =>
    collect(
      ctx,
      ctx.client.readAll({
        direction: options.direction === 'backwards' ? BACKWARDS : FORWARDS,
        fromPosition:
          options.from === undefined ? (options.direction === 'backwards' ? END : START) : toEsdbPosition(options.from),
        maxCount: options.maxCount,
      }),
      'a read of $all',
    ),
  );
}

function rawPosition(resolved: AllStreamResolvedEvent): bigint | undefined {
  return resolved.event?.position.commit ?? resolved.commitPosition;
}

/**
 * Events strictly after `after` in global order, system streams left out; `rawCount` is how many records
 * the server returned, so the caller can tell a short (last) page from a filtered one.
 */
export async function readAllPage(
  ctx: EsdbContext,
  after: bigint | undefined,
  maxCount: number,
): Promise<{ events: RecordedEvent[]; rawCount: number; lastRaw: bigint | undefined }> {
  const events: RecordedEvent[] = [];
  let lastRaw: bigint | undefined;
  // A read of $all from a position includes the event at that position: it is filtered out below.
  const page = await readAllRaw(ctx, { direction: 'forwards', from: after, maxCount });
  for (const resolved of page) {
    lastRaw = rawPosition(resolved) ?? lastRaw;
    const event = toRecordedEvent(resolved);
    if (event && (after === undefined || event.position > after)) events.push(event);
  }
  return { events, rawCount: page.length, lastRaw };
}

export async function* readAllPaged(ctx: EsdbContext, options: ReadAllOptions, pageSize: number): AsyncIterable<RecordedEvent> {
  let after = options.after;
  let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
  // One more than a page, because the first record of every page after the first repeats the last one.
  const request = Math.max(2, pageSize + 1);
  while (remaining > 0) {
    const page = await readAllPage(ctx, after, request);
    for (const event of page.events.slice(0, remaining)) yield event;
    remaining -= page.events.length;
    if (page.rawCount < request || page.lastRaw === undefined || page.lastRaw === after) return;
    after = page.lastRaw;
  }
}

/**
 * Log position of the last domain event in $all (the port's head: system records such as `$`-streams,
 * which the port never delivers, are skipped, so health's lag and caught-up detection compare like with
 * like). Reads backwards a page at a time; after `maxPages` pages of nothing but system records it gives
 * up and answers the raw head (still a real position, so a safe checkpoint).
 */
export async function headPosition(ctx: EsdbContext, pageSize = 100, maxPages = 10): Promise<bigint | undefined> {
  let from: bigint | undefined;
  let rawHead: bigint | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    const requested = pageSize + (from === undefined ? 0 : 1);
    const page = await readAllRaw(ctx, { direction: 'backwards', from, maxCount: requested });
    for (const resolved of page) {
      const position = rawPosition(resolved);
      if (position === undefined || (from !== undefined && position >= from)) continue;
      rawHead ??= position;
      if (resolved.event && !isSystemStream(resolved.event.streamId)) return position;
      from = position;
    }
    if (page.length < requested) return undefined; // only system records: no domain event yet
  }
  return rawHead;
}

/** Identity of the store: the id of the first record in $all, which every fresh database writes anew. */
export async function storeIdentity(ctx: EsdbContext): Promise<string | undefined> {
  const [first] = await readAllRaw(ctx, { direction: 'forwards', maxCount: 1 });
  return first?.event ? `eventstoredb:${first.event.id}` : undefined;
}
