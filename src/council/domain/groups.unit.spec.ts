import { AlreadyExistsError, NotFoundError } from './errors';
import { elected, founded, left } from './fixtures';
import { GivenEvent, given, stateOf } from './given-when-then';
import { groupOn } from './rules/affiliation';
import { parseDay } from './valid-date';

const party = (groupId: string, foundedOn?: string): GivenEvent => ({
  type: 'GroupFounded',
  id: `group-${groupId}`,
  data: { groupId, name: groupId.toUpperCase(), classification: 'party', ...(foundedOn ? { foundedOn } : {}) },
});
const affiliated = (memberId: string, groupId: string, from: string, to?: string, id = `aff-${memberId}-${groupId}-${from}`): GivenEvent => ({
  type: 'MemberAffiliated',
  id,
  data: { memberId, groupId, from, ...(to ? { to } : {}) },
});
const history = [founded, elected('anna'), elected('boris', { electedOn: '2013-03-01' }), left('anna', '2013-09-01'), party('red'), party('blue')];

describe('political groups', () => {
  it('founds a group with a slug id from its name', () => {
    given([founded])
      .when({ kind: 'FoundGroup', name: 'Party of Progress', classification: 'party', foundedOn: '1990' })
      .then([{ type: 'GroupFounded', data: { groupId: 'party-of-progress', name: 'Party of Progress', classification: 'party', foundedOn: '1990' } }])
      .thenReply({ groupId: 'party-of-progress' });
  });

  it('a group may be older than the council (its founding is its own)', () => {
    given([founded]).when({ kind: 'FoundGroup', groupId: 'old', name: 'Old', foundedOn: '1905' }).then([{ type: 'GroupFounded' }]);
  });

  it('rejects an explicit group id that exists', () => {
    given([founded, party('red')]).when({ kind: 'FoundGroup', groupId: 'red', name: 'Red again' }).then(AlreadyExistsError);
  });

  it('needs a council', () => {
    given([]).when({ kind: 'FoundGroup', name: 'X' }).then(NotFoundError);
  });
});

