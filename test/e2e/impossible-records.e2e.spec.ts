import { TestApp, startTestApp } from '../helpers/test-app';

/**
 * The rules of issue 27 through HTTP: one code path each, so a single request, a batch item and a roll
 * call are refused alike (422 naming the rule and the figures, or 409 naming the meeting on record),
 * nothing is appended, and `recordAnomaly` (historians) records the fact with its anomaly.
 */
describe('impossible records are refused (e2e)', () => {
  let t: TestApp;
  let secretary: { Authorization: string };
  let historian: { Authorization: string };
  const C = '/api/councils/rules-council';

  const post = (path: string, body: object, auth = secretary) => t.http().post(path).set(auth).send(body);
  const head = async () => (await t.http().get('/api/health').expect(200)).body.info.eventStore.headPosition as string;

  beforeAll(async () => {
    t = await startTestApp();
    secretary = { Authorization: `Bearer ${(await t.http().post('/api/tokens').set(t.admin).send({ role: 'secretary' }).expect(201)).body.token}` };
    historian = { Authorization: `Bearer ${(await t.http().post('/api/tokens').set(t.admin).send({ role: 'historian' }).expect(201)).body.token}` };
    await post('/api/councils', { councilId: 'rules-council', name: 'Rules Council', foundedOn: '2012-10-22', seats: 45 }).expect(201);
    await post(`${C}/batch`, {
      requests: Array.from({ length: 40 }, (_, i) => ({ path: '/members', body: { memberId: `m${i + 1}`, name: `Member ${i + 1}`, electedOn: '2012-10-22' } })),
    }).expect(201);
    await post(`${C}/meetings`, { meetingId: 'opening', date: '2012-10-27', presentCount: 37 }).expect(201);
    await post(`${C}/motions`, { motionId: 'late', title: 'Opened after its meeting', meetingId: 'opening', openedOn: '2012-11-01' }).expect(201);
    await post(`${C}/motions`, { motionId: 'online', title: 'Online vote', online: true, openedOn: '2013-03-01' }).expect(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('300 present of 40 members: 422 present-exceeds-membership with the figures, nothing appended', async () => {
    const before = await head();
    const res = await post(`${C}/meetings`, { date: '2013-08-24', presentCount: 300 }).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.rule).toBe('present-exceeds-membership');
    expect(res.body.violations[0].figures).toEqual({ present: 300, membership: 40, membershipUncertain: 0, on: '2013-08-24' });
    expect(res.body.detail).toBe('300 present, but the council had 40 members in office on 2013-08-24');
    expect(await head()).toBe(before);
  });

  it('the same rule refuses a batch item, with failedIndex and the item problem', async () => {
    const before = await head();
    const res = await post(`${C}/batch`, {
      requests: [
        { path: '/meetings', body: { date: '2013-08-10', presentCount: 30 } },
        { path: '/meetings', body: { date: '2013-08-24', presentCount: 300 } },
      ],
    }).expect(422);
    expect(res.body).toMatchObject({ failedIndex: 1, rule: 'present-exceeds-membership', item: { violations: [{ figures: { present: 300, membership: 40 } }] } });
    expect(await head()).toBe(before);
  });

  it('with recordAnomaly (historian) the meeting is recorded and listed as a recorded anomaly', async () => {
    const res = await post(`${C}/meetings`, { meetingId: 'odd', date: '2013-09-07', presentCount: 300, recordAnomaly: true }, historian).expect(201);
    const anomalies = await t.http().get(`${C}/anomalies?minPosition=${res.body.position}`).expect(200);
    const odd = anomalies.body.filter((a: { rule: string; subject: string }) => a.rule === 'present-exceeds-membership' && a.subject === 'meeting:odd');
    expect(odd).toEqual([expect.objectContaining({ basis: 'recorded', figures: { present: 300, membership: 40, membershipUncertain: 0, on: '2013-09-07' } })]); // once, not again as derived
  });

  it('a meeting whose attendance a later departure makes impossible is listed as a derived anomaly', async () => {
    await post(`${C}/meetings`, { meetingId: 'full', date: '2013-09-14', presentCount: 40 }).expect(201);
    const left = await post(`${C}/members/m40/departure`, { leftOn: '2013-09-01' }).expect(201);
    const anomalies = await t.http().get(`${C}/anomalies?minPosition=${left.body.position}`).expect(200);
    const full = anomalies.body.filter((a: { rule: string; subject: string }) => a.rule === 'present-exceeds-membership' && a.subject === 'meeting:full');
    expect(full).toEqual([expect.objectContaining({ basis: 'derived', severity: 'error', figures: { present: 40, membership: 39, membershipUncertain: 0, on: '2013-09-14' } })]);
  });

  it('a roll call whose result is dated before the motion was opened: 422 decided-before-opened, nothing appended', async () => {
    const before = await head();
    const res = await post(`${C}/motions/online/roll-call`, { votes: [{ memberId: 'm1', choice: 'yes' }], decidedOn: '2013-02-20' }).expect(422);
    expect(res.body.rule).toBe('decided-before-opened');
    expect(res.body.violations[0].figures).toEqual({ motionId: 'online', openedOn: '2013-03-01', date: '2013-02-20' });
    expect(await head()).toBe(before);
    const result = await post(`${C}/motions/online/result`, { decidedOn: '2013-02-20', counts: { yes: 30 } }).expect(422);
    expect(result.body.rule).toBe('decided-before-opened');
  });

  it('a vote on a motion opened after its meeting: 422 vote-before-opened', async () => {
    const res = await post(`${C}/motions/late/votes`, { memberId: 'm1', choice: 'yes' }).expect(422);
    expect(res.body.rule).toBe('vote-before-opened');
    expect(res.body.violations[0].figures).toEqual({ motionId: 'late', openedOn: '2012-11-01', date: '2012-10-27' });
  });

  it('a meeting sent again for a day that has one: 409 naming it; with a kind it is a second meeting', async () => {
    const first = await post(`${C}/meetings`, { date: '2013-08-24', presentCount: 30 }).expect(201);
    const before = await head();
    const again = await post(`${C}/meetings`, { date: '2013-08-24', presentCount: 30 }).expect(409);
    expect(again.body).toMatchObject({
      status: 409,
      rule: 'second-meeting-same-day',
      figures: { date: '2013-08-24', meetingId: first.body.meetingId, outcome: 'held' },
    });
    expect(again.body.detail).toContain(first.body.meetingId);
    expect(await head()).toBe(before);
    const batch = await post(`${C}/batch`, { requests: [{ path: '/meetings', body: { date: '2013-08-24', presentCount: 30 } }] }).expect(409);
    expect(batch.body).toMatchObject({ failedIndex: 0, rule: 'second-meeting-same-day' });
    const second = await post(`${C}/meetings`, { date: '2013-08-24', kind: 'extraordinary', presentCount: 25 }).expect(201);
    expect(second.body.meetingId).not.toBe(first.body.meetingId);
  });
});
