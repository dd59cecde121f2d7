import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ProblemException } from '../api/problem-details.filter';
import { problem } from '../api/problem';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Access } from '../auth/access.decorator';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { PROJECTION_STATUS, ProjectionStatus } from '../read-models/projection-status';

/** How long health waits for the store's head before calling it unreachable. */
const HEAD_TIMEOUT_MS = 3000;

@ApiTags('operations')
@SkipThrottle({ address: true, token: true })
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_STATUS) private readonly projections: ProjectionStatus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Access('public')
  @HealthCheck()
  @ApiOkResponse({ description: 'The store in use and how many events the read models are behind.' })
  async check() {
    const view = await this.view();
    return this.explained(() => this.health.check([
      async () => this.storeIndicator(view),
      async () => {
        const session = this.indicators.check('projections');
        const details = this.projectionDetails(view);
        // A runner stopped for good (the store refuses the subscription, or is not the one the read
        // database was built from) is down; paused (retrying) or parked events only show in the details.
        return details.state === 'failed' ? session.down(details) : session.up(details);
      },
    ]));
  }

  @Get('live')
  @Access('public')
  @ApiOkResponse({ description: 'The process answers (liveness: restart it when this fails).' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Access('public')
  @ApiOkResponse({ description: 'Ready for traffic: the store answers, the read models are within READY_MAX_LAG, nothing is parked.' })
  @ApiServiceUnavailableResponse({ description: 'Not ready; `error` says which check failed and why.' })
  async ready() {
    const view = await this.view();
    return this.explained(() => this.health.check([
      async () => this.storeIndicator(view),
      async () => {
        const session = this.indicators.check('projections');
        const details = this.projectionDetails(view);
        const reasons: string[] = [];
        if (details.state !== 'running') reasons.push(`the projection runner is ${details.state}${details.error ? `: ${details.error}` : ''}`);
        if (details.lag > this.config.readyMaxLag) reasons.push(`lag ${details.lag} exceeds READY_MAX_LAG ${this.config.readyMaxLag}`);
        if (details.parked > 0) reasons.push(`${details.parked} parked event(s): see GET /api/projections`);
        return reasons.length === 0 ? session.up(details) : session.down({ ...details, reasons });
      },
    ]));
  }

  /** A failed check as a 503 problem that says what failed (terminus' own exception would be hidden). */
  private async explained<T>(check: () => Promise<T>): Promise<T> {
    try {
      return await check();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as { error?: Record<string, { reasons?: string[]; message?: string }>; details?: unknown };
      const failing = Object.entries(result.error ?? {}).map(([name, r]) => `${name}: ${(r.reasons ?? [r.message ?? 'down']).join('; ')}`);
      throw new ProblemException(
        problem(503, 'not-ready', 'Not ready', failing.join('. ') || 'A check failed.', { retryAfter: 5, checks: result.details }),
      );
    }
  }

  /** One read of the head serves every indicator; bounded, so a stalled store cannot hang health. */
  private async view() {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${HEAD_TIMEOUT_MS} ms`)), HEAD_TIMEOUT_MS);
    });
    try {
      const position = await Promise.race([this.store.headPosition(), timeout]);
      return { ok: true as const, position };
    } catch (error) {
      return { ok: false as const, position: undefined, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  private storeIndicator(view: Awaited<ReturnType<HealthController['view']>>) {
    const session = this.indicators.check('eventStore');
    return view.ok
      ? session.up({ kind: this.store.kind, headPosition: view.position?.toString() ?? null })
      : session.down({ kind: this.store.kind, message: `the event store does not answer (${view.error})` });
  }

  private projectionDetails(view: Awaited<ReturnType<HealthController['view']>>) {
    const checkpoint = this.projections.checkpoint() ?? 0n;
    const position = view.position ?? 0n;
    const lag = position > checkpoint ? position - checkpoint : 0n;
    const runner = this.projections.state?.() ?? { state: 'running' as const, failures: 0 };
    return {
      checkpoint: checkpoint.toString(),
      lag: Number(lag),
      // SQLite positions count events; EventStoreDB's commit positions are log offsets.
      lagUnit: this.store.kind === 'sqlite' ? 'events' : 'log-bytes',
      caughtUp: this.projections.caughtUp(),
      state: runner.state,
      ...(runner.error ? { error: runner.error } : {}),
      parked: this.projections.parked?.().length ?? 0,
    };
  }
}
