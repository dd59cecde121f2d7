import type { Database } from 'better-sqlite3';
import { BoundedReads } from '../../src/read-models/bounded/bounded-reads';
import { BoundedJob, BoundedJobs } from '../../src/read-models/bounded/bounded-jobs';
import { NOW } from '../../src/read-models/queries/known-at';
import { READ_DATABASE } from '../../src/read-models/read-database';
import { startTestApp, TestApp } from '../helpers/test-app';
import { boundedAppRequests } from './bounded-e2e';

/**
 * What a cached bounded answer (decision 48) says must be what a fresh computation says at the moment it is
 * served (decision 51):
 * - a parked event applied by a retry changes rows at positions the checkpoint had passed, so neither the
 *   checkpoint nor the council's position moves: the cache must not go on serving the answer from before;
 * - a "now" answer served from the cache names the time of the request it answers, not of its first
 *   computation.
 * The real app on the real SQLite store in a temp folder, projections in their worker thread (the retry runs
 * there, the cache on the main thread) and the bounded reads in theirs. Jobs started are counted at
 * BoundedReads.start, as in bounded-reads-council-position.e2e.spec.ts.
 */
describe('bounded reads: a cached answer is the fresh one (e2e)', () => {
  let t: TestApp;
  let db: Database;
  let started: jest.SpyInstance;

  const { post, get, jobsStarted } = boundedAppRequests(() => t, () => started);
  /** The job's answer computed now on a BoundedJobs of its own (no cache) over the app's read database. */
  const fresh = (job: BoundedJob, councilId: string, knownAtMs: number): string => {
    const outcome = new BoundedJobs(db).run({ job, councilId, position: NOW, knownAtMs });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problem));
    return outcome.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(READ_DATABASE);
    started = jest.spyOn(BoundedReads.prototype as unknown as { start: () => unknown }, 'start');
  }, 60_000);

  afterAll(async () => {
    started?.mockRestore();
    jest.restoreAllMocks();
    await t?.close();
  });

  describe('a parked event applied by a retry', () => {
    const C = '/api/councils/rc';
    // Each read and the job that computes it (as the controllers build them).
    const reads: Array<{ path: string; job: BoundedJob; namesKnownAt: boolean }> = [
      { path: '/analytics/membership?from=2019-12-01&to=2020-04-01&step=month', job: { kind: 'membership', query: { from: '2019-12-01', to: '2020-04-01', step: 'month' } }, namesKnownAt: true },
      { path: '/analytics/attendance', job: { kind: 'attendance', query: {} }, namesKnownAt: true },
      { path: '/analytics/cohesion', job: { kind: 'cohesion', query: {} }, namesKnownAt: true },
      { path: '/export/popolo', job: { kind: 'popolo' }, namesKnownAt: true },
      { path: '/export/popolo?format=csv&table=members', job: { kind: 'csv', table: 'members' }, namesKnownAt: false },
      { path: '/inferences', job: { kind: 'inferences' }, namesKnownAt: false },
    ];

    it('is in every bounded answer of its council read after the retry, as computed fresh', async () => {
      await post('/api/councils', { councilId: 'rc', name: 'Retried Council', foundedOn: '2020-01-01', seats: 5 });
      for (const id of ['ann', 'bob']) await post(`${C}/members`, { memberId: id, name: `${id} Example`, electedOn: '2020-01-01' });
      // A bug of the read side, as the core projection meets it: it cannot store this member (a trigger
      // refuses the row), so the event is parked for every projection and the runner goes on.
      db.exec(`CREATE TRIGGER test_refuse_pill BEFORE INSERT ON members WHEN NEW.name = 'Poison Pill'
               BEGIN SELECT RAISE(ABORT, 'test: the members table refuses Poison Pill'); END`);
      const pill = await post(`${C}/members`, { memberId: 'pill', name: 'Poison Pill', electedOn: '2020-01-01' });
      // Later events of the same council: the council's position is theirs, before and after the retry.
      await post(`${C}/members`, { memberId: 'cy', name: 'cy Example', electedOn: '2020-01-01' });
      await post(`${C}/meetings`, { meetingId: 's1', date: '2020-03-01', present: ['ann', 'bob', 'cy'] });
      await post(`${C}/motions`, { motionId: 'm1', title: 'Motion 1', meetingId: 's1', openedOn: '2020-03-01' });
      let last = { position: '0' };
      for (const [memberId, choice] of [['ann', 'yes'], ['bob', 'yes'], ['cy', 'no']]) last = await post(`${C}/motions/m1/votes`, { memberId, choice });
      await get(`${C}?minPosition=${last.position}`).expect(200);
      const parked = await get('/api/projections').set(t.admin).expect(200);
      expect(parked.body.parked).toEqual([expect.objectContaining({ eventId: pill.eventIds[0], projection: 'core' })]);

      // Read (and cache) every answer while the event is parked: the member is in none of them.
      const before = new Map<string, string>();
      for (const { path } of reads) {
        const res = await get(`${C}${path}`).expect(200);
        expect([path, res.text.includes('Poison Pill')]).toEqual([path, false]);
        before.set(path, res.text);
      }
      const cachedJobs = jobsStarted();
      for (const { path } of reads) await get(`${C}${path}`).expect(200); // served from the cache
      expect(jobsStarted()).toBe(cachedJobs);
      // A retry before the fix changes nothing: the answers stay cached.
      const failed = await t.http().post(`/api/projections/parked/${pill.eventIds[0]}/retry`).set(t.admin).expect(200);
      expect(failed.body).toMatchObject({ stillParked: true, results: [{ projection: 'core', applied: false }] });
      for (const { path } of reads) expect([path, (await get(`${C}${path}`).expect(200)).text.includes('Poison Pill')]).toEqual([path, false]);
      expect(jobsStarted()).toBe(cachedJobs);
      const generation = () => db.prepare('SELECT generation FROM read_generation WHERE id = 1').pluck().get();
      expect(generation()).toBe(0);

      // The fix, then the retry: the core projection applies the event now.
      db.exec('DROP TRIGGER test_refuse_pill');
      const retried = await t.http().post(`/api/projections/parked/${pill.eventIds[0]}/retry`).set(t.admin).expect(200);
      expect(retried.body).toMatchObject({ stillParked: false, results: [{ projection: 'core', applied: true }] });
      expect(generation()).toBe(1); // committed with the rows, by the projections' worker thread

      for (const { path, job, namesKnownAt } of reads) {
        const res = await get(`${C}${path}`).expect(200);
        const knownAtMs = namesKnownAt ? Date.parse(res.body.knownAt ?? res.body.meta.knownAt) : Date.now();
        expect([path, res.text]).toEqual([path, fresh(job, 'rc', knownAtMs)]);
      }
      // The answers did change: the member is in them now (the bug hid it before).
      for (const path of ['/export/popolo', '/export/popolo?format=csv&table=members']) {
        const res = await get(`${C}${path}`).expect(200);
        expect([path, res.text.includes('Poison Pill')]).toEqual([path, true]);
      }
      const series = await get(`${C}${reads[0].path}`).expect(200);
      const march = series.body.series.find((p: { date: string }) => p.date === '2020-03-01');
      expect(JSON.parse(before.get(reads[0].path)!).series.find((p: { date: string }) => p.date === '2020-03-01').certain).toBe(3);
      expect(march.certain).toBe(4);
    }, 120_000);
  });

  describe('a "now" answer served from the cache', () => {
    const K = '/api/councils/kc';

    it('names the time of the request it answers, and is the answer computed fresh at that time', async () => {
      await post('/api/councils', { councilId: 'kc', name: 'Known-at Council', foundedOn: '2020-01-01', seats: 5 });
      let last = { position: '0' };
      for (const id of ['ann', 'bob']) last = await post(`${K}/members`, { memberId: id, name: `${id} Example`, electedOn: '2020-01-01' });
      await get(`${K}?minPosition=${last.position}`).expect(200);

      const real = Date.now.bind(Date);
      const t1 = real();
      // Later the same day (the day is part of what a cached answer depends on): up to an hour on.
      const endOfDay = (Math.floor(t1 / 86_400_000) + 1) * 86_400_000;
      const later = Math.max(1, Math.min(3_600_000, endOfDay - t1 - 60_000));
      const clock = jest.spyOn(Date, 'now');
      try {
        for (const [path, job] of [
          ['/analytics/cohesion', { kind: 'cohesion', query: {} }],
          ['/analytics/attendance', { kind: 'attendance', query: {} }],
          ['/analytics/membership?from=2019-12-01&to=2020-04-01&step=month', { kind: 'membership', query: { from: '2019-12-01', to: '2020-04-01', step: 'month' } }],
          ['/export/popolo', { kind: 'popolo' }],
        ] as Array<[string, BoundedJob]>) {
          clock.mockImplementation(() => t1);
          const first = await get(`${K}${path}`).expect(200);
          const knownAt = (body: { knownAt?: string; meta?: { knownAt: string } }) => body.knownAt ?? body.meta!.knownAt;
          expect([path, knownAt(first.body)]).toEqual([path, new Date(t1).toISOString()]);
          const jobs = jobsStarted();

          clock.mockImplementation(() => t1 + later); // no write in between
          const second = await get(`${K}${path}`).expect(200);
          expect([path, jobsStarted()]).toEqual([path, jobs]); // served from the cache
          expect([path, knownAt(second.body)]).toEqual([path, new Date(t1 + later).toISOString()]);
          expect([path, second.text]).toEqual([path, fresh(job, 'kc', t1 + later)]);
        }
      } finally {
        clock.mockRestore();
      }
    }, 60_000);
  });
});
