import { FactRoute } from '../http/fact-route';
import { councilRoutes } from '../found-council/councils.routes';
import { memberRoutes } from '../members/members.routes';
import { meetingRoutes } from '../meetings/meetings.routes';
import { motionRoutes } from '../motions/motions.routes';
import { officerRoutes } from '../officers/officers.routes';
import { workingGroupRoutes } from '../working-groups/working-groups.routes';
import { correctionRoutes } from '../corrections/corrections.routes';
import { groupRoutes } from '../groups/groups.routes';
import { electionRoutes } from '../elections/elections.routes';
import { lifeFactRoutes } from '../life-facts/life-facts.routes';

/**
 * Every path a batch item may name. A slice that adds a write endpoint declares a FactRoute in its own
 * `<slice>.routes.ts` (used by its controller too) and adds one line here.
 */
export const BATCH_ROUTES: readonly FactRoute[] = [
  ...memberRoutes,
  ...electionRoutes,
  ...meetingRoutes,
  ...motionRoutes,
  ...officerRoutes,
  ...workingGroupRoutes,
  ...correctionRoutes,
  ...councilRoutes,
  ...groupRoutes,
  ...lifeFactRoutes,
];
