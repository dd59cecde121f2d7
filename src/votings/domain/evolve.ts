import { NewVotingEvent } from './events';
import { VotingState } from './state';

/** Folds one event into the state (in place; see VotingState) and returns it. */
export function evolve(state: VotingState, event: NewVotingEvent & { revision?: bigint }): VotingState {
  if (event.revision !== undefined) state.revision = event.revision;
  switch (event.type) {
    case 'VotingScheduled':
      state.definition = event.data;
      for (const definition of event.data.ballots) {
        state.ballots.set(definition.key, {
          definition,
          index: new Map(definition.candidates.map((c, i) => [c.candidateId, i])),
          marks: definition.candidates.map(() => 0),
          ballotsMarking: 0,
        });
      }
      break;
    case 'VoterRegistered':
      state.voters.set(event.data.voterId, { name: event.data.name });
      state.tokens.set(event.data.tokenHash, event.data.voterId);
      break;
    case 'VoterVerificationDecided': {
      const voter = state.voters.get(event.data.voterId);
      if (!voter) break;
      if (voter.verified === true) state.verified -= 1;
      voter.verified = event.data.verified;
      if (voter.verified) state.verified += 1;
      break;
    }
    case 'VotersParticipated':
      for (const voterId of event.data.voterIds) state.voted.add(voterId);
      break;
    case 'BallotsCast':
      state.batches = Math.max(state.batches, event.data.batch + 1);
      for (const ballot of event.data.ballots) {
        state.ballotsCast += 1;
        for (const [key, candidateIds] of Object.entries(ballot.marks)) {
          const list = state.ballots.get(key);
          if (!list) continue;
          if (candidateIds.length > 0) list.ballotsMarking += 1;
          for (const id of candidateIds) {
            const i = list.index.get(id);
            if (i !== undefined) list.marks[i] += 1;
          }
        }
      }
      break;
    case 'VotingClosed':
      state.closed = event.data;
      break;
    case 'VotingResultRecorded':
      state.recorded = event.data;
      break;
  }
  return state;
}
