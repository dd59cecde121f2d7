import { NewCouncilEvent } from '../events';
import { NotFoundError } from '../errors';
import { CouncilInfo, CouncilState } from '../state';

/** What decide() returns: the events to append and the reply for the caller (API field names). */
export interface Decision {
  events: NewCouncilEvent[];
  reply: Record<string, unknown>;
}

export function requireCouncil(state: CouncilState): CouncilInfo {
  if (!state.council) throw new NotFoundError('council', '');
  return state.council;
}
