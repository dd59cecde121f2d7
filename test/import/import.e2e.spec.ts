import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs, runCli } from '../../src/import/cli';
import { planCsv } from '../../src/import/csv/csv-plan';
import { ImportPlan } from '../../src/import/model';
import { planPopolo } from '../../src/import/popolo/popolo-plan';
import { runImport } from '../../src/import/run-import';
import { startListening } from './import-app';

const FIXTURES = join(__dirname, 'fixtures');
const POPOLO = join(FIXTURES, 'popolo', 'freedonia.json');
type Obj = Record<string, any>;

/** Figures computed straight from the Popolo file, without the importer: who sat, for which party, how they voted. */
function fromFile(file: string) {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Obj;
  const day = (d: string) => Date.parse(d.length === 7 ? `${d}-31` : d.length === 4 ? `${d}-12-31` : d.slice(0, 10));
  const groupOn = (period: string, date: string): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const m of doc.memberships as Obj[]) {
      if (m.legislative_period_id !== period) continue;
      if (day(m.start_date) <= day(date) && (m.end_date === undefined || day(m.end_date) > day(date))) out[m.person_id] = String(m.on_behalf_of_id).replace('/', '-');
    }
    return out;
  };
  const tally = (veId: string) => {
    const counts: Record<string, number> = {};
    for (const v of (doc.vote_events as Obj[]).find((ve) => ve.id === veId)!.votes as Obj[]) if (['yes', 'no', 'abstain'].includes(v.option)) counts[v.option] = (counts[v.option] ?? 0) + 1;
    return counts;
  };
  /** Rice per group: for each vote event of the period, yes/no of each group's members on its date; averaged over motions with 2+ yes/no. */
  const rice = (period: string) => {
    const perGroup: Record<string, number[]> = {};
    for (const ve of doc.vote_events as Obj[]) {
      if ((doc.events as Obj[]).find((e) => e.id === ve.legislative_session_id)?.parent_id !== period) continue;
      const groups = groupOn(period, ve.start_date);
      const split: Record<string, { yes: number; no: number }> = {};
      for (const v of ve.votes as Obj[]) {
        const g = groups[v.voter_id];
        if (!g || (v.option !== 'yes' && v.option !== 'no')) continue;
        split[g] ??= { yes: 0, no: 0 };
        split[g][v.option as 'yes' | 'no']++;
      }
      for (const [g, { yes, no }] of Object.entries(split)) if (yes + no >= 2) (perGroup[g] ??= []).push(Math.abs(yes - no) / (yes + no));
    }
    return Object.fromEntries(Object.entries(perGroup).map(([g, r]) => [g, Math.round((r.reduce((x, y) => x + y, 0) / r.length) * 10_000) / 10_000]));
  };
  return { groupOn, tally, rice };
}

