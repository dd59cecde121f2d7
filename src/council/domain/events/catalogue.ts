/**
 * Every council event type: the map from type to data, the list of types, the event as decided and as read
 * back, and the stream names. The two corrections are here too, not in a file of their own: they name any
 * event type (`CouncilEventType`), so a file of their own would import this one and be imported by it.
 */
import type { CouncilClassified, CouncilDescribed, CouncilDissolved, CouncilFounded } from './council';
import type { EventMetadataV1 } from './fact';
import type { CouncilBodyFormed, GroupFounded, MemberAffiliated, OfficerAppointed, OfficerTermEnded, WorkingGroupFormed } from './bodies';
import type { MeetingHeld, MeetingNotAssembled, QuorumFailed } from './meetings';
import type { ElectionRecorded, MemberElected, MemberLeft, MembersStatementIssued, MemberStatusChanged } from './members';
import type { MotionDecided, MotionTabled, VoteCast, VotePaired } from './motions';

/** A correction replaces an earlier event's data; the original stays in the record. */
export interface FactCorrected {
  eventId: string;
  originalType: CouncilEventType;
  replacement: { type: CouncilEventType; data: CouncilFactData };
  reason: string;
}

export interface FactRetracted {
  eventId: string;
  originalType: CouncilEventType;
  reason: string;
}

export interface CouncilEventMap {
  CouncilFounded: CouncilFounded;
  MemberElected: MemberElected;
  MemberLeft: MemberLeft;
  ElectionRecorded: ElectionRecorded;
  OfficerAppointed: OfficerAppointed;
  OfficerTermEnded: OfficerTermEnded;
  WorkingGroupFormed: WorkingGroupFormed;
  MeetingHeld: MeetingHeld;
  QuorumFailed: QuorumFailed;
  MeetingNotAssembled: MeetingNotAssembled;
  MotionTabled: MotionTabled;
  VoteCast: VoteCast;
  VotePaired: VotePaired;
  MotionDecided: MotionDecided;
  CouncilDissolved: CouncilDissolved;
  CouncilClassified: CouncilClassified;
  GroupFounded: GroupFounded;
  MemberAffiliated: MemberAffiliated;
  MemberStatusChanged: MemberStatusChanged;
  CouncilDescribed: CouncilDescribed;
  CouncilBodyFormed: CouncilBodyFormed;
  MembersStatementIssued: MembersStatementIssued;
  FactCorrected: FactCorrected;
  FactRetracted: FactRetracted;
}

export type CouncilEventType = keyof CouncilEventMap;
export type CouncilFactData = CouncilEventMap[Exclude<CouncilEventType, 'FactCorrected' | 'FactRetracted'>];

/** A new event as decide() returns it; the handler adds id and metadata. */
export type NewCouncilEvent = {
  [K in CouncilEventType]: { type: K; data: CouncilEventMap[K] };
}[CouncilEventType];

/** An event read back from the store, upcast to the current schema. */
export type CouncilEvent = NewCouncilEvent & {
  id: string;
  position: bigint;
  revision: bigint;
  recordedAt: Date;
  metadata: EventMetadataV1;
};

export const COUNCIL_EVENT_TYPES: readonly CouncilEventType[] = [
  'CouncilFounded',
  'MemberElected',
  'MemberLeft',
  'ElectionRecorded',
  'OfficerAppointed',
  'OfficerTermEnded',
  'WorkingGroupFormed',
  'MeetingHeld',
  'QuorumFailed',
  'MeetingNotAssembled',
  'MotionTabled',
  'VoteCast',
  'VotePaired',
  'MotionDecided',
  'CouncilDissolved',
  'CouncilClassified',
  'GroupFounded',
  'MemberAffiliated',
  'MemberStatusChanged',
  'CouncilDescribed',
  'CouncilBodyFormed',
  'MembersStatementIssued',
  'FactCorrected',
  'FactRetracted',
];

export function councilStream(councilId: string): string {
  return `council-${councilId}`;
}

export function councilIdOfStream(streamId: string): string | undefined {
  return streamId.startsWith('council-') ? streamId.slice('council-'.length) : undefined;
}
