import { SetMetadata } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { rejectDangerousKeys } from './reject-dangerous-keys';
import { ProblemException } from './problem-details.filter';
import { problem } from './problem';

const JSON_TYPES = ['application/json', 'application/*+json'];

/** Marks a route whose body may be as large as BATCH_BODY_LIMIT_BYTES (the batch). */
export const LARGE_BODY_KEY = 'council-record:large-body';
export const LargeBody = () => SetMetadata(LARGE_BODY_KEY, true);

const READ = Symbol('body-reader:read');

/**
 * Reads and parses a request's JSON body when asked, not before: the app registers no body-parsing
 * middleware, and the auth guard calls `read` only once the rate limits and the token have been decided
 * (docs/security.md "Bounded work"). So a request over its rate limit, or without the token its route
 * needs, is answered without its body ever being parsed. A parsed body is checked for dangerous keys.
 */
export class BodyReader {
  private readonly normal: RequestHandler;
  private readonly large: RequestHandler;

  constructor(private readonly limits: { bodyLimitBytes: number; batchBodyLimitBytes: number }) {
    this.normal = json({ limit: limits.bodyLimitBytes, type: JSON_TYPES });
    this.large = json({ limit: limits.batchBodyLimitBytes, type: JSON_TYPES });
  }

  /** Parses the body (once per request) into `req.body`; throws the parser's error or a 400 problem. */
  async read(req: Request, res: Response, large: boolean): Promise<void> {
    const marked = req as Request & { [READ]?: true };
    if (marked[READ]) return;
    marked[READ] = true;
    const parser = large ? this.large : this.normal;
    await new Promise<void>((resolve, reject) => parser(req, res, (error?: unknown) => (error ? reject(parserProblem(error, large ? this.limits.batchBodyLimitBytes : this.limits.bodyLimitBytes)) : resolve())));
    rejectDangerousKeys(req.body);
  }
}

/** body-parser's errors as problems: 413 naming the limit, 400 malformed JSON, 415 an unsupported charset or encoding. */
function parserProblem(error: unknown, limit: number): unknown {
  const e = error as { type?: unknown; status?: unknown };
  switch (e?.type) {
    case 'entity.too.large':
      return new ProblemException(problem(413, 'payload-too-large', 'Payload too large', `The request body is larger than the limit of ${limit} bytes.`, { limit }));
    case 'entity.parse.failed':
      return new ProblemException(problem(400, 'malformed-json', 'Malformed JSON', 'The request body is not valid JSON.'));
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ProblemException(problem(415, 'unsupported-media-type', 'Unsupported media type', 'The body must be JSON in UTF-8 (without a content encoding).'));
    case 'request.aborted':
    case 'request.size.invalid':
      return new ProblemException(problem(400, 'bad-request', 'Bad request', 'The request body was cut short or does not match its Content-Length.'));
    default:
      return error;
  }
}
