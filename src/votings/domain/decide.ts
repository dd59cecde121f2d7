import { BallotDefinition, CastBallotRecord, Marks, NewVotingEvent, Verification, VotingEventMap } from './events';
import { VotingNotFoundError, VotingRuleError } from './errors';
import { VotingState } from './state';
import { tally } from './tally';

/**
 * The rules of a voting, as pure decisions: each takes the state and a command (with the instant `now`,
 * in ms since the epoch, supplied by the shell) and returns the events to record, or throws a
 * VotingRuleError naming the rule and its figures. Nothing here reads a clock, a random source or a store.
 */

export interface ScheduleVoting {
  votingId: string;
  councilId: string;
  title: string;
  opensAt: string;
  closesAt: string;
  ballots: BallotDefinition[];
  verification: Verification;
  minBatch: number;
  /** The council's curiae with their seats, as the council's record stands. */
  /** `seats` absent when the council's record does not give them (issue 25): then nothing is checked against them. */
  councilCuriae: Array<{ key: string; seats?: number }>;
}

export function scheduleVoting(state: VotingState, command: ScheduleVoting): NewVotingEvent[] {
  if (state.definition) {
    throw new VotingRuleError('voting-exists', `A voting ${JSON.stringify(command.votingId)} exists already.`, { votingId: command.votingId }, 409);
  }
  const opensAt = Date.parse(command.opensAt);
  const closesAt = Date.parse(command.closesAt);
  if (!(closesAt > opensAt)) {
    throw new VotingRuleError('closes-after-opens', `closesAt (${command.closesAt}) must be later than opensAt (${command.opensAt}).`, {
      opensAt: command.opensAt,
      closesAt: command.closesAt,
    });
  }
  const keys = new Set<string>();
  const curiae = new Map(command.councilCuriae.map((c) => [c.key, c.seats]));
  for (const ballot of command.ballots) {
    if (keys.has(ballot.key)) throw new VotingRuleError('duplicate-ballot-key', `Two ballots have the key ${JSON.stringify(ballot.key)}.`, { ballot: ballot.key });
    keys.add(ballot.key);
    const ids = new Set<string>();
    for (const c of ballot.candidates) {
      if (ids.has(c.candidateId)) {
        throw new VotingRuleError('duplicate-candidate', `Ballot ${ballot.key} lists the candidate ${JSON.stringify(c.candidateId)} twice.`, {
          ballot: ballot.key,
          candidateId: c.candidateId,
        });
      }
      ids.add(c.candidateId);
    }
    if (ballot.curia !== undefined) {
      const seats = curiae.get(ballot.curia);
      if (!curiae.has(ballot.curia)) {
        throw new VotingRuleError('unknown-curia', `Ballot ${ballot.key} elects into curia ${JSON.stringify(ballot.curia)}, which the council does not have (it has ${[...curiae.keys()].join(', ')}).`, {
          ballot: ballot.key,
          curia: ballot.curia,
          curiae: [...curiae.keys()],
        });
      }
      if (seats !== undefined && ballot.seats > seats) {
        throw new VotingRuleError('seats-exceed-curia', `Ballot ${ballot.key} elects ${ballot.seats} members into curia ${ballot.curia}, which has ${seats} seats.`, {
          ballot: ballot.key,
          curia: ballot.curia,
          seats: ballot.seats,
          curiaSeats: seats,
        });
      }
    }
  }
  return [
    {
      type: 'VotingScheduled',
      data: {
        votingId: command.votingId,
        councilId: command.councilId,
        title: command.title,
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
        ballots: command.ballots,
        verification: command.verification,
        minBatch: command.minBatch,
      },
    },
  ];
}

function requireVoting(state: VotingState): VotingEventMap['VotingScheduled'] {
  if (!state.definition) throw new VotingNotFoundError('voting', '?');
  return state.definition;
}

function refuseWhenClosed(state: VotingState, now: number, what: string): void {
  const definition = requireVoting(state);
  if (state.closed) {
    throw new VotingRuleError('voting-closed', `The voting closed at ${state.closed.closedAt}; ${what} is no longer possible.`, { closedAt: state.closed.closedAt });
  }
  if (now >= Date.parse(definition.closesAt)) {
    throw new VotingRuleError('voting-closed', `The voting closes at ${definition.closesAt}; ${what} is no longer possible (it is ${new Date(now).toISOString()}).`, {
      closesAt: definition.closesAt,
      now: new Date(now).toISOString(),
    });
  }
}

export interface RegisterVoter {
  voterId: string;
  tokenHash: string;
  name: string;
  contact?: string;
  now: number;
}

export function registerVoter(state: VotingState, command: RegisterVoter): NewVotingEvent[] {
  refuseWhenClosed(state, command.now, 'registering');
  if (state.voters.has(command.voterId)) throw new VotingRuleError('voter-exists', `Voter ${command.voterId} is registered already.`, {}, 409);
  return [
    {
      type: 'VoterRegistered',
      data: { voterId: command.voterId, tokenHash: command.tokenHash, name: command.name, ...(command.contact !== undefined ? { contact: command.contact } : {}) },
    },
  ];
}

export interface DecideVerification {
  voterId: string;
  verified: boolean;
  note?: string;
  now: number;
}

