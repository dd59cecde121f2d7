import { TestApp, startTestApp } from '../helpers/test-app';

/**
 * Issue 25 over HTTP: a council founded without seats or without a founding date. Reads show the unknown as
 * absent (never 0, never a made-up date); a figure that needs the seats is a 422 naming the rule.
 */
describe('councils whose seats or founding date are unknown (e2e)', () => {
  let t: TestApp;
  const post = (path: string, body: object) => t.http().post(path).set(t.admin).send(body);
  const get = (path: string) => t.http().get(path).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('founds without seats (absent or null): the summary, curia and export carry no seat count', async () => {
    await post('/api/councils', { councilId: 'town', name: 'Town Council', foundedOn: '2013-03-24?' }).expect(201);
    const { position } = (await post('/api/councils', { councilId: 'nullseats', name: 'Null Seats', foundedOn: '2013', seats: null }).expect(201)).body;
    // Read after the write: the projections follow the store in their own thread (read the record at that position).
    await get(`/api/councils?minPosition=${position}`);
    for (const id of ['town', 'nullseats']) {
      const summary = (await get(`/api/councils/${id}`)).body;
      expect(summary).not.toHaveProperty('seats');
      expect(summary.curiae).toEqual([{ key: 'general', name: 'General list' }]);
      expect((await get(`/api/councils/${id}/export/popolo`)).body.organizations[0]).not.toHaveProperty('seats');
    }
    const timeline = (await get('/api/councils/town/timeline')).body as Array<{ description: string }>;
    expect(timeline[0].description).toContain('its number of seats is unknown');
  });

  it('founds without a founding date (absent, null or XXXX): no foundedOn, status active but never certain by itself', async () => {
    await post('/api/councils', { councilId: 'city', name: 'City Council', seats: 21 }).expect(201);
    await post('/api/councils', { councilId: 'city2', name: 'City Council 2', seats: 21, foundedOn: null }).expect(201);
    const founded = (await post('/api/councils', { councilId: 'city3', name: 'City Council 3', seats: 21, foundedOn: 'XXXX' }).expect(201)).body;
    await get(`/api/councils?minPosition=${founded.position}`);
    for (const id of ['city', 'city2', 'city3']) {
      expect((await get(`/api/councils/${id}`)).body).not.toHaveProperty('foundedOn');
      expect((await get(`/api/councils/${id}/state?at=1950-01-01`)).body).toMatchObject({ status: 'active', statusCertain: false, memberCount: 0 });
    }
    expect((await get('/api/councils/city/export/popolo')).body.organizations[0]).not.toHaveProperty('founding_date');
    // A member certainly in office shows the council existing that day.
    const { position } = (await post('/api/councils/city/members', { name: 'A Member', electedOn: '2014-01-10' }).expect(201)).body;
    const state = (await get(`/api/councils/city/state?at=2014-02-01&minPosition=${position}`)).body;
    expect(state).toMatchObject({ status: 'active', statusCertain: true, memberCount: 1 });
    // The membership series starts at the first day a member may have been in office, not in year 0.
    const series = (await get('/api/councils/city/analytics/membership?to=2014-03-10')).body;
    expect(series.from).toBe('2014-01-10');
    expect(series.series.map((p: { certain: number }) => p.certain)).toEqual([1, 1, 1]);
  });

  it('records an election without heldOn (absent or null): listed without it; a member naming it needs electedOn', async () => {
    await post('/api/councils/city/elections', { electionId: 'undated', seats: 21, candidateCount: 58 }).expect(201);
    await post('/api/councils/city/elections', { electionId: 'undated2', heldOn: null, seats: 21 }).expect(201);
    const { position } = (await post('/api/councils/city/elections', { electionId: 'dated', heldOn: '2014', seats: 21 }).expect(201)).body;
    const elections = (await get(`/api/councils/city/elections?minPosition=${position}`)).body as Array<Record<string, unknown>>;
    expect(elections.filter((e) => e.heldOn === undefined).map((e) => e.electionId).sort()).toEqual(['undated', 'undated2']);
    const refused = await post('/api/councils/city/members', { name: 'B Member', electionId: 'undated' }).expect(422);
    expect(JSON.stringify(refused.body)).toContain('elected-on-required');
    await post('/api/councils/city/members', { name: 'B Member', electionId: 'undated', electedOn: '2014-02-01' }).expect(201);
  });

  it('422 seats-unknown for majority-of-seats without seats, naming the rule; nothing is appended', async () => {
    const before = (await get('/api/councils')).body.length;
    const res = await post('/api/councils', { councilId: 'noseats', name: 'No Seats', foundedOn: '2013', rules: { quorum: 'majority-of-seats' } }).expect(422);
    expect(res.body.rule ?? res.body.violations?.[0]?.rule).toBe('seats-unknown');
    expect(JSON.stringify(res.body)).toContain('majority-of-seats');
    expect((await get('/api/councils')).body.length).toBe(before);
    await t.http().get('/api/councils/noseats').expect(404);
  });

  it('400 for a seat count of 0 or a malformed date: unknown is absent, never 0', async () => {
    await post('/api/councils', { councilId: 'zero', name: 'Zero', foundedOn: '2013', seats: 0 }).expect(400);
    await post('/api/councils', { councilId: 'bad', name: 'Bad', foundedOn: '2013-13-45', seats: 5 }).expect(400);
  });

  it('a meeting in a council of unknown seats gets its quorum from the members in office', async () => {
    for (const name of ['One', 'Two', 'Three']) await post('/api/councils/town/members', { name, electedOn: '2013-03-24' }).expect(201);
    const meeting = await post('/api/councils/town/meetings', { date: '2013-04-10', presentCount: 2 }).expect(201);
    expect(meeting.body).toMatchObject({ outcome: 'held', membership: 3, quorum: 2 });
  });
});
