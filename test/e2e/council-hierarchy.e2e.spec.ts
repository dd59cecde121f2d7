import { TestApp, startTestApp } from '../helpers/test-app';

/** Councils with a type, a level and a parent council, through HTTP: written, listed, exported (issue 27). */
describe('councils under councils (e2e)', () => {
  let t: TestApp;
  const post = (path: string, body: object) => t.http().post(path).set(t.admin).send(body);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('founds with type, level and parent; classifies later; lists them; leaves out what the record does not say', async () => {
    await post('/api/councils', { councilId: 'national', name: 'National Council', foundedOn: '2012-10-22', seats: 45, level: 'national' }).expect(201);
    await post('/api/councils', { councilId: 'town', name: 'Town Council', foundedOn: '2013-03-24?', seats: 15, type: "people's council", level: 'regional', parentCouncilId: 'national' }).expect(201);
    const city = await post('/api/councils', { councilId: 'city', name: 'City Council', foundedOn: '201X', seats: 21 }).expect(201);
    const plain = await t.http().get(`/api/councils?minPosition=${city.body.position}`).expect(200);
    expect(plain.body.find((c: { councilId: string }) => c.councilId === 'city')).not.toHaveProperty('parentCouncilId');
    const classified = await post('/api/councils/city/classification', {
      level: 'regional', parentCouncilId: 'national', source: { title: 'Reference', locator: '== Regional councils ==' },
    }).expect(201);
    expect(classified.body).toMatchObject({ councilId: 'city', level: 'regional', parentCouncilId: 'national' });

    const list = await t.http().get(`/api/councils?minPosition=${classified.body.position}`).expect(200);
    const byId = (id: string) => list.body.find((c: { councilId: string }) => c.councilId === id);
    expect(byId('national')).toMatchObject({ level: 'national' });
    expect(byId('national')).not.toHaveProperty('parentCouncilId');
    expect(byId('town')).toMatchObject({ type: "people's council", level: 'regional', parentCouncilId: 'national' });
    expect(byId('city')).toMatchObject({ level: 'regional', parentCouncilId: 'national' });
    expect(byId('city')).not.toHaveProperty('type');
    const one = await t.http().get('/api/councils/town').expect(200);
    expect(one.body).toMatchObject({ level: 'regional', parentCouncilId: 'national' });
  });

  it('the Popolo export names the parent organization (parent_id)', async () => {
    const popolo = await t.http().get('/api/councils/town/export/popolo').expect(200);
    expect(popolo.body.organizations.find((o: { id: string }) => o.id === 'town')).toMatchObject({ parent_id: 'national', level: 'regional', council_type: "people's council" });
  });

  it('refuses what cannot be: a bad level (400), a council under itself (422), an empty classification (422); a batch takes the path', async () => {
    const bad = await post('/api/councils/city/classification', { level: 'galactic' }).expect(400);
    expect(JSON.stringify(bad.body.errors)).toContain('level');
    expect((await post('/api/councils/city/classification', { parentCouncilId: 'city' }).expect(422)).body.rule).toBe('council-parent-self');
    expect((await post('/api/councils/city/classification', {}).expect(422)).body.rule).toBe('classification-empty');
    const batch = await post('/api/councils/city/batch', { requests: [{ path: '/classification', body: { type: 'public city council' } }] }).expect(201);
    const list = await t.http().get(`/api/councils/city?minPosition=${batch.body.position}`).expect(200);
    expect(list.body).toMatchObject({ type: 'public city council', level: 'regional', parentCouncilId: 'national' });
  });
});
