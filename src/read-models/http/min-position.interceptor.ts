import { BadRequestException, CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, from, switchMap } from 'rxjs';
import { problem } from '../../api/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PROJECTION_STATUS, ProjectionStatus } from '../projection-status';

export const PROJECTION_POSITION_HEADER = 'X-Projection-Position';
export const MIN_POSITION_REACHED_HEADER = 'X-Min-Position-Reached';

/**
 * Read-after-write: with `?minPosition=` a read waits until the projections have applied that position,
 * at most `minPositionWaitMs`. Either way it answers with what the read models hold, and says how far
 * they had got in `X-Projection-Position` (and, with minPosition, `X-Min-Position-Reached: true|false`).
 */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(
    @Inject(PROJECTION_STATUS) private readonly status: ProjectionStatus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const raw = req.query?.minPosition;
    if (raw !== undefined && (typeof raw !== 'string' || !/^\d{1,19}$/.test(raw))) {
      throw new BadRequestException(
        problem(400, 'validation', 'Invalid request', 'minPosition must be a global position (digits)', {
          errors: [{ field: 'minPosition', message: 'must be a global position (digits)' }],
        }),
      );
    }
    const wait = raw === undefined ? Promise.resolve(undefined) : this.status.waitFor(BigInt(raw), this.config.minPositionWaitMs);
    return from(wait).pipe(
      switchMap((reached) => {
        res.setHeader(PROJECTION_POSITION_HEADER, this.status.checkpoint()?.toString() ?? '0');
        if (reached !== undefined) res.setHeader(MIN_POSITION_REACHED_HEADER, String(reached));
        return next.handle();
      }),
    );
  }
}
