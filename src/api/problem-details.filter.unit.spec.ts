import { ProblemDetailsFilter, storeUnavailableProblem } from './problem-details.filter';
import { DuplicateEventIdError, InvalidAppendError, StoreUnavailableError } from '../event-store/errors';
import { translateError } from '../event-store/eventstoredb/errors';
import { MaxAppendSizeExceededError } from '@eventstore/db-client';

describe('ProblemDetailsFilter: store errors are problems, not 500s', () => {
  const filter = new ProblemDetailsFilter();

  it('an append over the store\'s size limit (EventStoreDB max append size) is 413 event-too-large', () => {
    const esdb = Object.assign(Object.create(MaxAppendSizeExceededError.prototype), { maxAppendSize: 1024 });
    const translated = translateError(esdb, 'council-c');
    expect(translated).toBeInstanceOf(InvalidAppendError);
    expect(filter.toProblem(translated)).toMatchObject({ status: 413, type: expect.stringMatching(/event-too-large$/) });
  });

  it('any other refused append is 422', () => {
    expect(filter.toProblem(new InvalidAppendError('An append needs at least one event'))).toMatchObject({
      status: 422,
      type: expect.stringMatching(/invalid-append$/),
    });
  });

  it('an event id recorded in another stream is 422 idempotency-key-reused', () => {
    expect(filter.toProblem(new DuplicateEventIdError('0e7f…', 'council-a'))).toMatchObject({
      status: 422,
      type: expect.stringMatching(/idempotency-key-reused$/),
    });
  });

  it('a write whose outcome is unknown is 503 with Retry-After that never says "nothing was recorded" (issue 23)', () => {
    const error = new StoreUnavailableError('EventStoreDB did not complete an append', 5, undefined, true);
    for (const resend of [undefined, { header: 'Idempotency-Key' as const }, { header: 'X-Request-Id' as const, value: 'req-7' }]) {
      const unknown = storeUnavailableProblem(error, { requestId: 'req-7', resend });
      expect(unknown).toMatchObject({ status: 503, retryAfter: 5, outcomeUnknown: true, requestId: 'req-7' });
      expect(String(unknown.detail)).not.toMatch(/nothing was recorded/i);
      expect(String(unknown.detail)).toMatch(/outcome is unknown/);
    }
    expect(storeUnavailableProblem(error, { resend: { header: 'Idempotency-Key' } }).detail).toMatch(/same Idempotency-Key after 5 s is safe/);
    const keyless = storeUnavailableProblem(error, { requestId: 'req-7', resend: { header: 'X-Request-Id', value: 'req-7' } });
    expect(keyless.detail).toMatch(/X-Request-Id: req-7 after 5 s is safe/);
    expect(keyless.resendWith).toBe('X-Request-Id');
    // A writer that cannot make the resend safe does not claim it is.
    expect(storeUnavailableProblem(error).detail).toMatch(/read the record before sending it again/);
    expect(filter.toProblem(error)).toMatchObject({ outcomeUnknown: true });
    const refused = filter.toProblem(new StoreUnavailableError('EventStoreDB did not complete an append', 5));
    expect(String(refused.detail)).toMatch(/Nothing was recorded/);
    expect(refused).not.toHaveProperty('outcomeUnknown');
  });
});
