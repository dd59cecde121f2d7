import { TestApp, startTestApp } from '../helpers/test-app';
import { C, Recorded, recordCouncil } from './fixture';

describe('GET /api/councils/:id/analytics/* (e2e, real app and store)', () => {
  let t: TestApp;
  let r: Recorded;
  const get = (path: string) => t.http().get(`/api/councils/${C}/analytics/${path}${path.includes('?') ? '&' : '?'}minPosition=${r.last}`);

  beforeAll(async () => {
    t = await startTestApp();
    r = await recordCouncil(t);
  });
  afterAll(async () => t?.close());

  describe('membership', () => {
    it('counts certain and uncertain members per step, overall and per curia, naming the uncertain ones', async () => {
      const res = await get('membership?from=2013-06-01&to=2013-09-01&step=month').expect(200);
      expect(res.body).toMatchObject({ councilId: C, step: 'month', from: '2013-06-01', to: '2013-09-01' });
      const points = res.body.series.map((p: { date: string; certain: number; uncertain: number; uncertainMembers: string[] }) => [p.date, p.certain, p.uncertain, p.uncertainMembers.sort()]);
      expect(points).toEqual([
        ['2013-06-01', 8, 1, ['c3']],
        ['2013-07-01', 7, 2, ['b3', 'c3']], // b3 left "2013-07": undecidable during July
        ['2013-08-01', 7, 1, ['c3']],
        ['2013-09-01', 7, 1, ['c3']],
      ]);
      expect(res.body.series[1].byCuria).toEqual({ a: { certain: 3, uncertain: 0 }, b: { certain: 2, uncertain: 1 }, c: { certain: 2, uncertain: 1 } });
    });

    it('defaults to the founding and steps by month; weeks, days and years work; too many steps is 400', async () => {
      const res = await get('membership?to=2013-01-01').expect(200);
      expect(res.body.series[0]).toMatchObject({ date: '2012-10-22', certain: 9, uncertain: 0, status: 'active' });
      expect(res.body.series.map((p: { date: string }) => p.date)).toEqual(['2012-10-22', '2012-11-22', '2012-12-22']);
      const weeks = await get('membership?from=2013-01-01&to=2013-01-31&step=week').expect(200);
      expect(weeks.body.series).toHaveLength(5);
      const years = await get('membership?from=2011-06-01&to=2014-06-01&step=year').expect(200);
      expect(years.body.series.map((p: { status: string; certain: number }) => [p.status, p.certain])).toEqual([['not-founded', 0], ['not-founded', 0], ['active', 8], ['active', 7]]);
      const tooMany = await get('membership?from=1900-01-01&to=2020-01-01&step=day').expect(400);
      expect(tooMany.body.errors[0].field).toBe('step');
      await get('membership?step=hour').expect(400);
      await get('membership?from=2014-01-01&to=2013-01-01').expect(400);
      await get('membership?from=not-a-date').expect(400);
    });
  });

  describe('attendance', () => {
    it('gives per meeting present, membership, rate, quorum and margin', async () => {
      const res = await get('attendance').expect(200);
      const m1 = res.body.meetings.find((m: { meetingId: string }) => m.meetingId === 'm1');
      expect(m1).toMatchObject({ number: 1, date: '2012-11-01', outcome: 'held', present: 6, membership: 9, rate: 0.6667, quorum: 5, margin: 1, namedAttendance: true });
      const m2 = res.body.meetings.find((m: { meetingId: string }) => m.meetingId === 'm2');
      // 6 present of 7 certain members (b3 and c3 undecidable): quorum 4 (5 if both were in).
      expect(m2).toMatchObject({ present: 6, remote: 2, membership: 7, membershipUncertain: 2, rate: 0.8571, quorum: 4, quorumIfAllUncertainIn: 5, margin: 2, namedAttendance: false });
    });

    it('gives per member attended, missed, eligible and rate over the meetings that name participants, and says when only counts exist', async () => {
      const res = await get('attendance').expect(200);
      const byId = Object.fromEntries(res.body.members.map((m: { memberId: string }) => [m.memberId, m]));
      expect(byId.a1).toMatchObject({ name: 'Member A1', attended: 1, missed: 0, eligible: 1, rate: 1 });
      expect(byId.c2).toMatchObject({ attended: 0, missed: 1, eligible: 1, rate: 0 });
      expect(res.body.members).toHaveLength(9);
      expect(res.body.note).toMatch(/3 of 4 meetings give attendance only as counts/);
    });
  });

  describe('cohesion', () => {
    it('averages the Rice index |yes-no|/(yes+no) per curia over motions with at least two yes/no votes', async () => {
      const res = await get('cohesion').expect(200);
      const curia = (key: string) => res.body.curiae.find((c: { curia: string }) => c.curia === key);
      // Curia a: 2 yes / 1 no on mo1 and 1 yes / 2 no on mo2 → 1/3 each.
      expect(curia('a')).toMatchObject({ motions: 2, rice: 0.3333 });
      expect(curia('a').perMotion).toEqual([
        { motionId: 'mo1', rice: 0.3333, yes: 2, no: 1, abstain: 0 },
        { motionId: 'mo2', rice: 0.3333, yes: 1, no: 2, abstain: 0 },
      ]);
      // Curia b: 2 yes on mo1 (1), 1 yes / 1 no on mo2 (0) → 0.5.
      expect(curia('b')).toMatchObject({ motions: 2, rice: 0.5 });
      // Curia c: one abstention only: no motion counts.
      expect(curia('c')).toMatchObject({ motions: 0, rice: null, perMotion: [] });
    });

    it('gives pairwise agreement over the motions both voted on, most agreeing first, limited by ?limit', async () => {
      const res = await get('cohesion?limit=2').expect(200);
      expect(res.body.pairs).toEqual([
        expect.objectContaining({ a: 'a1', b: 'b2', agreement: 1, motions: 2, same: 2 }),
        expect.objectContaining({ a: 'a2', b: 'b1', agreement: 1, motions: 2, same: 2 }),
      ]);
      const all = await get('cohesion?limit=1000').expect(200);
      const pair = (a: string, b: string) => all.body.pairs.find((p: { a: string; b: string }) => p.a === a && p.b === b);
      expect(pair('a1', 'a2')).toMatchObject({ agreement: 0.5, motions: 2 });
      expect(pair('a1', 'c1')).toMatchObject({ agreement: 0, motions: 1 }); // yes vs abstain
      expect(all.body.pairsTotal).toBe(15); // C(6,2) pairs voted together on mo1; mo2 adds none new
      const min2 = await get('cohesion?minMotions=2&limit=1000').expect(200);
      // Exactly the pairs of the full list with two motions or more, and there are some (`.every` on [] is true).
      const twice = all.body.pairs.filter((p: { motions: number }) => p.motions >= 2);
      expect(twice.length).toBeGreaterThan(0);
      expect(twice.length).toBeLessThan(all.body.pairs.length);
      expect(min2.body.pairs).toEqual(twice);
      await get('cohesion?limit=0').expect(400);
    });
  });

  it('answers 404 problem for an unknown council on every analytics endpoint', async () => {
    for (const path of ['membership', 'attendance', 'cohesion']) {
      const res = await t.http().get(`/api/councils/nobody/analytics/${path}`).expect(404);
      expect(res.body.type).toMatch(/unknown-council/);
    }
  });
});