describe('affiliations', () => {
  it('records a member sitting for a group over a period', () => {
    given(history)
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'red', from: '2012-10-22', to: '2013-05-01' })
      .then([{ type: 'MemberAffiliated', data: { memberId: 'anna', groupId: 'red', from: '2012-10-22', to: '2013-05-01' } }])
      .thenReply({ memberId: 'anna', groupId: 'red' });
  });

  it('a switch is two affiliations: the second starts the day the first ends', () => {
    given([...history, affiliated('anna', 'red', '2012-10-22', '2013-05-01')])
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'blue', from: '2013-05-01' })
      .then([{ type: 'MemberAffiliated', data: { groupId: 'blue', from: '2013-05-01' } }]);
  });

  it('needs an existing group (404)', () => {
    given(history).when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'green', from: '2013-01-01' }).then(NotFoundError);
  });

  it('needs an existing member (404)', () => {
    given(history).when({ kind: 'AffiliateMember', memberId: 'nobody', groupId: 'red', from: '2013-01-01' }).then(NotFoundError);
  });

  it('affiliation-member-not-in-office: not before the election', () => {
    const { error } = given(history)
      .when({ kind: 'AffiliateMember', memberId: 'boris', groupId: 'red', from: '2013-01-01' })
      .thenViolates('affiliation-member-not-in-office');
    expect((error as Error).message).toContain('elected on 2013-03-01');
  });

  it('affiliation-member-not-in-office: not past the departure', () => {
    given(history)
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'red', from: '2013-06-01', to: '2013-12-01' })
      .thenViolates('affiliation-member-not-in-office');
    given(history)
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'red', from: '2013-10-01' })
      .thenViolates('affiliation-member-not-in-office');
  });

  it('an open affiliation ends with the departure; one ending on the departure day is in office', () => {
    given(history).when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'red', from: '2013-06-01' }).then([{ type: 'MemberAffiliated' }]);
    given(history).when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'red', from: '2013-06-01', to: '2013-09-01' }).then([{ type: 'MemberAffiliated' }]);
  });

  it('imprecise dates break the rule only when certain: an election in "2013-03" allows a start in March', () => {
    given([founded, elected('vera', { electedOn: '2013-03' }), party('red')])
      .when({ kind: 'AffiliateMember', memberId: 'vera', groupId: 'red', from: '2013-03-10' })
      .then([{ type: 'MemberAffiliated' }]);
  });

  it('affiliation-overlap: one group at a time, with the other affiliation in the figures', () => {
    const { error } = given([...history, affiliated('anna', 'red', '2012-10-22', '2013-05-01', 'first')])
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'blue', from: '2013-04-01' })
      .thenViolates('affiliation-overlap');
    expect((error as import('./errors').RuleViolationError).violations[0].figures).toMatchObject({ groupId: 'red', eventId: 'first', to: '2013-05-01' });
  });

  it('affiliation-overlap: an open affiliation overlaps any later one (record its end first)', () => {
    given([...history, affiliated('anna', 'red', '2012-10-22')])
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'blue', from: '2013-05-01' })
      .thenViolates('affiliation-overlap');
  });

  it('affiliation-overlap: an imprecise switch month ("2013-05" to and from) is no certain overlap', () => {
    given([...history, affiliated('anna', 'red', '2012-10-22', '2013-05')])
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'blue', from: '2013-05' })
      .then([{ type: 'MemberAffiliated' }]);
  });

  it('with recordAnomaly an overlap is recorded with the rule it breaks', () => {
    given([...history, affiliated('anna', 'red', '2012-10-22')])
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'blue', from: '2013-05-01', recordAnomaly: true })
      .then([{ type: 'MemberAffiliated', data: { anomalies: [{ rule: 'affiliation-overlap' }] } }]);
  });

  it('affiliation-ends-before-start cannot be recorded even as an anomaly', () => {
    given(history)
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'red', from: '2013-05-01', to: '2013-01-01', recordAnomaly: true })
      .thenViolates('affiliation-ends-before-start');
  });

  it('affiliation-before-group-founded: not before the group existed', () => {
    given([...history, party('new', '2013-06-01')])
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'new', from: '2013-01-01' })
      .thenViolates('affiliation-before-group-founded');
  });

  it('before-founding: not before the council was founded', () => {
    given([founded, elected('anna'), party('red')])
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'red', from: '2012-01-01', recordAnomaly: false })
      .thenViolates('before-founding', 'affiliation-member-not-in-office');
  });

  it('a correction can replace an affiliation (re-checked without the original)', () => {
    given([...history, affiliated('anna', 'red', '2012-10-22', undefined, 'open')])
      .when({ kind: 'CorrectFact', eventId: 'open', action: 'replace', reason: 'the source dates the switch', replacement: { kind: 'AffiliateMember', memberId: 'anna', groupId: 'red', from: '2012-10-22', to: '2013-05-01' } })
      .then([{ type: 'FactCorrected', data: { replacement: { type: 'MemberAffiliated', data: { to: '2013-05-01' } } } }]);
  });

  it('evolve: the group on a day follows the affiliations; an imprecise boundary leaves it open', () => {
    const state = stateOf([...history, affiliated('anna', 'red', '2012-10-22', '2013-05'), affiliated('anna', 'blue', '2013-05')]);
    const list = state.affiliations.get('anna');
    expect(groupOn(list, parseDay('2013-01-01'))).toBe('red');
    expect(groupOn(list, parseDay('2013-05-15'))).toBe('unknown');
    expect(groupOn(list, parseDay('2013-06-01'))).toBe('blue');
    expect(groupOn(state.affiliations.get('boris'), parseDay('2013-06-01'))).toBeUndefined();
  });
});
