import { randomUUID } from 'node:crypto';

/**
 * The storage side of the fake EventStoreDB (test/helpers/fake-esdb-server.ts): the transaction log, its
 * positions, the server's idempotency rules and its size accounting. Several fake nodes can share one log
 * (a leader and a follower), and `restart()` drops what a real node keeps only in memory. Every rule cites
 * the server source it models (EventStore/EventStore, tag v24.10.4).
 */
export interface StoredRecord {
  /** Lowercase, as the server hands ids back: Uuid.FromDto(...).ToGuid() then Guid.ToString() (Uuid.cs). */
  id: string;
  streamId: string;
  type: string;
  data: Buffer;
  metadata: Buffer;
  revision: bigint;
  /** Log position: a byte offset of the record in the transaction log, so positions are record boundaries. */
  position: bigint;
  /** Ticks since the Unix epoch ×10 (the `created` metadata): fixed when the record is written (PrepareLogRecord.TimeStamp). */
  created: bigint;
  /** Never returned by reads of $all (the epoch's records). */
  hidden?: boolean;
  /** Date.now() when written, for the "idempotent, not ready" window. */
  writtenAt: number;
}

export type Expected = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface ProposedEvent {
  id: string;
  type: string;
  data: Buffer;
  metadata: Buffer;
}

/** What CheckCommit decides (IndexWriter.cs, CommitDecision). */
export type CommitDecision =
  | { decision: 'ok'; current: bigint | undefined }
  | { decision: 'wrong-expected-version'; current: bigint | undefined }
  | { decision: 'idempotent'; current: bigint | undefined; last: StoredRecord; notReady: boolean };

/**
 * The default MaxAppendSize, 1 MiB (ClusterVNodeOptions: MaxAppendSize = 1_024 * 1_024), counted per event as
 * Event.SizeOnDisk: data + metadata + eventType.Length * 2 (src/EventStore.Core/Data/Event.cs; the type is
 * counted in UTF-16 code units, as C# string length is).
 */
export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

export function sizeOnDisk(event: { type: string; data: Buffer; metadata: Buffer }): number {
  return event.data.length + event.metadata.length + event.type.length * 2;
}

/**
 * The IndexWriter's _committedEvents cache (BoundedCache<Guid, EventInfo>, ESConsts.CommitedEventsMemCacheLimit):
 * the only place `any` / `stream_exists` appends look for earlier ids. Bounded here by count, and emptied by a
 * restart, as the real one is (it lives in memory only).
 */
const COMMITTED_EVENTS_CACHE = 10_000;

export class FakeEsdbLog {
  readonly records: StoredRecord[] = [];
  private readonly byStream = new Map<string, StoredRecord[]>();
  private readonly positions = new Set<bigint>();
  private committedEvents = new Map<string, { streamId: string; revision: bigint }>();
  /** The position the next record is written at: the end of the log. */
  end = 0n;
  /** Called with each record written, for live subscriptions on every node sharing the log. */
  readonly listeners = new Set<(record: StoredRecord) => void>();
  /** How long "idempotent, not ready" lasts after a write (the index catching up with the log); 0 by default. */
  indexDelayMs = 0;

  constructor() {
    // A fresh node writes an epoch: a System log record, which is never an event (reads of $all only return
    // prepares), followed by the `$epoch-information` event (EpochManager.cs, WriteEpochInformationWithRetry).
    // Both sit before the first event anyone writes; the second is hidden from $all here as the review
    // of a 24.10 node found, and readable by its stream name.
    this.end = 128n; // the System record
    this.append('$epoch-information', [{ id: randomUUID(), type: '$epoch-information', data: Buffer.from('{"epochNumber":0}'), metadata: Buffer.alloc(0) }], true);
  }

  stream(streamId: string): StoredRecord[] {
    return this.byStream.get(streamId) ?? [];
  }

  isBoundary(position: bigint): boolean {
    return position === 0n || position === this.end || this.positions.has(position);
  }

  /**
   * A scavenge: the records `remove` picks are gone from $all (deleted streams, records past their $maxAge,
   * superseded `$`-records), as a scavenge removes them from the chunks (Scavenger.cs).
   */
  scavenge(remove: (record: StoredRecord) => boolean): void {
    for (let i = this.records.length - 1; i >= 0; i--) {
      if (remove(this.records[i])) {
        this.positions.delete(this.records[i].position);
        this.records.splice(i, 1);
      }
    }
  }

