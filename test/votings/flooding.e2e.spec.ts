import { startTestApp, TestApp } from '../helpers/test-app';
import { VotingService } from '../../src/votings/application/voting-service';
import { foundCouncil, instant } from './fixture';

/**
 * Votings resist flooding (issue 26), over HTTP on the real SQLite store: registration is limited per
 * client address (an IPv6 address by its /64) and capped per voting; a voting without verification says
 * so in a warning; a keyed ballot's retry is answered from the receipt index; closed votings leave memory.
 * Client addresses come from X-Forwarded-For, which the app trusts from loopback only.
 */
describe('votings: flooding', () => {
  let t: TestApp;
  const CANDIDATES = [{ candidateId: 'ada', name: 'Ada' }, { candidateId: 'boris', name: 'Boris' }];
  const schedule = (verification: 'none' | 'committee', minBatch = 1) =>
    t.http().post('/api/councils/flood/votings').set(t.admin).send({
      title: 'By-election', opensAt: instant(-1000), closesAt: instant(3_600_000), verification, minBatch,
      ballots: [{ key: 'council', title: 'Council', seats: 1, maxMarks: 1, candidates: CANDIDATES }],
    });
  const register = (votingId: string, from: string, name = 'Voter') =>
    t.http().post(`/api/votings/${votingId}/voters`).set('X-Forwarded-For', from).send({ name });

  beforeAll(async () => {
    t = await startTestApp({ VOTING_REGISTRATIONS_PER_ADDRESS: '3', VOTING_MAX_VOTERS: '7', VOTING_BATCH_TARGET: '1', RATE_LIMIT_PER_ADDRESS: '100000' });
    await foundCouncil(t, 'flood', 1, [{ key: 'council', name: 'Council', seats: 1 }]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a voting without verification is scheduled with a warning that says its result enters the council', async () => {
    const res = await schedule('none');
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([expect.objectContaining({ rule: 'unverified-voters', message: expect.stringContaining('recorded in the council') })]);
    expect((await t.http().get(`/api/votings/${res.body.votingId}`)).body.warnings).toEqual(res.body.warnings);
    expect((await schedule('committee')).body.warnings).toBeUndefined();
  });

  it('registration is limited per address (an IPv6 /64 is one address) and capped per voting; nothing more is recorded', async () => {
    const { votingId } = (await schedule('none')).body;
    const statuses = async (from: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await register(votingId, from)).status);
      return out;
    };
    expect(await statuses('203.0.113.7', 4)).toEqual([201, 201, 201, 429]);
    const limited = await register(votingId, '203.0.113.7');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ status: 429, rule: 'registrations-per-address', limit: 3 });
    // four addresses of one /64 share one budget; another /64 has its own
    const subnet = ['2001:db8:0:1::a', '2001:db8:0:1::b', '2001:db8:0:1:ffff::1', '2001:db8:0:1::c'];
    const fromSubnet: number[] = [];
    for (const from of subnet) fromSubnet.push((await register(votingId, from)).status);
    expect(fromSubnet).toEqual([201, 201, 201, 429]);
    // 6 registered; the cap is 7
    expect((await register(votingId, '2001:db8:0:2::1')).status).toBe(201);
    const capped = await register(votingId, '198.51.100.1');
    expect(capped.status).toBe(422);
    expect(capped.body).toMatchObject({ rule: 'voter-cap' });
    expect((await t.http().get(`/api/votings/${votingId}`)).body.turnout.registered).toBe(7);
  });

  it('a keyed ballot retried after its batch left the pool gets its receipt again; with another key it is 409', async () => {
    const { votingId } = (await schedule('none')).body;
    const voters = [];
    for (let i = 0; i < 4; i++) voters.push((await register(votingId, `192.0.2.${i + 1}`)).body as { voterToken: string });
    const cast = (token: string, key: string) =>
      t.http().post(`/api/votings/${votingId}/ballots`).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send({ marks: { council: ['ada'] } });
    const receipts = [];
    for (const [i, v] of voters.entries()) receipts.push((await cast(v.voterToken, `ballot-${i}`)).body.receipt as string);
    // batches of one leave the pool as soon as two ballots wait (VOTING_BATCH_TARGET=1, minBatch=1)
    for (let i = 0; i < 3; i++) {
      const again = await cast(voters[0].voterToken, 'ballot-0');
      expect(again.status).toBe(201);
      expect(again.body.receipt).toBe(receipts[0]);
    }
    expect((await cast(voters[0].voterToken, 'another-key')).status).toBe(409);
  });

  it('closed votings leave memory: only the last few closed ones stay cached', async () => {
    const service = t.app.get(VotingService);
    // The votings in memory (LoadedVotings, a private part of the service).
    const entries = (service as unknown as { votings: { entries: Map<string, unknown> } }).votings.entries;
    const closed: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { votingId } = (await schedule('none')).body;
      const v = (await register(votingId, `192.0.2.${100 + i}`)).body as { voterToken: string };
      await t.http().post(`/api/votings/${votingId}/ballots`).set('Authorization', `Bearer ${v.voterToken}`).send({ marks: { council: ['ada'] } }).expect(201);
      const res = await t.http().post(`/api/votings/${votingId}/close`).set(t.admin).send();
      expect(res.status).toBe(201);
      closed.push(votingId);
    }
    const inMemory = closed.filter((id) => entries.has(id));
    expect(inMemory.length).toBeLessThanOrEqual(4);
    expect(inMemory).toEqual(closed.slice(closed.length - inMemory.length));
    // a dropped one is read again when asked for
    const first = await t.http().get(`/api/votings/${closed[0]}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'closed', turnout: { ballotsCast: 1 } });
  });
});
