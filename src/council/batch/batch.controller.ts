import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { assertMayWrite } from '../../auth/write-access';
import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { validateBody } from '../../api/validation';
import { BatchItemError } from '../application/fact-plan';
import { BatchWorkItem } from '../application/council-writer';
import { CouncilWrite } from '../http/council-write';
import { SlugPipe } from '../http/slug.pipe';
import { BATCH_ROUTES } from './batch-routes';
import { BatchDto, MAX_BATCH_ITEMS } from './batch.dto';
import { RouteMatcher } from './route-matcher';
import { LargeBody } from '../../api/body-reader';
import { setImmediate as nextTurn } from 'node:timers/promises';

const matcher = new RouteMatcher(BATCH_ROUTES);

/**
 * Many write requests in one: each item is checked as its own endpoint would check it (DTO, role), then
 * all are decided in order on one state and appended together at one expected revision. The first
 * refused item refuses the batch (nothing appended): the problem has that item's status, `failedIndex`
 * and the item's own problem under `item`.
 */
@ApiTags('batch')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'covers the whole batch' })
@Controller('councils/:councilId/batch')
export class BatchController {
  constructor(private readonly write: CouncilWrite) {}

  @Post()
  @Access('write')
  @LargeBody()
  @ApiCreatedResponse({ description: '{ results: [each item’s reply], eventIds, position }' })
  async record(@Param('councilId', SlugPipe) councilId: string, @Body() body: BatchDto, @Req() req: AuthenticatedRequest) {
    if (body.requests.length > MAX_BATCH_ITEMS) {
      throw new ProblemException(
        problem(413, 'batch-too-large', 'Too many items', `The batch has ${body.requests.length} items; the limit is ${MAX_BATCH_ITEMS}. Send it as several batches.`, {
          limit: MAX_BATCH_ITEMS,
          items: body.requests.length,
        }),
      );
    }
    // Validating thousands of items takes a while: the event loop runs every VALIDATE_SLICE_MS meanwhile.
    const items: BatchWorkItem[] = [];
    let since = performance.now();
    for (const [index, raw] of body.requests.entries()) {
      if (performance.now() - since >= VALIDATE_SLICE_MS) {
        await nextTurn();
        since = performance.now();
      }
      items.push(this.item(raw, index, councilId, body, req));
    }
    return this.write.batch(councilId, items, { source: body.source }, req);
  }

  private item(raw: unknown, index: number, councilId: string, batch: BatchDto, req: AuthenticatedRequest): BatchWorkItem {
    const path = isObject(raw) && typeof raw.path === 'string' ? raw.path : '';
    try {
      if (!isObject(raw) || typeof raw.path !== 'string' || !isObject(raw.body) || Object.keys(raw).some((k) => k !== 'path' && k !== 'body')) {
        throw new ProblemException(
          problem(400, 'validation', 'Invalid request', 'An item is { "path": "/members", "body": { ... } } and nothing else.', {
            errors: [{ field: `requests.${index}`, message: 'must be an object with a string path and an object body' }],
          }),
        );
      }
      const match = matcher.match(raw.path);
      if ('error' in match) {
        throw new ProblemException(
          match.error === 'invalid-id' ? problem(404, 'not-found', 'Not found', match.detail) : problem(404, 'unknown-path', 'Unknown path', match.detail, { paths: matcher.paths }),
        );
      }
      const dto = validateBody(match.route.dto, raw.body);
      assertMayWrite(req.principal!, match.route.access, raw.body, councilId);
      const plan = match.route.plan(dto, match.params);
      const source = dto.source ?? batch.source;
      return { plan: { ...plan, source: source ? { ...source } : undefined }, path };
    } catch (error) {
      throw new BatchItemError(index, path, error);
    }
  }
}

/** Longest the batch validates items before it lets other requests (and health) run. */
const VALIDATE_SLICE_MS = 10;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
