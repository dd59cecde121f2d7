import { TestApp, startTestApp } from '../helpers/test-app';
import { popoloProblems } from '../helpers/popolo-shape';

/**
 * Issue 25: the new facts exported where Popolo has a field (abbreviations → other_names, a convocation →
 * a legislative period, bodies → organizations with parent_id, a single proposer → creator_id, a place →
 * location, a death → death_date, an outside affiliation → a membership of the party), checked for shape.
 */
describe('Popolo export of the facts of a council\'s life (e2e)', () => {
  let t: TestApp;
  let position = '0';
  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(t.admin).send(body).expect(201);
    position = res.body.position ?? position;
    return res.body;
  };
  const C = '/api/councils/town';
  let popolo: { persons: Array<Record<string, unknown>>; organizations: Array<Record<string, unknown>>; memberships: Array<Record<string, unknown>>; events: Array<Record<string, unknown>>; motions: Array<Record<string, unknown>>; vote_events: Array<Record<string, unknown>> };

  beforeAll(async () => {
    t = await startTestApp();
    await post('/api/councils', { councilId: 'town', name: 'Town Council', foundedOn: '2013-03-24' });
    await post(`${C}/members`, { memberId: 'ann', name: 'Ann', electedOn: '2013-03-24' });
    await post(`${C}/members`, { memberId: 'bob', name: 'Bob', electedOn: '2013-03-24' });
    await post(`${C}/description`, { abbreviations: ['TC', 'TwC'], ideology: ['Localism'], term: 'P1Y', convocation: 2 });
    await post(`${C}/bodies`, { bodyId: 'budget', kind: 'committee', name: 'Budget committee', formedOn: '2013-04-02', members: ['Ann', 'Bob'] });
    await post(`${C}/bodies`, { bodyId: 'groups', kind: 'working-groups', count: 3, formedOn: '2013-05' });
    await post(`${C}/meetings`, { meetingId: 'm1', date: '2013-04-01', place: 'Town hall', presentCount: 2 });
    await post(`${C}/motions`, { motionId: 'one', title: 'One proposer', openedOn: '2013-04-01', meetingId: 'm1', proposers: ['Ann'] });
    await post(`${C}/motions`, { motionId: 'guest', title: 'A non-member proposes', openedOn: '2013-04-01', meetingId: 'm1', proposers: ['Vera Guest'] });
    await post(`${C}/motions`, { motionId: 'two', title: 'Two proposers', openedOn: '2013-04-01', meetingId: 'm1', proposers: ['Ann', 'Bob'] });
    await post(`${C}/members/bob/statuses`, { status: 'died', on: '2013-06-10' });
    await post(`${C}/groups`, { groupId: 'party', name: 'A Party', classification: 'party' });
    await post(`${C}/members/ann/affiliations`, { groupId: 'party', to: '2013-05-01', outside: true });
    popolo = (await t.http().get(`${C}/export/popolo?minPosition=${position}`).expect(200)).body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is well formed (Popolo types, dates and references)', () => {
    expect(popoloProblems(popolo)).toEqual([]);
  });

  it('the council: abbreviations as other_names, a convocation as a legislative period; no ideology or term field', () => {
    const council = popolo.organizations.find((o) => o.id === 'town')!;
    expect(council.other_names).toEqual([{ name: 'TC', note: 'abbreviation' }, { name: 'TwC', note: 'abbreviation' }]);
    expect(council).not.toHaveProperty('ideology');
    expect(council).not.toHaveProperty('seats');
    expect(popolo.events.find((e) => e.classification === 'legislative period')).toMatchObject({ name: 'Convocation 2', organization_id: 'town' });
  });

  it('a named body is an organization under the council with its members; a set of unnamed groups is none', () => {
    const body = popolo.organizations.find((o) => o.id === 'town-body-budget')!;
    expect(body).toMatchObject({ name: 'Budget committee', classification: 'committee', parent_id: 'town', founding_date: '2013-04-02' });
    expect(popolo.memberships.filter((m) => m.organization_id === 'town-body-budget').map((m) => m.person_id)).toEqual(['ann', 'bob']);
    expect(popolo.organizations.filter((o) => o.classification === 'working-groups')).toEqual([]);
  });

  it('a single proposer is the motion\'s creator (a non-member as a person of their own); several are none', () => {
    const byId = new Map(popolo.motions.map((m) => [m.id, m]));
    expect(byId.get('one')!.creator_id).toBe('ann');
    const guest = byId.get('guest')!.creator_id as string;
    expect(popolo.persons.find((p) => p.id === guest)).toMatchObject({ name: 'Vera Guest' });
    expect(byId.get('two')).not.toHaveProperty('creator_id');
  });

  it('a place is the event\'s location; a death is the person\'s death_date; a party membership ends, start unknown', () => {
    expect(popolo.events.find((e) => e.id === 'm1')).toMatchObject({ location: 'Town hall' });
    expect(popolo.persons.find((p) => p.id === 'bob')).toMatchObject({ death_date: '2013-06-10' });
    expect(popolo.persons.find((p) => p.id === 'ann')).not.toHaveProperty('death_date');
    const party = popolo.memberships.filter((m) => m.organization_id === 'town-group-party');
    expect(party).toEqual([{ id: 'town-outside-ann-1', person_id: 'ann', organization_id: 'town-group-party', role: 'member', end_date: '2013-05-01' }]);
  });

  it('the shape check catches what it is for: a dangling reference and a malformed date', () => {
    const broken = { ...popolo, motions: [...popolo.motions, { id: 'x', creator_id: 'nobody' }], persons: [...popolo.persons, { id: 'p', name: 'P', death_date: '10 June 2013' }] };
    expect(popoloProblems(broken)).toEqual(['person p: death_date "10 June 2013" is not a Popolo date', 'motion x: creator_id nobody names no person']);
  });
});
