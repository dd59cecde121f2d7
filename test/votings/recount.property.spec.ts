import fc from 'fast-check';
import { BallotDefinition, Marks, NewVotingEvent, VotingResults, castBallot, closeVoting, evolve, initialVotingState, recordBatch, recount, scheduleVoting } from '../../src/votings/domain';
import { shuffled } from '../../src/votings/application/ballot-pool';

/**
 * The result of one list counted another way than the tally (which sorts and walks): each candidate's marks
 * are the ballots naming it; a candidate's rank is one more than the number of candidates with more marks;
 * a candidate is elected when those with more marks and those with as many (itself included) fit in the
 * seats; when a group of equal marks straddles the last seat, its members are tied and none is elected.
 */
function expectedResult(list: BallotDefinition, cast: string[][]) {
  const marks = list.candidates.map((c) => cast.filter((ids) => ids.includes(c.candidateId)).length);
  const more = (m: number) => marks.filter((x) => x > m).length;
  const same = (m: number) => marks.filter((x) => x === m).length;
  const rows = list.candidates.map((c, i) => {
    const m = marks[i];
    const elected = more(m) + same(m) <= list.seats;
    const tied = more(m) < list.seats && more(m) + same(m) > list.seats;
    return { candidateId: c.candidateId, name: c.name, marks: m, rank: more(m) + 1, elected, ...(tied ? { tied: true } : {}), listIndex: i };
  });
  const candidates = rows.sort((a, b) => a.rank - b.rank || a.listIndex - b.listIndex).map(({ listIndex: _i, ...c }) => c);
  const tiedOnes = candidates.filter((c) => c.tied);
  return {
    key: list.key,
    title: list.title,
    seats: list.seats,
    maxMarks: list.maxMarks,
    ballotsMarking: cast.filter((ids) => ids.length > 0).length,
    candidates,
    elected: candidates.filter((c) => c.elected).map((c) => c.candidateId),
    ...(tiedOnes.length ? { tie: { marks: tiedOnes[0].marks, seats: list.seats - candidates.filter((c) => c.elected).length, candidates: tiedOnes.map((c) => c.candidateId) } } : {}),
  };
}

/**
 * Recounting the published bulletin always gives the announced result: for any voting (1 to 4 lists,
 * any seats and maxMarks), any valid ballots, any batching and any shuffle, the per-list results computed
 * from the bulletin alone equal those the close announced.
 */
const definitionArb = fc
  .array(
    fc.record({ candidates: fc.integer({ min: 1, max: 8 }), seats: fc.integer({ min: 1, max: 8 }), maxMarks: fc.integer({ min: 1, max: 8 }) }),
    { minLength: 1, maxLength: 4 },
  )
  .map((lists) =>
    lists.map(
      (l, i): BallotDefinition => ({
        key: `list-${i}`,
        title: `List ${i}`,
        seats: l.seats,
        maxMarks: l.maxMarks,
        candidates: Array.from({ length: l.candidates }, (_, c) => ({ candidateId: `c${i}-${c}`, name: `C ${i}.${c}` })),
      }),
    ),
  );

const scenarioArb = definitionArb.chain((ballots) =>
  fc.record({
    ballots: fc.constant(ballots),
    // Each voter: per list a subset of candidates (as indexes), cut to maxMarks.
    votes: fc.array(
      fc.tuple(...ballots.map((b) => fc.subarray(b.candidates.map((c) => c.candidateId)).map((ids) => ids.slice(0, b.maxMarks)))),
      { maxLength: 120 },
    ),
    batchSizes: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 10 }),
  }),
);

describe('recounting the bulletin', () => {
  it('always gives the announced result', () => {
    fc.assert(
      fc.property(scenarioArb, ({ ballots, votes, batchSizes }) => {
        const now = Date.parse('2030-01-01T12:00:00Z');
        const history: NewVotingEvent[] = scheduleVoting(initialVotingState(), {
          votingId: 'p',
          councilId: 'c',
          title: 'p',
          opensAt: '2030-01-01T00:00:00Z',
          closesAt: '2030-01-02T00:00:00Z',
          ballots,
          verification: 'none',
          minBatch: 1,
          councilCuriae: [],
        });
        const state = history.reduce((s, e) => evolve(s, e), initialVotingState());
        const accepted: Array<{ voterId: string; marks: Marks }> = votes.map((lists, v) => {
          const voterId = `v${v}`;
          evolve(state, { type: 'VoterRegistered', data: { voterId, tokenHash: voterId, name: voterId } });
          const marks = castBallot(state, { voterId, marks: Object.fromEntries(ballots.map((b, i) => [b.key, lists[i]])), now });
          return { voterId, marks };
        });
        // Batches of varying sizes, each shuffled, as the shell appends them.
        const bulletin: Array<{ marks: Marks }> = [];
        let offset = 0;
        let k = 0;
        while (offset < accepted.length) {
          const size = batchSizes[k++ % batchSizes.length];
          const batch = accepted.slice(offset, offset + size);
          offset += size;
          const order = shuffled(batch.length);
          const events = recordBatch(state, state.batches, batch.map((b) => b.voterId), order.map((i, j) => ({ receipt: `r${offset}-${j}`, marks: batch[i].marks })));
          for (const e of events) {
            evolve(state, e);
            if (e.type === 'BallotsCast') bulletin.push(...e.data.ballots);
          }
        }
        const [closed] = closeVoting(state, { now, closedBy: 'request' });
        const announced = (closed.data as { results: VotingResults }).results;
        expect(announced.ballotsCast).toBe(accepted.length);
        expect(bulletin).toHaveLength(accepted.length);
        // The expected result is counted here, from the ballots as the voters cast them (not from the
        // bulletin) and by another method than the tally's: see expectedResult.
        const expected = ballots.map((list) => expectedResult(list, accepted.map((a) => a.marks[list.key] ?? [])));
        expect(announced.ballots).toEqual(expected);
        expect(recount({ ballots }, bulletin)).toEqual(expected);
        // Each elected list has at most `seats` winners; a tie is reported instead of an extra winner.
        for (const result of announced.ballots) {
          expect(result.elected.length).toBeLessThanOrEqual(result.seats);
          if (result.elected.length < Math.min(result.seats, result.candidates.length)) expect(result.tie).toBeDefined();
        }
      }),
      { numRuns: 200 },
    );
  });
});
