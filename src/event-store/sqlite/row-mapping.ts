import { RecordedEvent } from '../event-store.port';
import { EventRow } from './schema';

/** A stored row as an event; with `keepJson`, the JSON text of its data and metadata too (RecordedEvent.json). */
export function toRecordedEvent(row: EventRow, keepJson = false): RecordedEvent {
  const event: RecordedEvent = {
    id: row.id,
    streamId: row.stream_id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    recordedAt: new Date(row.recorded_at),
  };
  if (keepJson) event.json = { data: row.data, metadata: row.metadata };
  return event;
}
