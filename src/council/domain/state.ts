import { ValidDate } from './valid-date';
import {
  CouncilEventType,
  CouncilPlacement,
  Constituency,
  PersonIdentifier,
  CouncilFactData,
  CouncilRules,
  Curia,
  DepartureReason,
  ElectionRecorded,
  MeetingKind,
  MeetingOutcome,
  MemberRef,
  MotionDecided,
  MotionKind,
  MotionMode,
  MotionRule,
} from './events';

/**
 * Everything decide() needs about one council, keyed for the lookups the rules make. Built by evolve()
 * from the council's events; the derived parts (council .. motions) are a pure function of `facts`.
 * Dates are kept parsed (`ValidDate`, whose `edtf` field is the string as recorded).
 */
export interface CouncilState {
  council?: CouncilInfo;
  members: Map<string, MemberState>;
  /** normalizeName(name or alias) → ids of the members called so. */
  nameIndex: Map<string, Set<string>>;
  officers: Map<string, OfficerRole>;
  /** Elections on record by electionId (the first recorded with an id). */
  elections: Map<string, ElectionState>;
  workingGroups: Map<string, WorkingGroupState>;
  meetings: Map<string, MeetingState>;
  /** meeting number → meetingId (the first recorded with that number). */
  meetingNumbers: Map<number, string>;
  motions: Map<string, MotionState>;
  /** Political groups by id. */
  groups: Map<string, GroupState>;
  /** memberId → the member's affiliations (first recorded first). */
  affiliations: Map<string, AffiliationState[]>;
  /** The effective facts by event id, in record order: corrected data replaces the original's. */
  facts: Map<string, FactEntry>;
  /** Facts taken out of the record by a FactRetracted, by their event id. */
  retracted: Map<string, FactEntry>;
  /**
   * Requests recorded with a claim, by claim name (`claimName`): an Idempotency-Key as sent, or a keyless
   * request's request id (`requestIdClaim`) → the batch they produced and the reply given.
   */
  requests: Map<string, RecordedRequest>;
  /** Revision and global position of the last applied event. */
  revision: bigint | undefined;
  position: bigint | undefined;
}

export type FactType = Exclude<CouncilEventType, 'FactCorrected' | 'FactRetracted'>;

export interface FactEntry {
  /** Effective type: the recorded one, unless a correction flipped MeetingHeld ↔ QuorumFailed. */
  type: FactType;
  data: CouncilFactData;
  /** The type the event was recorded with. */
  recordedType: FactType;
  /** Ids of the FactCorrected events applied to it, oldest first. */
  corrections: string[];
}

/**
 * The claim name of a request sent without an Idempotency-Key: its request id in a namespace no key can
 * enter. Keys are visible ASCII (src/api/idempotency-key.ts) and no HTTP header carries a NUL, so a key can
 * never equal a request id's claim: an Idempotency-Key that happens to equal some request id neither
 * replays nor blocks that request (decision 36).
 */
export function requestIdClaim(requestId: string): string {
  return `\u0000request-id:${requestId}`;
}

/** The claim a request's metadata names: its Idempotency-Key, else its request id; none on older keyless records. */
export function claimName(metadata: { idempotencyKey?: string; requestId?: string; requestHash?: string }): string | undefined {
  if (metadata.idempotencyKey !== undefined) return metadata.idempotencyKey;
  return metadata.requestId !== undefined && metadata.requestHash !== undefined ? requestIdClaim(metadata.requestId) : undefined;
}

export interface RecordedRequest {
  requestHash: string;
  reply: unknown;
  /** The events' ids (a keyed request); empty for a request id's claim, whose ids derive from it (`events`). */
  eventIds: string[];
  /** A request id's claim: how many events the request appended (ids derived from the claim and the index). */
  events?: number;
  /**
   * A request id's claim: the revision of its last event, whose metadata holds the first reply. The reply is
   * read back from there when the request is resent (rare), not kept in memory for every keyless request.
   */
  revision?: bigint;
  /** Global position of the last event of the batch. */
  position: bigint;
}

export interface CouncilInfo {
  councilId: string;
  name: string;
  /** Absent when the record gives no founding date: no fact is then "before the founding". */
  foundedOn?: ValidDate;
  /** Absent when the record gives no seat count: rules that need it refuse (`seats-unknown`). */
  seats?: number;
  curiae: Map<string, Curia>;
  rules: CouncilRules;
  dissolvedOn?: ValidDate;
  /** Type, level and parent council as the founding and later classifications state them. */
  placement: CouncilPlacement;
}

export interface MemberState {
  memberId: string;
  name: string;
  aliases: string[];
  curia: string;
  electedOn: ValidDate;
  leftOn?: ValidDate;
  departureReason?: DepartureReason;
  rank?: number;
  votes?: number;
  electionId?: string;
  constituency?: Constituency;
  identifiers?: PersonIdentifier[];
}

export interface ElectionState {
  electionId: string;
  /** Absent when the election's date is unknown (issue 25). */
  heldOn?: ValidDate;
  data: ElectionRecorded;
}

export interface GroupState {
  groupId: string;
  name: string;
  classification?: string;
  foundedOn?: ValidDate;
}

export interface AffiliationState {
  memberId: string;
  groupId: string;
  /** Absent: the start is unknown (issue 25). */
  from?: ValidDate;
  to?: ValidDate;
  eventId: string;
}

export interface OfficerTerm {
  role: string;
  memberId?: string;
  name: string;
  from: ValidDate;
  to?: ValidDate;
  nonMember: boolean;
}

export interface OfficerRole {
  current?: OfficerTerm;
  /** Ended (or superseded) terms, in record order. */
  past: OfficerTerm[];
}

export interface WorkingGroupState {
  workingGroupId: string;
  name: string;
  formedOn: ValidDate;
  /** Absent when the source does not give the composition. */
  members?: MemberRef[];
}

export interface MeetingState {
  meetingId: string;
  number?: number;
  date: ValidDate;
  kind: MeetingKind;
  outcome: MeetingOutcome | 'not-assembled';
  /** presentCount, or the number of named participants; absent when attendance is unknown. */
  present?: number;
}

export interface VoteState {
  memberId?: string;
  name: string;
  choice: string;
  eventId: string;
}

export interface MotionState {
  motionId: string;
  title: string;
  kind: MotionKind;
  options?: string[];
  meetingId?: string;
  openedOn: ValidDate;
  mode: MotionMode;
  online: boolean;
  /** The motion's own decision rule; absent, the council's applies. */
  rule?: MotionRule;
  /** By memberId (or `name:<normalized name>` for a voter recorded without one); first vote wins. */
  votes: Map<string, VoteState>;
  /** Issue 21: memberId → the member they were paired with (not votes); first pairing wins. */
  pairs: Map<string, { pairedWith: string; eventId: string }>;
  decided?: MotionDecided;
}

export function initialState(): CouncilState {
  return {
    council: undefined,
    members: new Map(),
    nameIndex: new Map(),
    officers: new Map(),
    elections: new Map(),
    workingGroups: new Map(),
    meetings: new Map(),
    meetingNumbers: new Map(),
    motions: new Map(),
    groups: new Map(),
    affiliations: new Map(),
    facts: new Map(),
    retracted: new Map(),
    requests: new Map(),
    revision: undefined,
    position: undefined,
  };
}
