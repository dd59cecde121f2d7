import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import { ReadStreamOptions, RecordedEvent } from '../event-store.port';
import { StreamNotFoundError } from '../errors';
import { EsdbContext, collect, withRetries } from './context';
import { isStreamNotFound, translateError } from './errors';
import { toRecordedEvent } from './mapping';

/**
 * One page of a stream; undefined when the stream does not exist. Bounded by the context's deadline and
 * retried on transient failures. `requiresLeader` reads from the leader only (a follower may not have
 * seen a write that was just acknowledged): the write path uses it.
 */
export async function readStreamPage(
  ctx: EsdbContext,
  streamId: string,
  options: { direction: 'forwards' | 'backwards'; fromRevision?: bigint; maxCount: number; requiresLeader?: boolean },
): Promise<RecordedEvent[] | undefined> {
  try {
    return await withRetries(ctx, `a read of stream ${streamId}`, async (timeoutMs) => {
      const read = ctx.client.readStream(streamId, {
        direction: options.direction === 'backwards' ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (options.direction === 'backwards' ? END : START),
        maxCount: options.maxCount,
        requiresLeader: options.requiresLeader,
      });
      const page: RecordedEvent[] = [];
      for (const resolved of await collect(ctx, read, `a read of stream ${streamId}`, timeoutMs)) {
        const event = toRecordedEvent(resolved);
        if (event) page.push(event);
      }
      return page;
    });
  } catch (error) {
    if (isStreamNotFound(error)) return undefined;
    throw translateError(error, streamId);
  }
}

/**
 * Reads a stream page by page (each page a bounded gRPC read), so memory stays bounded however long the
 * stream is and a slow consumer never holds a server-side read open.
 */
export async function* readStreamPaged(
  ctx: EsdbContext,
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
    const page = await readStreamPage(ctx, streamId, { direction, fromRevision: from, maxCount: limit });
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

/** Current revision of a stream, or undefined when it does not exist (read from the leader). */
export async function currentRevision(ctx: EsdbContext, streamId: string): Promise<bigint | undefined> {
  const page = await readStreamPage(ctx, streamId, { direction: 'backwards', maxCount: 1, requiresLeader: true });
  return page?.[0]?.revision;
}
