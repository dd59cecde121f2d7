import { TestApp, startTestApp } from '../helpers/test-app';

/** GET /api/tokens/me: what a token grants, so a client checks it when it is entered (issue 27). */
describe('GET /api/tokens/me (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('answers the role, council and label of the token presented, never the token itself', async () => {
    const issued = await t.http().post('/api/tokens').set(t.admin).send({ role: 'secretary', councilId: 'coordination-council', label: 'Secretary of the CC' }).expect(201);
    const me = await t.http().get('/api/tokens/me').set('Authorization', `Bearer ${issued.body.token}`).expect(200);
    expect(me.body).toEqual({ tokenId: issued.body.tokenId, role: 'secretary', councilId: 'coordination-council', label: 'Secretary of the CC', mayWrite: true, mayCorrect: false });
    expect(JSON.stringify(me.body)).not.toContain(issued.body.token);
  });

  it('a token for every council has no councilId; an analyst may not write; a historian may correct', async () => {
    const analyst = await t.http().post('/api/tokens').set(t.admin).send({ role: 'analyst' }).expect(201);
    const a = await t.http().get('/api/tokens/me').set('Authorization', `Bearer ${analyst.body.token}`).expect(200);
    expect(a.body).toMatchObject({ role: 'analyst', mayWrite: false, mayCorrect: false });
    expect(a.body).not.toHaveProperty('councilId');
    const historian = await t.http().post('/api/tokens').set(t.admin).send({ role: 'historian' }).expect(201);
    expect((await t.http().get('/api/tokens/me').set('Authorization', `Bearer ${historian.body.token}`).expect(200)).body).toMatchObject({ mayWrite: true, mayCorrect: true });
  });

  it('refuses an unknown, revoked or missing token with a problem+json 401', async () => {
    const unknown = await t.http().get('/api/tokens/me').set('Authorization', 'Bearer not-a-token').expect(401);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    await t.http().get('/api/tokens/me').expect(401);
    const issued = await t.http().post('/api/tokens').set(t.admin).send({ role: 'secretary' }).expect(201);
    await t.http().delete(`/api/tokens/${issued.body.tokenId}`).set(t.admin).expect(204);
    await t.http().get('/api/tokens/me').set('Authorization', `Bearer ${issued.body.token}`).expect(401);
  });
});
