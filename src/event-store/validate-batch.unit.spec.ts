import { randomUUID } from 'node:crypto';
import { EventTooLargeError, InvalidAppendError } from './errors';
import { validateBatch } from './validate-batch';

const serialized = (data: string, metadata = '{}') => ({ id: randomUUID(), type: 'Tested', data, metadata });

describe('validateBatch', () => {
  it('counts UTF-8 bytes, not string length, near the limit', () => {
    const limit = 100;
    // 40 two-byte characters, quotes and '{}': 84 bytes, under the limit although 3 x length (132) is not.
    expect(() => validateBatch('s', [serialized(JSON.stringify('é'.repeat(40)))], limit)).not.toThrow();
    const tooBig = serialized(JSON.stringify('é'.repeat(49))); // 98 + 2 quotes + 2 ('{}') bytes
    expect(() => validateBatch('s', [tooBig], limit)).toThrow(EventTooLargeError);
    try {
      validateBatch('s', [tooBig], limit);
    } catch (error) {
      expect(error).toMatchObject({ eventId: tooBig.id, size: 102, limit });
    }
    // Four-byte characters are two UTF-16 code units each.
    expect(() => validateBatch('s', [serialized(JSON.stringify('😀'.repeat(24)))], limit)).not.toThrow(); // 96 + 2 + 2 bytes
    expect(() => validateBatch('s', [serialized(JSON.stringify('😀'.repeat(25)))], limit)).toThrow(EventTooLargeError);
  });

  it('rejects an id used twice in a batch, and accepts a single event', () => {
    const e = serialized('{}');
    expect(() => validateBatch('s', [e, { ...e }], 1000)).toThrow(InvalidAppendError);
    expect(() => validateBatch('s', [e], 1000)).not.toThrow();
    expect(() => validateBatch('s', [], 1000)).toThrow(InvalidAppendError);
    expect(() => validateBatch('s', [{ ...e, id: 'nope' }], 1000)).toThrow(InvalidAppendError);
  });
});

describe('validateBatch: each rule, with its message', () => {
  const e = serialized('{}');
  const refusal = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      return { type: (error as Error).constructor.name, message: (error as Error).message };
    }
    return undefined;
  };

  it('names the rule that failed', () => {
    expect(refusal(() => validateBatch('', [e], 1000))).toEqual({ type: 'InvalidAppendError', message: 'A stream id is required' });
    expect(refusal(() => validateBatch('s', [], 1000))).toEqual({ type: 'InvalidAppendError', message: 'An append needs at least one event' });
    expect(refusal(() => validateBatch('s', [{ ...e, id: 'nope' }], 1000))).toEqual({ type: 'InvalidAppendError', message: 'Event id "nope" is not a uuid' });
    expect(refusal(() => validateBatch('s', [e, { ...e }], 1000))).toEqual({ type: 'InvalidAppendError', message: `Event id ${e.id} appears twice in one batch` });
    expect(refusal(() => validateBatch('s', [{ ...e, type: '' }], 1000))).toEqual({ type: 'InvalidAppendError', message: `Event ${e.id} has no type` });
    expect(refusal(() => validateBatch('s', [{ ...e, id: e.id.toUpperCase() }], 1000))).toBeUndefined(); // uuids in either case
    expect(refusal(() => validateBatch('s', [{ ...e, id: `x${e.id}` }], 1000))).toMatchObject({ message: expect.stringContaining('is not a uuid') });
    expect(refusal(() => validateBatch('s', [{ ...e, id: `${e.id}x` }], 1000))).toMatchObject({ message: expect.stringContaining('is not a uuid') });
  });

  it('a batch of distinct events under the limits passes; the event limit counts data and metadata together', () => {
    expect(refusal(() => validateBatch('s', [serialized('{}'), serialized('{}'), serialized('{}')], 1000))).toBeUndefined();
    // 50 + 50 bytes: 100 is at the limit (accepted), 101 over it.
    expect(refusal(() => validateBatch('s', [serialized('a'.repeat(50), 'b'.repeat(50))], 100))).toBeUndefined();
    const over = serialized('a'.repeat(50), 'b'.repeat(51));
    expect(refusal(() => validateBatch('s', [over], 100))).toEqual({ type: 'EventTooLargeError', message: `Event ${over.id} is 101 bytes; the limit is 100 bytes` });
  });

  it('the append limit counts every event of the batch as EventStoreDB does: data and metadata in UTF-8 bytes, plus twice the type length; at the limit is accepted', () => {
    const three = [serialized('a'.repeat(40), 'b'.repeat(10)), serialized('c'.repeat(30), 'd'.repeat(20)), serialized('é'.repeat(25), '{}')];
    // 50 + 50 + 52 bytes = 152 (the last one's 27 characters are 52 bytes), plus 2 × 6 for each type 'Tested' = 188
    // (Event.SizeOnDisk in the server's Event.cs).
    expect(refusal(() => validateBatch('s', three, 1000, 188))).toBeUndefined();
    expect(refusal(() => validateBatch('s', three, 1000, 187))).toEqual({ type: 'AppendTooLargeError', message: 'An append of 3 events to s is 188 bytes; the limit is 187 bytes' });
    // Below a third of the limit in characters (127 of data and metadata, 18 of types), no byte count is needed: passes.
    expect(refusal(() => validateBatch('s', three, 1000, 3 * 145))).toBeUndefined();
    // Metadata counts as much as data: small data with large metadata is still over the limit.
    const metadataHeavy = [serialized('{}', 'm'.repeat(100)), serialized('{}', 'm'.repeat(100))];
    expect(refusal(() => validateBatch('s', metadataHeavy, 1000, 150))).toEqual({ type: 'AppendTooLargeError', message: 'An append of 2 events to s is 228 bytes; the limit is 150 bytes' });
    // Default limit: 1 MiB.
    expect(refusal(() => validateBatch('s', [serialized('a'.repeat(600_000)), serialized('b'.repeat(600_000))], 2_000_000))).toMatchObject({ type: 'AppendTooLargeError' });
    expect(refusal(() => validateBatch('s', [serialized('a'.repeat(500_000)), serialized('b'.repeat(500_000))], 2_000_000))).toBeUndefined();
  });
});
