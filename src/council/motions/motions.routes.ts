import { singleStep } from '../application/fact-plan';
import { factRoute } from '../http/fact-route';
import { CastVoteDto, DecideMotionDto, TableMotionDto, toCastVote, toDecideMotion, toTableMotion } from './motion.dto';
import { RollCallDto, planRollCall } from './roll-call.dto';

export const tableMotionRoute = factRoute({
  path: '/motions',
  dto: TableMotionDto,
  access: 'write',
  plan: (body) => singleStep(toTableMotion(body)),
});

export const castVoteRoute = factRoute({
  path: '/motions/:motionId/votes',
  dto: CastVoteDto,
  access: 'write',
  plan: (body, { motionId }) => singleStep(toCastVote(body, motionId)),
});

export const decideMotionRoute = factRoute({
  path: '/motions/:motionId/result',
  dto: DecideMotionDto,
  access: 'write',
  plan: (body, { motionId }) => singleStep(toDecideMotion(body, motionId)),
});

export const rollCallRoute = factRoute({
  path: '/motions/:motionId/roll-call',
  dto: RollCallDto,
  access: 'write',
  plan: (body, { motionId }) => planRollCall(body, motionId),
});

export const motionRoutes = [tableMotionRoute, castVoteRoute, decideMotionRoute, rollCallRoute];
