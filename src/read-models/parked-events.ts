import type { Database } from 'better-sqlite3';
import { ParkedEvent } from './projection-status';

/** A row of parked_events (schema-record-tables.ts). */
export interface ParkedRow {
  event_id: string;
  projection: string;
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  error: string;
  attempts: number;
  parked_ms: number;
}

/** The parked events in position order, read through `db` (the runner's, or the main thread's when it runs in a worker). */
export function parkedReader(db: Database): () => ParkedEvent[] {
  const statement = db.prepare('SELECT * FROM parked_events ORDER BY position, projection');
  return () => (statement.all() as ParkedRow[]).map(toParked);
}

function toParked(row: ParkedRow): ParkedEvent {
  return {
    eventId: row.event_id,
    projection: row.projection,
    position: String(row.position),
    streamId: row.stream_id,
    revision: row.revision,
    type: row.type,
    error: row.error,
    attempts: row.attempts,
    parkedAt: new Date(row.parked_ms).toISOString(),
  };
}
