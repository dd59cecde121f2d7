import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { startTestApp, TestApp } from '../helpers/test-app';
import { foundCouncil, instant } from './fixture';

/**
 * Idempotency-Key on the voting routes, over HTTP on the real SQLite store: a retry with the same key and
 * body is answered with the first answer and changes nothing; the same key with another body or path is
 * 422 idempotency-key-reused; the keys survive a restart of the service (their record is in the store,
 * appended with the effect). A ballot's key is never stored: its retry is recognised by the receipt the
 * voter's token derives.
 */
const ENV = { RATE_LIMIT_PER_ADDRESS: '100000', RATE_LIMIT_PER_TOKEN: '100000' };
const CANDIDATES = [
  { candidateId: 'ada', name: 'Ada' },
  { candidateId: 'boris', name: 'Boris' },
  { candidateId: 'clara', name: 'Clara' },
];

describe('votings: Idempotency-Key', () => {
  let t: TestApp;
  let dataDir: string;

  const opensAt = instant(-1000);
  const closesAt = instant(3_600_000);
  const definition = (title: string) => ({
    title, opensAt, closesAt, verification: 'committee', minBatch: 2,
    ballots: [{ key: 'council', title: 'Council', seats: 1, maxMarks: 2, candidates: CANDIDATES }],
  });
  const schedule = (key: string, title = 'Spring election') => t.http().post('/api/councils/idem/votings').set(t.admin).set('Idempotency-Key', key).send(definition(title));
  const register = (votingId: string, key: string, name: string) => t.http().post(`/api/votings/${votingId}/voters`).set('Idempotency-Key', key).send({ name, contact: `${name}@example.org` });
  const verify = (votingId: string, voterId: string, key: string, verified = true) =>
    t.http().post(`/api/votings/${votingId}/voters/${voterId}/verification`).set(t.admin).set('Idempotency-Key', key).send({ verified });
  const cast = (votingId: string, token: string, marks: string[], key?: string) => {
    const req = t.http().post(`/api/votings/${votingId}/ballots`).set('Authorization', `Bearer ${token}`);
    return (key ? req.set('Idempotency-Key', key) : req).send({ marks: { council: marks } });
  };
  const closeVoting = (votingId: string, key: string) => t.http().post(`/api/votings/${votingId}/close`).set(t.admin).set('Idempotency-Key', key).send();
  const voting = async (votingId: string) => (await t.http().get(`/api/votings/${votingId}`)).body;
  async function events(votingId: string): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for await (const e of t.app.get<EventStore>(EVENT_STORE).readStream(`voting-${votingId}`)) out.push(e);
    return out;
  }
  const stored = (list: RecordedEvent[]) => JSON.stringify(list.map((e) => [e.id, e.type, e.data, e.metadata]));
  async function restart(): Promise<void> {
    await t.app.close();
    t = await startTestApp(ENV, dataDir);
  }

  beforeAll(async () => {
    t = await startTestApp(ENV);
    dataDir = t.dataDir;
    // The data folder outlives the restarts; it is removed at the end.
    t = { ...t, close: () => t.app.close() };
    await foundCouncil(t, 'idem', 1, [{ key: 'council', name: 'Council', seats: 1 }]);
  });
  afterAll(async () => {
    await t?.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let votingId: string;
  const voter = { voterId: '', voterToken: '' };
  let receipt: string;

  it('scheduling: the same key and body answer the first answer (one voting); another body is 422; a malformed key is 400', async () => {
    const first = await schedule('schedule-1');
    expect(first.status).toBe(201);
    votingId = first.body.votingId;
    const again = await schedule('schedule-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await schedule('schedule-1', 'Autumn election');
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ type: expect.stringMatching(/idempotency-key-reused$/), status: 422 });
    expect((await t.http().get('/api/councils/idem/votings')).body).toHaveLength(1);
    // Without a key, the same body is a new voting.
    expect((await t.http().post('/api/councils/idem/votings').set(t.admin).send(definition('Spring election'))).body.votingId).not.toBe(votingId);
    const bad = await t.http().post('/api/councils/idem/votings').set(t.admin).set('Idempotency-Key', 'has space').send(definition('x'));
    expect(bad.status).toBe(400);
    expect(bad.body.type).toMatch(/invalid-idempotency-key$/);
  });

  it('registration: a retry gets the same voter and the same token (shown again, still stored only as a hash); another body is 422', async () => {
    const first = await register(votingId, 'register-ada-7c1f', 'Ada Lovelace');
    expect(first.status).toBe(201);
    Object.assign(voter, first.body);
    const [again, concurrent] = await Promise.all([register(votingId, 'register-ada-7c1f', 'Ada Lovelace'), register(votingId, 'register-ada-7c1f', 'Ada Lovelace')]);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(concurrent.body).toEqual(first.body);
    expect((await register(votingId, 'register-ada-7c1f', 'Someone Else')).status).toBe(422);
    // Two requests with the same key in the same moment are one registration too.
    const pair = await Promise.all([register(votingId, 'register-boris-2e9a', 'Boris'), register(votingId, 'register-boris-2e9a', 'Boris')]);
    expect(pair[0].body).toEqual(pair[1].body);
    expect((await voting(votingId)).turnout.registered).toBe(2);
    const text = stored(await events(votingId));
    expect(text).not.toContain(voter.voterToken);
    expect(text).not.toContain('register-ada-7c1f');
  });

  it('verification: a retry appends nothing; another decision, or another voter, with the same key is 422', async () => {
    const first = await verify(votingId, voter.voterId, 'verify-ada');
    expect(first.status).toBe(201);
    const again = await verify(votingId, voter.voterId, 'verify-ada');
    expect(again.body).toEqual(first.body);
    expect((await verify(votingId, voter.voterId, 'verify-ada', false)).status).toBe(422);
    const boris = (await events(votingId)).find((e) => e.type === 'VoterRegistered' && (e.data as { name: string }).name === 'Boris')!.data as { voterId: string };
    expect((await verify(votingId, boris.voterId, 'verify-ada')).status).toBe(422);
    expect((await events(votingId)).filter((e) => e.type === 'VoterVerificationDecided')).toHaveLength(1);
  });

  it('casting: a retry with the same key and marks gets the same receipt and counts once; other marks are 422; another key is 409', async () => {
    const first = await cast(votingId, voter.voterToken, ['ada', 'clara'], 'ballot-ada-1');
    expect(first.status).toBe(201);
    receipt = first.body.receipt;
    const again = await cast(votingId, voter.voterToken, ['ada', 'clara'], 'ballot-ada-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ receipt });
    const changed = await cast(votingId, voter.voterToken, ['boris'], 'ballot-ada-1');
    expect(changed.status).toBe(422);
    expect(changed.body.type).toMatch(/idempotency-key-reused$/);
    const otherKey = await cast(votingId, voter.voterToken, ['ada', 'clara'], 'ballot-ada-2');
    expect(otherKey.status).toBe(409);
    expect(otherKey.body.rule).toBe('already-voted');
    expect((await cast(votingId, voter.voterToken, ['ada', 'clara'])).status).toBe(409);
    expect((await voting(votingId)).turnout.ballotsCast).toBe(1);
    // Two retries at once while nothing else happens: still one ballot, the same receipt.
    const concurrent = await Promise.all([1, 2].map(() => cast(votingId, voter.voterToken, ['ada', 'clara'], 'ballot-ada-1')));
    expect(concurrent.map((r) => r.body.receipt)).toEqual([receipt, receipt]);
    // The key is stored nowhere: not in the stream, not in the pool.
    expect(stored(await events(votingId))).not.toContain('ballot-ada-1');
    for (const file of ['ballot-pool.sqlite', 'ballot-pool.sqlite-wal']) {
      const path = join(dataDir, file);
      if (existsSync(path)) expect(readFileSync(path).includes(Buffer.from('ballot-ada-1'))).toBe(false);
    }
  });

  it('after a restart the keys still hold: registration, verification and the ballot (still in the pool) answer as the first time', async () => {
    const registered = await register(votingId, 'register-ada-7c1f', 'Ada Lovelace');
    const verified = await verify(votingId, voter.voterId, 'verify-ada');
    await restart();
    expect((await register(votingId, 'register-ada-7c1f', 'Ada Lovelace')).body).toEqual(registered.body);
    expect((await register(votingId, 'register-ada-7c1f', 'Someone Else')).status).toBe(422);
    expect((await verify(votingId, voter.voterId, 'verify-ada')).body).toEqual(verified.body);
    expect((await cast(votingId, voter.voterToken, ['ada', 'clara'], 'ballot-ada-1')).body).toEqual({ receipt });
    expect((await cast(votingId, voter.voterToken, ['clara', 'ada'], 'ballot-ada-1')).status).toBe(422);
    expect((await voting(votingId)).turnout).toEqual({ registered: 2, verified: 1, ballotsCast: 1 });
  });

  it('closing: a retry answers the count again (also after a restart); a close with another key is 409; the ballot retry still finds its receipt', async () => {
    const first = await closeVoting(votingId, 'close-1');
    expect(first.status).toBe(201);
    expect(first.body.results.ballotsCast).toBe(1);
    const again = await closeVoting(votingId, 'close-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    await restart();
    const afterRestart = await closeVoting(votingId, 'close-1');
    expect(afterRestart.status).toBe(201);
    expect(afterRestart.body).toEqual(first.body);
    const other = await closeVoting(votingId, 'close-2');
    expect(other.status).toBe(409);
    expect(other.body.rule).toBe('voting-already-closed');
    // The key of a registration is not a close's key.
    expect((await closeVoting(votingId, 'register-ada-7c1f')).status).toBe(422);
    expect((await events(votingId)).filter((e) => e.type === 'VotingClosed')).toHaveLength(1);
    // The ballot is in the stream now; its retry is still recognised, and it is in the bulletin once.
    expect((await cast(votingId, voter.voterToken, ['ada', 'clara'], 'ballot-ada-1')).body).toEqual({ receipt });
    const bulletin = (await t.http().get(`/api/votings/${votingId}/bulletin`)).body;
    expect(bulletin.ballots).toEqual([{ batch: 0, receipt, marks: { council: ['ada', 'clara'] } }]);
  });
});
