import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { ReadAllOptions, RecordedEvent } from '../event-store.port';
import { toEsdbPosition, toRecordedEvent } from './mapping';

/**
 * Events strictly after `after` in global order, system streams left out; `rawCount` is how many records
 * the server returned, so the caller can tell a short (last) page from a filtered one.
 */
export async function readAllPage(
  client: EventStoreDBClient,
  after: bigint | undefined,
  maxCount: number,
): Promise<{ events: RecordedEvent[]; rawCount: number; lastRaw: bigint | undefined }> {
  const events: RecordedEvent[] = [];
  let rawCount = 0;
  let lastRaw: bigint | undefined;
  // A read of $all from a position includes the event at that position: it is filtered out below.
  const read = client.readAll({
    direction: FORWARDS,
    fromPosition: after === undefined ? START : toEsdbPosition(after),
    maxCount,
  });
  for await (const resolved of read) {
    rawCount += 1;
    lastRaw = resolved.event?.position.commit ?? resolved.commitPosition ?? lastRaw;
    const event = toRecordedEvent(resolved);
    if (event && (after === undefined || event.position > after)) events.push(event);
  }
  return { events, rawCount, lastRaw };
}

export async function* readAllPaged(
  client: EventStoreDBClient,
  options: ReadAllOptions,
  pageSize: number,
): AsyncIterable<RecordedEvent> {
  let after = options.after;
  let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
  // One more than a page, because the first record of every page after the first repeats the last one.
  const request = Math.max(2, pageSize + 1);
  while (remaining > 0) {
    const page = await readAllPage(client, after, request);
    for (const event of page.events.slice(0, remaining)) yield event;
    remaining -= page.events.length;
    if (page.rawCount < request || page.lastRaw === undefined || page.lastRaw === after) return;
    after = page.lastRaw;
  }
}

/** Log position of the last record in $all (system records included: any real position is a valid checkpoint). */
export async function headPosition(client: EventStoreDBClient): Promise<bigint | undefined> {
  for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
    return resolved.event?.position.commit ?? resolved.commitPosition;
  }
  return undefined;
}
