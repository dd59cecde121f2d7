import { ProblemException, storeUnavailableProblem } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { StoreUnavailableError } from '../../event-store/errors';
import { RequestContext } from './request-context';

/** The problems a write answers about its request's claim (Idempotency-Key or X-Request-Id), not about its fact. */

/**
 * The claim (key or request id) names another request: 422 when that one is recorded, 409 while it is still
 * being processed. A request id's problem has its own type, so a client can tell which header to change.
 */
export function claimConflict(context: RequestContext, how: 'reused' | 'in-use'): ProblemException {
  const keyed = context.idempotencyKey !== undefined;
  const header = keyed ? `Idempotency-Key ${JSON.stringify(context.idempotencyKey)}` : `X-Request-Id ${JSON.stringify(context.requestId)}`;
  const name = keyed ? 'Idempotency key' : 'Request id';
  const fresh = keyed ? 'use a new key for a new request' : 'send a new request with a new X-Request-Id (or none)';
  const slug = `${keyed ? 'idempotency-key' : 'request-id'}-${how}`;
  return new ProblemException(
    how === 'reused'
      ? problem(422, slug, `${name} reused with another request`, `The ${header} was first used with a different request body or path; ${fresh}.`)
      : problem(409, slug, `${name} in use`, `A request with the ${header} and a different body or path is still being processed; ${fresh}.`),
  );
}

/**
 * An append whose outcome the store could not tell (EventStoreDB: a deadline or a lost connection, and the
 * read-back could not reach a leader) is a 503 that says so and names what makes the resend safe: the
 * request's claim (its Idempotency-Key, else its request id) derives its event ids and is recorded in its
 * own append, so the same request sent again is replayed if it was recorded, and recorded once if not.
 */
export function outcomeUnknownProblem(error: unknown, context: RequestContext): unknown {
  if (!(error instanceof StoreUnavailableError) || !error.outcomeUnknown) return error;
  const resend = context.idempotencyKey !== undefined
    ? { header: 'Idempotency-Key' as const }
    : context.requestId !== undefined ? { header: 'X-Request-Id' as const, value: context.requestId } : undefined;
  return new ProblemException(storeUnavailableProblem(error, { requestId: context.requestId, resend }));
}
