import { popoloProblems } from '../helpers/popolo-shape';
import { TestApp, startTestApp } from '../helpers/test-app';

/**
 * Issue 21: pairings in a roll call through the HTTP API (real app, real SQLite store): `pairs` beside
 * `votes`, read in motions ?votes=true (never in the tally), exported as Popolo votes with option "paired"
 * and pair_id, retracted like any fact with the record as it stood still readable; bad input appends nothing.
 */
describe('pairings in roll calls (e2e)', () => {
  let t: TestApp;
  let last = '0';
  const C = 'camara';
  const post = async (path: string, body: object, status = 201) => {
    const res = await t.http().post(`/api/councils/${C}${path}`).set(t.admin).send(body);
    expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ status, body: undefined });
    if (res.status === 201) last = res.body.position;
    return res.body;
  };
  const get = async (path: string) => {
    const res = await t.http().get(`/api/councils/${C}${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  let rollCall: { eventIds: string[]; pairs: unknown };
  let before: string;
  let bad = 0;

  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/api/councils').set(t.admin).send({ councilId: C, name: 'Cámara', foundedOn: '2002-03-11', seats: 5 }).expect(201);
    for (const id of ['ana', 'ben', 'cruz', 'dora', 'eli']) await post('/members', { memberId: id, name: id.toUpperCase(), electedOn: '2002-03-11' });
    await post('/motions', { motionId: 'm1', title: 'Boletín 1', openedOn: '2002-03-19', online: true });
    rollCall = await post('/motions/m1/roll-call', {
      votes: [{ memberId: 'ana', choice: 'yes' }, { memberId: 'ben', choice: 'yes' }, { memberId: 'cruz', choice: 'no' }],
      pairs: [{ memberId: 'dora', pairedWith: 'eli' }, { name: 'ELI', pairedWith: 'dora' }],
      decidedOn: '2002-03-19',
    });
    before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
  });
  afterAll(async () => t?.close());

  it('the roll call answers its pairs, and motions ?votes=true reads them beside the votes, outside the tally', async () => {
    expect(rollCall.pairs).toEqual([{ memberId: 'dora', pairedWith: 'eli' }, { memberId: 'eli', pairedWith: 'dora' }]);
    const [m] = await get('/motions?votes=true');
    expect(m.pairs).toEqual([
      { memberId: 'dora', name: 'DORA', pairedWith: 'eli', pairedWithName: 'ELI' },
      { memberId: 'eli', name: 'ELI', pairedWith: 'dora', pairedWithName: 'DORA' },
    ]);
    expect(m.votes).toHaveLength(3);
    expect(m.tally).toEqual({ yes: 2, no: 1, abstain: 0 });
    const [plain] = await get('/motions');
    expect(plain).not.toHaveProperty('pairs');
  });

  it('the Popolo export writes them as votes with option "paired" and pair_id', async () => {
    const out = await get('/export/popolo');
    expect(popoloProblems(out)).toEqual([]);
    const ve = out.vote_events.find((v: { motion_id: string }) => v.motion_id === 'm1');
    expect(ve.votes.filter((v: { option: string }) => v.option === 'paired')).toEqual([
      { voter_id: 'dora', option: 'paired', pair_id: 'eli' },
      { voter_id: 'eli', option: 'paired', pair_id: 'dora' },
    ]);
    expect(ve.counts).toEqual([{ option: 'yes', value: 2 }, { option: 'no', value: 1 }, { option: 'abstain', value: 0 }]);
  });

  it('a pairing is retracted like any fact; the record as it stood before still shows it', async () => {
    const events = await get('/events?limit=1000');
    const pairing = events.find((e: { type: string; data: { memberId: string } }) => e.type === 'VotePaired' && e.data.memberId === 'eli');
    await post('/corrections', { eventId: pairing.eventId ?? pairing.id, action: 'retract', reason: 'misread' });
    const [now] = await get('/motions?votes=true');
    expect(now.pairs.map((p: { memberId: string }) => p.memberId)).toEqual(['dora']);
    const [then] = await get(`/motions?votes=true&knownAt=${before}`);
    expect(then.pairs.map((p: { memberId: string }) => p.memberId)).toEqual(['dora', 'eli']);
  });

  it.each([
    [{ pairs: [{ memberId: 'ana' }] }, 400],
    [{ pairs: [{ pairedWith: 'ben' }] }, 400],
    [{ pairs: [{ memberId: 'ana', pairedWith: 'nobody' }] }, 422], // a name that resolves to no member, as for a vote
    [{ pairs: [{ memberId: 'ana', pairedWith: 'ana' }] }, 422],
    [{ pairs: [{ memberId: 'ana', pairedWith: 'ben' }] }, 422], // ana votes in the same roll call: paired-and-voted
  ])('bad pairs %j: %i, and nothing is appended', async (extra, status) => {
    const motionId = `m-bad-${++bad}`;
    await post('/motions', { motionId, title: 'x', openedOn: '2002-03-20', online: true });
    const head = (await get('/events?limit=1000')).length;
    const res = await t.http().post(`/api/councils/${C}/motions/${motionId}/roll-call`).set(t.admin)
      .send({ votes: [{ memberId: 'ana', choice: 'yes' }], ...extra });
    expect(res.status).toBe(status);
    expect((await get('/events?limit=1000')).length).toBe(head);
  });
});
