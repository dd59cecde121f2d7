import { randomUUID } from 'node:crypto';
import { ProblemException } from './problem-details.filter';
import { problem } from './problem';

/** What an X-Request-Id may be: 1 to 100 letters, digits, `_`, `.` or `-` (a UUID, a ULID, a tracing id). */
export const REQUEST_ID = /^[\w.-]{1,100}$/;

/**
 * Every request's id: the client's X-Request-Id when it has the form above, otherwise one the service makes.
 * The logger (app.module.ts, genReqId) calls this once per request and sends it back in X-Request-Id.
 */
export function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * A write's request id. A write sent without an Idempotency-Key is claimed under it (decision 36): resending
 * the same request with the same X-Request-Id replays the first reply and records nothing twice. So on a
 * write a malformed X-Request-Id is refused (400 invalid-request-id) rather than silently replaced, which
 * would make the resend a new request. `assigned` is the id the logger gave the request (the header's,
 * when it is well formed).
 */
export function writeRequestId(headers: Record<string, string | string[] | undefined>, assigned: unknown): string {
  const header = headers['x-request-id'];
  if (header !== undefined && (typeof header !== 'string' || !REQUEST_ID.test(header))) {
    throw new ProblemException(
      problem(400, 'invalid-request-id', 'Invalid X-Request-Id',
        'The X-Request-Id header must be 1 to 100 letters, digits, "_", "." or "-" (a UUID, for instance).'),
    );
  }
  if (typeof header === 'string') return header;
  return typeof assigned === 'string' && REQUEST_ID.test(assigned) ? assigned : randomUUID();
}
