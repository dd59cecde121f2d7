import type { Database, Statement } from 'better-sqlite3';
import { KNOWN_AT, iso, parseJson } from './known-at';
import { CursorKey, KEY, RowWindow, windowParams } from './paging';

export interface TimelineEntry {
  eventId: string;
  /** The event that first stated the fact; differs from eventId when a correction replaced it. */
  factId: string;
  type: string;
  date: string | null;
  description: string;
  source: unknown;
  recordedAt: string;
  position: string;
  anomalies: unknown[];
  /** Sort key of the row (keyset paging); not part of the answer. */
  [KEY]?: CursorKey;
}

export interface RecordedEventView {
  position: string;
  eventId: string;
  type: string;
  revision: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedBy: { tokenId: string; label?: string; role: string } | null;
  recordedAt: string;
}

type Raw = Record<string, string | number | null>;

/** The timeline (facts in world order), the audit log (events in record order) and record-time lookups. */
export class RecordQuery {
  private readonly timeline: Statement;
  private readonly events: Statement;
  private readonly positionAt: Statement;
  private readonly known: Statement;
  private readonly recordedAt: Statement;
  private readonly councilAt: Statement;

  constructor(db: Database) {
    this.timeline = db.prepare(
      `SELECT f.source_event_id, f.fact_id, f.fact_position, f.valid_earliest, f.valid_latest, f.type, f.valid_edtf, f.description, f.anomalies, f.known_from_ms, f.known_from_position,
              json_extract(e.metadata, '$.source') AS source
       FROM facts f INDEXED BY facts_by_valid_time JOIN events e ON e.event_id = f.source_event_id
       WHERE f.council_id = @c AND f.valid_earliest <= @to AND f.valid_latest >= @from AND ${KNOWN_AT('f.')}
         AND f.valid_earliest >= @k0 AND (f.valid_earliest, f.valid_latest, f.fact_position, f.fact_id) > (@k0, @k1, @k2, @k3)
       ORDER BY f.valid_earliest, f.valid_latest, f.fact_position, f.fact_id LIMIT @n`,
    );
    this.events = db.prepare('SELECT * FROM events WHERE council_id = ? AND position > ? AND position <= ? ORDER BY position LIMIT ?');
    this.positionAt = db.prepare(
      'SELECT position FROM events INDEXED BY events_by_council_time WHERE council_id = ? AND recorded_ms <= ? ORDER BY recorded_ms DESC, position DESC LIMIT 1',
    ).pluck();
    this.known = db.prepare('SELECT 1 FROM events WHERE council_id = ? LIMIT 1').pluck();
    this.recordedAt = db.prepare('SELECT recorded_ms FROM events WHERE position <= ? ORDER BY position DESC LIMIT 1').pluck();
    // One seek into events_by_council (council_id, position), the last entry at or before the position;
    // INDEXED BY so that the rowid (the global position) is never walked back through other councils' events.
    this.councilAt = db.prepare(
      'SELECT position FROM events INDEXED BY events_by_council WHERE council_id = ? AND position <= ? ORDER BY position DESC LIMIT 1',
    ).pluck();
  }

  /** When the last event at or before the global position was recorded (undefined when there is none). */
  recordedMsAtPosition(position: number): number | undefined {
    return this.recordedAt.get(position) as number | undefined;
  }

  /** The position of the council's last event at or before the global position (undefined when there is none). */
  councilPositionAt(councilId: string, position: number): number | undefined {
    return this.councilAt.get(councilId, position) as number | undefined;
  }

  /** Whether anything was ever recorded about the council. */
  councilKnown(councilId: string): boolean {
    return this.known.get(councilId) !== undefined;
  }

  /** The last record position of the council at or before the instant (0 when nothing was recorded yet). */
  positionAtTime(councilId: string, ms: number): number {
    return (this.positionAt.get(councilId, ms) as number | undefined) ?? 0;
  }

  timelineEntries(councilId: string, fromDay: number, toDay: number, position: number, window?: RowWindow): TimelineEntry[] {
    return (this.timeline.all({ c: councilId, from: fromDay, to: toDay, p: position, ...windowParams(window, 4) }) as Raw[]).map((r) => ({
      [KEY]: [r.valid_earliest, r.valid_latest, r.fact_position, r.fact_id],
      eventId: r.source_event_id as string,
      factId: r.fact_id as string,
      type: r.type as string,
      date: r.valid_edtf as string | null,
      description: r.description as string,
      source: parseJson(r.source as string | null) ?? null,
      recordedAt: iso(r.known_from_ms as number),
      position: String(r.known_from_position),
      anomalies: parseJson<unknown[]>(r.anomalies as string | null) ?? [],
    }));
  }

  /** Events of the council after `after` up to `upTo` (a walk's pinned position), in record order. */
  recordedEvents(councilId: string, after: number, limit: number, upTo = Number.MAX_SAFE_INTEGER): RecordedEventView[] {
    return (this.events.all(councilId, after, upTo, limit) as Raw[]).map((r) => {
      const metadata = JSON.parse(r.metadata as string) as Record<string, unknown>;
      return {
        position: String(r.position),
        eventId: r.event_id as string,
        type: r.type as string,
        revision: String(r.revision),
        data: JSON.parse(r.data as string),
        metadata,
        recordedBy: r.recorded_by_token === null ? null : {
          tokenId: r.recorded_by_token as string,
          ...(r.recorded_by_label === null ? {} : { label: r.recorded_by_label as string }),
          role: r.recorded_by_role as string,
        },
        recordedAt: iso(r.recorded_ms as number),
      };
    });
  }
}
