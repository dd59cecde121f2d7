import {
  AppendTooLargeError,
  DuplicateEventIdError,
  EventStoreError,
  EventTooLargeError,
  InvalidAppendError,
  StoreUnavailableError,
  StreamNotFoundError,
  SubscriptionFailedError,
  VersionConflictError,
} from './errors';

/**
 * The port's errors as callers see them: the HTTP layer (problem-details.filter.ts) and the logs show their
 * messages, branch on their fields, and the `code` and `name` tell them apart once serialized.
 */
describe('event store errors', () => {
  it('say what was wrong, with a code and a name of their own', () => {
    const cause = new Error('underlying');
    const cases: Array<[EventStoreError, string, string, string]> = [
      [new VersionConflictError('s', 3n, 5n), 'version-conflict', 'VersionConflictError', 'Stream s: expected revision 3, actual 5'],
      [new VersionConflictError('s', 'no_stream', 0n, 'ids repeated'), 'version-conflict', 'VersionConflictError', 'Stream s: expected revision no_stream, actual 0 (ids repeated)'],
      [new VersionConflictError('s', 'stream_exists', undefined), 'version-conflict', 'VersionConflictError', 'Stream s: expected revision stream_exists, actual no stream'],
      [new StreamNotFoundError('s'), 'stream-not-found', 'StreamNotFoundError', 'Stream s does not exist'],
      [new EventTooLargeError('e1', 2000, 1000), 'event-too-large', 'EventTooLargeError', 'Event e1 is 2000 bytes; the limit is 1000 bytes'],
      [new DuplicateEventIdError('e1', 'other'), 'duplicate-event-id', 'DuplicateEventIdError', 'Event id e1 is already recorded in stream other'],
      [new AppendTooLargeError('s', 4, 3000, 1000), 'append-too-large', 'AppendTooLargeError', 'An append of 4 events to s is 3000 bytes; the limit is 1000 bytes'],
      [new InvalidAppendError('no type'), 'invalid-append', 'InvalidAppendError', 'no type'],
      [new StoreUnavailableError('disk full', 30, cause), 'store-unavailable', 'StoreUnavailableError', 'The event store is unavailable: disk full'],
      [new SubscriptionFailedError('access denied', cause), 'subscription-failed', 'SubscriptionFailedError', 'access denied'],
    ];
    for (const [error, code, name, message] of cases) {
      expect(error).toBeInstanceOf(EventStoreError);
      expect({ code: error.code, name: error.name, message: error.message }).toEqual({ code, name, message });
    }
  });

  it('keep the fields callers branch on, with their defaults', () => {
    expect(new VersionConflictError('s', 2n, undefined)).toMatchObject({ streamId: 's', expected: 2n, actual: undefined });
    expect(new InvalidAppendError('x')).toMatchObject({ tooLarge: false });
    expect(new InvalidAppendError('x', true)).toMatchObject({ tooLarge: true });
    expect(new StoreUnavailableError('busy')).toMatchObject({ reason: 'busy', retryAfterSeconds: 5, cause: undefined });
    const cause = new Error('denied');
    expect(new SubscriptionFailedError('no', cause).cause).toBe(cause);
    expect(new AppendTooLargeError('s', 4, 3000, 1000)).toMatchObject({ streamId: 's', count: 4, size: 3000, limit: 1000 });
    expect(new DuplicateEventIdError('e', 'o')).toMatchObject({ eventId: 'e', existingStreamId: 'o' });
  });
});
