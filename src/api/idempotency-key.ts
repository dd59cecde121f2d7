import { ProblemException } from './problem-details.filter';
import { problem } from './problem';

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Keys of this form belong to the service's own writes (a voting's result recorded in its council is
 * `voting:<votingId>:result`): no client may send one, so no client can claim, or block, such a write in
 * advance (API.md, third wave, "Idempotency keys"). The form predates the rule: results recorded before it
 * keep their keys, so a voting closed across an upgrade still replays instead of recording twice.
 */
export const SERVICE_KEY_PREFIX = 'voting:';

/** The key under which the service records a counted voting in its council. */
export function votingResultKey(votingId: string): string {
  return `${SERVICE_KEY_PREFIX}${votingId}:result`;
}

/**
 * A request's Idempotency-Key header: undefined when absent, the key when it is 1 to 200 visible ASCII
 * characters and not of the service's form, else 400 invalid-idempotency-key. Every write route reads the
 * header through here (council writes, batches, votings).
 */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new ProblemException(
      problem(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', 'The Idempotency-Key header must be 1 to 200 visible ASCII characters.'),
    );
  }
  if (key.startsWith(SERVICE_KEY_PREFIX)) {
    throw new ProblemException(
      problem(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key',
        `Idempotency keys beginning with ${JSON.stringify(SERVICE_KEY_PREFIX)} are the service's own (a voting's result recorded in its council); choose another key.`),
    );
  }
  return key;
}
