import { BallotDefinition, BallotResult, CandidateResult, Marks, VotingResults } from './events';
import { BallotState, VotingState } from './state';

/**
 * The result of one list: candidates by marks (most first; equal marks keep the list's order and share a
 * rank), the top `seats` elected. When the last seat(s) fall inside a group of equal marks, nobody in that
 * group is elected: the tie is reported with the seats it competes for, never broken silently.
 */
export function ballotResult(list: BallotState): BallotResult {
  const { definition } = list;
  const order = definition.candidates.map((c, i) => ({ c, marks: list.marks[i], i }));
  order.sort((a, b) => b.marks - a.marks || a.i - b.i);
  const candidates: CandidateResult[] = [];
  let rank = 0;
  for (const [position, entry] of order.entries()) {
    if (position === 0 || entry.marks !== order[position - 1].marks) rank = position + 1;
    candidates.push({ candidateId: entry.c.candidateId, name: entry.c.name, marks: entry.marks, rank, elected: false });
  }
  const seats = definition.seats;
  let tie: BallotResult['tie'];
  if (candidates.length <= seats) {
    for (const c of candidates) c.elected = true;
  } else {
    const last = candidates[seats - 1].marks;
    if (candidates[seats].marks === last) {
      const clear = candidates.filter((c) => c.marks > last);
      const tied = candidates.filter((c) => c.marks === last);
      for (const c of clear) c.elected = true;
      for (const c of tied) c.tied = true;
      tie = { marks: last, seats: seats - clear.length, candidates: tied.map((c) => c.candidateId) };
    } else {
      for (const c of candidates.slice(0, seats)) c.elected = true;
    }
  }
  return {
    key: definition.key,
    title: definition.title,
    ...(definition.curia !== undefined ? { curia: definition.curia } : {}),
    seats,
    maxMarks: definition.maxMarks,
    ballotsMarking: list.ballotsMarking,
    candidates,
    elected: candidates.filter((c) => c.elected).map((c) => c.candidateId),
    ...(tie ? { tie } : {}),
  };
}

export function tally(state: VotingState): VotingResults {
  return {
    registered: state.voters.size,
    verified: state.verified,
    ballotsCast: state.ballotsCast,
    ballots: [...state.ballots.values()].map(ballotResult),
  };
}

/**
 * What anyone can do with the published bulletin: count every ballot again from the voting's definition.
 * Gives the per-ballot results (the turnout figures registered/verified are not in the bulletin).
 */
export function recount(definition: { ballots: BallotDefinition[] }, ballots: Array<{ marks: Marks }>): BallotResult[] {
  const lists = definition.ballots.map((d) => ({
    definition: d,
    index: new Map(d.candidates.map((c, i) => [c.candidateId, i])),
    marks: d.candidates.map(() => 0),
    ballotsMarking: 0,
  }));
  const byKey = new Map(lists.map((l) => [l.definition.key, l]));
  for (const ballot of ballots) {
    for (const [key, ids] of Object.entries(ballot.marks)) {
      const list = byKey.get(key);
      if (!list) continue;
      if (ids.length > 0) list.ballotsMarking += 1;
      for (const id of ids) {
        const i = list.index.get(id);
        if (i !== undefined) list.marks[i] += 1;
      }
    }
  }
  return lists.map(ballotResult);
}
