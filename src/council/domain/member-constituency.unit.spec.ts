import { MemberElected } from './events';
import { elected, founded } from './fixtures';
import { given, stateOf } from './given-when-then';

/** Issue 21: a member's constituency (Popolo area) and identifiers in other registers are facts of the election. */
describe('a member\'s constituency and identifiers', () => {
  it('keeps the constituency and identifiers the source gives on MemberElected, and in the state', () => {
    const outcome = given([founded]).when({
      kind: 'ElectMember', name: 'Urmas Reinsalu', curia: 'general', electedOn: '2015-03-30',
      constituency: { id: 'area/tallinn', name: 'Tallinn' },
      identifiers: [{ scheme: 'wikidata', identifier: 'Q1254318' }, { scheme: 'riigikogu', identifier: 'abc' }],
    });
    outcome.then([{
      type: 'MemberElected',
      data: { constituency: { id: 'area/tallinn', name: 'Tallinn' }, identifiers: [{ scheme: 'wikidata', identifier: 'Q1254318' }, { scheme: 'riigikogu', identifier: 'abc' }] },
    }]);
    const member = stateOf([founded, { type: 'MemberElected', data: outcome.result!.events[0].data as MemberElected }]).members.get('urmas-reinsalu')!;
    expect(member.constituency).toEqual({ id: 'area/tallinn', name: 'Tallinn' });
    expect(member.identifiers).toEqual([{ scheme: 'wikidata', identifier: 'Q1254318' }, { scheme: 'riigikogu', identifier: 'abc' }]);
  });

  it('a constituency given by name only, or id only, keeps only what is given', () => {
    const byName = given([founded]).when({ kind: 'ElectMember', name: 'A', curia: 'general', electedOn: '2015-03-30', constituency: { name: 'Roraima' } });
    expect(byName.result!.events[0].data).toMatchObject({ constituency: { name: 'Roraima' } });
    expect((byName.result!.events[0].data as { constituency: object }).constituency).not.toHaveProperty('id');
    const byId = given([founded]).when({ kind: 'ElectMember', name: 'B', curia: 'general', electedOn: '2015-03-30', constituency: { id: 'area/kandara' } });
    expect((byId.result!.events[0].data as { constituency: object }).constituency).toEqual({ id: 'area/kandara' });
  });

  it('unknown is absent: no constituency, an empty one or an empty identifier list leave no field (never {} or [])', () => {
    for (const extra of [{}, { constituency: { id: ' ', name: '' } }, { identifiers: [] }]) {
      const { result } = given([founded]).when({ kind: 'ElectMember', name: 'C', curia: 'general', electedOn: '2015-03-30', ...extra });
      expect(result!.events[0].data).not.toHaveProperty('constituency');
      expect(result!.events[0].data).not.toHaveProperty('identifiers');
    }
  });

  it('an identifier given twice is kept once', () => {
    const { result } = given([founded]).when({
      kind: 'ElectMember', name: 'D', curia: 'general', electedOn: '2015-03-30',
      identifiers: [{ scheme: 'wikidata', identifier: 'Q1' }, { scheme: 'wikidata', identifier: 'Q1' }, { scheme: 'wikidata', identifier: 'Q2' }],
    });
    expect((result!.events[0].data as { identifiers: unknown[] }).identifiers).toEqual([{ scheme: 'wikidata', identifier: 'Q1' }, { scheme: 'wikidata', identifier: 'Q2' }]);
  });

  it('an old MemberElected without the fields evolves to a member without them', () => {
    const member = stateOf([founded, elected('old-member')]).members.get('old-member')!;
    expect(member.constituency).toBeUndefined();
    expect(member.identifiers).toBeUndefined();
    expect(member.name).toBe('old-member');
  });
});
