import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { startTestApp, TestApp } from '../helpers/test-app';
import { foundCouncil, instant } from './fixture';

/**
 * Every batch that leaves the pool holds at least minBatch ballots, the last one included: ballots are held
 * back until the close so that the last batch is never a small crowd. The counts leave remainders (43 and
 * 47 ballots with minBatch 5 and batches formed at 10 waiting), so no test passes by arithmetic.
 */
describe('votings: batches of at least minBatch, the last one too (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_TOKEN: '1000000', VOTING_BATCH_TARGET: '5' });
    await foundCouncil(t, 'batches', 3, [{ key: 'council', name: 'Council', seats: 3 }]);
  });
  afterAll(() => t.close());

  const batchSizes = async (votingId: string) => {
    const sizes: number[] = [];
    for await (const e of t.app.get<EventStore>(EVENT_STORE).readStream(`voting-${votingId}`)) {
      if (e.type === 'BallotsCast') sizes.push((e.data as { ballots: unknown[] }).ballots.length);
    }
    return sizes;
  };

  it.each([43, 47, 7])('%i ballots: every batch ≥ 5, at least 5 held back until the close, all counted', async (count) => {
    const votingId = `batches-${count}`;
    const created = await t.http().post('/api/councils/batches/votings').set(t.admin).send({
      votingId, title: `Batches of ${count}`, opensAt: instant(-1000), closesAt: instant(3_600_000), verification: 'none', minBatch: 5,
      ballots: [{ key: 'council', title: 'Council', seats: 3, maxMarks: 1, candidates: [{ candidateId: 'a', name: 'A' }, { candidateId: 'b', name: 'B' }] }],
    });
    expect(created.status).toBe(201);
    for (let i = 0; i < count; i++) {
      const voter = await t.http().post(`/api/votings/${votingId}/voters`).send({ name: `Voter ${i}` }).expect(201);
      await t.http().post(`/api/votings/${votingId}/ballots`).set('Authorization', `Bearer ${voter.body.voterToken}`).send({ marks: { council: [i % 3 ? 'a' : 'b'] } }).expect(201);
    }
    // Before the close: what left the pool left at least minBatch behind.
    const before = await batchSizes(votingId);
    expect(count - before.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);
    const closed = await t.http().post(`/api/votings/${votingId}/close`).set(t.admin).send().expect(201);
    expect(closed.body.results.ballotsCast).toBe(count);
    const sizes = await batchSizes(votingId);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(count);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(5);
    if (count >= 10) expect(sizes.length).toBeGreaterThan(1);
  });
});
