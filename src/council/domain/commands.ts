import {
  CouncilBodyKind,
  CouncilPlacement,
  Constituency,
  PersonIdentifier,
  CouncilRules,
  MemberStatus,
  Curia,
  DecisionRule,
  DepartureReason,
  ElectionFigures,
  MeetingKind,
  MeetingOutcome,
  ReportedMeetingOutcome,
  MotionKind,
  MotionMode,
  MotionRule,
  QuorumRule,
} from './events';

/**
 * What a secretary or historian asks for. Bodies arrive validated in shape (DTOs); decide() checks them
 * against the council as it was on the fact's own date. `recordAnomaly` records a rule-breaking fact as
 * the source states it, with the violation kept on the event.
 */
interface Base {
  recordAnomaly?: boolean;
  note?: string;
}

export interface FoundCouncil extends Base, CouncilPlacement {
  kind: 'FoundCouncil';
  councilId: string;
  name: string;
  /** Absent: the founding date is unknown. */
  foundedOn?: string;
  /** Absent: the seat count is unknown (the sum of `curiae` when they are given). */
  seats?: number;
  curiae?: Curia[];
  rules?: { quorum?: QuorumRule; decision?: DecisionRule };
  election?: { heldOn?: string; candidates?: number; voters?: number; note?: string };
}

export interface ElectMember extends Base {
  kind: 'ElectMember';
  memberId?: string;
  name: string;
  aliases?: string[];
  curia?: string;
  /** Required unless `electionId` is given: then it defaults to the election's `heldOn`. */
  electedOn?: string;
  votes?: number;
  rank?: number;
  /** The election (RecordElection) that seated the member. */
  electionId?: string;
  constituency?: Constituency;
  identifiers?: PersonIdentifier[];
}

/**
 * An election as a fact: what the source states about it and nothing more. Other modules (the votings
 * platform) record a closed voting's result through this command, followed by one ElectMember per winner
 * with `electionId`.
 */
export interface RecordElection extends Base, ElectionFigures {
  kind: 'RecordElection';
  electionId?: string;
}

export interface RecordDeparture extends Base {
  kind: 'RecordDeparture';
  memberId: string;
  leftOn: string;
  reason?: DepartureReason;
  announcedOn?: string;
}

export interface AppointOfficer extends Base {
  kind: 'AppointOfficer';
  role: string;
  /** memberId or a name/alias; with `nonMember` the name is taken as given. */
  member: string;
  from: string;
  nonMember?: boolean;
}

export interface EndOfficerTerm extends Base {
  kind: 'EndOfficerTerm';
  role: string;
  to: string;
  reason?: string;
}

export interface FormWorkingGroup extends Base {
  kind: 'FormWorkingGroup';
  workingGroupId?: string;
  name: string;
  formedOn: string;
  /** memberIds, names or aliases; absent when the source does not give the composition. */
  members?: string[];
}

export interface RecordMeeting extends Base {
  kind: 'RecordMeeting';
  meetingId?: string;
  number?: number;
  date: string;
  meetingKind?: MeetingKind;
  chair?: string;
  agenda?: string[];
  present?: string[];
  presentCount?: number;
  remoteCount?: number;
  reportedMembership?: number;
  reportedOutcome?: ReportedMeetingOutcome;
  /** Issue 25: where, when it started, who was to chair it, how many decisions; why it was not assembled. */
  place?: string;
  startTime?: string;
  scheduledChair?: string;
  decisionCount?: number;
  reason?: string;
}

export interface TableMotion extends Base {
  kind: 'TableMotion';
  motionId?: string;
  title: string;
  motionKind?: MotionKind;
  meetingId?: string;
  openedOn: string;
  /** How it was decided; absent: from `online` and the meeting (motionModeOf). */
  mode?: MotionMode;
  online?: boolean;
  options?: string[];
  rule?: MotionRule;
  /** Issue 25: who proposed it (memberIds, names or aliases; a non-member by name). */
  proposers?: string[];
}

export interface CastVote extends Base {
  kind: 'CastVote';
  motionId: string;
  /** memberId, name or alias. */
  member: string;
  choice: string;
}

/** Issue 21: a member did not vote on the motion, paired with another member (memberId, name or alias each). */
export interface PairVote extends Base {
  kind: 'PairVote';
  motionId: string;
  member: string;
  pairedWith: string;
}

export interface DecideMotion extends Base {
  kind: 'DecideMotion';
  motionId: string;
  decidedOn: string;
  counts?: Record<string, number>;
  reportedOutcome?: 'adopted' | 'rejected';
  reportedWinner?: string;
}

export interface DissolveCouncil extends Base {
  kind: 'DissolveCouncil';
  dissolvedOn: string;
  reason?: string;
}

export interface ClassifyCouncil extends Base, CouncilPlacement {
  kind: 'ClassifyCouncil';
}

export interface FoundGroup extends Base {
  kind: 'FoundGroup';
  groupId?: string;
  name: string;
  classification?: string;
  foundedOn?: string;
}

export interface AffiliateMember extends Base {
  kind: 'AffiliateMember';
  memberId: string;
  groupId: string;
  /** Absent: the start is unknown. */
  from?: string;
  to?: string;
  outside?: boolean;
}

export interface CorrectFact extends Base {
  kind: 'CorrectFact';
  eventId: string;
  action: 'retract' | 'replace';
  /** For `replace`: the command the original write would have been, already parsed from its body. */
  replacement?: Exclude<CouncilCommand, CorrectFact | FoundCouncil>;
  reason: string;
}

export type CouncilCommand =
  | FoundCouncil
  | ElectMember
  | RecordElection
  | RecordDeparture
  | AppointOfficer
  | EndOfficerTerm
  | FormWorkingGroup
  | RecordMeeting
  | TableMotion
  | CastVote
  | PairVote
  | DecideMotion
  | DissolveCouncil
  | ClassifyCouncil
  | FoundGroup
  | AffiliateMember
  | RecordMemberStatus
  | DescribeCouncil
  | FormCouncilBody
  | RecordMembersStatement
  | CorrectFact;

/** Issue 25: a member's status that is not a departure. */
export interface RecordMemberStatus extends Base {
  kind: 'RecordMemberStatus';
  memberId: string;
  status: MemberStatus;
  on: string;
}

/** Issue 25: abbreviations, ideology, term and convocation; at least one. */
export interface DescribeCouncil extends Base {
  kind: 'DescribeCouncil';
  describedOn?: string;
  abbreviations?: string[];
  ideology?: string[];
  term?: string;
  convocation?: number;
}

/** Issue 25: a committee, a set of N working groups with unknown names, a forum... */
export interface FormCouncilBody extends Base {
  kind: 'FormCouncilBody';
  bodyId?: string;
  bodyKind: CouncilBodyKind;
  name?: string;
  count?: number;
  formedOn: string;
  /** memberIds, names or aliases; a name that is no member's is kept as given. */
  members?: string[];
}

/** Issue 25: a statement by part of the members, with the signatories the source names or their count. */
export interface RecordMembersStatement extends Base {
  kind: 'RecordMembersStatement';
  statementId?: string;
  title: string;
  issuedOn: string;
  signatories?: string[];
  signatoryCount?: number;
}

export const DEFAULT_RULES: CouncilRules = { quorum: 'majority-of-members', decision: 'majority-of-members' };
