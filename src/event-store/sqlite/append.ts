import type { Database, Statement } from 'better-sqlite3';
import { AppendResult, EventData, ExpectedRevision } from '../event-store.port';
import { DuplicateEventIdError, VersionConflictError } from '../errors';
import { STREAM_HEAD_SQL } from './schema';

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
  /** [revision, id] of the stream's last event: the probe of the revision index that every append makes. */
  private readonly streamHead: Statement<[string], [number, string]>;
  private readonly byId: Statement<[string], RecordedAt>;
  private readonly idAt: Statement<[string, number], [string, number]>;
  private readonly insertEvent: Statement<[string, string, number, string, string, string, number]>;

  constructor(db: Database) {
    this.streamHead = db.prepare<[string], [number, string]>(STREAM_HEAD_SQL).raw();
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
    expectedLastEventId?: string,
  ): AppendResult {
    const head = this.streamHead.get(streamId);
    const current = head?.[0];
    const repeated = this.repeatedBatch(streamId, events, expected, current, expectedLastEventId);
    if (repeated) return repeated;
    if (!matches(expected, current)) {
      throw new VersionConflictError(streamId, expected, current === undefined ? undefined : BigInt(current));
    }
    if (expectedLastEventId !== undefined && head![1] !== expectedLastEventId) {
      throw new VersionConflictError(streamId, expected, BigInt(current!),
        `the event at revision ${current} is ${head![1]}, not ${expectedLastEventId}`);
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
    expectedLastEventId: string | undefined,
  ): AppendResult | undefined {
    const first = this.byId.get(events[0].id);
    let known = 0;
    for (let i = 0; i < events.length; i++) {
      const row = i === 0 ? first : this.byId.get(events[i].id);
      if (!row) continue;
      known += 1;
      // An id recorded in another stream is never a repeat of this batch, whatever else overlaps.
      if (row[0] !== streamId) throw new DuplicateEventIdError(events[i].id, row[0]);
    }
    if (known === 0) return undefined;
    const conflict = (reason: string) =>
      new VersionConflictError(streamId, expected, current === undefined ? undefined : BigInt(current), reason);
    if (!first || known !== events.length) {
      throw conflict('the batch only partly repeats events already recorded');
    }
    const [, firstRevision, firstPosition] = first;
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
    if (expectedLastEventId !== undefined && this.idAt.get(streamId, firstRevision - 1)?.[0] !== expectedLastEventId) {
      throw conflict(`these event ids were recorded after another event than ${expectedLastEventId}`);
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
