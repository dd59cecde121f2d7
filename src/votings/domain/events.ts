/**
 * The facts of a voting. One stream per voting (`voting-<votingId>`). Participation (who has voted) and
 * ballots (what was marked) are separate events that share nothing but their batch number: a
 * `VotersParticipated` lists voter ids in sorted order, a `BallotsCast` lists anonymous ballots in a
 * shuffled order, each identified only by a random receipt.
 */

export type Verification = 'committee' | 'none';

export interface Candidate {
  candidateId: string;
  name: string;
}

export interface BallotDefinition {
  key: string;
  title: string;
  curia?: string;
  seats: number;
  maxMarks: number;
  candidates: Candidate[];
}

/** Per ballot key, the candidate ids marked. */
export type Marks = Record<string, string[]>;

export interface CastBallotRecord {
  receipt: string;
  marks: Marks;
}

export interface CandidateResult {
  candidateId: string;
  name: string;
  marks: number;
  /** Competition rank: 1 + the number of candidates with more marks. */
  rank: number;
  elected: boolean;
  /** Set when the candidate is tied for the last seat(s) of the ballot. */
  tied?: boolean;
}

export interface BallotResult {
  key: string;
  title: string;
  curia?: string;
  seats: number;
  maxMarks: number;
  /** Ballots that marked at least one candidate on this list. */
  ballotsMarking: number;
  candidates: CandidateResult[];
  elected: string[];
  /** A tie at the last seat(s): these candidates share `marks` and compete for `seats` seats. */
  tie?: { marks: number; seats: number; candidates: string[] };
}

export interface VotingResults {
  registered: number;
  verified: number;
  ballotsCast: number;
  ballots: BallotResult[];
}

export interface VotingEventMap {
  VotingScheduled: {
    votingId: string;
    councilId: string;
    title: string;
    opensAt: string;
    closesAt: string;
    ballots: BallotDefinition[];
    verification: Verification;
    minBatch: number;
  };
  VoterRegistered: { voterId: string; tokenHash: string; name: string; contact?: string };
  VoterVerificationDecided: { voterId: string; verified: boolean; note?: string };
  VotersParticipated: { batch: number; voterIds: string[] };
  BallotsCast: { batch: number; ballots: CastBallotRecord[] };
  VotingClosed: { closedAt: string; closedBy: 'request' | 'schedule'; results: VotingResults };
  VotingResultRecorded: {
    councilId: string;
    electionId?: string;
    members: Array<{ candidateId: string; memberId: string }>;
    /** Record position of the council's append (the election and its members): `?minPosition=` for reading them. */
    position?: string;
  };
}

export type VotingEventType = keyof VotingEventMap;
export type NewVotingEvent = { [K in VotingEventType]: { type: K; data: VotingEventMap[K] } }[VotingEventType];

export const VOTING_EVENT_TYPES: readonly VotingEventType[] = [
  'VotingScheduled',
  'VoterRegistered',
  'VoterVerificationDecided',
  'VotersParticipated',
  'BallotsCast',
  'VotingClosed',
  'VotingResultRecorded',
];

export function votingStream(votingId: string): string {
  return `voting-${votingId}`;
}
