/** Shapes of the API answers the explorer reads (fields beyond these are ignored). */

export interface Source {
  title?: string;
  url?: string;
  locator?: string;
  quote?: string;
}

export interface Curia {
  key: string;
  name?: string;
  /** Absent when the council's seat count is unknown (issue 25). */
  seats?: number;
}

export interface Council {
  councilId: string;
  name: string;
  foundedOn?: string | null;
  dissolvedOn?: string | null;
  /** Absent when the record gives no seat count (issue 25): no vacant seat is drawn then. */
  seats?: number | null;
  curiae?: Curia[];
  rules?: { quorum?: unknown; decision?: unknown };
  status?: string;
  memberCount?: number;
  /** Issue 27 (i27api): what kind of council, at which level, under which council. Absent when unknown. */
  type?: string | null;
  level?: string | null;
  /** The council this one sits under (GET /api/councils: `parentCouncilId`). */
  parentCouncilId?: string | null;
}

export type GroupRef = string | { groupId?: string; name?: string } | null | undefined;

export interface StateMember {
  memberId: string;
  name: string;
  curia?: string | null;
  since?: string;
  group?: GroupRef;
}

export interface CouncilState {
  councilId: string;
  at: string;
  knownAt: string;
  knownAtPosition?: string;
  status: 'not-founded' | 'active' | 'dissolved';
  statusCertain?: boolean;
  memberCount: number;
  members: StateMember[];
  uncertainMembers: Array<{ memberId: string; name: string; why: string; curia?: string | null; group?: GroupRef }>;
  officers: Array<{ role: string; memberId?: string | null; name: string; since?: string }>;
  uncertainOfficers?: Array<{ role: string; memberId?: string | null; name: string; since?: string; why?: string }>;
  meetingsHeld?: number;
  quorumFailures?: number;
}

export interface MemberTerm {
  memberId: string;
  name: string;
  aliases?: string[];
  curia?: string | null;
  votes?: number | null;
  rank?: number | null;
  electedOn?: string | null;
  leftOn?: string | null;
  leftReason?: string | null;
  electionId?: string | null;
  /** `from` absent: since an unknown date; `outside`: an organization outside the council, not a group sat for (issue 25). */
  affiliations?: Array<{ groupId: string; name?: string; from?: string | null; to?: string | null; outside?: boolean }>;
  /** Corrections of the member's facts known at the read's record time (issue 27). */
  corrections?: number;
  /** The constituency the member was elected for, as the source gives it (issue 21); absent when not on record. */
  constituency?: { id?: string; name?: string };
  /** The person's identifiers in other registers, e.g. wikidata (issue 21); absent when not on record. */
  identifiers?: Array<{ scheme: string; identifier: string }>;
}

export interface WorkingGroup {
  workingGroupId: string;
  name: string;
  formedOn?: string | null;
  membersKnown?: boolean;
  members?: Array<{ memberId?: string | null; name: string }>;
  source?: Source | null;
  eventId?: string;
}

export interface VotingSummary {
  votingId: string;
  title?: string;
  status?: string;
  opensAt?: string;
  closesAt?: string;
  [key: string]: unknown;
}

export interface Meeting {
  meetingId: string;
  number?: number | null;
  date: string;
  kind?: string;
  outcome: 'held' | 'quorum-failed';
  chair?: { memberId?: string; name: string } | string | null;
  present?: number | null;
  remoteCount?: number | null;
  membership?: number | null;
  membershipUncertain?: number;
  reportedMembership?: number | null;
  quorum?: number | null;
  agenda?: string[];
  note?: string;
  anomalies?: Array<{ rule: string; message?: string }>;
  eventId?: string;
  /** Corrections of the meeting known at the read's record time (issue 27). */
  corrections?: number;
}

export interface Motion {
  motionId: string;
  title: string;
  kind?: string;
  meetingId?: string | null;
  online?: boolean;
  options?: string[] | null;
  openedOn?: string;
  decidedOn?: string | null;
  tally?: Record<string, number>;
  tallyFrom?: string;
  rule?: unknown;
  required?: number | null;
  outcome?: string | null;
  winner?: string | null;
  /** Decision 49: false when neither the tally nor the source settles the outcome (and winner); absent when unknown. */
  outcomeCertain?: boolean;
  outcomeBasis?: 'tally' | 'reported';
  /** Corrections of the motion, its decision and votes known at the read's record time (issue 27). */
  corrections?: number;
}

export interface TimelineEntry {
  eventId: string;
  type: string;
  date: string;
  description: string;
  source?: Source | null;
  recordedAt: string;
  position?: string;
  factId?: string;
  anomalies?: Array<{ rule: string; message?: string }>;
}

export interface RecordedEvent {
  position: string;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata?: { source?: Source; [k: string]: unknown };
  recordedAt: string;
}

export interface Anomaly {
  rule: string;
  severity?: string;
  basis?: string;
  message: string;
  subject?: string;
  date?: string;
  eventId?: string;
  sources?: Source[];
  recordedAt?: string;
  figures?: Record<string, unknown>;
}

export interface MembershipSeries {
  series: Array<{ date: string; certain: number; uncertain: number; status?: string }>;
}
