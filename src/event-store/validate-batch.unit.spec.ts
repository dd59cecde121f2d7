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
