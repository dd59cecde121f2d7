import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppendTooLargeError, DuplicateEventIdError, EventTooLargeError, InvalidAppendError, StoreUnavailableError, VersionConflictError } from '../event-store/errors';
import { PROBLEM_CONTENT_TYPE, Problem, problem } from './problem';
import { BatchItemError, StepError } from './wrapped-errors';

/**
 * The 503 of a store that could not take a write now. Either nothing was recorded, or (outcomeUnknown) the
 * write may have been recorded: then the answer says so, never "nothing was recorded", gives the request's
 * id, and names what makes sending the same request again safe (`resend`, given by a writer whose event ids
 * are derived from the request's claim: its Idempotency-Key, else its X-Request-Id; decision 36).
 */
export function storeUnavailableProblem(
  exception: StoreUnavailableError,
  request: { requestId?: string; resend?: { header: 'Idempotency-Key' } | { header: 'X-Request-Id'; value: string } } = {},
): Problem {
  const after = `after ${exception.retryAfterSeconds} s`;
  if (!exception.outcomeUnknown) {
    return problem(503, 'store-unavailable', 'Event store unavailable',
      `${exception.reason}. Nothing was recorded; send the same request again ${after}.`, { retryAfter: exception.retryAfterSeconds });
  }
  const resend = request.resend;
  const safe = !resend
    ? `Send writes with an Idempotency-Key to make such a resend safe; without one, read the record before sending it again ${after}`
    : resend.header === 'Idempotency-Key'
      ? `Sending the same request again with the same Idempotency-Key ${after} is safe: it is recorded at most once, and if it was recorded the first reply comes back`
      : `Sending the same request again with the header X-Request-Id: ${resend.value} ${after} is safe: it is recorded at most once, and if it was recorded the first reply comes back`;
  return problem(503, 'store-unavailable', 'Event store unavailable',
    `${exception.reason}. The outcome is unknown: the write may or may not have been recorded. ${safe}.`, {
      retryAfter: exception.retryAfterSeconds,
      outcomeUnknown: true,
      ...(request.requestId !== undefined ? { requestId: request.requestId } : {}),
      ...(resend ? { resendWith: resend.header } : {}),
    });
}

/** Thrown by the application layer when an error already knows its problem document. */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/** An answer to a request whose unread body is larger than this closes the connection instead of reading it. */
const UNREAD_BODY_CLOSE_BYTES = 64 * 1024;

const TITLES: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable request'],
  429: ['too-many-requests', 'Too many requests'],
};

