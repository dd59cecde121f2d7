import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ProblemException } from '../api/problem-details.filter';
import { problem } from '../api/problem';
import { BodyReader, LARGE_BODY_KEY } from '../api/body-reader';
import { Principal } from './principal';
import { ACCESS_KEY, AccessLevel, COUNCIL_OF_BODY_KEY, CouncilOfBody } from './access.decorator';
import { TokenService } from './token.service';
import { COUNCIL_IN_BODY, assertMayWrite, assertMayWriteBeforeBody, forbidden } from './write-access';
import { bearerToken, requestPrincipal } from './request-principal';

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Checks the bearer token, its role and its council against what the route needs, and only then reads
 * the request's body (BodyReader): everything that can be decided without the body is decided first.
 * A token that is sent is checked on every route, public ones included: an unknown or revoked token is 401.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly body: BodyReader;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.body = new BodyReader(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const level =
      this.reflector.getAllAndOverride<AccessLevel>(ACCESS_KEY, [context.getHandler(), context.getClass()]) ??
      (req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'admin');
    const readBody = () => this.body.read(req, res, this.reflector.get<boolean>(LARGE_BODY_KEY, context.getHandler()) === true);

    // Health answers probes whatever they send, without touching the token list.
    if (level === 'public' && isHealth(req)) return true;
    if (level === 'voter') {
      await readBody();
      return true;
    }
    const presented = bearerToken(req.headers.authorization);
    if (presented === undefined) {
      if (level === 'public' || (level === 'read' && this.config.readAccess === 'public')) {
        await readBody();
        return true;
      }
      throw unauthorized('No bearer token was sent; send "Authorization: Bearer <token>".');
    }
    const principal = await requestPrincipal(req, this.tokens);
    if (!principal) throw unauthorized('The bearer token is unknown or has been revoked.');
    req.principal = principal;

    if (level === 'admin' && principal.role !== 'admin') throw forbidden(`This needs the admin role; the token has the ${principal.role} role.`);
    if (level === 'public' || level === 'read' || level === 'admin') {
      await readBody();
      return true;
    }
    const councilOfBody = this.reflector.get<CouncilOfBody | undefined>(COUNCIL_OF_BODY_KEY, context.getHandler());
    const pathCouncil = req.params?.councilId as string | undefined;
    assertMayWriteBeforeBody(principal, level, pathCouncil ?? (councilOfBody ? COUNCIL_IN_BODY : undefined));
    await readBody();
    const body = (req.body ?? {}) as Record<string, unknown>;
    assertMayWrite(principal, level, body, pathCouncil ?? councilOfBody?.(body));
    return true;
  }
}

function isHealth(req: Request): boolean {
  const path = req.path ?? '';
  return path === '/api/health' || path.startsWith('/api/health/');
}

function unauthorized(detail: string): ProblemException {
  return new ProblemException(problem(401, 'unauthorized', 'Authentication required', detail));
}
