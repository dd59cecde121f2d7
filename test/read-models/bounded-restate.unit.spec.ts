import { BoundedJob, BoundedJobs, JobOutcome, restateKnownAt } from '../../src/read-models/bounded/bounded-jobs';
import { NOW } from '../../src/read-models/queries/known-at';
import { TestStore, fact, project } from './helpers';

/**
 * Decision 51: a cached bounded answer is restated for the record time of each request. The restated text
 * must be exactly what the job computes at that time, for every job that names its knownAt, including a
 * time whose ISO form is longer (a year past 9999) and a council whose id and member names hold the text
 * `"knownAt":"<that time>"` itself (JSON escapes it, so it is never taken for the answer's own).
 */
describe('restateKnownAt', () => {
  const first = Date.parse('2026-03-04T05:06:07.089Z');
  const later = Date.parse('2026-03-04T23:59:59.999Z');
  const farOff = Date.UTC(10_000, 0, 1); // "+010000-01-01T00:00:00.000Z": 3 characters more
  const tricky = `k","knownAt":"${new Date(first).toISOString()}`;

  const jobs: BoundedJob[] = [
    { kind: 'cohesion', query: {} },
    { kind: 'cohesion', query: { by: 'group' } },
    { kind: 'attendance', query: {} },
    { kind: 'attendance', query: { by: 'curia' } },
    { kind: 'membership', query: { from: '2012-10-01', to: '2013-02-01', step: 'month' } },
    { kind: 'popolo' },
  ];
  const unnamed: BoundedJob[] = [
    { kind: 'cohesion', query: {}, format: 'csv' },
    { kind: 'attendance', query: { by: 'curia' }, format: 'csv' },
    { kind: 'anomalies', query: {} },
    { kind: 'csv', table: 'members' },
    { kind: 'inferences' },
  ];

  let bounded: BoundedJobs;
  const ok = (outcome: JobOutcome) => {
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problem));
    return outcome;
  };
  const run = (job: BoundedJob, councilId: string, knownAtMs: number) => ok(bounded.run({ job, councilId, position: NOW, knownAtMs }));

  beforeAll(async () => {
    const store = new TestStore();
    for (const councilId of ['cc', tricky]) {
      store.append(councilId, 'CouncilFounded', fact.founded(councilId, { seats: 3, curiae: [{ key: 'general', name: 'General list', seats: 3 }] }));
      store.append(councilId, 'MemberElected', fact.elected('ann', '2012-10-27'));
      store.append(councilId, 'MemberElected', fact.elected('bob', '2012-10-27', { name: `bob","knownAt":"${new Date(first).toISOString()}` }));
      store.append(councilId, 'MeetingHeld', fact.meeting('s1', '2012-11-01', { membership: { certain: 2, uncertain: 0 } }));
    }
    const { db } = await project(store);
    bounded = new BoundedJobs(db);
  });

  it.each(['cc', tricky])('gives what the job computes at the new time, for every job that names it (council %j)', (councilId) => {
    for (const job of jobs) {
      const cached = run(job, councilId, first);
      expect([job, cached.knownAt]).toEqual([job, expect.any(Array)]);
      for (const ms of [later, farOff, first]) {
        const fresh = run(job, councilId, ms);
        expect([job, ms, restateKnownAt(cached, ms)]).toEqual([job, ms, fresh.body]);
        expect([job, ms, restateKnownAt(fresh, first)]).toEqual([job, ms, cached.body]);
      }
      const parsed = JSON.parse(restateKnownAt(cached, later));
      expect(parsed.knownAt ?? parsed.meta.knownAt).toBe(new Date(later).toISOString());
      expect(parsed.councilId ?? parsed.meta.councilId).toBe(councilId);
    }
  });

  it('leaves alone an answer that does not name it', () => {
    for (const job of unnamed) {
      const cached = run(job, 'cc', first);
      expect([job, cached.knownAt]).toEqual([job, undefined]);
      expect(restateKnownAt(cached, later)).toBe(cached.body);
      expect(run(job, 'cc', later).body).toBe(cached.body);
    }
  });
});