/**
 * Every error leaves as RFC 9457 problem+json. An error that describes itself (problemHint: the domain's)
 * and the store's errors are mapped to their status;
 * anything unexpected becomes a 500 whose body says nothing about internals (the log has the details).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    // A store error that reached here unannotated (not from the council writer, which names its own resend):
    // the request's id, and an Idempotency-Key it was sent with, are what the answer can tell.
    const body = exception instanceof StoreUnavailableError && req
      ? storeUnavailableProblem(exception, {
          requestId: typeof (req as { id?: unknown }).id === 'string' ? ((req as { id?: unknown }).id as string) : undefined,
          resend: req.headers?.['idempotency-key'] !== undefined ? { header: 'Idempotency-Key' } : undefined,
        })
      : this.toProblem(exception);
    body.instance = req?.originalUrl?.slice(0, 500);
    if (body.status === 503) this.logger.warn(exception instanceof Error ? exception.message : String(exception));
    else if (body.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) return;
    // Refused before its body was read (rate limit, token, role): do not keep the connection to drain a large body.
    if (req && !req.complete && Number(req.headers?.['content-length'] ?? 0) > UNREAD_BODY_CLOSE_BYTES) res.setHeader('Connection', 'close');
    if (typeof body.retryAfter === 'number') res.setHeader('Retry-After', String(body.retryAfter));
    res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof ProblemException) return { ...exception.problem };
    if (exception instanceof BatchItemError) {
      const item = this.toProblem(exception.cause);
      return problem(item.status, 'batch-item-refused', 'A batch item was refused; nothing was recorded',
        `Item ${exception.index}${exception.path ? ` (${exception.path.slice(0, 200)})` : ''}: ${item.detail}`, {
          failedIndex: exception.index,
          ...(item.rule !== undefined ? { rule: item.rule } : {}),
          item,
        });
    }
    if (exception instanceof StepError) {
      const inner = this.toProblem(exception.cause);
      return { ...inner, detail: `${exception.label}: ${inner.detail}`, at: exception.label };
    }
    if (describesProblem(exception)) {
      const hint = exception.problemHint();
      return problem(hint.status, hint.slug, hint.title, exception.message, hint.extra ?? {});
    }
    if (exception instanceof VersionConflictError) {
      return problem(409, 'concurrency-conflict', 'Concurrent write', 'Another write to this council won the race and the retries ran out; send the request again.', {
        stream: exception.streamId,
      });
    }
    if (exception instanceof EventTooLargeError) {
      return problem(413, 'event-too-large', 'Event too large', `The fact is ${exception.size} bytes; the limit is ${exception.limit} bytes.`);
    }
    if (exception instanceof AppendTooLargeError) {
      return problem(413, 'append-too-large', 'Too large for one append',
        `The request's ${exception.count} events are ${exception.size} bytes together; the store takes at most MAX_APPEND_BYTES = ${exception.limit} bytes in one append. Send fewer items per batch.`,
        { limit: exception.limit, size: exception.size, events: exception.count, setting: 'MAX_APPEND_BYTES' });
    }
    if (exception instanceof InvalidAppendError) {
      if (exception.tooLarge) {
        return problem(413, 'event-too-large', 'Event too large', 'The fact is larger than the event store accepts in one append.');
      }
      return problem(422, 'invalid-append', 'The event store refused the write', exception.message);
    }
    if (exception instanceof DuplicateEventIdError) {
      // Keyed event ids are derived from the stream's owner and the key: ids recorded elsewhere mean the
      // request was recorded before under another name (records older than council-scoped ids).
      return problem(422, 'idempotency-key-reused', 'Idempotency key reused with another request',
        'The events of this request are already recorded elsewhere; use a new Idempotency-Key for a new request.');
    }
    if (exception instanceof StoreUnavailableError) return storeUnavailableProblem(exception);
    // The Express adapter wraps body-parser's errors in HttpExceptions; the original is the cause.
    const parserError = exception instanceof HttpException ? exception.cause : exception;
    if (isBodyParserError(parserError)) {
      const status = parserError.status ?? parserError.statusCode ?? 400;
      if (status === 413) return problem(413, 'payload-too-large', 'Payload too large', 'The request body is larger than the limit.');
      if (parserError.type === 'entity.parse.failed') {
        return problem(400, 'malformed-json', 'Malformed JSON', 'The request body is not valid JSON.');
      }
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    return problem(500, 'internal', 'Internal error', 'The server failed to handle the request; it has been logged.');
  }

  private fromHttpException(exception: HttpException): Problem {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const [slug, title] = TITLES[status] ?? (status >= 500 ? ['internal', 'Internal error'] : ['error', 'Error']);
    if (status >= 500) return problem(status, slug, title, 'The server failed to handle the request; it has been logged.');
    if (typeof response === 'object' && response !== null) {
      const r = response as Record<string, unknown>;
      if (typeof r.type === 'string' && typeof r.title === 'string') return { ...(r as Problem), status };
      const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? exception.message);
      return problem(status, slug, title, message, r.errors ? { errors: r.errors } : {});
    }
    return problem(status, slug, title, String(response));
  }
}

/**
 * An error that says how it is answered (the domain's errors, see ProblemHint in src/council/domain/errors.ts):
 * read by its shape, so this layer depends on no domain class.
 */
interface DescribesProblem {
  message: string;
  problemHint(): { status: number; slug: string; title: string; extra?: Record<string, unknown> };
}

function describesProblem(e: unknown): e is DescribesProblem {
  return e instanceof Error && typeof (e as { problemHint?: unknown }).problemHint === 'function';
}

function isBodyParserError(e: unknown): e is { type: string; status?: number; statusCode?: number } {
  return typeof e === 'object' && e !== null && typeof (e as { type?: unknown }).type === 'string' &&
    ['entity.parse.failed', 'entity.too.large', 'encoding.unsupported', 'charset.unsupported', 'request.aborted', 'request.size.invalid', 'stream.encoding.set', 'entity.verify.failed'].includes((e as { type: string }).type);
}


