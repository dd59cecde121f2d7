import { singleStep } from '../application/fact-plan';
import { factRoute } from '../http/fact-route';
import { RecordElectionDto, toRecordElection } from './election.dto';

export const recordElectionRoute = factRoute({
  path: '/elections',
  dto: RecordElectionDto,
  access: 'write',
  plan: (body) => singleStep(toRecordElection(body)),
});

export const electionRoutes = [recordElectionRoute];
