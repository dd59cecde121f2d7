import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planCsv } from '../../src/import/csv/csv-plan';
import { ImportReport } from '../../src/import/report';
import { runImport } from '../../src/import/run-import';
import { runCliAgainst, startListening } from './import-app';
import { csvRows, packageFigures, partition, realDataDir, spread } from './real-data';

type Obj = Record<string, any>;
const CSV = join(realDataDir(), 'csv');

/**
 * The roll-call packages of ../shared/real-data, as published. Each imports with exit 0, and what the API
 * answers matches what the files say, counted here from the files: members in office and who sat with whom
 * on three days, one motion per vote event, the tallies of 20 vote events spread over the term; a second
 * run records nothing. Chile (~200,000 votes) is planned whole and imported in part (docs/testing.md).
 */
describe('real roll-call packages (e2e: the real service over HTTP)', () => {
  let s: Awaited<ReturnType<typeof startListening>>;
  beforeAll(async () => {
    s = await startListening();
  });
  afterAll(async () => s?.close());

  const cli = (argv: string[]) => runCliAgainst(s.client, 'csv', (a) => planCsv(a.input, { council: a.council, seats: a.seats, rule: a.rule, report: new ImportReport(a.input, a.strict) }), argv);

  /** Members on the first and last division days and three between (a quarter, half, three quarters in), and who sat with whom. */
  async function checkMembersAndGroups(council: string, figures: ReturnType<typeof packageFigures>) {
    // Three days inside the term, and its first and last divisions (where tenure begins and ends).
    const days = [figures.days[0], figures.days[Math.floor(figures.days.length / 4)], figures.days[Math.floor(figures.days.length / 2)], figures.days[Math.floor((3 * figures.days.length) / 4)], figures.days[figures.days.length - 1]];
    for (const day of days) {
      const state = await s.get(`/api/councils/${council}/state?at=${day}`);
      expect({ day, members: state.members.map((m: Obj) => m.memberId).sort() }).toEqual({ day, members: figures.inOffice(day) });
      const groups = new Map<string, string[]>();
      for (const m of state.members as Obj[]) if (m.group) groups.set(m.group, [...(groups.get(m.group) ?? []), m.memberId]);
      expect({ day, groups: partition(groups.values()) }).toEqual({ day, groups: figures.groupsOn(day) });
    }
  }

  /**
   * Each member's constituency as the package gives it: the voters.csv column its datapackage.json describes
   * as the constituency (Brazil's `state`, "Representative's state (UF), constituency"); none elsewhere.
   */
  async function checkConstituencies(council: string, folder: string) {
    // Prague's datapackage.json has trailing commas (a publisher's quirk): read past them.
    const pkg = JSON.parse(readFileSync(join(folder, 'datapackage.json'), 'utf8').replace(/,(\s*[\]}])/g, '$1')) as Obj;
    const voters = (pkg.resources as Obj[]).find((r) => r.name === 'voters');
    const column = ((voters?.schema?.fields ?? []) as Obj[]).find((f) => /constituency/i.test(f.description ?? ''))?.name as string | undefined;
    const expected = Object.fromEntries(csvRows(join(folder, 'voters.csv')).map((v) => [v.id, column && v[column] ? { name: v[column] } : null]));
    const listed = await s.get(`/api/councils/${council}/members?limit=10000`);
    const actual = Object.fromEntries((listed.members as Obj[]).map((m) => [m.memberId, m.constituency ?? null]));
    for (const id of Object.keys(actual)) expect({ id, constituency: actual[id] }).toEqual({ id, constituency: expected[id] });
    return Object.values(actual).filter(Boolean).length;
  }

  /** Every motion with its votes: a page holds at most READ_PAGE_VOTES votes, so the Link headers are followed. */
  async function motionsOf(council: string): Promise<Obj[]> {
    const motions: Obj[] = [];
    let path: string | undefined = `/api/councils/${council}/motions?votes=true&limit=10000&minPosition=${await s.client.headPosition()}`;
    while (path) {
      const res = await s.client.get(path);
      expect(res.status).toBe(200);
      motions.push(...(res.body as unknown as Obj[]));
      const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      path = next?.replace(/^https?:\/\/[^/]+/, '');
    }
    return motions;
  }

  const tallyOf = (m: Obj) => {
    const t: Record<string, number> = {};
    for (const v of m.votes as Obj[]) t[v.choice] = (t[v.choice] ?? 0) + 1;
    return t;
  };

  it.each(['cz-senat-10-2014-2016', 'br-camara-51-1999-2003', 'cz-praha-1998-2002'])('%s imports whole and its figures hold', async (name) => {
    const folder = join(CSV, name);
    const figures = packageFigures(folder);
    const first = await cli([folder]);
    expect(first.output).not.toMatch(/import failed/);
    expect(first.code).toBe(0);
    expect(first.summary!.recorded).toBeGreaterThan(0);
    expect(first.summary!.refused).toBe(0);

    await checkMembersAndGroups(name, figures);
    const withConstituency = await checkConstituencies(name, folder);
    if (name.startsWith('br-')) expect(withConstituency).toBeGreaterThan(0);
    const motions = await motionsOf(name);
    // One motion per vote event, and no meeting but the days of the divisions.
    expect(motions.map((m) => m.motionId).sort()).toEqual(figures.events.map((e) => e.id.toLowerCase().replace(/[^a-z0-9]+/g, '-')).sort());
    const meetings = (await s.get(`/api/councils/${name}/meetings?limit=10000`)) as Obj[];
    expect(meetings.map((m) => m.date).sort()).toEqual(figures.days);
    const byId = new Map(motions.map((m) => [m.motionId, m]));
    for (const e of spread(figures.events, 20)) {
      const m = byId.get(e.id.toLowerCase().replace(/[^a-z0-9]+/g, '-'))!;
      expect({ id: e.id, tally: tallyOf(m) }).toEqual({ id: e.id, tally: figures.tallies.get(e.id) ?? {} });
    }

    const again = await cli([folder]);
    expect(again.code).toBe(0);
    expect(again.summary!.recorded).toBe(0);
  }, 600_000);

  it('Brazil: "article 17" and "obstraction" are attendance of their own kind, named with their counts; nothing is refused', async () => {
    const report = new ImportReport('br');
    await planCsv(join(CSV, 'br-camara-51-1999-2003'), { report });
    const counted: Record<string, number> = {};
    for (const v of csvRows(join(CSV, 'br-camara-51-1999-2003', 'votes.csv'))) if (!['yes', 'no', 'abstain'].includes(v.option)) counted[v.option] = (counted[v.option] ?? 0) + 1;
    expect(report.attendanceKinds).toEqual(counted);
    expect(report.summaryLines().join('\n')).toContain(`"article 17": ${counted['article 17']}`);
  });

  it('Chile (~200,000 votes): planned whole (tenure, seats, rules from the requirement), members and groups imported, the first 150 roll calls recorded as the file says', async () => {
    const folder = join(CSV, 'cl-camara-2002-2006');
    const figures = packageFigures(folder);
    const dry = await cli([folder, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.output).toMatch(/Dry run: nothing is recorded/);
    expect(dry.output).toMatch(/motion:requirement|motion:classification → motion rule/);
    expect(await s.client.get('/api/councils/cl-camara-2002-2006').then((r) => r.status)).toBe(404);

    const plan = await planCsv(folder);
    // Every vote event becomes one motion (streamed, not sent).
    const tabled: string[] = [];
    await plan.voteEvents(async (_c, items) => void tabled.push(...items.filter((i) => i.path === '/motions').map((i) => String(i.body.motionId))));
    expect(tabled.sort()).toEqual(figures.events.map((e) => e.id).sort());

    const fresh = await planCsv(folder);
    // Chile's pairings (option "paired" with paired_id), counted from votes.csv: the first 150 roll calls have
    // none, so the first five vote events that have some are recorded too.
    const pairedIn = new Map<string, string[]>();
    for (const v of csvRows(join(folder, 'votes.csv'))) {
      if (v.option === 'paired' && v.paired_id) pairedIn.set(v.vote_event_id, [...(pairedIn.get(v.vote_event_id) ?? []), `${v.voter_id} with ${v.paired_id}`]);
    }
    const withPairs = new Set([...pairedIn.keys()].slice(0, 5));
    const partial = { ...fresh, voteEvents: async (emit: Parameters<typeof plan.voteEvents>[0]) => {
      let n = 0;
      await fresh.voteEvents(async (c, items) => {
        const motion = items.find((i) => i.path === '/motions')?.body.motionId;
        if (n++ < 150 || withPairs.has(String(motion))) await emit(c, items);
      });
    } };
    const summary = await runImport(s.client, partial, { keyPrefix: 'csv', progress: false, recordAnomalies: true });
    expect(summary.refused).toBe(0);
    await checkMembersAndGroups('cl-camara-2002-2006', figures);
    const motions = await motionsOf('cl-camara-2002-2006');
    expect(motions).toHaveLength(150 + withPairs.size);
    // Each pairing is kept on its motion as the file gives it (not a vote, not in the tally).
    for (const id of withPairs) {
      const m = motions.find((x) => x.motionId === id)!;
      expect({ id, pairs: ((m.pairs ?? []) as Obj[]).map((p) => `${p.memberId} with ${p.pairedWith}`).sort() }).toEqual({ id, pairs: pairedIn.get(id)!.sort() });
    }
    for (const m of spread(motions, 20)) expect({ id: m.motionId, tally: tallyOf(m) }).toEqual({ id: m.motionId, tally: figures.tallies.get(m.motionId) ?? {} });
    const council = await s.get('/api/councils/cl-camara-2002-2006');
    expect(council.seats).toBe(Math.max(...figures.days.map((d) => figures.inOffice(d).length)));
  }, 600_000);
});
