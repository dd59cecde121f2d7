import { TestApp, startTestApp } from '../helpers/test-app';
import { C, Recorded, recordCouncil } from './fixture';

type Obj = Record<string, unknown>;

/** The date patterns of the Popolo JSON schemas (membership/person/organization; event also allows a time). */
const POPOLO_DATE = /^[0-9]{4}((-[0-9]{2}){0,2}|(-[0-9]{2}){2}(T[0-9]{2}(:[0-9]{2}(:[0-9]{2})?)?Z)?)$/;
/** `format: date-time` (RFC 3339), as the motion and vote_event schemas require for `date` / `start_date`. */
const DATE_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$/;

describe('GET /api/councils/:id/export/popolo (e2e, real app and store)', () => {
  let t: TestApp;
  let r: Recorded;
  let popolo: Record<string, Obj[]>;

  beforeAll(async () => {
    t = await startTestApp();
    r = await recordCouncil(t);
    // A motion known only to the month: no date-time can be given for it.
    const imprecise = await t.http().post(`/api/councils/${C}/motions`).set(t.admin)
      .send({ motionId: 'mo-month', title: 'Motion of some day in July', kind: 'statement', online: true, openedOn: '2013-07' }).expect(201);
    const res = await t.http().get(`/api/councils/${C}/export/popolo?minPosition=${imprecise.body.position}`).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    popolo = res.body;
  });
  afterAll(async () => t?.close());

  const byId = (list: string, id: string) => popolo[list].find((x) => x.id === id)!;

  it('exports persons with other_names, the council and its curiae as organizations', () => {
    expect(byId('persons', 'a1')).toEqual({ id: 'a1', name: 'Member A1', other_names: [{ name: 'A. One' }] });
    expect(popolo.persons.filter((p) => /^[abc][123]$/.test(String(p.id)))).toHaveLength(9);
    expect(byId('organizations', C)).toMatchObject({ name: 'Analytics Council', classification: 'council', founding_date: '2012-10-22' });
    expect(byId('organizations', `${C}-curia-b`)).toMatchObject({ name: 'Curia B', classification: 'curia', parent_id: C });
  });

  it('exports memberships on behalf of the curia, with dates reduced to what is certain and the EDTF kept', () => {
    const b3 = popolo.memberships.find((m) => m.person_id === 'b3' && m.role === 'member')!;
    expect(b3).toMatchObject({ organization_id: C, on_behalf_of_id: `${C}-curia-b`, start_date: '2012-10-22', end_date: '2013-07', end_reason: 'resigned' });
    expect(b3).not.toHaveProperty('end_date_edtf'); // "2013-07" is already a Popolo date
    const c3 = popolo.memberships.find((m) => m.person_id === 'c3' && m.role === 'member')!;
    // Some day between 2012-12-17 and 2013-10-19: not even the year is certain.
    expect(c3).not.toHaveProperty('end_date');
    expect(c3.end_date_edtf).toBe('2012-12-17/2013-10-19');
    const a1 = popolo.memberships.find((m) => m.person_id === 'a1' && m.role === 'member')!;
    expect(a1).not.toHaveProperty('end_date');
    for (const list of ['memberships', 'organizations', 'events']) {
      for (const item of popolo[list]) {
        for (const field of ['start_date', 'end_date', 'founding_date', 'dissolution_date']) {
          if (item[field] !== undefined) expect(item[field]).toMatch(POPOLO_DATE);
        }
      }
    }
    for (const item of popolo.motions) if (item.date !== undefined) expect(item.date).toMatch(DATE_TIME);
    for (const item of popolo.vote_events) if (item.start_date !== undefined) expect(item.start_date).toMatch(DATE_TIME);
  });

  it('exports meetings as events and motions with vote events carrying counts and votes', () => {
    expect(byId('events', 'm1')).toMatchObject({ name: 'Meeting 1', classification: 'meeting', organization_id: C, start_date: '2012-11-01' });
    expect(byId('motions', 'mo1')).toMatchObject({
      organization_id: C, text: 'First motion', classification: 'resolution', date: '2012-11-01T00:00:00Z', date_edtf: '2012-11-01', legislative_session_id: 'm1',
    });
    const vote = popolo.vote_events.find((v) => v.motion_id === 'mo1')!;
    expect(vote).toMatchObject({ start_date: '2012-11-01T00:00:00Z', start_date_edtf: '2012-11-01', result: expect.stringMatching(/^(pass|fail)$/) });
    expect(vote.counts).toEqual(expect.arrayContaining([{ option: 'yes', value: 4 }, { option: 'no', value: 1 }, { option: 'abstain', value: 1 }]));
    expect(vote.votes).toEqual(expect.arrayContaining([{ voter_id: 'a3', option: 'no' }, { voter_id: 'c1', option: 'abstain' }]));
    expect(vote.votes).toHaveLength(6);
    const month = byId('motions', 'mo-month');
    expect(month).not.toHaveProperty('date');
    expect(month.date_edtf).toBe('2013-07');
    // mo2 is still open but has votes: a vote event without a result.
    const open = popolo.vote_events.find((v) => v.motion_id === 'mo2')!;
    expect(open).not.toHaveProperty('result');
    expect(open.votes).toHaveLength(5);
  });

  describe('?format=csv', () => {
    const csv = (table: string) => t.http().get(`/api/councils/${C}/export/popolo?format=csv&table=${table}&minPosition=${r.last}`);

    it('exports members with a header row, CRLF lines and text/csv', async () => {
      const res = await csv('members').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain(`${C}-members.csv`);
      const lines = res.text.split('\r\n');
      expect(lines[0]).toBe('member_id,name,aliases,curia,rank,votes,elected_on,left_on,left_reason,start_date,end_date');
      expect(lines).toContain('b3,Member B3,,b,3,,2012-10-22,2013-07,resigned,2012-10-22,2013-07');
      expect(lines).toContain('c3,Member C3,,c,3,,2012-10-22,2012-12-17/2013-10-19,,2012-10-22,');
      expect(lines[lines.length - 1]).toBe('');
      expect(lines).toHaveLength(1 + 9 + 1);
    });

    it('quotes per RFC 4180 and neutralises cells that look like formulas', async () => {
      const res = await csv('meetings').expect(200);
      const m1 = res.text.split('\r\n').find((l) => l.startsWith('m1,'))!;
      // Agenda ["-1 budget, \"draft\"", "=cmd|calc"] joined: starts with "-", holds a comma and quotes.
      expect(m1.endsWith(`,"'-1 budget, ""draft"" | =cmd|calc"`)).toBe(true);
      expect(m1.startsWith('m1,1,2012-11-01,regular,held,Member A1,a1,6,,9,0,9,5,')).toBe(true);
    });

    it('exports votes', async () => {
      const res = await csv('votes').expect(200);
      const lines = res.text.trim().split('\r\n');
      expect(lines[0]).toBe('motion_id,motion_title,meeting_id,date,member_id,name,curia,choice');
      expect(lines).toContain('mo1,First motion,m1,2012-11-01,a3,Member A3,a,no');
      expect(lines).toHaveLength(1 + 6 + 5);
    });

    it('exports motions with their tallies in columns (yes, no, abstain, option:<name>) and the outcome\'s certainty and basis, unknown figures empty, never JSON', async () => {
      const post = (path: string, body: object) => t.http().post(`/api/councils/${C}${path}`).set(t.admin).send(body).expect(201);
      await post('/motions', { motionId: 'mo-choice', title: 'Secretary', kind: 'appointment', online: true, openedOn: '2012-11-06', options: ['Member A1', 'Member B1'] });
      await post('/motions/mo-choice/result', { decidedOn: '2012-11-06', counts: { 'Member A1': 6, 'Member B1': 2 } });
      await post('/motions', { motionId: 'mo-partial', title: 'Only yes known', kind: 'statement', online: true, openedOn: '2012-11-07' });
      const last = await post('/motions/mo-partial/result', { decidedOn: '2012-11-07', counts: { yes: 6 } });
      const res = await t.http().get(`/api/councils/${C}/export/popolo?format=csv&table=motions&minPosition=${last.body.position}`).expect(200);
      expect(res.text).not.toContain('{');
      const [header, ...rows] = res.text.trim().split('\r\n').map((l) => l.split(','));
      expect(header).toEqual(['motion_id', 'title', 'kind', 'meeting_id', 'online', 'opened_on', 'decided_on', 'yes', 'no', 'abstain',
        'option:Member A1', 'option:Member B1', 'tally_from', 'rule', 'required', 'outcome', 'winner', 'outcome_certain', 'outcome_basis']);
      const row = (id: string) => Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === id)![i]]));
      // mo1's votes (fixture): a1, a2, b1, b2 yes; a3 no; c1 abstain.
      expect(row('mo1')).toMatchObject({ yes: '4', no: '1', abstain: '1', 'option:Member A1': '', tally_from: 'votes' });
      expect(row('mo-choice')).toMatchObject({ yes: '', no: '', abstain: '', 'option:Member A1': '6', 'option:Member B1': '2', winner: 'Member A1' });
      expect(row('mo-partial')).toMatchObject({ yes: '6', no: '', abstain: '', tally_from: 'reported' });
      expect(row('mo-month')).toMatchObject({ yes: '', no: '', abstain: '', decided_on: '', outcome: '', outcome_certain: '', outcome_basis: '' });
      expect([row('mo-choice').outcome_certain, row('mo-choice').outcome_basis]).toEqual(['true', 'tally']);
    });

    it('answers 400 for csv without a table, a table without csv, or an unknown table; 404 for an unknown council', async () => {
      await t.http().get(`/api/councils/${C}/export/popolo?format=csv`).expect(400);
      await t.http().get(`/api/councils/${C}/export/popolo?table=members`).expect(400);
      await t.http().get(`/api/councils/${C}/export/popolo?format=csv&table=secrets`).expect(400);
      await t.http().get(`/api/councils/${C}/export/popolo?format=xml`).expect(400);
      await t.http().get('/api/councils/nobody/export/popolo').expect(404);
    });
  });
});
