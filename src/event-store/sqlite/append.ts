import type { Database, Statement } from 'better-sqlite3';
import { AppendResult, EventData, ExpectedRevision } from '../event-store.port';
import { DuplicateEventIdError, VersionConflictError } from '../errors';
import { STREAM_REVISION_SQL } from './schema';

export interface SerializedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

/** [stream_id, revision, position] of a recorded event. */
type RecordedAt = [string, number, number];

/**
 * The checks and writes of one append, run inside the group commit's transaction. Every rule is checked
 * before the first write, so an append that breaks one (an EventStoreError) has written nothing and needs no
 * savepoint; an error once writing has begun (`writing` is then true) aborts the whole group.
 * Idempotency is by event id with no time window: the ids are unique in the table, so a retry of a
 * batch that is already recorded is recognised however long ago it was written.
 */
export class AppendStatements {
  /** True from the first write of an append until it returns: an error then leaves a partial batch. */
  writing = false;
  private readonly streamRevision: Statement<[string], number>;
  private readonly byId: Statement<[string], RecordedAt>;
  private readonly idAt: Statement<[string, number], [string, number]>;
  private readonly insertEvent: Statement<[string, string, number, string, string, string, number]>;

  constructor(db: Database) {
    this.streamRevision = db.prepare<[string], number>(STREAM_REVISION_SQL).pluck();
    this.byId = db.prepare<[string], RecordedAt>('SELECT stream_id, revision, position FROM events WHERE id = ?').raw();
    this.idAt = db.prepare<[string, number], [string, number]>('SELECT id, position FROM events WHERE stream_id = ? AND revision = ?').raw();
    // position is the rowid; left out, SQLite assigns max(position) + 1: positions follow commit order.
    this.insertEvent = db.prepare(
      'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  append(
    streamId: string,
    events: readonly SerializedEvent[],
    expected: ExpectedRevision,
    recordedAt: number,
  ): AppendResult {
    const current = this.streamRevision.get(streamId);
    const repeated = this.repeatedBatch(streamId, events, expected, current);
    if (repeated) return repeated;
    if (!matches(expected, current)) {
      throw new VersionConflictError(streamId, expected, current === undefined ? undefined : BigInt(current));
    }
    this.writing = true;
    let revision = current === undefined ? -1 : current;
    let first = 0;
    let last = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      revision += 1;
      last = Number(this.insertEvent.run(e.id, streamId, revision, e.type, e.data, e.metadata, recordedAt).lastInsertRowid);
      if (i === 0) first = last;
    }
    this.writing = false;
    return { nextExpectedRevision: BigInt(revision), firstPosition: BigInt(first), position: BigInt(last) };
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
    const first = this.byId.get(events[0].id);
    let known = first ? 1 : 0;
    for (let i = 1; i < events.length; i++) if (this.byId.get(events[i].id)) known += 1;
    if (known === 0) return undefined;
    const conflict = (reason: string) =>
      new VersionConflictError(streamId, expected, current === undefined ? undefined : BigInt(current), reason);
    if (!first || known !== events.length) {
      throw conflict('the batch only partly repeats events already recorded');
    }
    const [firstStream, firstRevision, firstPosition] = first;
    if (firstStream !== streamId) throw new DuplicateEventIdError(events[0].id, firstStream);
    let lastPosition = firstPosition;
    for (let i = 1; i < events.length; i++) {
      const row = this.idAt.get(streamId, firstRevision + i);
      if (!row || row[0] !== events[i].id) throw conflict('the batch only partly repeats an earlier append');
      lastPosition = row[1];
    }
    const expectedFirst =
      expected === 'no_stream' ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : firstRevision;
    if (firstRevision !== expectedFirst) {
      throw conflict('these event ids were recorded at another revision');
    }
    return {
      nextExpectedRevision: BigInt(firstRevision + events.length - 1),
      firstPosition: BigInt(firstPosition),
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
