import { TestApp, startTestApp } from '../helpers/test-app';
import { C, Recorded, SOURCE, recordCouncil } from './fixture';

interface Entry {
  rule: string;
  severity: string;
  basis: string;
  message: string;
  figures: Record<string, unknown>;
  subject: string;
  date: string | null;
  eventId: string | null;
  sources: Array<Record<string, string>>;
  recordedAt: string | null;
}

describe('GET /api/councils/:id/anomalies (e2e, real app and store)', () => {
  let t: TestApp;
  let r: Recorded;
  let entries: Entry[];

  beforeAll(async () => {
    t = await startTestApp();
    r = await recordCouncil(t);
    const res = await t.http().get(`/api/councils/${C}/anomalies?minPosition=${r.last}`).expect(200);
    expect(res.headers['x-min-position-reached']).toBe('true');
    entries = res.body;
  });
  afterAll(async () => t?.close());

  const find = (rule: string, subject?: string) => entries.filter((e) => e.rule === rule && (subject === undefined || e.subject === subject));

  it('lists a fact recorded with recordAnomaly with its rule, figures, source, event and record time', () => {
    const [chair] = find('chair-not-a-member', 'meeting:m5');
    expect(chair).toMatchObject({
      severity: 'error', basis: 'recorded', subject: 'meeting:m5', date: '2013-09-01', eventId: r.chairAnomalyEventId,
      figures: expect.objectContaining({ name: 'Outsider Person' }),
    });
    expect(chair.sources).toEqual([SOURCE]);
    expect(Date.parse(chair.recordedAt!)).not.toBeNaN();
    // The derived check finds the same thing; it is not listed twice.
    expect(find('chair-not-a-member')).toHaveLength(1);
  });

  it('flags a reported membership outside the derived range with both figures (warning)', () => {
    const [m2] = find('reported-membership-contradicts', 'meeting:m2');
    expect(m2.severity).toBe('warning');
    // 2013-07-15: 7 certainly in office; b3 (left 2013-07) and c3 (left 2012-12-17/2013-10-19) undecidable.
    expect(m2.figures).toMatchObject({ reported: 6, derivedCertain: 7, derivedUncertain: 2, derivedRange: [7, 9], difference: -1 });
    expect((m2.figures.uncertainMembers as Array<{ memberId: string }>).map((m) => m.memberId).sort()).toEqual(['b3', 'c3']);
  });

  it('lists a reported membership within the uncertainty range at info severity', () => {
    const [m4] = find('reported-membership-unexplained', 'meeting:m4');
    expect(m4.severity).toBe('info');
    expect(m4.figures).toMatchObject({ reported: 8, derivedCertain: 7, derivedUncertain: 1, impliedUncertainInOffice: 1 });
    // A figure the record explains exactly (meeting 1: 9 of 9, nobody undecidable) is no anomaly.
    expect(entries.filter((e) => e.subject === 'meeting:m1' && e.rule.startsWith('reported-membership'))).toHaveLength(0);
  });

  it('reports remote participation counted towards the quorum, with the figures', () => {
    const [remote] = find('remote-participation-counted', 'meeting:m2');
    expect(remote.severity).toBe('info');
    expect(remote.figures).toEqual({ present: 6, remote: 2, inPerson: 4, quorumRequired: 4, quorumReachedInPerson: true });
  });

  it('reports the missing meeting number and the imprecise departure', () => {
    expect(find('meeting-number-missing')[0].figures).toEqual({ missing: [3], between: [2, 4] });
    const [c3] = find('departure-date-imprecise', 'member:c3');
    expect(c3.figures).toMatchObject({ leftOn: '2012-12-17/2013-10-19', earliest: '2012-12-17', latest: '2013-10-19' });
  });

  it('is in date order and every entry has the contract fields', () => {
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(['basis', 'date', 'eventId', 'figures', 'message', 'recordedAt', 'rule', 'severity', 'sources', 'subject']);
      expect(['error', 'warning', 'info']).toContain(e.severity);
    }
    const days = entries.filter((e) => e.date !== null).map((e) => e.date!.slice(0, 10));
    expect(days).toEqual([...days].sort());
  });

  it('lists dates that contradict each other (a departure before the election), once', async () => {
    const post = async (path: string, body: object) => (await t.http().post(`/api/councils${path}`).set(t.admin).send(body).expect(201)).body;
    await post('', { councilId: 'dates-council', name: 'Dates', foundedOn: '2012-01-01', seats: 3 });
    await post('/dates-council/members', { memberId: 'x', name: 'Member X', electedOn: '2013-01-01' });
    const left = await post('/dates-council/members/x/departure', { leftOn: '2012-06-01', recordAnomaly: true, source: { title: 'Letter' } });
    const res = await t.http().get(`/api/councils/dates-council/anomalies?minPosition=${left.position}&rule=departure-before-election`).expect(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      severity: 'error', basis: 'recorded', subject: 'member:x', eventId: left.eventIds[0], sources: [{ title: 'Letter' }],
      figures: { memberId: 'x', leftOn: '2012-06-01', electedOn: '2013-01-01' },
    });
  });

  it('filters by severity and rule, and answers as the record stood at knownAtPosition', async () => {
    const errors = await t.http().get(`/api/councils/${C}/anomalies?severity=error`).expect(200);
    // Not `.every` alone (true of an empty list): the filter keeps exactly the errors of the full list, and there are some.
    const all = await t.http().get(`/api/councils/${C}/anomalies`).expect(200);
    const expected = all.body.filter((e: Entry) => e.severity === 'error');
    expect(expected.length).toBeGreaterThan(0);
    expect(all.body.length).toBeGreaterThan(expected.length);
    expect(errors.body).toEqual(expected);
    const before = await t.http().get(`/api/councils/${C}/anomalies?knownAtPosition=${r.beforeAnomaly}&rule=chair-not-a-member`).expect(200);
    expect(before.body).toEqual([]);
  });

  it('answers 404 problem for an unknown council and 400 problem for bad parameters', async () => {
    const missing = await t.http().get('/api/councils/no-such-council/anomalies').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    await t.http().get(`/api/councils/${C}/anomalies?severity=fatal`).expect(400);
    await t.http().get(`/api/councils/${C}/anomalies?minPosition=x`).expect(400);
    await t.http().get(`/api/councils/${C}/anomalies?knownAt=yesterday`).expect(400);
  });
});
