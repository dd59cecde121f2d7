/**
 * The council's facts. Each is a past-tense event in one stream per council (`council-<councilId>`).
 * `data` holds the fact as it was in the world (with its EDTF valid date); `metadata` holds how it entered
 * the record (source, who recorded it, correlation/causation, idempotency key, schema version).
 * Changing a shape means a new schema version plus an upcaster in upcasting.ts, never a rewrite.
 */

/** 2: MotionTabled has `mode` (issue 25); version-1 events are upcast (upcasting.ts). */
export const SCHEMA_VERSION = 2;

export interface SourceCitation {
  title?: string;
  url?: string;
  locator?: string;
  quote?: string;
}

/** A rule the fact breaks, kept when a historian records it anyway (`recordAnomaly`). */
export interface Violation {
  /** Stable rule id, e.g. `curia-seats`, `departure-before-election`, `voter-not-in-office`. */
  rule: string;
  message: string;
  figures: Record<string, unknown>;
}

/** A reference to a person as the record states it: resolved to a member when it can be. */
export interface MemberRef {
  memberId?: string;
  name: string;
}

export type QuorumRule = 'majority-of-members' | 'majority-of-seats' | { atLeast: number };
export type DecisionRule = 'majority-of-members' | 'majority-of-present';
/** A motion's own decision rule (a council's rule is one of the first two); absent, the council's applies. */
export type MotionRule = DecisionRule | 'two-thirds-of-present' | 'two-thirds-of-members' | { atLeast: number };

export interface Curia {
  key: string;
  name: string;
  /** Absent only for the default curia of a council whose seats the source does not give (issue 25). */
  seats?: number;
}

/** Where a council sits among councils: a national council and the regional ones under it. */
export const COUNCIL_LEVELS = ['international', 'national', 'regional', 'municipal', 'local'] as const;
export type CouncilLevel = (typeof COUNCIL_LEVELS)[number];

/**
 * What kind of council it is and which council it sits under, as a source states it. `parentCouncilId`
 * names another council (another stream: it need not be recorded yet, and is not checked).
 */
export interface CouncilPlacement {
  /** Free text, e.g. "coordination council", "people's council" (Popolo's organization classification). */
  type?: string;
  level?: CouncilLevel;
  parentCouncilId?: string;
}

export interface CouncilRules {
  quorum: QuorumRule;
  decision: DecisionRule;
}

/** Membership on a date as derived from the record: members certainly in office, and those undecidable. */
export interface DerivedMembership {
  certain: number;
  uncertain: number;
}

export interface QuorumFigures {
  rule: QuorumRule;
  /** Members needed with the certain membership, and with every uncertain member counted in. */
  required: number;
  requiredIfAllUncertainIn: number;
}

export interface EventMetadataV1 {
  schemaVersion: number;
  source?: SourceCitation;
  recordedBy?: { tokenId: string; label?: string; role: string };
  recordedAt?: string;
  correlationId?: string;
  causationId?: string;
  idempotencyKey?: string;
  /**
   * The request id (X-Request-Id, or one the service made) of a request sent without an Idempotency-Key: it
   * plays the key's role in a namespace of its own (requestIdClaim), so a resend with the same X-Request-Id
   * replays. Written on the last event of the request only, with requestHash, reply and requestEvents (the
   * request's ids derive from the claim, so its event count names them all); absent on keyed requests and
   * on records older than decision 36.
   */
  requestId?: string;
  /** How many events the request whose last event this is appended (with requestId). */
  requestEvents?: number;
  /**
   * Hash of the request body the idempotency key (or the request id) was first used with: on every event of
   * a keyed request, on the last event of a keyless one.
   */
  requestHash?: string;
  /**
   * The reply the request got, replayed when the same key and body come again. On the last event of the
   * request (records before the batch endpoint carry it on every event).
   */
  reply?: unknown;
}

interface Fact {
  note?: string;
  /** Rules this fact breaks, present only when recorded with `recordAnomaly`. */
  anomalies?: Violation[];
}

export interface CouncilFounded extends Fact, CouncilPlacement {
  councilId: string;
  name: string;
  /** Absent when the source gives no founding date (issue 25): never a made-up date. */
  foundedOn?: string;
  /** Absent when the source gives no seat count (issue 25): never 0, never the number elected. */
  seats?: number;
  curiae: Curia[];
  rules: CouncilRules;
  election?: { heldOn?: string; candidates?: number; voters?: number; note?: string };
}

