import type { Database } from 'better-sqlite3';
import { ProblemException } from '../../src/api/problem-details.filter';
import { BoundedReads } from '../../src/read-models/bounded/bounded-reads';
import { BoundedJob, BoundedJobs } from '../../src/read-models/bounded/bounded-jobs';
import { NOW } from '../../src/read-models/queries/known-at';
import type { ProjectionStatus } from '../../src/read-models/projection-status';
import { READ_DATABASE } from '../../src/read-models/read-database';
import { startTestApp, TestApp } from '../helpers/test-app';
import { boundedAppRequests } from './bounded-e2e';

/**
 * Bounded reads (cohesion, attendance, exports...) are cached per council position: the position of the
 * council's last event at or before the record position read, not the projections' global checkpoint. A
 * write to another council keeps the answer; a write to the council computes it again. The real app on the
 * real SQLite store; the jobs started are counted at BoundedReads.start (each one is a computation, in the
 * app's worker thread).
 */
describe('bounded reads: cached per council position (e2e)', () => {
  let t: TestApp;
  let db: Database;
  let started: jest.SpyInstance;
  const A = '/api/councils/council-a';
  const B = '/api/councils/council-b';
  /** Position of the last write to council A before the tests' own writes, and of B's last write after it. */
  let aSeeded: number;
  let bAfter = 0;

  const { post, get, jobsStarted } = boundedAppRequests(() => t, () => started);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(READ_DATABASE);
    started = jest.spyOn(BoundedReads.prototype as unknown as { start: () => unknown }, 'start');
    // B's events come first and between A's, so that A's positions are not the global ones.
    await post('/api/councils', { councilId: 'council-b', name: 'Council B', foundedOn: '2020-01-01', seats: 9 });
    await post('/api/councils', { councilId: 'council-a', name: 'Council A', foundedOn: '2020-01-01', seats: 4 });
    for (const id of ['ann', 'bob', 'cy']) {
      await post(`${A}/members`, { memberId: id, name: `${id} Example`, electedOn: '2020-01-01' });
      await post(`${B}/members`, { memberId: `b-${id}`, name: `B ${id}`, electedOn: '2020-01-01' });
    }
    await post(`${A}/meetings`, { meetingId: 's1', date: '2020-03-01', present: ['ann', 'bob', 'cy'] });
    await post(`${A}/motions`, { motionId: 'm1', title: 'Motion 1', meetingId: 's1', openedOn: '2020-03-01' });
    let last = { position: '0' };
    for (const [memberId, choice] of [['ann', 'yes'], ['bob', 'yes'], ['cy', 'no']]) last = await post(`${A}/motions/m1/votes`, { memberId, choice });
    aSeeded = Number(last.position);
  }, 120_000);

  afterAll(async () => {
    started?.mockRestore();
    await t?.close();
  });

  it("a write to another council keeps the cached answer: the same read after it starts no job", async () => {
    const first = await get(`${A}/analytics/cohesion?minPosition=${aSeeded}`).expect(200);
    const firstAttendance = await get(`${A}/analytics/attendance?minPosition=${aSeeded}`).expect(200);
    expect(first.body.motionsWithVotes).toBe(1);
    const before = jobsStarted();

    bAfter = Number((await post(`${B}/members`, { memberId: 'b-dee', name: 'B dee', electedOn: '2020-02-01' })).position);
    expect(bAfter).toBeGreaterThan(aSeeded);
    const again = await get(`${A}/analytics/cohesion?minPosition=${bAfter}`).expect(200);
    const againAttendance = await get(`${A}/analytics/attendance?minPosition=${bAfter}`).expect(200);
    // The projections had applied B's write (so the global checkpoint had moved) when A was read again.
    expect(Number(again.headers['x-projection-position'])).toBeGreaterThanOrEqual(bAfter);
    expect(jobsStarted()).toBe(before);
    // The same answer, naming the time of its own request (decision 51).
    expect(again.text).toBe(first.text.replace(first.body.knownAt, again.body.knownAt));
    expect(againAttendance.text).toBe(firstAttendance.text.replace(firstAttendance.body.knownAt, againAttendance.body.knownAt));
  });

  it('a write to the council computes the answer again, and it shows the write', async () => {
    const before = jobsStarted();
    await post(`${A}/motions`, { motionId: 'm2', title: 'Motion 2', meetingId: 's1', openedOn: '2020-03-01' });
    let last = { position: '0' };
    for (const [memberId, choice] of [['ann', 'no'], ['bob', 'yes']]) last = await post(`${A}/motions/m2/votes`, { memberId, choice });
    const res = await get(`${A}/analytics/cohesion?minPosition=${last.position}`).expect(200);
    expect(jobsStarted()).toBe(before + 1);
    expect(res.body.motionsWithVotes).toBe(2);
  });

  it('an explicit knownAtPosition still reads the record as it stood there (between two writes to the council)', async () => {
    const then = await get(`${A}/analytics/cohesion?knownAtPosition=${bAfter}`).expect(200);
    expect(then.body.motionsWithVotes).toBe(1);
    const today = await get(`${A}/analytics/cohesion`).expect(200);
    expect(today.body.motionsWithVotes).toBe(2);
  });

  it('a council never recorded is still 404, and starts no job', async () => {
    const before = jobsStarted();
    const res = await get('/api/councils/no-such-council/analytics/cohesion').expect(404);
    expect(res.body).toMatchObject({ status: 404 });
    expect(jobsStarted()).toBe(before);
  });

  it('an answer that does not say when it was known is kept across requests made at different times: the anomalies report, the CSV tables', async () => {
    const first = await get(`${A}/anomalies`).expect(200);
    const firstCsv = await get(`${A}/export/popolo?format=csv&table=votes`).expect(200);
    const before = jobsStarted();
    await new Promise((resolve) => setTimeout(resolve, 5)); // another millisecond: another knownAt
    const again = await get(`${A}/anomalies`).expect(200);
    const againCsv = await get(`${A}/export/popolo?format=csv&table=votes`).expect(200);
    expect(jobsStarted()).toBe(before);
    expect(again.text).toBe(first.text);
    expect(againCsv.text).toBe(firstCsv.text);
    // Cohesion names its knownAt: asked as known at another time of the same council position, it is the
    // same answer for that time, from the cache (decision 51).
    const at = (ms: number) => new Date(ms).toISOString();
    const now = Date.now();
    const one = await get(`${A}/analytics/cohesion?knownAt=${at(now)}`).expect(200);
    const jobs = jobsStarted();
    const other = await get(`${A}/analytics/cohesion?knownAt=${at(now + 1)}`).expect(200);
    expect([one.body.knownAt, other.body.knownAt]).toEqual([at(now), at(now + 1)]);
    expect(other.text).toBe(one.text.replace(at(now), at(now + 1)));
    expect(jobsStarted()).toBe(jobs);
  });

  describe('on one BoundedReads over the same read database', () => {
    const jobs: BoundedJob[] = [
      { kind: 'cohesion', query: {} },
      { kind: 'cohesion', query: { by: 'group' }, format: 'csv' },
      { kind: 'attendance', query: {} },
      { kind: 'membership', query: { from: '2019-12-01', to: '2020-04-01', step: 'month' } },
      { kind: 'anomalies', query: {} },
      { kind: 'popolo' },
      { kind: 'csv', table: 'votes' },
      { kind: 'inferences' },
    ];
    const reads = (checkpoint: () => number, workers: number) =>
      new BoundedReads(
        { ...t.config, boundedReads: { ...t.config.boundedReads, workers } },
        db,
        { checkpoint: () => BigInt(checkpoint()) } as unknown as ProjectionStatus,
      );

    it('every job answers at every global position exactly as computed at that global position (A and B interleaved, a correction of A)', async () => {
      const vote = await post(`${A}/members`, { memberId: 'dee', name: 'dee Example', electedOn: '2020-02-01' });
      await post(`${B}/members`, { memberId: 'b-eve', name: 'B eve', electedOn: '2020-03-01' });
      const last = await post(`${A}/corrections`, { eventId: vote.eventIds[0], action: 'retract', reason: 'misread' });
      await get(`${A}?minPosition=${last.position}`).expect(200);
      const end = Number(last.position);
      const direct = new BoundedJobs(db);
      const bounded = reads(() => end, 0);
      const ms = Date.parse('2026-01-01T00:00:00Z');
      for (const job of jobs) {
        for (let p = 0; p <= end; p++) {
          // Another record time at each position: where A's position is the one before, the answer comes
          // from the cache, naming this time.
          const outcome = direct.run({ job, councilId: 'council-a', position: p, knownAtMs: ms + p });
          const expected = outcome.ok ? { ok: true, body: outcome.body } : outcome;
          const answer = await bounded.run(job, 'council-a', p, ms + p).then((body) => ({ ok: true, body }), (e: ProblemException) => ({ ok: false, problem: e.problem }));
          expect([job.kind, p, answer]).toEqual([job.kind, p, expected]);
        }
      }
      // "Now" at the end is the last position.
      expect(await bounded.run(jobs[0], 'council-a', NOW, ms)).toBe((direct.run({ job: jobs[0], councilId: 'council-a', position: end, knownAtMs: ms }) as { body: string }).body);
    }, 120_000);

    it('two requests at different checkpoints but the same council position share one job (a worker thread)', async () => {
      let checkpoint = aSeeded;
      const host = reads(() => checkpoint, 1);
      const before = jobsStarted();
      host.onApplicationBootstrap();
      try {
        const ms = Date.now();
        const first = host.run({ kind: 'attendance', query: { by: 'curia' } }, 'council-a', NOW, ms);
        checkpoint = bAfter; // B wrote meanwhile; A did not
        const second = host.run({ kind: 'attendance', query: { by: 'curia' } }, 'council-a', NOW, ms + 1000);
        const [one, two] = await Promise.all([first, second]);
        // One answer; each request's reply names its own time (decision 51).
        expect(JSON.parse(two)).toEqual({ ...JSON.parse(one), knownAt: new Date(ms + 1000).toISOString() });
        expect(JSON.parse(one).knownAt).toBe(new Date(ms).toISOString());
        expect(jobsStarted()).toBe(before + 1);
        expect(JSON.parse(one).councilId).toBe('council-a');
      } finally {
        host.onModuleDestroy();
      }
    }, 60_000);
  });
});
