import { TestApp, startTestApp } from '../helpers/test-app';

/** Elections as facts through HTTP: POST .../elections, members tied by electionId, GET .../elections. */
describe('elections (e2e)', () => {
  let t: TestApp;
  const C = '/api/councils/ec';
  const post = (path: string, body: object) => t.http().post(path).set(t.admin).send(body);
  const get = async (path: string) => (await t.http().get(path).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    await post('/api/councils', {
      councilId: 'ec', name: 'Election Council', foundedOn: '2012-10-22', seats: 6,
      curiae: [{ key: 'general', name: 'General', seats: 5 }, { key: 'left', name: 'Left', seats: 1 }],
    }).expect(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('records an election with what the source gives and lists it without the figures it leaves out', async () => {
    const res = await post(`${C}/elections`, {
      electionId: 'first', heldOn: '2012-10-20/2012-10-22', seats: 6,
      curiae: [{ key: 'general', seats: 5 }, { key: 'left', seats: 1, candidates: 3 }],
      committee: [{ name: 'Leonid Volkov', role: 'chair' }, { name: 'Alexander Ivanov', represents: 'the left' }],
      note: 'the text gives no voters',
      source: { title: 'Reference', locator: '== Elections ==', quote: 'Elections to the council were held on 20—22 October 2012.' },
    }).expect(201);
    expect(res.body).toMatchObject({ electionId: 'first', eventIds: [expect.any(String)] });
    await post(`${C}/members`, { memberId: 'a', name: 'A', curia: 'general', electionId: 'first', rank: 1 }).expect(201);
    const last = await post(`${C}/members`, { memberId: 'b', name: 'B', curia: 'left', electionId: 'first', electedOn: '2012-10-22' }).expect(201);

    const [election] = await get(`${C}/elections?minPosition=${last.body.position}`);
    expect(election).toEqual({
      electionId: 'first',
      heldOn: '2012-10-20/2012-10-22',
      seats: 6,
      curiae: [{ key: 'general', seats: 5 }, { key: 'left', seats: 1, candidates: 3 }],
      committee: [{ name: 'Leonid Volkov', role: 'chair' }, { name: 'Alexander Ivanov', represents: 'the left' }],
      note: 'the text gives no voters',
      members: [
        { memberId: 'a', name: 'A', curia: 'general', rank: 1 },
        { memberId: 'b', name: 'B', curia: 'left' },
      ],
      source: { title: 'Reference', locator: '== Elections ==', quote: 'Elections to the council were held on 20—22 October 2012.' },
      eventId: res.body.eventIds[0],
    });
    expect(election).not.toHaveProperty('voters');
    expect(election).not.toHaveProperty('candidateCount');
    const members = await get(`${C}/members`);
    expect(members.members.find((m: { memberId: string }) => m.memberId === 'a').electedOn).toBe('2012-10-20/2012-10-22');
  });

  it('records an election and the members it seated in one batch, each item seeing the ones before it', async () => {
    await post('/api/councils', { councilId: 'eb', name: 'Batch Council', foundedOn: '2013-03-24', seats: 2 }).expect(201);
    const res = await post('/api/councils/eb/batch', {
      requests: [
        { path: '/elections', body: { electionId: 'e1', heldOn: '2013-02-23/2013-03-24', seats: 2, candidateCount: 3, voters: 50 } },
        { path: '/members', body: { memberId: 'x', name: 'X', electionId: 'e1', rank: 1 } },
        { path: '/members', body: { memberId: 'y', name: 'Y', electionId: 'e1', rank: 2 } },
      ],
    }).expect(201);
    expect(res.body.results.map((r: Record<string, string>) => r.electionId ?? r.memberId)).toEqual(['e1', 'x', 'y']);
    const [election] = await get(`/api/councils/eb/elections?minPosition=${res.body.position}`);
    expect(election).toMatchObject({ electionId: 'e1', seats: 2, candidateCount: 3, voters: 50, members: [{ memberId: 'x', rank: 1 }, { memberId: 'y', rank: 2 }] });
    const refused = await post('/api/councils/eb/batch', { requests: [{ path: '/elections', body: { heldOn: '2013-03-24', seats: 2, electedCount: 3 } }] }).expect(422);
    expect(refused.body).toMatchObject({ failedIndex: 0, item: { rule: 'election-elected-exceeds-seats' } });
  });

  it('refuses figures that contradict each other with a 422 naming the rule and the figures, appending nothing', async () => {
    const res = await post(`${C}/elections`, { heldOn: '2012-10-22', seats: 6, curiae: [{ key: 'general', seats: 5 }] }).expect(422);
    expect(res.body).toMatchObject({ rule: 'election-seats-sum', violations: [{ figures: { seats: 6, sum: 5 } }] });
  });

  it('answers 400 for a bad figure and 404 for a member tied to an unknown election', async () => {
    const bad = await post(`${C}/elections`, { heldOn: '2012-10-22', voters: -1 }).expect(400);
    expect(JSON.stringify(bad.body.errors)).toContain('voters');
    await post(`${C}/members`, { name: 'C', curia: 'general', electionId: 'nope' }).expect(404);
  });
});
