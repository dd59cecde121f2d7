import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler';
import { TokenService } from './token.service';
import { requestPrincipal } from './request-principal';

/**
 * The throttler, made to protect without strangling:
 * - health (`/api/health`, `/api/health/live`, `/api/health/ready`) is never limited: a load balancer
 *   probing a busy service must not be told it is down;
 * - a request with a valid token counts against its token only (by token id, however the header is
 *   spelled), not its address (an importer behind a shared NAT or proxy does not eat its neighbours'
 *   budget, nor they its); an unknown token or none counts against the address (an IPv6 address by its
 *   /64), which also slows down token guessing;
 * - every 429 carries a standard `Retry-After` (the library's named throttlers only set `Retry-After-<name>`).
 * It runs before the auth guard, which is what reads a request's body: a limited request is never parsed.
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
    const principal = await requestPrincipal(req, this.tokens);
    if (props.throttler.name === 'address' && principal) return true;
    if (props.throttler.name === 'token' && !principal) return true;
    return super.handleRequest(props);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'Retry-After', Math.max(1, detail.timeToBlockExpire));
    return super.throwThrottlingException(context, detail);
  }
}
