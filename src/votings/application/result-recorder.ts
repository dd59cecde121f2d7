import type { Principal } from '../../council/application/request-context';
import type { VotingEventMap, VotingState } from '../domain';

/** Where a counted voting's result goes: the council's record (CouncilRecorder). */
export const COUNCIL_RECORDER = Symbol('COUNCIL_RECORDER');

export interface ResultRecorder {
  record(state: VotingState, principal?: Principal): Promise<VotingEventMap['VotingResultRecorded']>;
}
