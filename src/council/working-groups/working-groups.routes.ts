import { singleStep } from '../application/fact-plan';
import { factRoute } from '../http/fact-route';
import { FormWorkingGroupDto, toFormWorkingGroup } from './working-group.dto';

export const formWorkingGroupRoute = factRoute({
  path: '/working-groups',
  dto: FormWorkingGroupDto,
  access: 'write',
  plan: (body) => singleStep(toFormWorkingGroup(body)),
});

export const workingGroupRoutes = [formWorkingGroupRoute];
