import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { PROJECTION_STATUS, ProjectionStatus } from '../projection-status';

/**
 * Operations on the read side (admin): each projection's checkpoint, lag and parked events, and retrying a
 * parked event after a fix. See docs/operations.md.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsController {
  constructor(
    @Inject(PROJECTION_STATUS) private readonly status: ProjectionStatus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @Access('admin')
  @ApiOkResponse({ description: 'Each projection with its checkpoint, lag and parked events; the runner state.' })
  async list() {
    const head = await this.store.headPosition().catch(() => undefined);
    const checkpoint = this.status.checkpoint();
    const lag = head === undefined ? null : Number(head > (checkpoint ?? 0n) ? head - (checkpoint ?? 0n) : 0n);
    const parked = this.status.parked?.() ?? [];
    const runner = this.status.state?.() ?? { state: 'running', failures: 0 };
    return {
      headPosition: head?.toString() ?? null,
      lagUnit: this.store.kind === 'sqlite' ? 'events' : 'log-bytes',
      runner,
      // The projections share one checkpoint: a batch is applied to all of them in one transaction.
      projections: (this.status.projectionNames?.() ?? []).map(({ name, version }) => ({
        name,
        version,
        checkpoint: checkpoint?.toString() ?? null,
        lag,
        parked: parked.filter((p) => p.projection === name),
      })),
      parked,
    };
  }

  @Post('parked/:eventId/retry')
  @Access('admin')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The outcome per projection; an event that still fails stays parked with its new error.' })
  async retry(@Param('eventId') eventId: string) {
    const outcome = await this.status.retryParked?.(eventId);
    if (!outcome) {
      throw new ProblemException(problem(404, 'unknown-parked-event', 'Unknown parked event', `No event ${JSON.stringify(eventId.slice(0, 100))} is parked.`));
    }
    return { ...outcome, stillParked: outcome.results.some((r) => !r.applied) };
  }
}