export interface MemberElected extends Fact {
  memberId: string;
  name: string;
  aliases: string[];
  curia: string;
  electedOn: string;
  votes?: number;
  rank?: number;
  /** The election that seated the member, when the record has it (ElectionRecorded.electionId). */
  electionId?: string;
  /** The constituency (Popolo area) the member was elected for, as the source names it; absent when not given. */
  constituency?: Constituency;
  /** The person's identifiers in other registers (Popolo identifiers: wikidata, …); absent when none given. */
  identifiers?: PersonIdentifier[];
}

/** A constituency as the source gives it: its id (Popolo area_id), its name, or both. */
export interface Constituency {
  id?: string;
  name?: string;
}

/** An identifier of a person in another register, e.g. `{ scheme: 'wikidata', identifier: 'Q12358062' }`. */
export interface PersonIdentifier {
  scheme: string;
  identifier: string;
}

/** A seat allocation of an election: a curia (or list) with its seats and, when known, its candidates. */
export interface ElectionCuria {
  key: string;
  seats: number;
  /** How many candidates stood in this curia; absent when the source does not say. */
  candidates?: number;
}

/** A candidate as the source names them; every figure the source does not give is absent. */
export interface ElectionCandidate {
  name: string;
  memberId?: string;
  curia?: string;
  votes?: number;
  rank?: number;
  elected?: boolean;
}

/** A member of the body that ran the election, as the source names them. */
export interface ElectionCommitteeMember {
  name: string;
  /** Whom they represent or were delegated by, in the source's words ("the left", "Golos association"). */
  represents?: string;
  /** Their role on the committee as the source states it (e.g. "chair", "expert"). */
  role?: string;
}

/**
 * An election held (to this council, or by it): only what the source states. Unknown figures are absent,
 * never 0; an empty list would claim "none", so lists the source does not give are absent too.
 */
export interface ElectionRecorded extends Fact, ElectionFigures {
  electionId: string;
}

/** What a source may state about an election: the command, the event and the read share it. */
export interface ElectionFigures {
  /** Absent when the source gives no date at all (issue 25: Voronezh's elections), never a made-up one. */
  heldOn?: string;
  seats?: number;
  curiae?: ElectionCuria[];
  candidates?: ElectionCandidate[];
  /** The number of candidates the source states (it may name fewer, or none). */
  candidateCount?: number;
  /** How many were elected, when the source states it (it may give no seat count). */
  electedCount?: number;
  voters?: number;
  /** The election committee, when the source names its members. */
  committee?: ElectionCommitteeMember[];
  /** How it was run, when the source says (issue 25): ballots, candidate registration, voter verification. */
  rules?: ElectionRules;
}

/** An election's rules as a source states them; each part absent when it does not. */
export interface ElectionRules {
  /** The ballots each voter received: a key (a curia's key when it is that curia's), and the most marks allowed. */
  ballots?: Array<{ key: string; maxMarks?: number }>;
  /** What a candidate needed to register: signatures to collect, and other requirements in the source's words. */
  registration?: { signatures?: number; requirements?: string[] };
  /** How voters were verified: electronically, by the election committee, or not at all. */
  voterVerification?: 'electronic' | 'committee' | 'none';
}

export type DepartureReason = 'resigned' | 'expelled' | 'died' | 'imprisoned' | 'other';

export interface MemberLeft extends Fact {
  memberId: string;
  /** The first day out of office (the effective date). */
  leftOn: string;
  reason?: DepartureReason;
  /** When the departure was announced, beside its effective date (issue 25); absent when the source gives none. */
  announcedOn?: string;
}

export interface OfficerAppointed extends Fact {
  role: string;
  /** Absent for an officer who is not a member of the council (`nonMember`). */
  memberId?: string;
  name: string;
  from: string;
  nonMember?: boolean;
}

export interface OfficerTermEnded extends Fact {
  role: string;
  memberId?: string;
  name: string;
  to: string;
  reason?: string;
}

export interface WorkingGroupFormed extends Fact {
  workingGroupId: string;
  name: string;
  formedOn: string;
  /** Absent when the source does not give the composition (unknown, not none). */
  members?: MemberRef[];
}

export type MeetingKind = 'regular' | 'extraordinary';
export type MeetingOutcome = 'held' | 'quorum-failed';
/** What a source may report: also that a meeting could not be assembled (issue 25: MeetingNotAssembled). */
export type ReportedMeetingOutcome = MeetingOutcome | 'not-assembled';

