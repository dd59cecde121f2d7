import { singleStep } from '../application/fact-plan';
import { factRoute } from '../http/fact-route';
import { AppointOfficerDto, EndOfficerTermDto, toAppointOfficer, toEndOfficerTerm } from './officer.dto';

export const appointOfficerRoute = factRoute({
  path: '/officers',
  dto: AppointOfficerDto,
  access: 'write',
  plan: (body) => singleStep(toAppointOfficer(body)),
});

export const endOfficerTermRoute = factRoute({
  path: '/officers/:role/end',
  dto: EndOfficerTermDto,
  access: 'write',
  plan: (body, { role }) => singleStep(toEndOfficerTerm(body, role)),
});

export const officerRoutes = [appointOfficerRoute, endOfficerTermRoute];
