import { AppendTooLargeError, EventTooLargeError, InvalidAppendError } from './errors';

/** Largest serialized event (data + metadata), in bytes, that an adapter accepts unless configured otherwise. */
export const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

/**
 * Largest append, in bytes, counted as EventStoreDB counts it against its MaxAppendSize (1 MiB by default):
 * per event data + metadata + twice the type's length in UTF-16 code units (Event.SizeOnDisk, Event.cs).
 */
export const DEFAULT_MAX_APPEND_BYTES = 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks every adapter applies before it writes anything, so both reject the same batches. */
export function validateBatch(
  streamId: string,
  events: ReadonlyArray<{ id: string; type: string; data: string; metadata: string }>,
  maxEventBytes: number,
  maxAppendBytes: number = DEFAULT_MAX_APPEND_BYTES,
): void {
  if (!streamId) throw new InvalidAppendError('A stream id is required');
  if (events.length === 0) throw new InvalidAppendError('An append needs at least one event');
  const ids = events.length > 1 ? new Set<string>() : undefined;
  let chars = 0;
  for (const e of events) {
    chars += e.data.length + e.metadata.length + e.type.length;
    if (!UUID.test(e.id)) throw new InvalidAppendError(`Event id ${JSON.stringify(e.id)} is not a uuid`);
    if (ids) {
      // Ids are uuids: the same one in another case is the same id (EventStoreDB parses it into a Guid).
      const id = e.id.toLowerCase();
      if (ids.has(id)) throw new InvalidAppendError(`Event id ${e.id} appears twice in one batch`);
      ids.add(id);
    }
    if (!e.type) throw new InvalidAppendError(`Event ${e.id} has no type`);
    // A UTF-16 code unit is at most 3 bytes of UTF-8, so short strings need no byte count.
    if ((e.data.length + e.metadata.length) * 3 <= maxEventBytes) continue;
    const size = Buffer.byteLength(e.data) + Buffer.byteLength(e.metadata);
    if (size > maxEventBytes) throw new EventTooLargeError(e.id, size, maxEventBytes);
  }
  if (chars * 3 > maxAppendBytes) {
    let size = 0;
    for (const e of events) size += appendSize(e);
    if (size > maxAppendBytes) throw new AppendTooLargeError(streamId, events.length, size, maxAppendBytes);
  }
}

/** One event's share of an append, as the server counts it: Event.SizeOnDisk (src/EventStore.Core/Data/Event.cs). */
export function appendSize(e: { type: string; data: string; metadata: string }): number {
  return Buffer.byteLength(e.data) + Buffer.byteLength(e.metadata) + e.type.length * 2;
}
