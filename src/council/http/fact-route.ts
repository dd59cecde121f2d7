import { FactPlan } from '../application/fact-plan';
import { WriteBody } from './common.dto';

/**
 * A write endpoint under /api/councils/:councilId, described once: the single-fact controller and the
 * batch both go through it (same DTO, same access level, same mapping to commands, same decide()).
 * A slice declares its routes in its own `<slice>.routes.ts` and adds one line to `batch/batch-routes.ts`.
 */
export interface FactRoute<T extends WriteBody = WriteBody> {
  /** As a batch item names it: '/members', '/motions/:motionId/votes' (parameters are slugs). */
  path: string;
  /** The body's DTO: validated by the ValidationPipe for the endpoint, by validateBody() in a batch. */
  dto: new () => T;
  /** `write`: secretary, historian or admin (historian for `recordAnomaly`); `correction`: historian or admin. */
  access: 'write' | 'correction';
  /** The commands the body asks for. May throw a ProblemException (a 400 the DTO cannot express). */
  plan(body: T, params: Record<string, string>): FactPlan;
}

/** Declares a route with its DTO's type checked against `plan`. */
export function factRoute<T extends WriteBody>(route: FactRoute<T>): FactRoute {
  return route as unknown as FactRoute;
}
