import { TestApp, startTestApp } from '../helpers/test-app';

type Item = { path: string; body: Record<string, unknown> };

/** POST .../batch and .../roll-call through HTTP on the real SQLite store: all or nothing, one append. */
describe('batch and roll call (e2e)', () => {
  let t: TestApp;
  let secretary: { Authorization: string };

  const post = (path: string, body: object, auth: { Authorization: string } = t.admin, key?: string) => {
    const req = t.http().post(path).set(auth).send(body);
    return key ? req.set('Idempotency-Key', key) : req;
  };
  const batch = (council: string, requests: Item[], auth: { Authorization: string } = t.admin, key?: string) =>
    post(`/api/councils/${council}/batch`, { requests }, auth, key);

  async function head(): Promise<bigint> {
    const res = await t.http().get('/api/health').expect(200);
    const position = res.body.info.eventStore.headPosition;
    expect(typeof position).toBe('string');
    return BigInt(position);
  }

  const members = (from: number, to: number, electedOn = '2020-01-01'): Item[] =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ path: '/members', body: { memberId: `m${from + i}`, name: `Member ${from + i}`, electedOn } }));
  const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `m${from + i}`);

  async function found(councilId: string, seats = 300): Promise<void> {
    await post('/api/councils', { councilId, name: `Council ${councilId}`, foundedOn: '2020-01-01', seats }).expect(201);
  }

  beforeAll(async () => {
    t = await startTestApp();
    const s = await post('/api/tokens', { role: 'secretary', label: 'batch secretary' }).expect(201);
    secretary = { Authorization: `Bearer ${s.body.token}` };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('records a 500-item batch mixing every path in one append, each item seeing the ones before it', async () => {
    await found('big');
    const pre = await post('/api/councils/big/members', { memberId: 'pre', name: 'Recorded By Mistake', electedOn: '2020-01-01' }).expect(201);
    const requests: Item[] = [
      ...members(1, 100),
      { path: '/officers', body: { role: 'secretary', memberId: 'm1', from: '2020-01-02' } },
      { path: '/officers/secretary/end', body: { to: '2020-06-01' } },
      { path: '/working-groups', body: { name: 'Budget', formedOn: '2020-01-03', members: ['m1', 'Member 2'] } },
      { path: '/meetings', body: { meetingId: 's1', date: '2020-02-01', present: ids(1, 100) } },
      ...[1, 2, 3, 4, 5].map((n) => ({ path: '/motions', body: { motionId: `mo${n}`, title: `Motion ${n}`, meetingId: 's1', openedOn: '2020-02-01' } })),
      ...ids(1, 100).map((memberId, i) => ({ path: '/motions/mo1/votes', body: { memberId, choice: i < 60 ? 'yes' : 'no' } })),
      { path: '/motions/mo1/result', body: { decidedOn: '2020-02-01' } },
      { path: '/motions/mo2/roll-call', body: { votes: ids(1, 100).map((memberId, i) => ({ memberId, choice: i < 40 ? 'yes' : 'no' })), decidedOn: '2020-02-01' } },
      ...[3, 4, 5].flatMap((n) => ids(1, 90).map((memberId) => ({ path: `/motions/mo${n}/votes`, body: { memberId, choice: 'abstain' } }))),
      { path: '/members/m100/departure', body: { leftOn: '2020-07-01', reason: 'resigned' } },
      { path: '/corrections', body: { eventId: pre.body.eventIds[0], action: 'retract', reason: 'not a member' } },
      ...members(101, 116, '2020-08-01'),
      { path: '/dissolution', body: { dissolvedOn: '2021-01-01' } },
    ];
    expect(requests).toHaveLength(500);
    const before = await head();
    const res = await batch('big', requests).expect(201);
    expect(res.body.results).toHaveLength(500);
    // One event per item, plus the roll call's 100 votes and result (101 events for one item).
    expect(res.body.eventIds).toHaveLength(600);
    expect(BigInt(res.body.position) - before).toBe(600n);
    expect(res.body.results[0]).toEqual({ memberId: 'm1' });
    expect(res.body.results[209]).toMatchObject({ outcome: 'adopted', yes: 60, no: 40 });
    expect(res.body.results[210].result).toMatchObject({ outcome: 'rejected', yes: 40, no: 60 });
    expect(res.body.results[210].votes).toHaveLength(100);

    const motions = await t.http().get(`/api/councils/big/motions?minPosition=${res.body.position}`).expect(200);
    const byId = Object.fromEntries(motions.body.map((m: { motionId: string }) => [m.motionId, m]));
    expect(byId.mo2.outcome).toBe('rejected');
    const state = await t.http().get('/api/councils/big/state?at=2020-09-01').expect(200);
    expect(state.body.memberCount).toBe(115); // 116 elected in the batch, m100 left; "pre" retracted
  });

  describe('one bad item anywhere refuses the batch, names its index and appends nothing', () => {
    const valid = (): Item[] => [
      ...members(1, 10),
      { path: '/meetings', body: { meetingId: 's1', date: '2020-02-01', present: ids(1, 10) } },
      { path: '/motions', body: { motionId: 'mo1', title: 'Motion', meetingId: 's1', openedOn: '2020-02-01' } },
      ...ids(1, 10).map((memberId) => ({ path: '/motions/mo1/votes', body: { memberId, choice: 'yes' } })),
    ];
    const cases: Array<[string, Item, number, string]> = [
      ['a bad field', { path: '/members', body: { name: '', electedOn: 'yesterday' } }, 400, 'validation'],
      ['an unknown field', { path: '/meetings', body: { date: '2020-03-01', colour: 'red' } }, 400, 'validation'],
      ['an unknown path', { path: '/members/m1/promotion', body: {} }, 404, 'unknown-path'],
      ['an unknown member', { path: '/members/nobody/departure', body: { leftOn: '2020-05-01' } }, 404, 'unknown-member'],
      ['an unknown motion', { path: '/motions/nothing/result', body: { decidedOn: '2020-05-01' } }, 404, 'unknown-motion'],
      ['a rule break (a second vote)', { path: '/motions/mo1/votes', body: { memberId: 'm3', choice: 'no' } }, 422, 'rule-violation'],
      ['a wrong role (a correction by a secretary)', { path: '/corrections', body: { eventId: '00000000-0000-4000-8000-000000000000', action: 'retract', reason: 'x' } }, 403, 'forbidden'],
      ['a wrong role (recordAnomaly by a secretary)', { path: '/motions/mo1/votes', body: { memberId: 'm3', choice: 'no', recordAnomaly: true } }, 403, 'forbidden'],
    ];
    let n = 0;
    it.each(cases)('%s', async (_name, bad, status, type) => {
      const council = `bad-${++n}`;
      await found(council);
      const requests = valid();
      // The vote-twice case needs m3's first vote before it; every other fault goes anywhere.
      const at = bad.path === '/motions/mo1/votes' && status === 422 ? requests.length : (n * 7) % (requests.length + 1);
      requests.splice(at, 0, bad);
      const before = await head();
      const res = await batch(council, requests, secretary).expect(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.failedIndex).toBe(at);
      expect(res.body.detail).toContain(`Item ${at}`);
      expect(res.body.item.status).toBe(status);
      expect(res.body.item.type).toBe(`https://council-record.dev/problems/${type}`);
      expect(await head()).toBe(before);
      // The status the item would have had as a request of its own, once the items before it are recorded.
      if (at > 0) await batch(council, requests.slice(0, at), secretary).expect(201);
      const alone = await post(`/api/councils/${council}${bad.path}`, bad.body, secretary);
      expect(alone.status).toBe(status);
    });
  });

  it('the same batch twice with one Idempotency-Key appends once and answers the same; another body with the key is 422', async () => {
    await found('idem');
    const requests = [...members(1, 5), { path: '/members/m2/departure', body: { leftOn: '2020-03-01' } }];
    const first = await batch('idem', requests, secretary, 'batch-key-1').expect(201);
    const after = await head();
    const again = await batch('idem', requests, secretary, 'batch-key-1').expect(201);
    expect(again.body).toEqual(first.body);
    expect(await head()).toBe(after);
    const other = await batch('idem', members(6, 7), secretary, 'batch-key-1').expect(422);
    expect(other.body.type).toMatch(/idempotency-key-reused/);
    expect(await head()).toBe(after);
  });

  it('records a roll call of 200 votes and its result in one request and one append', async () => {
    await found('division', 250);
    await batch('division', members(1, 200)).expect(201);
    await post('/api/councils/division/motions', { motionId: 'budget', title: 'Budget', openedOn: '2020-03-01', online: true }).expect(201);
    const votes = ids(1, 200).map((memberId, i) => ({ memberId, choice: i < 101 ? 'yes' : i < 150 ? 'no' : 'abstain' }));
    const before = await head();
    const res = await post('/api/councils/division/motions/budget/roll-call', { votes, decidedOn: '2020-03-01' }, secretary).expect(201);
    expect(res.body.eventIds).toHaveLength(201);
    expect(BigInt(res.body.position) - before).toBe(201n);
    expect(res.body.result).toMatchObject({ outcome: 'adopted', yes: 101, no: 49, abstain: 50, required: 101 });
    // A roll call with one bad vote records nothing and names the vote.
    await post('/api/councils/division/motions', { motionId: 'second', title: 'Second', openedOn: '2020-03-02', online: true }).expect(201);
    const mid = await head();
    const bad = await post('/api/councils/division/motions/second/roll-call', { votes: [...votes.slice(0, 10), { memberId: 'm3', choice: 'yes' }], decidedOn: '2020-03-02' }, secretary).expect(422);
    expect(bad.body.at).toBe('votes[10]');
    expect(bad.body.rule).toBe('vote-twice');
    expect(await head()).toBe(mid);
  });

  it('a reported outcome that contradicts the roll call is 422, or an anomaly with both outcomes and the figures', async () => {
    await found('reported', 20);
    await batch('reported', members(1, 10)).expect(201);
    await post('/api/councils/reported/motions', { motionId: 'q', title: 'Q', openedOn: '2020-03-01', online: true }).expect(201);
    const body = { votes: ids(1, 10).map((memberId, i) => ({ memberId, choice: i < 3 ? 'yes' : 'no' })), decidedOn: '2020-03-01', reportedOutcome: 'adopted' };
    const refused = await post('/api/councils/reported/motions/q/roll-call', body, secretary).expect(422);
    expect(refused.body.rule).toBe('reported-outcome-contradicts-tally');
    const kept = await post('/api/councils/reported/motions/q/roll-call', { ...body, recordAnomaly: true }).expect(201);
    const anomalies = await t.http().get(`/api/councils/reported/anomalies?minPosition=${kept.body.position}`).expect(200);
    const entry = anomalies.body.find((a: { rule: string }) => a.rule === 'reported-outcome-contradicts-tally');
    expect(entry.figures).toMatchObject({ reportedOutcome: 'adopted', derivedOutcome: 'rejected', yes: 3, required: 6 });
  });

  it('two concurrent batches on one council both land, in some order', async () => {
    await found('race');
    const [a, b] = await Promise.all([batch('race', members(1, 50), secretary), batch('race', members(51, 100), secretary)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const state = await t.http().get(`/api/councils/race/state?at=2020-02-01&minPosition=${[a.body.position, b.body.position].sort().pop()}`).expect(200);
    expect(state.body.memberCount).toBe(100);
    const positions = [BigInt(a.body.position), BigInt(b.body.position)].sort((x, y) => (x < y ? -1 : 1));
    expect(positions[1] - positions[0]).toBe(50n);
  });

  it('more than 10,000 items is 413 naming the limit', async () => {
    await found('many');
    const requests = Array.from({ length: 10_001 }, () => ({ path: '/dissolution', body: { dissolvedOn: '2021' } }));
    const res = await batch('many', requests).expect(413);
    expect(res.body.limit).toBe(10_000);
  });
});

describe('batch limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MAX_APPEND_BYTES: '20000', BATCH_BODY_LIMIT_BYTES: '200000', BODY_LIMIT_BYTES: '50000' });
    await t.http().post('/api/councils').set(t.admin).send({ councilId: 'small', name: 'Small', foundedOn: '2020-01-01', seats: 500 }).expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('events over MAX_APPEND_BYTES are 413 naming the limit, and nothing is appended', async () => {
    const requests = Array.from({ length: 200 }, (_, i) => ({ path: '/members', body: { memberId: `m${i}`, name: `Member ${i}`, electedOn: '2020-01-01' } }));
    const res = await t.http().post('/api/councils/small/batch').set(t.admin).send({ requests }).expect(413);
    expect(res.body).toMatchObject({ limit: 20000, setting: 'MAX_APPEND_BYTES' });
    const state = await t.http().get('/api/councils/small/state?at=2020-02-01').expect(200);
    expect(state.body.memberCount).toBe(0);
    await t.http().post('/api/councils/small/batch').set(t.admin).send({ requests: requests.slice(0, 20) }).expect(201);
  });

  it('a batch takes BATCH_BODY_LIMIT_BYTES, more than other writes; beyond it 413', async () => {
    const pad = 'x'.repeat(4000);
    const requests = Array.from({ length: 25 }, () => ({ path: '/dissolution', body: { dissolvedOn: '2021', note: pad } }));
    // ~100 KB: over BODY_LIMIT_BYTES, under BATCH_BODY_LIMIT_BYTES, so it reaches the decision (422: dissolved twice).
    const within = await t.http().post('/api/councils/small/batch').set(t.admin).send({ requests });
    expect(within.status).not.toBe(413);
    const over = await t.http().post('/api/councils/small/batch').set(t.admin).send({ requests: [...requests, ...requests, ...requests] }).expect(413);
    expect(over.body.type).toMatch(/payload-too-large/);
    await t.http().post('/api/councils/small/members').set(t.admin).send({ name: 'Long', electedOn: '2020-01-01', note: 'x'.repeat(60000) }).expect(413);
  });
});
