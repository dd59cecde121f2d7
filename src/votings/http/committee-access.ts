import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { TokenService } from '../../auth/token.service';
import { Principal } from '../../council/application/request-context';

const COMMITTEE = new Set(['admin', 'secretary']);

/**
 * The election committee: an admin, or a secretary whose token covers the voting's council. Staff tokens
 * only (voter tokens are a different credential, checked by the voting itself).
 */
@Injectable()
export class CommitteeAccess {
  constructor(private readonly tokens: TokenService) {}

  async require(req: Request & { principal?: Principal }, councilId: string): Promise<Principal> {
    const principal = req.principal ?? (await this.authenticate(req));
    if (!COMMITTEE.has(principal.role)) {
      throw forbidden(`Running a voting needs the admin role or the council's secretary; the token has the ${principal.role} role.`);
    }
    if (principal.role !== 'admin' && principal.councilId && principal.councilId !== councilId) {
      throw forbidden(`The token covers council ${principal.councilId} only; this voting belongs to ${councilId}.`);
    }
    return principal;
  }

  private async authenticate(req: Request): Promise<Principal> {
    const token = bearerToken(req);
    if (token === undefined) throw unauthorized('No bearer token was sent; send "Authorization: Bearer <token>".');
    const principal = await this.tokens.authenticate(token);
    if (!principal) throw unauthorized('The bearer token is unknown or has been revoked.');
    return principal;
  }
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

export function unauthorized(detail: string): ProblemException {
  return new ProblemException(problem(401, 'unauthorized', 'Authentication required', detail));
}

function forbidden(detail: string): ProblemException {
  return new ProblemException(problem(403, 'forbidden', 'Forbidden', detail));
}
