/** Meetings: held, failed for want of a quorum, or not assembled, with the membership and quorum figures of the day. */
import type { QuorumRule } from './council';
import type { Fact, MemberRef } from './fact';

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