export function decideVerification(state: VotingState, command: DecideVerification): NewVotingEvent[] {
  const definition = requireVoting(state);
  if (!state.voters.has(command.voterId)) throw new VotingNotFoundError('voter', command.voterId);
  refuseWhenClosed(state, command.now, 'verifying voters');
  if (definition.verification !== 'committee') {
    throw new VotingRuleError('no-verification', 'This voting does not verify voters ("verification": "none"): every registered voter may vote.', {
      verification: definition.verification,
    });
  }
  if (!command.verified && state.voted.has(command.voterId)) {
    throw new VotingRuleError('voter-has-voted', `Voter ${command.voterId} has voted already; the ballot cannot be withdrawn, so the verification cannot be revoked.`, {
      voterId: command.voterId,
    });
  }
  return [
    {
      type: 'VoterVerificationDecided',
      data: { voterId: command.voterId, verified: command.verified, ...(command.note !== undefined ? { note: command.note } : {}) },
    },
  ];
}

export interface CastBallot {
  voterId: string;
  marks: Marks;
  now: number;
}

/**
 * Checks a ballot against every rule and returns it normalised (each list of the voting present, in the
 * voting's order). It produces no event: the shell keeps the ballot in the pool until its batch is sealed.
 */
export function castBallot(state: VotingState, command: CastBallot): Marks {
  const definition = requireVoting(state);
  if (command.now < Date.parse(definition.opensAt)) {
    throw new VotingRuleError('voting-not-open', `The voting opens at ${definition.opensAt}; it is ${new Date(command.now).toISOString()}.`, {
      opensAt: definition.opensAt,
      now: new Date(command.now).toISOString(),
    });
  }
  refuseWhenClosed(state, command.now, 'casting a ballot');
  const voter = state.voters.get(command.voterId);
  if (!voter) throw new VotingNotFoundError('voter', command.voterId);
  if (definition.verification === 'committee' && voter.verified !== true) {
    throw new VotingRuleError(
      'voter-not-verified',
      voter.verified === false
        ? 'The election committee did not verify this registration; the voter may not vote.'
        : 'The election committee has not verified this registration yet; the voter may vote once it has.',
      { verification: 'committee', status: voter.verified === false ? 'rejected' : 'pending' },
    );
  }
  if (state.voted.has(command.voterId)) {
    throw new VotingRuleError('already-voted', 'This voter has cast a ballot already; each voter casts one ballot.', {}, 409);
  }
  for (const key of Object.keys(command.marks)) {
    if (!state.ballots.has(key)) {
      throw new VotingRuleError('unknown-ballot', `The voting has no ballot ${JSON.stringify(key)} (it has ${[...state.ballots.keys()].join(', ')}).`, {
        ballot: key,
        ballots: [...state.ballots.keys()],
      });
    }
  }
  const normalised: Marks = {};
  for (const [key, list] of state.ballots) {
    const marked = command.marks[key] ?? [];
    const { maxMarks } = list.definition;
    if (marked.length > maxMarks) {
      throw new VotingRuleError('too-many-marks', `Ballot ${key} allows at most ${maxMarks} marks; this one has ${marked.length}.`, {
        ballot: key,
        marks: marked.length,
        maxMarks,
      });
    }
    const seen = new Set<string>();
    for (const candidateId of marked) {
      if (!list.index.has(candidateId)) {
        throw new VotingRuleError('candidate-not-on-ballot', `${JSON.stringify(candidateId)} is not a candidate on ballot ${key}.`, {
          ballot: key,
          candidateId,
        });
      }
      if (seen.has(candidateId)) {
        throw new VotingRuleError('repeated-mark', `Ballot ${key} marks ${JSON.stringify(candidateId)} more than once.`, { ballot: key, candidateId });
      }
      seen.add(candidateId);
    }
    normalised[key] = [...marked];
  }
  return normalised;
}

/**
 * The events of one sealed batch: who took part (sorted, so the order says nothing) and the ballots in
 * the order the shell shuffled them into. The two lists share only the batch number.
 */
export function recordBatch(state: VotingState, batch: number, voterIds: string[], ballots: CastBallotRecord[]): NewVotingEvent[] {
  requireVoting(state);
  if (batch !== state.batches) {
    throw new VotingRuleError('batch-out-of-order', `Batch ${batch} cannot follow batch ${state.batches - 1}.`, { batch, expected: state.batches });
  }
  if (voterIds.length !== ballots.length) {
    throw new VotingRuleError('batch-mismatch', `A batch holds as many ballots as voters; this one has ${ballots.length} ballots and ${voterIds.length} voters.`, {
      ballots: ballots.length,
      voters: voterIds.length,
    });
  }
  return [
    { type: 'VotersParticipated', data: { batch, voterIds: [...voterIds].sort() } },
    { type: 'BallotsCast', data: { batch, ballots } },
  ];
}

export interface CloseVoting {
  now: number;
  closedBy: 'request' | 'schedule';
}

/** Closes the voting and counts it. The shell folds the last batch in first (it may be smaller than minBatch). */
export function closeVoting(state: VotingState, command: CloseVoting): NewVotingEvent[] {
  const definition = requireVoting(state);
  if (state.closed) {
    throw new VotingRuleError('voting-already-closed', `The voting closed at ${state.closed.closedAt}.`, { closedAt: state.closed.closedAt }, 409);
  }
  if (command.now < Date.parse(definition.opensAt)) {
    throw new VotingRuleError('voting-not-open', `The voting opens at ${definition.opensAt}; it cannot close before it has opened.`, {
      opensAt: definition.opensAt,
      now: new Date(command.now).toISOString(),
    });
  }
  const closedAt = new Date(Math.min(command.now, Date.parse(definition.closesAt))).toISOString();
  return [{ type: 'VotingClosed', data: { closedAt, closedBy: command.closedBy, results: tally(state) } }];
}