  /** A node restart: what the server keeps in memory only is gone (the committed-events cache). */
  restart(): void {
    this.committedEvents = new Map();
  }

  /**
   * IndexWriter.CheckCommit (src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs), for a single
   * stream's events:
   * - `stream_exists` on a stream that does not exist: wrong expected version;
   * - `any` / `stream_exists`: idempotent only when every id is in the committed-events cache for this stream
   *   (no contiguity check); the first id missing: Ok (the batch is written again); a later one missing:
   *   CorruptedIdempotency (answered as wrong expected version);
   * - an exact revision (or `no_stream`, -1) below the current one: the ids must sit at expected+1, +2, … (cache
   *   or index); the first one not there: wrong expected version; a later one: CorruptedIdempotency; all there:
   *   Idempotent, or IdempotentNotReady while the index has not caught up;
   * - an exact revision above the current one: wrong expected version;
   * - equal to the current one: Ok, with no look for the ids anywhere (a repeat there is written again).
   */
  checkCommit(streamId: string, expected: Expected, events: readonly ProposedEvent[]): CommitDecision {
    const stream = this.stream(streamId);
    const current = stream.length === 0 ? undefined : BigInt(stream.length - 1);
    const cur = current ?? -1n;
    if (expected === 'stream_exists' && current === undefined) return { decision: 'wrong-expected-version', current };
    const notReady = (last: StoredRecord) => Date.now() - last.writtenAt < this.indexDelayMs;
    if (expected === 'any' || expected === 'stream_exists') {
      let last: StoredRecord | undefined;
      for (const [i, e] of events.entries()) {
        const info = this.committedEvents.get(e.id.toLowerCase());
        if (!info || info.streamId !== streamId) {
          return i === 0 ? { decision: 'ok', current } : { decision: 'wrong-expected-version', current };
        }
        last = stream[Number(info.revision)];
      }
      return { decision: 'idempotent', current, last: last!, notReady: notReady(last!) };
    }
    const expectedNumber = expected === 'no_stream' ? -1n : expected;
    if (expectedNumber < cur) {
      let eventNumber = expectedNumber;
      for (const [i, e] of events.entries()) {
        eventNumber += 1n;
        const at = stream[Number(eventNumber)];
        if (at && at.id === e.id.toLowerCase()) continue;
        // The first id not there: WrongExpectedVersion; a later one: CorruptedIdempotency, answered the same way.
        void i;
        return { decision: 'wrong-expected-version', current };
      }
      const last = stream[Number(eventNumber)];
      return { decision: 'idempotent', current, last, notReady: notReady(last) };
    }
    if (expectedNumber > cur) return { decision: 'wrong-expected-version', current };
    return { decision: 'ok', current };
  }

  /** Writes events to a stream at its end, each its own prepare record (one commit), and tells the listeners. */
  append(streamId: string, events: readonly ProposedEvent[], hidden = false): StoredRecord[] {
    let stream = this.byStream.get(streamId);
    if (!stream) this.byStream.set(streamId, (stream = []));
    const written: StoredRecord[] = [];
    const now = Date.now();
    for (const e of events) {
      const record: StoredRecord = {
        id: e.id.toLowerCase(),
        streamId,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
        revision: BigInt(stream.length),
        position: this.end,
        // DateTime ticks (100 ns) since the Unix epoch, as the client reads `created` (convertGrpcEvent.js).
        created: BigInt(now) * 10_000n,
        hidden,
        writtenAt: now,
      };
      // A prepare record's size on disk: a header, the stream name, and the event (PrepareLogRecord.cs);
      // what matters is that positions are byte offsets, unevenly spaced, never P + 1.
      this.end += BigInt(80 + Buffer.byteLength(streamId) * 2 + sizeOnDisk(e));
      this.positions.add(record.position);
      stream.push(record);
      this.records.push(record);
      this.committedEvents.set(record.id, { streamId, revision: record.revision });
      if (this.committedEvents.size > COMMITTED_EVENTS_CACHE) {
        this.committedEvents.delete(this.committedEvents.keys().next().value as string);
      }
      written.push(record);
    }
    for (const record of written) for (const listener of this.listeners) listener(record);
    return written;
  }
}