describe('import through the batch API (e2e: the real service over HTTP)', () => {
  let s: Awaited<ReturnType<typeof startListening>>;
  let dir: string;
  beforeAll(async () => {
    s = await startListening();
    dir = mkdtempSync(join(tmpdir(), 'import-e2e-'));
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const importPopolo = (file: string, council: string, recordAnomalies = false) =>
    planPopolo(file, { council }).then((plan) => runImport(s.client, plan, { keyPrefix: 'popolo', progress: false, recordAnomalies }));

  it('imports a Popolo legislature (two terms, a party switch, a by-election, reduced-precision dates) and the figures match the file', async () => {
    const summary = await importPopolo(POPOLO, 'freedonia');
    expect(summary.councils.map((c) => c.councilId)).toEqual(['freedonia-term-1', 'freedonia-term-2']);
    expect(summary.refused).toBe(0);
    expect(summary.recorded).toBeGreaterThan(40);
    const file = fromFile(POPOLO);

    for (const [council, period, dates] of [
      ['freedonia-term-1', 'term/1', ['2011-03-01', '2011-07-15', '2012-03-01', '2013-12-31']],
      ['freedonia-term-2', 'term/2', ['2015-02-10']],
    ] as const) {
      for (const date of dates) {
        const state = await s.get(`/api/councils/${council}/state?at=${date}`);
        expect(Object.fromEntries(state.members.map((m: Obj) => [m.memberId, m.group]))).toEqual(file.groupOn(period, date));
      }
      const motions = await s.get(`/api/councils/${council}/motions`);
      for (const m of motions) expect(m.tally).toMatchObject(file.tally(`ve${m.motionId.slice(1)}`));
      const cohesion = await s.get(`/api/councils/${council}/analytics/cohesion?by=group`);
      const rice = Object.fromEntries(cohesion.groups.filter((g: Obj) => g.rice !== null).map((g: Obj) => [g.group, g.rice]));
      expect(rice).toEqual(file.rice(period));
    }
    // The by-election: Dan Diaz resigned on 2011-06-30, Frank Fox took the seat on 2011-09-01.
    const members = await s.get('/api/councils/freedonia-term-1/members');
    expect(members.members.find((m: Obj) => m.memberId === 'p4')).toMatchObject({ leftOn: '2011-06-30', leftReason: 'resigned' });
    expect(members.members.find((m: Obj) => m.memberId === 'p3')).toMatchObject({ electedOn: '2010-01' });
    // Attendance from the vote events: the absent and paired members were not present.
    const meetings = await s.get('/api/councils/freedonia-term-1/meetings');
    expect(meetings.map((m: Obj) => [m.meetingId, m.present, m.outcome])).toEqual([['sitting-1', 4, 'held'], ['sitting-2', 4, 'held']]);
    const council = await s.get('/api/councils/freedonia-term-1');
    expect(council.status).toBe('dissolved');
  }, 120_000);

  it('a second run records nothing', async () => {
    const again = await importPopolo(POPOLO, 'freedonia');
    expect(again.recorded).toBe(0);
    expect(again.alreadyRecorded).toBeGreaterThan(40);
    expect(again.refused).toBe(0);
  }, 60_000);

  it('killed halfway, a rerun finishes with nothing doubled', async () => {
    const plan = await planPopolo(POPOLO, { council: 'halfway' });
    // The first run dies after the first vote event's batch went out.
    const crashing: ImportPlan = {
      ...plan,
      voteEvents: async (emit) => {
        let n = 0;
        await plan.voteEvents(async (councilId, items) => {
          if (n++ === 1) throw new Error('killed');
          await emit(councilId, items);
        });
      },
    };
    await expect(runImport(s.client, crashing, { keyPrefix: 'popolo', progress: false, batchItems: 3 })).rejects.toThrow('killed');
    const second = await runImport(s.client, await planPopolo(POPOLO, { council: 'halfway' }), { keyPrefix: 'popolo', progress: false, batchItems: 3 });
    expect(second.alreadyRecorded).toBeGreaterThan(0);
    expect(second.recorded).toBeGreaterThan(0);
    const full = await s.get('/api/councils/halfway-term-1/motions');
    const original = await s.get('/api/councils/freedonia-term-1/motions');
    expect(full.map((m: Obj) => [m.motionId, m.votes?.length, m.outcome])).toEqual(original.map((m: Obj) => [m.motionId, m.votes?.length, m.outcome]));
    const events = async (c: string) => (await s.get(`/api/councils/${c}/events?limit=1000`)).length;
    expect(await events('halfway-term-1')).toBe(await events('freedonia-term-1'));
  }, 120_000);

  it('refuses what the rules refuse, with the reason; --record-anomalies records it as the source states it', async () => {
    const doc = JSON.parse(readFileSync(POPOLO, 'utf8')) as Obj;
    doc.vote_events[0].result = 'fail'; // 3 yes of 4 present: the council's rule says adopted.
    const file = join(dir, 'contradiction.json');
    writeFileSync(file, JSON.stringify(doc));
    const refused = await importPopolo(file, 'contra');
    expect(refused.refused).toBe(1);
    expect(refused.councils[0].refused[0]).toMatchObject({ label: 'vote_events[0] (id "ve1")', status: 422, rules: ['reported-outcome-contradicts-tally'] });
    // A rerun refuses the same fact and records nothing (the halves it sends are those of the first run).
    const rerun = await importPopolo(file, 'contra');
    expect({ recorded: rerun.recorded, refused: rerun.councils[0].refused.map((r) => r.label) }).toEqual({ recorded: 0, refused: ['vote_events[0] (id "ve1")'] });
    const recorded = await importPopolo(file, 'contra-anomalies', true);
    expect(recorded.refused).toBe(0);
    const anomalies = await s.get('/api/councils/contra-anomalies-term-1/anomalies');
    expect(anomalies.length).toBeGreaterThan(0);
  }, 120_000);

  it('imports a roll-call CSV package: party → group, sittings from session + date, reported counts beside the derived ones', async () => {
    const folder = join(FIXTURES, 'csv', 'roll-call');
    const plan = await planCsv(folder, { council: 'rollcall' });
    const summary = await runImport(s.client, plan, { keyPrefix: 'csv', progress: false });
    expect(summary.refused).toBe(0);
    const motions = await s.get('/api/councils/rollcall/motions');
    expect(motions.map((m: Obj) => [m.motionId, m.outcome])).toEqual([['e1', 'adopted'], ['e2', 'rejected'], ['e3', 'rejected']]);
    const state = await s.get('/api/councils/rollcall/state?at=2020-03-09');
    expect(Object.fromEntries(state.members.map((m: Obj) => [m.memberId, m.group]))).toEqual({ v1: 'party-greens', v2: 'party-greens', v3: 'party-liberals', v4: 'party-liberals' });
    const meetings = await s.get('/api/councils/rollcall/meetings');
    expect(meetings.map((m: Obj) => [m.meetingId, m.date])).toEqual([['s1', '2020-02-03'], ['s2', '2020-03-09']]);
    const cohesion = await s.get('/api/councils/rollcall/analytics/cohesion?by=group');
    // e1: greens 2 yes (1), liberals 1 yes 1 no (0); e2: greens 1-1 (0), liberals 0-1 (1 voter: left out); e3: greens 2-0 (1), liberals 0-2 (1).
    expect(Object.fromEntries(cohesion.groups.map((g: Obj) => [g.group, g.rice]))).toEqual({ 'party-greens': 0.6667, 'party-liberals': 0.5 });
    const events = await s.get('/api/councils/rollcall/events?limit=1000');
    const decided = events.filter((e: Obj) => e.type === 'MotionDecided').map((e: Obj) => e.data.note);
    expect(decided).toEqual([
      'reported counts: yes 3, no 1, abstain 0 (as the votes give)',
      'reported counts: yes 1, no 2, abstain 1 (as the votes give)',
      'reported counts: yes 2, no 2, abstain 0 (as the votes give)',
    ]);
    const again = await runImport(s.client, await planCsv(folder, { council: 'rollcall' }), { keyPrefix: 'csv', progress: false });
    expect(again.recorded).toBe(0);
  }, 120_000);

  it('a broken input sent to a running service leaves the record untouched', async () => {
    const before = await s.client.headPosition();
    let output = '';
    const err = new Writable({ write(chunk, _e, done) { output += String(chunk); done(); } });
    const { code } = await runCli(parseArgs([join(FIXTURES, 'broken', 'unknown-person.json'), '--quiet', '--strict'], ''), (a) => planPopolo(a.input, { strict: a.strict }), async () => s.client, 'popolo', err);
    expect(code).toBe(1);
    expect(output).toMatch(/unknown person "p99"/);
    expect(await s.client.headPosition()).toBe(before);
  });
});
