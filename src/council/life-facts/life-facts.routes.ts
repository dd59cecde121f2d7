import { singleStep } from '../application/fact-plan';
import { factRoute } from '../http/fact-route';
import {
  DescribeCouncilDto,
  FormCouncilBodyDto,
  RecordMemberStatusDto,
  RecordMembersStatementDto,
  toDescribeCouncil,
  toFormCouncilBody,
  toRecordMemberStatus,
  toRecordMembersStatement,
} from './life-facts.dto';

export const memberStatusRoute = factRoute({
  path: '/members/:memberId/statuses',
  dto: RecordMemberStatusDto,
  access: 'write',
  plan: (body, { memberId }) => singleStep(toRecordMemberStatus(body, memberId)),
});

export const describeCouncilRoute = factRoute({
  path: '/description',
  dto: DescribeCouncilDto,
  access: 'write',
  plan: (body) => singleStep(toDescribeCouncil(body)),
});

export const councilBodyRoute = factRoute({
  path: '/bodies',
  dto: FormCouncilBodyDto,
  access: 'write',
  plan: (body) => singleStep(toFormCouncilBody(body)),
});

export const membersStatementRoute = factRoute({
  path: '/statements',
  dto: RecordMembersStatementDto,
  access: 'write',
  plan: (body) => singleStep(toRecordMembersStatement(body)),
});

export const lifeFactRoutes = [memberStatusRoute, describeCouncilRoute, councilBodyRoute, membersStatementRoute];
