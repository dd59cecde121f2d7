import { ProblemException } from '../api/problem-details.filter';
import { problem } from '../api/problem';
import { Principal } from './principal';

const WRITERS = new Set(['admin', 'secretary', 'historian']);
const HISTORIANS = new Set(['admin', 'historian']);

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
  const needsHistorian = level === 'correction' || body.recordAnomaly === true;
  if (!WRITERS.has(principal.role)) {
    throw forbidden(`Recording facts needs the secretary, historian or admin role; the token has the ${principal.role} role.`);
  }
  if (needsHistorian && !HISTORIANS.has(principal.role)) {
    throw forbidden(
      `${level === 'correction' ? 'Corrections' : 'Writes with "recordAnomaly": true'} need the historian or admin role; the token has the ${principal.role} role.`,
    );
  }
  if (principal.councilId && principal.role !== 'admin' && principal.councilId !== councilId) {
    throw forbidden(`The token covers council ${principal.councilId} only; this request is for ${councilId ?? 'a new council'}.`);
  }
}

export function forbidden(detail: string): ProblemException {
  return new ProblemException(problem(403, 'forbidden', 'Forbidden', detail));
}
