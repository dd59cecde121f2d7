import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { ReadStreamOptions, RecordedEvent } from '../event-store.port';
import { StreamNotFoundError } from '../errors';
import { isStreamNotFound, translateError } from './errors';
import { toRecordedEvent } from './mapping';

/** One page of a stream; undefined when the stream does not exist. */
export async function readStreamPage(
  client: EventStoreDBClient,
  streamId: string,
  options: { direction: 'forwards' | 'backwards'; fromRevision?: bigint; maxCount: number },
): Promise<RecordedEvent[] | undefined> {
  const page: RecordedEvent[] = [];
  try {
    const read = client.readStream(streamId, {
      direction: options.direction === 'backwards' ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (options.direction === 'backwards' ? END : START),
      maxCount: options.maxCount,
    });
    for await (const resolved of read) {
      const event = toRecordedEvent(resolved);
      if (event) page.push(event);
    }
  } catch (error) {
    if (isStreamNotFound(error)) return undefined;
    throw translateError(error, streamId);
  }
  return page;
}

/**
 * Reads a stream page by page (each page a bounded gRPC read), so memory stays bounded however long the
 * stream is and a slow consumer never holds a server-side read open.
 */
export async function* readStreamPaged(
  client: EventStoreDBClient,
  streamId: string,
  options: ReadStreamOptions,
  pageSize: number,
): AsyncIterable<RecordedEvent> {
  const direction = options.direction ?? 'forwards';
  let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
  let from = options.fromRevision;
  let first = true;
  while (remaining > 0) {
    if (from !== undefined && from < 0n) return;
    const limit = Math.min(pageSize, remaining);
    const page = await readStreamPage(client, streamId, { direction, fromRevision: from, maxCount: limit });
    if (page === undefined) {
      if (first) throw new StreamNotFoundError(streamId);
      return; // deleted while we were reading
    }
    first = false;
    for (const event of page) yield event;
    remaining -= page.length;
    if (page.length < limit) return;
    const last = page[page.length - 1].revision;
    from = direction === 'backwards' ? last - 1n : last + 1n;
  }
}

/** Current revision of a stream, or undefined when it does not exist. */
export async function currentRevision(client: EventStoreDBClient, streamId: string): Promise<bigint | undefined> {
  const page = await readStreamPage(client, streamId, { direction: 'backwards', maxCount: 1 });
  return page?.[0]?.revision;
}