/** Shared by MeetingHeld and QuorumFailed: the same facts, a different outcome. */
export interface MeetingFacts extends Fact {
  meetingId: string;
  number?: number;
  date: string;
  kind: MeetingKind;
  chair?: MemberRef;
  /** Absent when the source gives no agenda (unknown, not none). */
  agenda?: string[];
  /** Named participants, when the source names them. */
  present?: MemberRef[];
  /** Everyone who took part, remote participants included; absent when the source gives no figure. */
  presentCount?: number;
  remoteCount?: number;
  reportedMembership?: number;
  reportedOutcome?: MeetingOutcome;
  /** Derived from the record for the meeting's date, at the time it was recorded. */
  membership: DerivedMembership;
  quorum: QuorumFigures;
  /** False when the uncertain members could tip the quorum either way. */
  quorumCertain: boolean;
  /** How the outcome was decided: from the attendance and the rule, or from what the source reports. */
  outcomeBasis: 'attendance' | 'reported';
  /** Where it was held, as the source says it (issue 25). */
  place?: string;
  /** The time it started, HH:MM as the source gives it. */
  startTime?: string;
  /** Who was to chair it but did not (the source names the replacement as `chair`). */
  scheduledChair?: MemberRef;
  /** How many decisions the source says were made, when it gives a count rather than the decisions. */
  decisionCount?: number;
}

/**
 * A meeting the source says could not be assembled (issue 25): not held, and not a quorum failure either —
 * nobody counted who came. No attendance, quorum or membership figures; it counts in no quorum analytics.
 */
export interface MeetingNotAssembled extends Fact {
  meetingId: string;
  number?: number;
  date: string;
  kind: MeetingKind;
  /** The reason the source gives, in its words. */
  reason?: string;
  place?: string;
}

export type MeetingHeld = MeetingFacts;
export type QuorumFailed = MeetingFacts;

export type MotionKind = 'statement' | 'resolution' | 'appointment' | 'procedural';
/** How a motion was decided: at a meeting, by an online vote, or not said by the source. */
export type MotionMode = 'online' | 'meeting' | 'unknown';
export const MOTION_MODES: readonly MotionMode[] = ['online', 'meeting', 'unknown'];

/**
 * The mode a motion recorded without one has: `online: true` says online; a motion tabled at a meeting was
 * at the meeting; otherwise unknown (`online: false` was a default, not a claim). Version-1 events too.
 */
export function motionModeOf(d: { mode?: MotionMode; online?: boolean; meetingId?: string }): MotionMode {
  if (d.mode !== undefined) return d.mode;
  if (d.online === true) return 'online';
  return d.meetingId !== undefined ? 'meeting' : 'unknown';
}

export interface MotionTabled extends Fact {
  motionId: string;
  title: string;
  kind: MotionKind;
  meetingId?: string;
  openedOn: string;
  /**
   * How it was decided: written on every schema-2 event and filled in by the upcaster for schema 1; typed
   * optional so that hand-made given-events may omit it. Read it through motionModeOf. `online` is
   * `mode === 'online'`, kept for readers of schema 1.
   */
  mode?: MotionMode;
  online: boolean;
  /** Alternatives or candidates; absent for a yes/no question. */
  options?: string[];
  /** Who proposed it (issue 25): members resolved, named non-members by name; absent when the source names none. */
  proposers?: MemberRef[];
  /** The motion's own decision rule, when it has one. */
  rule?: MotionRule;
}

export interface VoteCast extends Fact {
  motionId: string;
  memberId?: string;
  name: string;
  choice: string;
  /** The motion's date: the meeting's date or, online, the day it was opened. */
  castOn: string;
}

/**
 * Issue 21: a member who did not vote on a motion because they were paired with another member (Popolo's
 * vote `option: "paired"` with `pair_id`: a pairing agreement respected, so neither is a vote in the tally).
 */
export interface VotePaired extends Fact {
  motionId: string;
  memberId: string;
  name: string;
  /** The member they were paired with. */
  pairedWith: string;
  pairedWithName: string;
  /** The motion's date, as for a vote. */
  castOn: string;
}

