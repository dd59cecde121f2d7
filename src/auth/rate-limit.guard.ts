import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler';
import { TokenService } from './token.service';

const CHECKED = Symbol('rate-limit:token-checked');

/** The principal the rate-limit guard already authenticated for this request (the auth guard reuses it: one hash per request). */
export const AUTHENTICATED = Symbol('rate-limit:principal');

/**
 * The throttler, made to protect without strangling:
 * - health (`/api/health`, `/api/health/live`, `/api/health/ready`) is never limited: a load balancer
 *   probing a busy service must not be told it is down;
 * - a request with a valid token counts against its token only, not its address (an importer behind a
 *   shared NAT or proxy does not eat its neighbours' budget, nor they its); an unknown token or none counts
 *   against the address, which also slows down token guessing;
 * - every 429 carries a standard `Retry-After` (the library's named throttlers only set `Retry-After-<name>`).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly tokens: TokenService,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<{ path?: string; originalUrl?: string }>();
    const path = req.path ?? (req.originalUrl ?? '').split('?')[0];
    return path === '/api/health' || path.startsWith('/api/health/');
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const { req } = this.getRequestResponse(props.context);
    if (props.throttler.name === 'address' && (await this.hasValidToken(req))) return true;
    if (props.throttler.name === 'token' && !(await this.hasValidToken(req))) return true;
    return super.handleRequest(props);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'Retry-After', Math.max(1, detail.timeToBlockExpire));
    return super.throwThrottlingException(context, detail);
  }

  private async hasValidToken(req: Record<string | symbol, any>): Promise<boolean> {
    if (!req[CHECKED]) {
      req[CHECKED] = true;
      const match = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers?.authorization ?? ''));
      req[AUTHENTICATED] = match ? await this.tokens.authenticate(match[1]) : undefined;
    }
    return req[AUTHENTICATED] !== undefined;
  }
}
