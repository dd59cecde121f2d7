import { singleStep } from '../application/fact-plan';
import { factRoute } from '../http/fact-route';
import { DissolveCouncilDto, toDissolveCouncil } from './dissolve-council.dto';

/** Founding is not here: it creates the council a batch is addressed to. */
export const dissolveCouncilRoute = factRoute({
  path: '/dissolution',
  dto: DissolveCouncilDto,
  access: 'write',
  plan: (body) => singleStep(toDissolveCouncil(body)),
});

export const councilRoutes = [dissolveCouncilRoute];
