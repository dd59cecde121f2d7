/**
 * The event-store port: the only way product code reads or writes facts.
 * Two adapters implement it (embedded SQLite, EventStoreDB) and both pass test/contract.
 *
 * Shared by both adapters (held by test/contract/event-store.contract.ts on each):
 * - An append is atomic: all its events or none, also when the backend fails mid-write; no reader or
 *   subscriber sees part of one. Expected revisions are checked atomically with the write.
 * - An acknowledged append is durable (SQLite: the WAL is fsynced before the promise settles, with the
 *   default `synchronous = FULL`; EventStoreDB: the server acknowledges after its own durable write).
 * - Retrying a recorded batch (same ids, same stream, compatible expected revision) answers the first result
 *   again and writes nothing; a batch that only partly repeats recorded ids is a VersionConflictError.
 * - Global positions strictly increase in commit order; `recordedAt` is set once, at the append.
 * - `subscribeToAll` hands over at most `batchSize` events per `onEvents` call, in global order, and awaits
 *   each call before the next; a throw or a rejected promise stops it and reaches `onError`, with the
 *   checkpoint still before the failed batch. `onCaughtUp` receives the checkpoint at that moment.
 * - `headPosition()` is undefined on an empty store. `close()` settles appends already accepted, stops the
 *   subscriptions, refuses new work with an error saying the store is closed, and may be called twice. The
 *   refusal is lazy where the call returns no promise: a read fails when it is iterated, a subscription
 *   through its `onError` (never a synchronous throw from `readStream`, `readAll` or `subscribeToAll`).
 *
 * Where they differ (each adapter's contract spec states its own):
 * - An event id already recorded in another stream: SQLite refuses it (DuplicateEventIdError, nothing
 *   written: ids are unique in the store); EventStoreDB records it again (it deduplicates within a stream
 *   only). CouncilWriter derives keyed ids from the council and the key, so it never sends an id to two streams.
 * - `expectedLastEventId`: SQLite checks it (`checksLastEventId`); EventStoreDB refuses it (InvalidAppendError).
 * - Repeated ids at the stream's current exact revision: SQLite detects them (a conflict); EventStoreDB only
 *   looks for a batch's ids at the expected place.
 * - Positions: SQLite's are consecutive event numbers; EventStoreDB's are log offsets (gaps, system records).
 */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** What an append expects of the stream before it writes. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export const ANY = 'any' as const;
export const NO_STREAM = 'no_stream' as const;
export const STREAM_EXISTS = 'stream_exists' as const;

export type EventMetadata = Record<string, unknown>;

/** An event about to be written. `id` is a uuid chosen by the caller: it is the idempotency key. */
export interface EventData<TData = unknown> {
  id: string;
  type: string;
  data: TData;
  metadata?: EventMetadata;
}

/** An event as the store holds it. */
export interface RecordedEvent<TData = unknown> {
  id: string;
  streamId: string;
  type: string;
  data: TData;
  metadata: EventMetadata;
  /** 0-based position of the event in its stream. */
  revision: bigint;
  /** Position in the store's global order; strictly increasing, not necessarily contiguous. */
  position: bigint;
  recordedAt: Date;
  /**
   * The JSON text `data` and `metadata` were parsed from, when the adapter read them as text and the reader
   * asked for it (the SQLite store's `readAll` pages, which projections read): a projection that stores the
   * event's JSON keeps it as the store has it instead of writing it again.
   */
  json?: { data: string; metadata: string };
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
  /**
   * With an exact `expectedRevision` only: the event at that revision must have this id, else
   * VersionConflictError. Lets a writer append on top of a state it has not seen committed (its own
   * uncommitted events) without landing on a different history that has the same length. Only adapters
   * whose `checksLastEventId` is true accept it; the others refuse it with InvalidAppendError.
   */
  expectedLastEventId?: string;
}

export interface AppendResult {
  /** Revision of the last event written (the expected revision for the next append). */
  nextExpectedRevision: bigint;
  /** Global position of the first and the last event written. */
  firstPosition: bigint;
  position: bigint;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: ReadDirection;
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  fromRevision?: bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this global position. Defaults to the beginning. */
  after?: bigint;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: the subscription starts with the first event after it. */
  after?: bigint;
  /** Up to this many events are delivered to one `onEvents` call. */
  batchSize?: number;
}

export interface SubscriptionHandler {
  /**
   * A batch of consecutive events in global order. The next batch is not delivered until the promise
   * settles; a rejection stops the subscription and is reported through `onError`.
   */
  onEvents(events: RecordedEvent[]): Promise<void> | void;
  /** Called each time the subscription has delivered everything the store held (catch-up done). */
  onCaughtUp?(position: bigint | undefined): void;
  onError?(error: unknown): void;
}

export interface Subscription {
  /** The position of the last event handed to `onEvents`, if any. */
  readonly checkpoint: bigint | undefined;
  stop(): Promise<void>;
}

export interface EventStore {
  /** Which adapter this is, for health and logs. */
  readonly kind: 'sqlite' | 'eventstoredb';

  /** Whether appends check `expectedLastEventId` atomically with the expected revision. */
  readonly checksLastEventId: boolean;

  appendToStream(streamId: string, events: readonly EventData[], options?: AppendOptions): Promise<AppendResult>;

  /** Reads a stream in pages; throws StreamNotFoundError when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;

  /** Reads every stream in global order, in pages. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /** Catch-up subscription to every stream: history after the checkpoint, then live events. */
  subscribeToAll(handler: SubscriptionHandler, options?: SubscribeOptions): Subscription;

  streamExists(streamId: string): Promise<boolean>;

  /** Current revision of a stream, or undefined when it does not exist. */
  streamRevision(streamId: string): Promise<bigint | undefined>;

  /** Global position of the last event in the store, or undefined when it is empty. */
  headPosition(): Promise<bigint | undefined>;

  /**
   * What distinguishes this store from any other (a fresh database, another backend): the read database
   * keeps it with its checkpoint and refuses a store that is not the one it was built from. Undefined while
   * the store cannot tell yet (an empty EventStoreDB). Optional for test doubles.
   */
  identity?(): Promise<string | undefined>;

  /**
   * Calls `listener` after each commit this store instance makes; returns the function that stops it. Lets
   * another connection to the same database in this process (the projection worker's) learn of new events
   * at once instead of at its next poll. Only where subscriptions poll (SQLite); absent on EventStoreDB,
   * whose subscriptions are pushed by the server.
   */
  onCommitted?(listener: () => void): () => void;

  /** Wakes this instance's live subscriptions as a commit of its own would (see onCommitted). */
  notifyCommitted?(): void;

  close(): Promise<void>;
}

export function describeExpected(expected: ExpectedRevision): string {
  return typeof expected === 'bigint' ? expected.toString() : expected;
}
