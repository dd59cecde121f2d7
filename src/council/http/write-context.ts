import { idempotencyKeyOf } from '../../api/idempotency-key';
import { writeRequestId } from '../../api/request-id';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { RequestContext, hashRequest } from '../application/request-context';
import { SourceCitation } from '../domain/events';

/** The request's metadata for the events it produces: who, which source, which idempotency key or request id. */
export function writeContext(req: AuthenticatedRequest, body: { source?: SourceCitation }): RequestContext {
  const key = idempotencyKeyOf(req.headers);
  const requestId = writeRequestId(req.headers, (req as unknown as { id?: unknown }).id);
  const path = req.originalUrl.split('?')[0];
  return {
    principal: req.principal,
    source: body.source ? { ...body.source } : undefined,
    idempotencyKey: key,
    requestId,
    requestHash: hashRequest(req.method, path, req.body),
    correlationId: requestId,
    causationId: requestId,
  };
}