export interface MotionDecided extends Fact {
  motionId: string;
  decidedOn: string;
  /** yes/no/abstain for a yes/no question, or votes per option; figures the source does not give are absent. */
  tally: Record<string, number>;
  /** Whether the tally was counted from recorded votes or stated by a source. */
  tallyFrom: 'votes' | 'reported' | 'none';
  /** The rule applied: the motion's own, else the council's. */
  rule: MotionRule;
  /** What the majority is taken of: members in office on the date, or those present. */
  base: { of: 'members' | 'present'; count: number; uncertain: number };
  required: number;
  outcome: 'adopted' | 'rejected';
  winner?: string;
  /**
   * False when neither the tally nor the source settles the outcome (decision 49): the tally reads
   * differently under the requirements the undecidable members allow on the day (or there is no tally)
   * and the source reports no outcome or winner, so `outcome` (and `winner`) is the reading under
   * `required`. True when the tally decides or the source reports. Absent on events recorded before it
   * (unknown, not false: like meetings' `quorumCertain`, no upcaster invents it).
   */
  outcomeCertain?: boolean;
  /**
   * Where `outcome` comes from (decision 49, as meetings' `outcomeBasis`): 'reported' when the source's
   * outcome or winner is recorded where the tally does not decide the same (undecided, none, or kept as
   * an anomaly against it); 'tally' otherwise, a report agreeing or absent. Absent on older events.
   */
  outcomeBasis?: 'tally' | 'reported';
  reportedOutcome?: 'adopted' | 'rejected';
  reportedWinner?: string;
}

/** A political group (party, faction, list) that members of this council sit for. */
export interface GroupFounded extends Fact {
  groupId: string;
  name: string;
  classification?: string;
  /** When the group came to be, if the source says; it may predate the council. */
  foundedOn?: string;
}

/**
 * A member sat for a group over a period (Popolo's `on_behalf_of`): from `from` up to, not including,
 * `to` (like a departure); without `to`, until the member's departure.
 */
export interface MemberAffiliated extends Fact {
  memberId: string;
  groupId: string;
  /** Absent when the source does not say since when (issue 25): the affiliation is then certain on no day. */
  from?: string;
  to?: string;
  /**
   * Issue 25: a membership of an organization outside the council (a party the member belonged to), not the
   * group the member sat for: it sets no `group` in reads, and is not bound to the member's term.
   */
  outside?: true;
}

/** A member's status that is not a departure (issue 25): shown in state as of a date, until a later status. */
export type MemberStatus = 'arrested' | 'house-arrest' | 'imprisoned' | 'released' | 'left-the-country' | 'returned' | 'died';
export const MEMBER_STATUSES: readonly MemberStatus[] = ['arrested', 'house-arrest', 'imprisoned', 'released', 'left-the-country', 'returned', 'died'];

export interface MemberStatusChanged extends Fact {
  memberId: string;
  status: MemberStatus;
  /** EDTF: when the status began. */
  on: string;
}

/**
 * What the council was, beyond its founding (issue 25): names it went by, its stated ideology, its term and
 * convocation. Each field absent when the source does not give it; a later description adds to earlier ones.
 */
export interface CouncilDescribed extends Fact {
  /** EDTF: the day the description holds from (usually the founding). */
  describedOn: string;
  abbreviations?: string[];
  ideology?: string[];
  /** The term it was elected for, an ISO 8601 duration (`P1Y`). */
  term?: string;
  /** Which convocation this council is (1 for "the first convocation"). */
  convocation?: number;
}

export type CouncilBodyKind = 'committee' | 'working-groups' | 'forum' | 'other';
export const COUNCIL_BODY_KINDS: readonly CouncilBodyKind[] = ['committee', 'working-groups', 'forum', 'other'];

/**
 * A body of the council other than a single named working group (issue 25): a committee, a set of N working
 * groups whose names the source does not give (`kind: working-groups`, `count`), a forum. The name, count
 * and members are absent when the source does not give them.
 */
export interface CouncilBodyFormed extends Fact {
  bodyId: string;
  kind: CouncilBodyKind;
  name?: string;
  count?: number;
  formedOn: string;
  members?: MemberRef[];
}

/** A statement or appeal published by part of the members, not by the council (issue 25). */
export interface MembersStatementIssued extends Fact {
  statementId: string;
  title: string;
  issuedOn: string;
  /** The signatories the source names (members resolved, others by name); absent when it names none. */
  signatories?: MemberRef[];
  /** How many signed, when the source gives a count. */
  signatoryCount?: number;
}

/** The council's type, level or parent as a source states them (the fields given replace earlier ones). */
export interface CouncilClassified extends Fact, CouncilPlacement {}

export interface CouncilDissolved extends Fact {
  dissolvedOn: string;
  reason?: string;
}

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
