import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ProblemException } from '../api/problem-details.filter';
import { problem } from '../api/problem';
import { Principal } from './principal';
import { ACCESS_KEY, AccessLevel, COUNCIL_OF_BODY_KEY, CouncilOfBody } from './access.decorator';
import { TokenService } from './token.service';
import { assertMayWrite, forbidden } from './write-access';
import { AUTHENTICATED } from './rate-limit.guard';

export type AuthenticatedRequest = Request & { principal?: Principal };

/** Checks the bearer token, its role and its council against what the route needs. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const level =
      this.reflector.getAllAndOverride<AccessLevel>(ACCESS_KEY, [context.getHandler(), context.getClass()]) ??
      (req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'admin');

    if (level === 'public') return true;
    const presented = bearer(req);
    if (presented === undefined) {
      if (level === 'read' && this.config.readAccess === 'public') return true;
      throw unauthorized('No bearer token was sent; send "Authorization: Bearer <token>".');
    }
    const principal = ((req as unknown as Record<symbol, Principal | undefined>)[AUTHENTICATED]) ?? (await this.tokens.authenticate(presented));
    if (!principal) throw unauthorized('The bearer token is unknown or has been revoked.');
    req.principal = principal;

    if (level === 'read') return true;
    if (level === 'admin') {
      if (principal.role !== 'admin') throw forbidden(`This needs the admin role; the token has the ${principal.role} role.`);
      return true;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const councilOfBody = this.reflector.get<CouncilOfBody | undefined>(COUNCIL_OF_BODY_KEY, context.getHandler());
    const councilId = (req.params?.councilId as string | undefined) ?? councilOfBody?.(body);
    assertMayWrite(principal, level, body, councilId);
    return true;
  }
}

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

function unauthorized(detail: string): ProblemException {
  return new ProblemException(problem(401, 'unauthorized', 'Authentication required', detail));
}

