import { popoloProblems } from '../helpers/popolo-shape';
import { TestApp, startTestApp } from '../helpers/test-app';

/**
 * Issue 21: a member's constituency and identifiers through the HTTP API (real app, real SQLite store):
 * written with POST /members, read in state and members on a day as known at any time, corrected like any
 * fact, exported in Popolo (area_id + areas[], persons' identifiers); bad input is a 400 that appends nothing.
 */
describe('member constituency and identifiers (e2e)', () => {
  let t: TestApp;
  let last = '0';
  const C = 'riigikogu';
  const post = async (path: string, body: object, status = 201) => {
    const res = await t.http().post(`/api/councils/${C}${path}`).set(t.admin).send(body);
    expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ status, body: undefined });
    if (res.status === 201) last = res.body.position;
    return res.body;
  };
  const get = async (path: string) => {
    const res = await t.http().get(`/api/councils/${C}${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  let before: string;
  let elected: { eventIds: string[] };

  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/api/councils').set(t.admin).send({ councilId: C, name: 'Riigikogu', foundedOn: '2015-03-30', seats: 101 }).expect(201);
    elected = await post('/members', {
      memberId: 'reinsalu', name: 'Urmas Reinsalu', electedOn: '2015-03-30',
      constituency: { id: 'area/tallinn', name: 'Tallinn' }, identifiers: [{ scheme: 'wikidata', identifier: 'Q1254318' }],
    });
    before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await post('/members', { memberId: 'roraima', name: 'By Name Only', electedOn: '2015-03-30', constituency: { name: 'Roraima' } });
    await post('/members', { memberId: 'plain', name: 'No Details', electedOn: '2015-03-30' });
  });
  afterAll(async () => t?.close());

  it('state and members on a day carry them; a member without them has neither field (never {} or [])', async () => {
    const state = await get('/state?at=2016-01-01');
    const byId = Object.fromEntries(state.members.map((m: { memberId: string }) => [m.memberId, m]));
    expect(byId.reinsalu).toMatchObject({ constituency: { id: 'area/tallinn', name: 'Tallinn' }, identifiers: [{ scheme: 'wikidata', identifier: 'Q1254318' }] });
    expect(byId.roraima.constituency).toEqual({ name: 'Roraima' });
    expect(byId.plain).not.toHaveProperty('constituency');
    expect(byId.plain).not.toHaveProperty('identifiers');
    const onDay = await get('/members?at=2016-01-01');
    const listed = Object.fromEntries(onDay.members.map((m: { memberId: string }) => [m.memberId, m]));
    expect(listed.reinsalu.constituency).toEqual(byId.reinsalu.constituency);
    expect(listed.reinsalu.identifiers).toEqual(byId.reinsalu.identifiers);
    const all = await get('/members');
    expect(all.members.find((m: { memberId: string }) => m.memberId === 'roraima').constituency).toEqual({ name: 'Roraima' });
  });

  it('known-at like the rest: a replacement changes it, and the record as it stood before still shows the old one', async () => {
    await post('/corrections', {
      eventId: elected.eventIds[0], action: 'replace', reason: 'the constituency was misread',
      replacement: { name: 'Urmas Reinsalu', electedOn: '2015-03-30', constituency: { id: 'area/harju', name: 'Harju- ja Raplamaa' }, identifiers: [{ scheme: 'wikidata', identifier: 'Q1254318' }] },
    });
    const now = await get('/state?at=2016-01-01');
    expect(now.members.find((m: { memberId: string }) => m.memberId === 'reinsalu').constituency).toEqual({ id: 'area/harju', name: 'Harju- ja Raplamaa' });
    const then = await get(`/state?at=2016-01-01&knownAt=${before}`);
    expect(then.members.find((m: { memberId: string }) => m.memberId === 'reinsalu').constituency).toEqual({ id: 'area/tallinn', name: 'Tallinn' });
  });

  it('the Popolo export writes area_id naming an areas[] entry (or the area inline by name) and persons\' identifiers', async () => {
    const out = await get('/export/popolo');
    expect(popoloProblems(out)).toEqual([]);
    expect(out.areas).toEqual([{ id: 'area/harju', name: 'Harju- ja Raplamaa' }]);
    const membership = (id: string) => out.memberships.find((m: { person_id: string; role: string }) => m.person_id === id && m.role === 'member');
    expect(membership('reinsalu').area_id).toBe('area/harju');
    expect(membership('roraima').area).toEqual({ name: 'Roraima' });
    expect(membership('plain')).not.toHaveProperty('area_id');
    expect(out.persons.find((p: { id: string }) => p.id === 'reinsalu').identifiers).toEqual([{ scheme: 'wikidata', identifier: 'Q1254318' }]);
    expect(out.persons.find((p: { id: string }) => p.id === 'plain')).not.toHaveProperty('identifiers');
  });

  it.each([
    [{ constituency: {} }, 'constituency'],
    [{ constituency: { id: '' } }, 'constituency'],
    [{ constituency: 'Tallinn' }, 'constituency'],
    [{ identifiers: [{ scheme: 'wikidata' }] }, 'identifiers'],
    [{ identifiers: 'Q1' }, 'identifiers'],
  ])('bad input %j is a 400 naming the field, and appends nothing', async (extra, field) => {
    const head = await t.http().get(`/api/councils/${C}/events?limit=10000`);
    const res = await t.http().post(`/api/councils/${C}/members`).set(t.admin).send({ name: 'Bad', electedOn: '2015-03-30', ...extra });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(field);
    const after = await t.http().get(`/api/councils/${C}/events?limit=10000`);
    expect(after.body.length).toBe(head.body.length);
  });
});
