import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { RequestContext, hashRequest } from '../application/request-context';
import { SourceCitation } from '../domain/events';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** The request's metadata for the events it produces: who, which source, which idempotency key. */
export function writeContext(req: AuthenticatedRequest, body: { source?: SourceCitation }): RequestContext {
  const header = req.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key !== undefined && !KEY.test(key)) {
    throw new ProblemException(
      problem(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', 'The Idempotency-Key header must be 1 to 200 visible ASCII characters.'),
    );
  }
  const requestId = String((req as unknown as { id?: unknown }).id ?? '');
  const path = req.originalUrl.split('?')[0];
  return {
    principal: req.principal,
    source: body.source ? { ...body.source } : undefined,
    idempotencyKey: key,
    requestHash: hashRequest(req.method, path, req.body),
    correlationId: requestId,
    causationId: requestId,
  };
}
