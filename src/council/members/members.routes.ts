import { singleStep } from '../application/fact-plan';
import { factRoute } from '../http/fact-route';
import { ElectMemberDto, toElectMember } from './elect-member.dto';
import { RecordDepartureDto, toRecordDeparture } from './record-departure.dto';

export const electMemberRoute = factRoute({
  path: '/members',
  dto: ElectMemberDto,
  access: 'write',
  plan: (body) => singleStep(toElectMember(body)),
});

export const recordDepartureRoute = factRoute({
  path: '/members/:memberId/departure',
  dto: RecordDepartureDto,
  access: 'write',
  plan: (body, { memberId }) => singleStep(toRecordDeparture(body, memberId)),
});

export const memberRoutes = [electMemberRoute, recordDepartureRoute];
