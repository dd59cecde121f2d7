import { TestApp, startTestApp } from '../helpers/test-app';

/** Issue 25 over HTTP: an affiliation whose start is unknown, and one outside the council (a party). */
describe('affiliations with an unknown start, and outside the council (e2e)', () => {
  let t: TestApp;
  let position = '0';
  const post = async (path: string, body: object, status = 201) => {
    const res = await t.http().post(path).set(t.admin).send(body).expect(status);
    if (res.body.position) position = res.body.position;
    return res;
  };
  const get = (path: string) => t.http().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`).expect(200);
  const C = '/api/councils/c';

  beforeAll(async () => {
    t = await startTestApp();
    await post('/api/councils', { councilId: 'c', name: 'C', foundedOn: '2012-10-22', seats: 5 });
    await post(`${C}/members`, { memberId: 'gg', name: 'G G', electedOn: '2012-10-22' });
    await post(`${C}/groups`, { groupId: 'ajr', name: 'A Just Russia', classification: 'party' });
    await post(`${C}/groups`, { groupId: 'red', name: 'Red', classification: 'faction' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records an outside affiliation without from (absent or null); reads show it since unknown, possible before its end only', async () => {
    const reply = await post(`${C}/members/gg/affiliations`, { groupId: 'ajr', from: null, to: '2013-03-13', outside: true });
    expect(reply.body).toMatchObject({ memberId: 'gg', groupId: 'ajr', outside: true });
    const member = (await get(`${C}/members`)).body.members[0];
    expect(member.affiliations).toEqual([{ groupId: 'ajr', to: '2013-03-13', outside: true }]);
    const before = (await get(`${C}/state?at=2013-03-12`)).body;
    expect(before.outsideAffiliations).toEqual([{ memberId: 'gg', groupId: 'ajr', until: '2013-03-13', certain: false }]);
    expect(before.members[0]).not.toHaveProperty('group');
    expect((await get(`${C}/state?at=2013-03-13`)).body.outsideAffiliations).toEqual([]);
  });

  it('a council affiliation with an unknown start sets no group until a known one follows', async () => {
    await post(`${C}/members/gg/affiliations`, { groupId: 'red', to: '2013-01-01' });
    expect((await get(`${C}/state?at=2012-12-01`)).body.members[0]).not.toHaveProperty('group');
    await post(`${C}/members/gg/affiliations`, { groupId: 'red', from: '2013-01-01' });
    expect((await get(`${C}/state?at=2013-02-01`)).body.members[0]).toMatchObject({ group: 'red' });
    const popolo = (await get(`${C}/export/popolo`)).body;
    const onBehalf = popolo.memberships.filter((m: { person_id: string; on_behalf_of_id?: string }) => m.person_id === 'gg' && m.on_behalf_of_id === 'c-group-red');
    expect(onBehalf[0]).not.toHaveProperty('start_date');
    expect(onBehalf[0]).toMatchObject({ end_date: '2013-01-01' });
  });

  it('400 for a malformed start; 422 for an end before a known start; nothing appended', async () => {
    const before = (await get(`${C}/members`)).body.members[0].affiliations.length;
    await post(`${C}/members/gg/affiliations`, { groupId: 'ajr', from: '2013-99', outside: true }, 400);
    await post(`${C}/members/gg/affiliations`, { groupId: 'ajr', from: '2013-04-01', to: '2013-03-13', outside: true }, 422);
    expect((await get(`${C}/members`)).body.members[0].affiliations.length).toBe(before);
  });
});
