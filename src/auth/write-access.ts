import { ProblemException } from '../api/problem-details.filter';
import { problem } from '../api/problem';
import { Principal } from './principal';

const WRITERS = new Set(['admin', 'secretary', 'historian']);
const HISTORIANS = new Set(['admin', 'historian']);

/** For assertMayWriteBeforeBody: the council is named by the body, which has not been read yet. */
export const COUNCIL_IN_BODY = Symbol('council in body');

/**
 * Whether `principal` may record a fact of this access level with this body on this council: the one
 * check the guard makes for a single write and the batch makes for each of its items. Throws a 403 problem.
 */
export function assertMayWrite(
  principal: Principal,
  level: 'write' | 'correction',
  body: Record<string, unknown>,
  councilId: string | undefined,
): void {
  assertMayWriteBeforeBody(principal, level, councilId);
  if (body.recordAnomaly === true && !HISTORIANS.has(principal.role)) {
    throw forbidden(`Writes with "recordAnomaly": true need the historian or admin role; the token has the ${principal.role} role.`);
  }
}

/**
 * The part of assertMayWrite that needs no body: the role, and the council when the path names it. The
 * guard checks it before the body is read, so a token that may not write there never has a body parsed.
 */
export function assertMayWriteBeforeBody(principal: Principal, level: 'write' | 'correction', councilId: string | undefined | typeof COUNCIL_IN_BODY): void {
  if (!WRITERS.has(principal.role)) {
    throw forbidden(`Recording facts needs the secretary, historian or admin role; the token has the ${principal.role} role.`);
  }
  if (level === 'correction' && !HISTORIANS.has(principal.role)) {
    throw forbidden(`Corrections need the historian or admin role; the token has the ${principal.role} role.`);
  }
  if (councilId !== COUNCIL_IN_BODY && principal.councilId && principal.role !== 'admin' && principal.councilId !== councilId) {
    throw forbidden(`The token covers council ${principal.councilId} only; this request is for ${councilId ?? 'a new council'}.`);
  }
}

export function forbidden(detail: string): ProblemException {
  return new ProblemException(problem(403, 'forbidden', 'Forbidden', detail));
}
