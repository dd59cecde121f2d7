import { BallotDefinition, VotingEventMap, VotingResults } from './events';

export interface BallotState {
  definition: BallotDefinition;
  /** candidateId → index in `definition.candidates` (and in `marks`). */
  index: Map<string, number>;
  /** Marks per candidate, by index: the running tally of the ballots recorded so far. */
  marks: number[];
  ballotsMarking: number;
}

export interface VoterState {
  name: string;
  /** undefined until the committee decides. */
  verified?: boolean;
}

/**
 * A voting as its events describe it. Folded in place by `evolve` (a voting may hold 100,000 voters and
 * ballots; copying the maps on every event would make the fold quadratic). Only the shell that owns a
 * state folds into it; `decide` never mutates it.
 */
export interface VotingState {
  revision?: bigint;
  definition?: VotingEventMap['VotingScheduled'];
  ballots: Map<string, BallotState>;
  voters: Map<string, VoterState>;
  /** sha256(token) → voterId. */
  tokens: Map<string, string>;
  verified: number;
  /** Voters whose participation is recorded (or, in the shell, durably pending). */
  voted: Set<string>;
  /** Number of BallotsCast events: the next batch's number. */
  batches: number;
  ballotsCast: number;
  closed?: { closedAt: string; closedBy: 'request' | 'schedule'; results: VotingResults };
  recorded?: VotingEventMap['VotingResultRecorded'];
}

export function initialVotingState(): VotingState {
  return { ballots: new Map(), voters: new Map(), tokens: new Map(), verified: 0, voted: new Set(), batches: 0, ballotsCast: 0 };
}
