import { singleStep } from '../application/fact-plan';
import { factRoute } from '../http/fact-route';
import { AffiliateMemberDto, FoundGroupDto, toAffiliateMember, toFoundGroup } from './group.dto';

export const foundGroupRoute = factRoute({
  path: '/groups',
  dto: FoundGroupDto,
  access: 'write',
  plan: (body) => singleStep(toFoundGroup(body)),
});

export const affiliateMemberRoute = factRoute({
  path: '/members/:memberId/affiliations',
  dto: AffiliateMemberDto,
  access: 'write',
  plan: (body, { memberId }) => singleStep(toAffiliateMember(body, memberId)),
});

export const groupRoutes = [foundGroupRoute, affiliateMemberRoute];
