import { startTestApp, TestApp } from '../helpers/test-app';
import { countMarks, foundCouncil, inChunks, instant, pick, seeded } from './fixture';

/**
 * Zhukovsky's People's Council shape, entirely over HTTP: 27 candidates, 15 seats, one list, the election
 * committee verifying registrations by hand (some rejected); then a voting that closes by itself at
 * closesAt while the service is down, and is closed and recorded when it starts again.
 */
describe("votings: Zhukovsky's People's Council (27 candidates, 15 seats, committee verification)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_TOKEN: '1000000' });
    await foundCouncil(t, 'zhukovsky', 15, [{ key: 'council', name: "People's Council", seats: 15 }]);
  });
  afterAll(() => t.close());

  it('runs from registration to the council, with a secretary as the committee', async () => {
    const issued = await t.http().post('/api/tokens').set(t.admin).send({ role: 'secretary', councilId: 'zhukovsky', label: 'committee' });
    expect(issued.status).toBe(201);
    const secretary = { Authorization: `Bearer ${issued.body.token}` };
    const other = await t.http().post('/api/tokens').set(t.admin).send({ role: 'secretary', councilId: 'elsewhere' });
    const historian = await t.http().post('/api/tokens').set(t.admin).send({ role: 'historian', councilId: 'zhukovsky' });

    const candidates = Array.from({ length: 27 }, (_, i) => ({ name: `Кандидат ${i + 1}`, candidateId: `k${i + 1}` }));
    const body = { votingId: 'zh-2013', title: "Elections to Zhukovsky's People's Council", opensAt: instant(-1000), closesAt: instant(3_600_000), verification: 'committee', minBatch: 10,
      ballots: [{ key: 'council', title: "People's Council", curia: 'council', seats: 15, maxMarks: 15, candidates }] };
    expect((await t.http().post('/api/councils/zhukovsky/votings').set({ Authorization: `Bearer ${historian.body.token}` }).send(body)).status).toBe(403);
    expect((await t.http().post('/api/councils/zhukovsky/votings').set(secretary).send({ ...body, minBatch: 0 })).status).toBe(400);
    const created = await t.http().post('/api/councils/zhukovsky/votings').set(secretary).send(body);
    expect(created.status).toBe(201);

    const voters = await inChunks(Array.from({ length: 120 }, (_, i) => i), 20, async (i) => {
      const r = await t.http().post('/api/votings/zh-2013/voters').send({ name: `Житель ${i}`, contact: `+7 900 000 ${String(i).padStart(4, '0')}` });
      expect(r.status).toBe(201);
      return r.body as { voterId: string; voterToken: string };
    });
    // A secretary of another council is not this voting's committee.
    expect((await t.http().post(`/api/votings/zh-2013/voters/${voters[0].voterId}/verification`).set({ Authorization: `Bearer ${other.body.token}` }).send({ verified: true })).status).toBe(403);
    // The committee verifies 110 and rejects 10 (e.g. not residents).
    await inChunks(voters, 20, async (v, i) => {
      const r = await t.http().post(`/api/votings/zh-2013/voters/${v.voterId}/verification`).set(secretary).send({ verified: i >= 10, note: i < 10 ? 'not a resident' : undefined });
      expect(r.status).toBe(201);
    });
    expect((await t.http().post('/api/votings/zh-2013/voters/v-unknown/verification').set(secretary).send({ verified: true })).status).toBe(404);

    const rand = seeded(1783);
    const valid: Array<Record<string, string[]>> = [];
    await inChunks(voters, 20, async (v, i) => {
      const marks = { council: pick(rand, 27, 1 + Math.floor(rand() * 15)).map((n) => `k${n + 1}`) };
      const r = await t.http().post('/api/votings/zh-2013/ballots').set('Authorization', `Bearer ${v.voterToken}`).send({ marks });
      if (i < 10) {
        expect(r.status).toBe(422);
        expect(r.body).toMatchObject({ rule: 'voter-not-verified', violations: [{ status: 'rejected' }] });
      } else {
        expect(r.status).toBe(201);
        valid.push(marks);
      }
    });
    expect((await t.http().get('/api/votings/zh-2013')).body.turnout).toEqual({ registered: 120, verified: 110, ballotsCast: 110 });

    const closed = await t.http().post('/api/votings/zh-2013/close').set(secretary);
    expect(closed.status).toBe(201);
    const [result] = closed.body.results.ballots;
    const marks = countMarks(valid).get('council')!;
    for (const c of result.candidates) expect(c.marks).toBe(marks.get(c.candidateId) ?? 0);
    // The read models follow the record: wait for the council's append (its position is in the answer).
    expect(closed.body.council.position).toMatch(/^\d+$/);
    const members = (await t.http().get(`/api/councils/zhukovsky/members?minPosition=${closed.body.council.position}`)).body.members as Array<{ name: string; votes: number }>;
    if (result.tie) {
      // Seats inside a tie stay empty until the committee resolves it: never broken silently.
      expect(members.length).toBe(15 - result.tie.seats);
    } else {
      expect(members).toHaveLength(15);
    }
    expect(new Set(members.map((m) => m.name))).toEqual(new Set(result.candidates.filter((c: any) => c.elected).map((c: any) => c.name)));
    const list = await t.http().get('/api/councils/zhukovsky/votings');
    expect(list.body).toEqual([expect.objectContaining({ votingId: 'zh-2013', status: 'closed', turnout: { registered: 120, verified: 110, ballotsCast: 110 } })]);
  });

  it('closes by itself at closesAt, even when the service was down then', async () => {
    const body = { votingId: 'zh-auto', title: 'By-election', opensAt: instant(-1000), closesAt: instant(5000), verification: 'none', minBatch: 2,
      ballots: [{ key: 'council', title: 'Council', seats: 1, maxMarks: 1, candidates: [{ candidateId: 'petr-pervyy', name: 'Пётр Первый' }, { candidateId: 'anna-vtoraya', name: 'Анна Вторая' }] }] };
    await foundCouncil(t, 'zhukovsky-2', 1, [{ key: 'council', name: 'Council', seats: 1 }]);
    expect((await t.http().post('/api/councils/zhukovsky-2/votings').set(t.admin).send(body)).status).toBe(201);
    for (const choice of ['petr-pervyy', 'petr-pervyy', 'anna-vtoraya']) {
      const v = await t.http().post('/api/votings/zh-auto/voters').send({ name: 'x' });
      expect(v.body.status).toBe('verified');
      expect((await t.http().post('/api/votings/zh-auto/ballots').set('Authorization', `Bearer ${v.body.voterToken}`).send({ marks: { council: [choice] } })).status).toBe(201);
    }
    // Three ballots: below 2 × minBatch, so they are all still in the pool when the service stops.
    const dataDir = t.dataDir;
    await t.app.close();
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(body.closesAt) - Date.now() + 200)));
    const restarted = await startTestApp({}, dataDir);
    try {
      let voting: any;
      for (let i = 0; i < 50; i++) {
        voting = (await restarted.http().get('/api/votings/zh-auto')).body;
        if (voting.council) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(voting).toMatchObject({ status: 'closed', closedBy: 'schedule', closedAt: new Date(Date.parse(body.closesAt)).toISOString() });
      expect(voting.results.ballots[0]).toMatchObject({ elected: ['petr-pervyy'], candidates: [{ candidateId: 'petr-pervyy', marks: 2 }, { candidateId: 'anna-vtoraya', marks: 1 }] });
      expect(voting.council.members).toHaveLength(1);
    } finally {
      await restarted.close();
    }
  });
});
