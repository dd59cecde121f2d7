import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { analyticsTables } from '../../src/read-models/analytics/snapshot';
import { BoundedJobs, JobOutcome } from '../../src/read-models/bounded/bounded-jobs';
import { NOW } from '../../src/read-models/queries/known-at';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { TestStore, fact, project } from './helpers';

/**
 * A bounded job reads one snapshot of the read database: a write committed by another connection while the
 * job runs (as a retried parked event's is, on the projections' connection) is not half seen. The meetings
 * table is changed between the job's read of the members and its read of the meetings.
 */
describe('a bounded job: one snapshot, one day', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bounded-snapshot-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('does not see a write committed between two of its reads', async () => {
    const C = 'cc';
    const store = new TestStore();
    store.append(C, 'CouncilFounded', fact.founded(C));
    for (let i = 0; i < 5; i++) store.append(C, 'MemberElected', fact.elected(`m-${i}`, '2012-10-27'));
    store.append(C, 'MeetingHeld', fact.meeting('meeting-1', '2013-01-10', { present: [{ memberId: 'm-1', name: 'm 1' }] }));
    const path = join(dir, 'read.sqlite');
    const { db: writer } = await project(store, { db: openReadDatabase(path, allProjections([])) });
    const reader = new Database(path, { readonly: true });
    const jobs = new BoundedJobs(reader);
    const request = { job: { kind: 'csv', table: 'meetings' } as const, councilId: C, position: NOW, knownAtMs: Date.now() };
    const body = (outcome: JobOutcome) => {
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.problem));
      return outcome.body;
    };
    try {
      const before = body(jobs.run(request));
      expect(before).toContain('meeting-1');
      const tables = analyticsTables(reader);
      const members = tables.members.bind(tables);
      let writes = 0;
      jest.spyOn(tables, 'members').mockImplementation((s) => {
        const read = members(s);
        writer.prepare("UPDATE meetings SET present_count = 4 WHERE meeting_id = 'meeting-1'").run();
        writes += 1;
        return read;
      });
      // The job's answer is the one from before the write: its meetings read is in the same snapshot.
      expect(body(jobs.run(request))).toBe(before);
      expect(writes).toBe(1);
      jest.restoreAllMocks();
      // The write was committed: the next job sees it.
      const after = body(jobs.run(request));
      expect(after).not.toBe(before);
    } finally {
      reader.close();
      writer.close();
    }
  });

  it('answers for the day it is asked on: the membership series ends on the request\'s today', async () => {
    const C = 'cc';
    const store = new TestStore();
    store.append(C, 'CouncilFounded', fact.founded(C));
    store.append(C, 'MemberElected', fact.elected('m-1', '2012-10-27'));
    const { db } = await project(store);
    try {
      const jobs = new BoundedJobs(db);
      // 2031-05-05, a day after the real today: a job that read the clock would find `to` before `from`.
      const today = Date.UTC(2031, 4, 5) / 86_400_000;
      const outcome = jobs.run({ job: { kind: 'membership', query: { from: '2031-05-01', step: 'day' } }, councilId: C, position: NOW, knownAtMs: Date.now(), today });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.problem));
      const series = (JSON.parse(outcome.body) as { series: Array<{ date: string }> }).series;
      expect(series.map((p) => p.date)).toEqual(['2031-05-01', '2031-05-02', '2031-05-03', '2031-05-04', '2031-05-05']);
    } finally {
      db.close();
    }
  });
});
