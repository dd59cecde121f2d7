import type { Database, Statement } from 'better-sqlite3';
import { AppendResult, EventData, ExpectedRevision } from '../event-store.port';
import { DuplicateEventIdError, VersionConflictError } from '../errors';

export interface SerializedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

interface ExistingRow {
  id: string;
  stream_id: string;
  revision: number;
  position: number;
}

/**
 * The checks and writes of one append, run inside a transaction (a savepoint of the group commit).
 * Idempotency is by event id with no time window: the ids are unique in the table, so a retry of a
 * batch that is already recorded is recognised however long ago it was written.
 */
export class AppendStatements {
  private readonly streamRevision: Statement<[string], { revision: number }>;
  private readonly existingIds: Statement<[string], ExistingRow>;
  private readonly idAt: Statement<[string, number], { id: string; position: number }>;
  private readonly insertEvent: Statement<[number, string, string, number, string, string, string, number]>;
  private readonly upsertStream: Statement<[string, number]>;
  private readonly nextPosition: Statement<[], { next: number }>;

  constructor(db: Database) {
    this.streamRevision = db.prepare('SELECT revision FROM streams WHERE stream_id = ?');
    this.existingIds = db.prepare(
      'SELECT id, stream_id, revision, position FROM events WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.idAt = db.prepare('SELECT id, position FROM events WHERE stream_id = ? AND revision = ?');
    this.insertEvent = db.prepare(
      'INSERT INTO events (position, id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.upsertStream = db.prepare(
      'INSERT INTO streams (stream_id, revision) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision',
    );
    this.nextPosition = db.prepare('SELECT coalesce(max(position), 0) + 1 AS next FROM events');
  }

  append(
    streamId: string,
    events: readonly SerializedEvent[],
    expected: ExpectedRevision,
    recordedAt: number,
  ): AppendResult {
    const current = this.streamRevision.get(streamId)?.revision;
    const repeated = this.repeatedBatch(streamId, events, expected, current);
    if (repeated) return repeated;
    if (!matches(expected, current)) {
      throw new VersionConflictError(streamId, expected, current === undefined ? undefined : BigInt(current));
    }
    let revision = current === undefined ? -1 : current;
    let position = this.nextPosition.get()!.next;
    const firstPosition = position;
    for (const e of events) {
      revision += 1;
      this.insertEvent.run(position, e.id, streamId, revision, e.type, e.data, e.metadata, recordedAt);
      position += 1;
    }
    this.upsertStream.run(streamId, revision);
    return {
      nextExpectedRevision: BigInt(revision),
      firstPosition: BigInt(firstPosition),
      position: BigInt(position - 1),
    };
  }

  /**
   * When some of the ids are already recorded, the append is either an exact repeat of an earlier batch
   * (same ids, same order, same stream, compatible expected revision: answer the first result again)
   * or a conflict. Returns undefined when none of the ids is known.
   */
  private repeatedBatch(
    streamId: string,
    events: readonly SerializedEvent[],
    expected: ExpectedRevision,
    current: number | undefined,
  ): AppendResult | undefined {
    const existing = this.existingIds.all(JSON.stringify(events.map((e) => e.id)));
    if (existing.length === 0) return undefined;
    const conflict = (reason: string) =>
      new VersionConflictError(streamId, expected, current === undefined ? undefined : BigInt(current), reason);
    const first = existing.find((row) => row.id === events[0].id);
    if (!first || existing.length !== events.length) {
      throw conflict('the batch only partly repeats events already recorded');
    }
    if (first.stream_id !== streamId) throw new DuplicateEventIdError(first.id, first.stream_id);
    let lastPosition = first.position;
    for (let i = 1; i < events.length; i++) {
      const row = this.idAt.get(streamId, first.revision + i);
      if (!row || row.id !== events[i].id) throw conflict('the batch only partly repeats an earlier append');
      lastPosition = row.position;
    }
    const expectedFirst =
      expected === 'no_stream' ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : first.revision;
    if (first.revision !== expectedFirst) {
      throw conflict('these event ids were recorded at another revision');
    }
    return {
      nextExpectedRevision: BigInt(first.revision + events.length - 1),
      firstPosition: BigInt(first.position),
      position: BigInt(lastPosition),
    };
  }
}

function matches(expected: ExpectedRevision, current: number | undefined): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === undefined;
  if (expected === 'stream_exists') return current !== undefined;
  return current !== undefined && BigInt(current) === expected;
}

export function serialize(event: EventData): SerializedEvent {
  return {
    id: event.id,
    type: event.type,
    data: JSON.stringify(event.data ?? null),
    metadata: JSON.stringify(event.metadata ?? {}),
  };
}
