import {
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ExpectedRevision } from '../event-store.port';
import { EventStoreError, InvalidAppendError, StreamNotFoundError, VersionConflictError } from '../errors';

/**
 * Turns the client's errors into the port's, so callers never see an ESDB type. Anything that is not a
 * rule of the store (unavailable, deadline, access denied) passes through unchanged: it is infrastructure.
 */
export function translateError(error: unknown, streamId: string, expected?: ExpectedRevision): unknown {
  if (error instanceof EventStoreError) return error;
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion === 'no_stream' ? undefined : error.actualVersion;
    return new VersionConflictError(streamId, expected ?? error.expectedVersion, actual);
  }
  if (error instanceof EsdbStreamNotFoundError || error instanceof StreamDeletedError) {
    return new StreamNotFoundError(streamId);
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidAppendError(
      `The batch for stream ${streamId} is larger than the server's maximum append size (${error.maxAppendSize} bytes)`,
      true,
    );
  }
  return error;
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof EsdbStreamNotFoundError || error instanceof StreamDeletedError;
}
