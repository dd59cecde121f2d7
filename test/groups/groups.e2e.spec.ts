import { TestApp, startTestApp } from '../helpers/test-app';

/**
 * Political groups over time through the HTTP API (real app, real SQLite store): the writes, their rules,
 * and every read that shows groups (state, members, membership, attendance, cohesion, Popolo export).
 */
describe('political groups over time (e2e)', () => {
  let t: TestApp;
  let last = '0';
  const C = 'parliament';
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

  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/api/councils').set(t.admin).send({ councilId: C, name: 'Parliament', foundedOn: '2020-01-01', seats: 4, rules: { decision: 'majority-of-present' } }).expect(201);
    for (const id of ['ann', 'bob', 'cat', 'dan']) await post('/members', { memberId: id, name: id.toUpperCase(), electedOn: '2020-01-01' });
    expect(await post('/groups', { name: 'Reds', classification: 'party' })).toMatchObject({ groupId: 'reds' });
    await post('/groups', { groupId: 'blues', name: 'Blues', classification: 'party', foundedOn: '1990' });
    await post('/members/ann/affiliations', { groupId: 'reds', from: '2020-01-01', to: '2020-06-01' });
    await post('/members/ann/affiliations', { groupId: 'blues', from: '2020-06-01' });
    await post('/members/bob/affiliations', { groupId: 'reds', from: '2020-01-01' });
    await post('/members/cat/affiliations', { groupId: 'blues', from: '2020-01-01' });
    // dan sits for no group.
    await post('/meetings', { meetingId: 's1', date: '2020-03-01', present: ['ann', 'bob', 'cat'] });
    await post('/meetings', { meetingId: 's2', date: '2020-07-01', present: ['ann', 'cat', 'dan'] });
    for (const [motionId, meetingId, date, votes] of [
      ['m1', 's1', '2020-03-01', { ann: 'yes', bob: 'yes', cat: 'no' }],
      ['m2', 's2', '2020-07-01', { ann: 'no', cat: 'no', dan: 'yes' }],
    ] as const) {
      await post('/motions', { motionId, title: motionId, meetingId, openedOn: date });
      for (const [memberId, choice] of Object.entries(votes)) await post(`/motions/${motionId}/votes`, { memberId, choice });
    }
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('refuses an affiliation with an unknown group (404) or member (404), appending nothing', async () => {
    const before = last;
    const group = await post('/members/dan/affiliations', { groupId: 'greens', from: '2020-01-01' }, 404);
    expect(group).toMatchObject({ status: 404, entity: 'group' });
    await post('/members/zed/affiliations', { groupId: 'reds', from: '2020-01-01' }, 404);
    expect(last).toBe(before);
  });

  it('refuses an overlapping affiliation with the rule and figures (422), or records it as an anomaly', async () => {
    const problem = await post('/members/bob/affiliations', { groupId: 'blues', from: '2020-05-01' }, 422);
    expect(problem.violations).toEqual([expect.objectContaining({ rule: 'affiliation-overlap', figures: expect.objectContaining({ groupId: 'reds', from: '2020-01-01' }) })]);
    await post('/members/dan/affiliations', { groupId: 'reds', from: '2019-01-01', to: '2020-01-15' }, 422);
    await post('/members/dan/affiliations', { groupId: 'reds', from: '2020-03-01', to: '2020-01-01' }, 422);
    await post('/members/dan/affiliations', { groupId: 'reds', from: 'soon' }, 400);
  });

  it('state and members carry the group each member sat for on the date', async () => {
    const march = await get('/state?at=2020-03-15');
    expect(Object.fromEntries(march.members.map((m: { memberId: string; group?: string }) => [m.memberId, m.group ?? null]))).toEqual({ ann: 'reds', bob: 'reds', cat: 'blues', dan: null });
    const july = await get('/members?at=2020-07-15');
    expect(july.members.find((m: { memberId: string }) => m.memberId === 'ann')).toMatchObject({ group: 'blues' });
    const all = await get('/members');
    expect(all.members.find((m: { memberId: string }) => m.memberId === 'ann').affiliations).toEqual([
      { groupId: 'reds', from: '2020-01-01', to: '2020-06-01' },
      { groupId: 'blues', from: '2020-06-01' },
    ]);
  });

  it('analytics/membership counts members per group at each step', async () => {
    const { series } = await get('/analytics/membership?from=2020-03-01&to=2020-07-01&step=month');
    const at = (date: string) => series.find((p: { date: string }) => p.date === date).byGroup;
    expect(at('2020-03-01')).toEqual({ reds: { certain: 2, uncertain: 0 }, blues: { certain: 1, uncertain: 0 } });
    expect(at('2020-07-01')).toEqual({ reds: { certain: 1, uncertain: 0 }, blues: { certain: 2, uncertain: 0 } });
  });

  it('analytics/cohesion?by=group: Rice per group with each voter in the group of the vote date', async () => {
    const report = await get('/analytics/cohesion?by=group');
    expect(report.by).toBe('group');
    expect(report.curiae).toBeUndefined();
    const reds = report.groups.find((g: { group: string }) => g.group === 'reds');
    const blues = report.groups.find((g: { group: string }) => g.group === 'blues');
    // m1: reds ann+bob yes (rice 1); blues cat alone (not counted). m2: blues ann+cat no (rice 1); dan has no group.
    expect(reds).toMatchObject({ motions: 1, rice: 1, perMotion: [{ motionId: 'm1', yes: 2, no: 0 }] });
    expect(blues).toMatchObject({ motions: 1, rice: 1, perMotion: [{ motionId: 'm2', yes: 0, no: 2 }] });
    expect(report.votesWithoutGroup).toBe(1);
    const byCuria = await get('/analytics/cohesion?by=curia');
    expect(byCuria.curiae[0]).toMatchObject({ curia: 'general', motions: 2 });
    const bad = await t.http().get(`/api/councils/${C}/analytics/cohesion?by=party`);
    expect(bad.status).toBe(400);
  });

  it('analytics/attendance?by=group aggregates member-meetings under the group of each meeting date', async () => {
    const report = await get('/analytics/attendance?by=group');
    const row = (key: string) => report.groups.find((g: { key: string }) => g.key === key);
    // s1: reds ann, bob (both came); blues cat (came). s2: blues ann, cat (came); reds bob (missed); dan unassigned (missed s1, came to s2).
    expect(row('reds')).toMatchObject({ attended: 2, eligible: 3, missed: 1, members: 2 });
    expect(row('blues')).toMatchObject({ attended: 3, eligible: 3, members: 2 });
    expect(report.unassigned).toEqual({ attended: 1, eligible: 2 });
    const curia = await get('/analytics/attendance?by=curia');
    expect(curia.curiae).toEqual([expect.objectContaining({ key: 'general', attended: 6, eligible: 8 })]);
  });

  it('export/popolo writes one membership per period with on_behalf_of the group', async () => {
    const popolo = await get('/export/popolo');
    expect(popolo.organizations).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: `${C}-group-reds`, name: 'Reds', classification: 'party' }),
      expect.objectContaining({ id: `${C}-group-blues`, founding_date: '1990' }),
    ]));
    const ann = popolo.memberships.filter((m: { person_id: string }) => m.person_id === 'ann');
    expect(ann).toEqual([
      expect.objectContaining({ on_behalf_of_id: `${C}-group-reds`, start_date: '2020-01-01', end_date: '2020-06-01' }),
      expect.objectContaining({ on_behalf_of_id: `${C}-group-blues`, start_date: '2020-06-01' }),
    ]);
    const dan = popolo.memberships.filter((m: { person_id: string }) => m.person_id === 'dan');
    expect(dan).toEqual([expect.objectContaining({ on_behalf_of_id: `${C}-curia-general` })]);
  });
});
