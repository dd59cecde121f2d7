import { ExpectedRevision, describeExpected } from './event-store.port';

/** Base class of the port's errors: adapters translate their backend's errors into these. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the revision the append expected (or the batch only partly repeats one). */
export class VersionConflictError extends EventStoreError {
  readonly code = 'version-conflict';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** undefined when the stream does not exist. */
    readonly actual: bigint | undefined,
    reason?: string,
  ) {
    super(
      `Stream ${streamId}: expected revision ${describeExpected(expected)}, actual ${
        actual === undefined ? 'no stream' : actual.toString()
      }${reason ? ` (${reason})` : ''}`,
    );
    this.name = 'VersionConflictError';
  }
}

export class StreamNotFoundError extends EventStoreError {
  readonly code = 'stream-not-found';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} does not exist`);
    this.name = 'StreamNotFoundError';
  }
}

export class EventTooLargeError extends EventStoreError {
  readonly code = 'event-too-large';
  constructor(
    readonly eventId: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`Event ${eventId} is ${size} bytes; the limit is ${limit} bytes`);
    this.name = 'EventTooLargeError';
  }
}

/** An event id that is already used by a different event (another stream, type or payload). */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'duplicate-event-id';
  constructor(
    readonly eventId: string,
    readonly existingStreamId: string,
  ) {
    super(`Event id ${eventId} is already recorded in stream ${existingStreamId}`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The events of one append together are larger than the store takes in one append (MAX_APPEND_BYTES). */
export class AppendTooLargeError extends EventStoreError {
  readonly code = 'append-too-large';
  constructor(
    readonly streamId: string,
    readonly count: number,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`An append of ${count} events to ${streamId} is ${size} bytes; the limit is ${limit} bytes`);
    this.name = 'AppendTooLargeError';
  }
}

export class InvalidAppendError extends EventStoreError {
  readonly code = 'invalid-append';
  constructor(
    message: string,
    /** True when the append was refused for its size (e.g. EventStoreDB's maximum append size). */
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/**
 * The store cannot take the request now but may soon: a server that is not ready or too busy, a read that
 * passed its deadline, a full disk. Nothing was written (or the write is idempotent and may be sent again).
 * HTTP answers 503 with Retry-After.
 */
export class StoreUnavailableError extends EventStoreError {
  readonly code = 'store-unavailable';
  constructor(
    /** What is wrong, in words an operator can act on. */
    readonly reason: string,
    /** Seconds after which a retry is sensible. */
    readonly retryAfterSeconds = 5,
    override readonly cause?: unknown,
    /**
     * True when a write may have been recorded (a deadline, a lost connection, a leader change during the
     * append, and the read-back could not tell): the answer must not say "nothing was recorded". Retrying the
     * same request is safe, because its event ids are the same (idempotency by event id).
     */
    readonly outcomeUnknown = false,
  ) {
    super(`The event store is unavailable: ${reason}`);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * A subscription the store refuses for good (access denied on $all, an invalid position): retrying the
 * same request cannot help. The projection runner reports it (health and ready say so) instead of looping.
 */
export class SubscriptionFailedError extends EventStoreError {
  readonly code = 'subscription-failed';
  constructor(
    reason: string,
    override readonly cause?: unknown,
  ) {
    super(reason);
    this.name = 'SubscriptionFailedError';
  }
}
