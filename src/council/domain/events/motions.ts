/** Motions and votes: tabled, each member's vote or pairing, and the decision with its tally. */
import type { MotionRule } from './council';
import type { Fact, MemberRef } from './fact';

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
   * (unknown, not false: no upcaster invents it).
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
