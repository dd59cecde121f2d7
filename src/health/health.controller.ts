import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Access } from '../auth/access.decorator';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { PROJECTION_STATUS, ProjectionStatus } from '../read-models/projection-status';

@ApiTags('operations')
@SkipThrottle({ address: true, token: true })
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_STATUS) private readonly projections: ProjectionStatus,
  ) {}

  @Get()
  @Access('public')
  @HealthCheck()
  @ApiOkResponse({ description: 'The store in use and how many events the read models are behind.' })
  async check() {
    // One read of the head serves both indicators.
    const head = await this.store.headPosition().then(
      (position) => ({ ok: true as const, position }),
      () => ({ ok: false as const, position: undefined }),
    );
    return this.health.check([
      async () => {
        const session = this.indicators.check('eventStore');
        return head.ok
          ? session.up({ kind: this.store.kind, headPosition: head.position?.toString() ?? null })
          : session.down({ kind: this.store.kind, message: 'the event store does not answer' });
      },
      async () => {
        const session = this.indicators.check('projections');
        const checkpoint = this.projections.checkpoint() ?? 0n;
        const position = head.position ?? 0n;
        const lag = position > checkpoint ? position - checkpoint : 0n;
        return session.up({
          checkpoint: checkpoint.toString(),
          lag: Number(lag),
          // SQLite positions count events; EventStoreDB's commit positions are log offsets.
          lagUnit: this.store.kind === 'sqlite' ? 'events' : 'log-bytes',
          caughtUp: this.projections.caughtUp(),
        });
      },
    ]);
  }
}
