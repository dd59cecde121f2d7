import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planPopolo } from '../../src/import/popolo/popolo-plan';
import { ImportReport } from '../../src/import/report';
import { runCliAgainst, startListening } from './import-app';
import { partition, realDataDir } from './real-data';

type Obj = Record<string, any>;
const POPOLO = join(realDataDir(), 'popolo');

/**
 * The Popolo files of ../shared/real-data, as published by EveryPolitician and the OpenAustralia
 * Foundation. Each imports with exit 0; who sat, and for which party, on three days of each council is
 * counted here straight from the file (a membership without dates holds for its period, as the issue
 * says), and compared with the API; elections become elections, never meetings; a second run records 0.
 */
describe('real Popolo files (e2e: the real service over HTTP)', () => {
  let s: Awaited<ReturnType<typeof startListening>>;
  beforeAll(async () => {
    s = await startListening();
  });
  afterAll(async () => s?.close());

  const cli = (argv: string[]) => runCliAgainst(s.client, 'popolo', (a) => planPopolo(a.input, { council: a.council, asOf: a.asOf, report: new ImportReport(a.input, a.strict) }), argv);

  const day = (d: string) => Date.parse(d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d.slice(0, 10));
  /** The last day a date can mean (a start stated as "2016" is certain only from 2016-12-31). */
  const lastDay = (d: string) => (d.length === 4 ? Date.parse(`${d}-12-31`) : d.length === 7 ? Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0) : day(d));

  /** Who sat on a day for one legislature (and period): names, and names grouped by on_behalf_of. */
  function fromFile(doc: Obj, legislature: string, period: Obj | undefined, on: string) {
    const persons = new Map((doc.persons as Obj[]).map((p) => [p.id, p.name]));
    const people = new Map((doc.persons as Obj[]).map((p) => [p.id, p]));
    const areaNames = new Map(((doc.areas ?? []) as Obj[]).map((a) => [a.id, a.name]));
    const sitting = new Map<string, string>();
    // Each sitting member's constituency (area_id, named in areas[]) and identifiers, as the file gives them.
    const details = new Map<string, Obj>();
    for (const m of doc.memberships as Obj[]) {
      if (m.organization_id !== legislature || !/^(member|councillor|)$/i.test(m.role ?? '')) continue;
      if (period && m.legislative_period_id !== period.id) continue;
      const from = m.start_date ?? period?.start_date;
      const to = m.end_date;
      // Certainly in office only: the API leaves out a member whose imprecise start may fall after the day.
      if (from !== undefined && lastDay(from) > day(on)) continue;
      if (to !== undefined && day(to) <= day(on)) continue;
      sitting.set(persons.get(m.person_id), m.on_behalf_of_id ?? '');
      const area = m.area_id === undefined ? undefined : areaNames.has(m.area_id) ? { id: m.area_id, name: areaNames.get(m.area_id) } : { id: m.area_id };
      const identifiers = ((people.get(m.person_id)?.identifiers ?? []) as Obj[]).map((i) => ({ scheme: i.scheme, identifier: i.identifier }));
      details.set(persons.get(m.person_id), { ...(area ? { constituency: area } : {}), ...(identifiers.length > 0 ? { identifiers: sortIds(identifiers) } : {}) });
    }
    const groups = new Map<string, string[]>();
    for (const [name, g] of sitting) if (g) groups.set(g, [...(groups.get(g) ?? []), name]);
    return { members: [...sitting.keys()].sort(), groups: partition(groups.values()), details: Object.fromEntries([...details].sort()) };
  }
  const sortIds = (ids: Obj[]) => [...new Map(ids.map((i) => [`${i.scheme}\u0000${i.identifier}`, i])).values()].sort((a, b) => (`${a.scheme} ${a.identifier}` < `${b.scheme} ${b.identifier}` ? -1 : 1));

  async function check(council: string, doc: Obj, legislature: string, period: Obj | undefined, on: string) {
    const state = await s.get(`/api/councils/${council}/state?at=${on}`);
    const names = new Map<string, string>((state.members as Obj[]).map((m) => [m.memberId, m.name]));
    const groups = new Map<string, string[]>();
    for (const m of state.members as Obj[]) if (m.group) groups.set(m.group, [...(groups.get(m.group) ?? []), names.get(m.memberId)!]);
    // Constituency and identifiers are fields of each member in state (issue 21), never only a note.
    const details = Object.fromEntries((state.members as Obj[]).map((m) => [m.name, {
      ...(m.constituency ? { constituency: m.constituency } : {}), ...(m.identifiers ? { identifiers: sortIds(m.identifiers) } : {}),
    }]).sort());
    expect({ council, on, members: [...names.values()].sort(), groups: partition(groups.values()), details }).toEqual({ council, on, ...fromFile(doc, legislature, period, on) });
    return state;
  }

  it.each(['everypolitician-estonia-riigikogu', 'everypolitician-kenya-national-assembly'])('%s: a council per legislative period, elections as elections, members and groups on three days', async (name) => {
    const file = join(POPOLO, `${name}.json`);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Obj;
    const first = await cli([file]);
    expect(first.output).not.toMatch(/import failed/);
    expect(first.code).toBe(0);
    expect(first.summary!.refused).toBe(0);
    const legislature = (doc.organizations as Obj[]).find((o) => o.classification === 'legislature')!;
    const periods = (doc.events as Obj[]).filter((e) => e.classification === 'legislative period');
    const elections = (doc.events as Obj[]).filter((e) => /election/.test(e.classification));
    const councils = first.summary!.councils.map((c) => c.councilId);
    expect(councils).toHaveLength(periods.length);
    let electionsRecorded = 0;
    const withDetails = { constituency: 0, identifiers: 0 };
    for (const period of periods) {
      const council = councils.length === 1 ? councils[0] : councils.find((c) => c.endsWith(period.id.replace('/', '-')))!;
      const info = await s.get(`/api/councils/${council}`);
      expect(info.seats).toBe(legislature.seats);
      const start = day(period.start_date);
      const end = period.end_date ? day(period.end_date) : start + 4 * 365 * 86_400_000;
      for (const f of [0.25, 0.5, 0.75]) await check(council, doc, legislature.id, period, new Date(start + f * (end - start)).toISOString().slice(0, 10));
      // The same fields in GET .../members on a day, and in the Popolo export (area_id naming an areas[] entry; persons' identifiers).
      const middle = new Date(start + 0.5 * (end - start)).toISOString().slice(0, 10);
      const state = await s.get(`/api/councils/${council}/state?at=${middle}`);
      const onDay = await s.get(`/api/councils/${council}/members?at=${middle}`);
      const pick = (list: Obj[]) => Object.fromEntries(list.map((m) => [m.memberId, [m.constituency ?? null, m.identifiers ?? null]]));
      expect(pick(onDay.members)).toEqual(pick(state.members));
      const exported = await s.get(`/api/councils/${council}/export/popolo`);
      const exportedAreas = new Map((exported.areas as Obj[]).map((a) => [a.id, a.name]));
      const areaNames = new Map(((doc.areas ?? []) as Obj[]).map((a) => [a.id, a.name]));
      for (const m of state.members as Obj[]) {
        if (m.constituency) withDetails.constituency++;
        if (m.identifiers) withDetails.identifiers++;
        const person = (exported.persons as Obj[]).find((p) => p.id === m.memberId)!;
        expect(person.identifiers ?? null).toEqual(m.identifiers ?? null);
        const membership = (exported.memberships as Obj[]).find((x) => x.person_id === m.memberId && x.role === 'member')!;
        expect(membership.area_id).toBe(m.constituency?.id);
        if (m.constituency?.id) expect(exportedAreas.get(m.constituency.id)).toBe(areaNames.get(m.constituency.id));
      }
      // No meeting made from an election: the file has no sittings at all.
      expect(await s.get(`/api/councils/${council}/meetings`)).toEqual([]);
      const recorded = (await s.get(`/api/councils/${council}/elections`)) as Obj[];
      const listed = Array.isArray(recorded) ? recorded : (recorded as Obj).elections;
      for (const e of listed) expect(elections.map((x) => x.start_date)).toContain(e.heldOn);
      electionsRecorded += listed.length;
    }
    // The file gives constituencies and identifiers, so the comparisons above were not over empty fields.
    expect(withDetails.constituency).toBeGreaterThan(0);
    expect(withDetails.identifiers).toBeGreaterThan(0);
    // The elections that open a period (the last one before its start) are recorded; the others are skipped with the reason.
    const opening = periods.map((p) => elections.filter((e) => day(e.start_date) <= day(p.start_date)).sort((a, b) => day(b.start_date) - day(a.start_date))[0]);
    expect(electionsRecorded).toBeGreaterThanOrEqual(opening.length);
    expect(first.output).toMatch(/skipped \d+: an election no council's legislative period opens with or contains/);

    const again = await cli([file]);
    expect(again.code).toBe(0);
    expect(again.summary!.recorded).toBe(0);
  }, 300_000);

  it.each([
    ['openaustralia-nsw-local-councillors', []],
    ['openaustralia-tas-local-councillors', ['--as-of', '2017-03-01']],
  ] as const)('%s: sitting councillors with no dates import as "in office as of" a day, each council with its members and parties', async (name, extra) => {
    const file = join(POPOLO, `${name}.json`);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Obj;
    const first = await cli([file, ...extra]);
    expect(first.output).not.toMatch(/import failed/);
    expect(first.code).toBe(0);
    expect(first.output).toMatch(/inferred \(dated-as-of\)/);
    const legislatures = (doc.organizations as Obj[]).filter((o) => o.classification === 'legislature');
    expect(first.summary!.councils).toHaveLength(legislatures.length);
    const dates = (doc.memberships as Obj[]).flatMap((m) => [m.start_date, m.end_date]).filter(Boolean).sort();
    const asOf = extra.length > 0 ? extra[1] : dates[dates.length - 1];
    // Three councils spread over the file, and every council whose members come and go, on three days.
    const changing = legislatures.filter((l) => (doc.memberships as Obj[]).some((m) => m.organization_id === l.id && (m.start_date || m.end_date)));
    const sample = [...new Set([legislatures[0], legislatures[Math.floor(legislatures.length / 2)], legislatures[legislatures.length - 1], ...changing.slice(0, 3)])];
    const councils = await s.get('/api/councils');
    for (const l of sample) {
      const council = (councils as Obj[]).find((c) => c.name === l.name)!.councilId;
      const memberships = (doc.memberships as Obj[]).filter((m) => m.organization_id === l.id);
      const own = memberships.flatMap((m) => [m.start_date, m.end_date]).filter(Boolean).sort();
      const days = own.length > 0 ? [...new Set([own[0], own[own.length - 1], asOf])] : [asOf];
      for (const on of days) await check(council, doc, l.id, undefined, on);
      const info = await s.get(`/api/councils/${council}`);
      expect(info.foundedOn).toMatch(/\?$/);
    }
    const again = await cli([file, ...extra]);
    expect(again.code).toBe(0);
    expect(again.summary!.recorded).toBe(0);
  }, 300_000);

  it('organization members (a party in a government), nested legislative_periods[] and pair_id: skipped with a note, periods read, pairings kept', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    // A file in the other publishers' shape, written here (not a copy of the shared data).
    const file = join(mkdtempSync(join(tmpdir(), 'popolo-shape-')), 'parliament.json');
    writeFileSync(file, JSON.stringify({
      persons: [{ id: 'p1', name: 'Ann One' }, { id: 'p2', name: 'Ben Two' }, { id: 'p3', name: 'Cy Three' }],
      organizations: [
        { id: 'parl', name: 'Parliament', classification: 'legislature', seats: 2, legislative_periods: [{ id: 'lp/1', name: 'First', start_date: '2001-01-01', end_date: '2004-12-31' }] },
        { id: 'gov', name: 'Government', classification: 'executive' },
        { id: 'party', name: 'Party', classification: 'party' },
      ],
      memberships: [
        { person_id: 'p1', organization_id: 'parl', legislative_period_id: 'lp/1', on_behalf_of_id: 'party' },
        { person_id: 'p2', organization_id: 'parl', legislative_period_id: 'lp/1', start_date: '2002-05-01' },
        { person_id: 'p3', organization_id: 'parl', legislative_period_id: 'lp/1' },
        { member: { '@type': 'Organization', id: 'party' }, organization_id: 'gov', start_date: '2001-02-01' },
      ],
      vote_events: [{
        id: 've1', legislative_period_id: 'lp/1', start_date: '2003-03-03',
        votes: [{ voter_id: 'p1', option: 'yes' }, { voter_id: 'p2', option: 'paired', pair_id: 'p3' }, { voter_id: 'p3', option: 'paired', pair_id: 'p2' }],
      }],
    }));
    const report = new ImportReport(file);
    const plan = await planPopolo(file, { report });
    expect(plan.councils.map((c) => c.founding.foundedOn)).toEqual(['2001-01-01']);
    expect(report.skips.map((x) => x.reason)).toContainEqual(expect.stringMatching(/the member is an organization/));
    // Popolo's pair_id on a "paired" vote: the roll call's pairs, as the file says, and not among its votes.
    const items: Array<{ path: string; body: Record<string, unknown> }> = [];
    await plan.voteEvents(async (_c, batch) => void items.push(...batch));
    const rollCall = items.find((i) => i.path.endsWith('/roll-call'))!;
    expect(rollCall.body.votes).toEqual([{ memberId: 'p1', choice: 'yes' }]);
    expect(rollCall.body.pairs).toEqual([{ memberId: 'p2', pairedWith: 'p3' }, { memberId: 'p3', pairedWith: 'p2' }]);
    await expect(planPopolo(file, { strict: true })).resolves.toBeDefined();
  });
});
