import { singleStep } from '../application/fact-plan';
import { factRoute } from '../http/fact-route';
import { DissolveCouncilDto, toDissolveCouncil } from './dissolve-council.dto';
import { CouncilPlacementDto, toClassifyCouncil } from './classify-council.dto';

/** Founding is not here: it creates the council a batch is addressed to. */
export const dissolveCouncilRoute = factRoute({
  path: '/dissolution',
  dto: DissolveCouncilDto,
  access: 'write',
  plan: (body) => singleStep(toDissolveCouncil(body)),
});

/** The council's type, level and parent council (a regional council under its national one). */
export const classifyCouncilRoute = factRoute({
  path: '/classification',
  dto: CouncilPlacementDto,
  access: 'write',
  plan: (body) => singleStep(toClassifyCouncil(body)),
});

export const councilRoutes = [dissolveCouncilRoute, classifyCouncilRoute];
