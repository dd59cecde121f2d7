import { rmSync } from 'node:fs';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { TestApp, startTestApp } from '../helpers/test-app';
import { instant } from '../votings/fixture';

/**
 * Idempotency keys as API.md's third wave states them, over HTTP on the real SQLite store:
 * - scoped to the council: the same key on another council is another request (neither replays nor blocks);
 * - recorded in the request's own append: a refused request (413, 422) leaves nothing, and its key is free;
 * - durable: after a restart the retry gets the first reply (status and body) and appends nothing;
 * - one request whoever resends it (a rerun under another token replays);
 * - the service's own keys (a voting's result) cannot be sent by a client: 400.
 * The same on EventStoreDB: idempotency-across-councils.wire.e2e.spec.ts.
 */
const ENV = { RATE_LIMIT_PER_ADDRESS: '100000', RATE_LIMIT_PER_TOKEN: '100000', MAX_APPEND_BYTES: '4096' };

describe('Idempotency keys: scoped, recorded with the request, durable (e2e, SQLite)', () => {
  let t: TestApp;
  let dataDir: string;
  let alpha: { Authorization: string };
  let beta: { Authorization: string };

  const post = (path: string, body: object, auth: { Authorization: string }, key?: string) => {
    const req = t.http().post(path).set(auth).send(body);
    return key ? req.set('Idempotency-Key', key) : req;
  };
  const store = () => t.app.get<EventStore>(EVENT_STORE);
  const head = async () => (await store().headPosition()) ?? 0n;
  const types = async (streamId: string) => {
    const out: string[] = [];
    for await (const e of store().readStream(streamId)) out.push(e.type);
    return out;
  };
  const token = async (label: string, councilId: string) => {
    const res = await post('/api/tokens', { role: 'secretary', label, councilId }, t.admin).expect(201);
    return { Authorization: `Bearer ${res.body.token}` };
  };
  async function restart(): Promise<void> {
    await t.app.close();
    t = await startTestApp(ENV, dataDir);
  }

  beforeAll(async () => {
    t = await startTestApp(ENV);
    dataDir = t.dataDir;
    for (const councilId of ['alpha', 'beta']) {
      await post('/api/councils', { councilId, name: `Council ${councilId}`, foundedOn: '2012-10-22', seats: 9 }, t.admin).expect(201);
    }
    alpha = await token('alpha secretary', 'alpha');
    beta = await token('beta secretary', 'beta');
  });
  afterAll(async () => {
    await t?.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the same key on two councils is two requests: each records its own fact and each retry replays its own reply', async () => {
    const anna = { memberId: 'anna', name: 'Anna Petrova', electedOn: '2012-10-22' };
    const boris = { memberId: 'boris', name: 'Boris Ivanov', electedOn: '2012-10-23' };
    const onBeta = await post('/api/councils/beta/members', boris, beta, 'shared-key').expect(201);
    const onAlpha = await post('/api/councils/alpha/members', anna, alpha, 'shared-key').expect(201);
    expect(onAlpha.body.memberId).toBe('anna');
    expect(onAlpha.body.eventIds).not.toEqual(onBeta.body.eventIds);
    const before = await head();
    expect((await post('/api/councils/alpha/members', anna, alpha, 'shared-key').expect(201)).body).toEqual(onAlpha.body);
    expect((await post('/api/councils/beta/members', boris, beta, 'shared-key').expect(201)).body).toEqual(onBeta.body);
    // Within each council the key still names one request: another body is 422 there.
    const other = await post('/api/councils/alpha/members', boris, alpha, 'shared-key').expect(422);
    expect(other.body.type).toMatch(/idempotency-key-reused$/);
    expect(await head()).toBe(before);
    expect(await types('council-alpha')).toEqual(['CouncilFounded', 'MemberElected']);
    expect(await types('council-beta')).toEqual(['CouncilFounded', 'MemberElected']);
  });

  it('a refused request leaves nothing, and its key stays free: 413 (too large for one append) and 422 (a rule)', async () => {
    const before = await head();
    const huge = { memberId: 'huge', name: 'Huge', electedOn: '2012-10-22', note: 'x'.repeat(5000) };
    const tooLarge = await post('/api/councils/alpha/members', huge, alpha, 'refused-key').expect(413);
    expect(tooLarge.body.status).toBe(413);
    const breaksRule = await post('/api/councils/alpha/members/nobody/departure', { leftOn: '2013-01-01' }, alpha, 'refused-key');
    expect([404, 422]).toContain(breaksRule.status);
    expect(await head()).toBe(before);
    // The key was never claimed: a valid request with it is recorded, and then replays.
    const ok = await post('/api/councils/alpha/members', { memberId: 'clara', name: 'Clara', electedOn: '2012-10-24' }, alpha, 'refused-key').expect(201);
    expect(BigInt(ok.body.position)).toBe(before + 1n);
  });

  it('a keyed batch refused as a whole (413) moves the head by nothing', async () => {
    const before = await head();
    const requests = Array.from({ length: 8 }, (_, i) => ({ path: '/meetings', body: { date: `2013-01-${String(i + 10).padStart(2, '0')}`, presentCount: 1, note: 'y'.repeat(700) } }));
    const res = await post('/api/councils/alpha/batch', { requests }, alpha, 'batch-too-large');
    expect(res.status).toBe(413);
    expect(await head()).toBe(before);
  });

  it('a retry after a restart gets the first reply, status and body, and appends nothing (single request, roll call and batch)', async () => {
    const meeting = await post('/api/councils/alpha/meetings', { meetingId: 'm-1', date: '2013-02-01', presentCount: 2 }, alpha, 'meeting-1');
    expect(meeting.status).toBe(201);
    const motion = await post('/api/councils/alpha/motions', { motionId: 'budget', title: 'Budget', meetingId: 'm-1', openedOn: '2013-02-01' }, alpha, 'motion-1').expect(201);
    const rollCall = await post('/api/councils/alpha/motions/budget/roll-call', {
      votes: [{ memberId: 'anna', choice: 'yes' }, { memberId: 'clara', choice: 'no' }],
    }, alpha, 'roll-call-1').expect(201);
    const batchBody = { requests: [{ path: '/members', body: { memberId: 'dora', name: 'Dora', electedOn: '2013-02-02' } }, { path: '/members/dora/departure', body: { leftOn: '2013-02-03' } }] };
    const batch = await post('/api/councils/alpha/batch', batchBody, alpha, 'batch-1').expect(201);
    await restart();
    const before = await head();
    const again = [
      await post('/api/councils/alpha/meetings', { meetingId: 'm-1', date: '2013-02-01', presentCount: 2 }, alpha, 'meeting-1'),
      await post('/api/councils/alpha/motions', { motionId: 'budget', title: 'Budget', meetingId: 'm-1', openedOn: '2013-02-01' }, alpha, 'motion-1'),
      await post('/api/councils/alpha/motions/budget/roll-call', { votes: [{ memberId: 'anna', choice: 'yes' }, { memberId: 'clara', choice: 'no' }] }, alpha, 'roll-call-1'),
      await post('/api/councils/alpha/batch', batchBody, alpha, 'batch-1'),
    ];
    expect(again.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(again.map((r) => r.body)).toEqual([meeting.body, motion.body, rollCall.body, batch.body]);
    expect(await head()).toBe(before);
    // And another request under a key already used, after the restart, is still 422.
    const other = await post('/api/councils/alpha/meetings', { meetingId: 'm-2', date: '2013-02-05', presentCount: 2 }, alpha, 'meeting-1').expect(422);
    expect(other.body.type).toMatch(/idempotency-key-reused$/);
    expect(await head()).toBe(before);
  });

  it('within a council a key names one request whoever resends it: a rerun under a new token replays', async () => {
    const body = { memberId: 'emil', name: 'Emil', electedOn: '2013-03-01' };
    const first = await post('/api/councils/alpha/members', body, alpha, 'import-emil').expect(201);
    const rerun = await token('alpha importer, second run', 'alpha');
    const before = await head();
    const again = await post('/api/councils/alpha/members', body, rerun, 'import-emil').expect(201);
    expect(again.body).toEqual(first.body);
    expect(await head()).toBe(before);
  });

  it("the blocking attack: another council's secretary cannot claim a voting's result key; the result is recorded in its council", async () => {
    const scheduled = await post('/api/councils/alpha/votings', {
      title: 'By-election', opensAt: instant(-1000), closesAt: instant(3_600_000), verification: 'none', minBatch: 1,
      ballots: [{ key: 'all', title: 'All', seats: 1, maxMarks: 1, candidates: [{ candidateId: 'fedor', name: 'Fedor' }, { candidateId: 'galina', name: 'Galina' }] }],
    }, t.admin).expect(201);
    const votingId: string = scheduled.body.votingId;
    const before = await head();
    // The attack of the issue: beta's secretary sends the key the service will use for the voting's result.
    for (const [council, auth] of [['beta', beta], ['alpha', alpha]] as const) {
      const attack = await post(`/api/councils/${council}/members`, { name: 'Mallory', electedOn: '2013-04-01' }, auth, `voting:${votingId}:result`).expect(400);
      expect(attack.body.type).toMatch(/invalid-idempotency-key$/);
      expect(attack.body.detail).toMatch(/service's own/);
    }
    // Also in a batch, and on the voting's own routes.
    await post('/api/councils/beta/batch', { requests: [{ path: '/members', body: { name: 'Mallory', electedOn: '2013-04-01' } }] }, beta, `voting:${votingId}:result`).expect(400);
    await t.http().post(`/api/votings/${votingId}/voters`).set('Idempotency-Key', `voting:${votingId}:result`).send({ name: 'Mallory' }).expect(400);
    expect(await head()).toBe(before);

    const voter = await t.http().post(`/api/votings/${votingId}/voters`).send({ name: 'Voter One' }).expect(201);
    await t.http().post(`/api/votings/${votingId}/ballots`).set('Authorization', `Bearer ${voter.body.voterToken}`).send({ marks: { all: ['galina'] } }).expect(201);
    const closed = await t.http().post(`/api/votings/${votingId}/close`).set(t.admin).send().expect(201);
    expect(JSON.stringify(closed.body)).toContain('galina');
    const members = await t.http().get('/api/councils/alpha/members').query({ minPosition: (await head()).toString() }).expect(200);
    expect(JSON.stringify(members.body)).toContain('Galina');
    expect(await types('council-beta')).toEqual(['CouncilFounded', 'MemberElected']);
  });
});
