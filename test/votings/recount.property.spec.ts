import fc from 'fast-check';
import { BallotDefinition, Marks, NewVotingEvent, VotingResults, castBallot, closeVoting, evolve, initialVotingState, recordBatch, recount, scheduleVoting } from '../../src/votings/domain';
import { shuffled } from '../../src/votings/application/ballot-pool';

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
        expect(recount({ ballots }, bulletin)).toEqual(announced.ballots);
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
