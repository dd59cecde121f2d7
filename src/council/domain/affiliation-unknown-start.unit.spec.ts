/**
 * Issue 25: an affiliation whose start the source does not give, and a membership of an organization
 * outside the council (the Gudkovs' expulsion from "A Just Russia" on 13 March 2013). The rule: an unknown
 * start is certain on no day; before its end the affiliation may hold, from its end it does not.
 */
import { elected, founded, left } from './fixtures';
import { GivenEvent, given, stateOf } from './given-when-then';
import { groupOn } from './rules/affiliation';
import { parseDay } from './valid-date';

const party = (groupId: string): GivenEvent => ({ type: 'GroupFounded', id: `group-${groupId}`, data: { groupId, name: groupId, classification: 'party' } });
const history = [founded, elected('gudkov'), elected('anna', { electedOn: '2013-03-01' }), left('anna', '2013-09-01'), party('a-just-russia'), party('red'), party('blue')];

describe('an affiliation whose start is unknown (issue 25)', () => {
  it('given a member, when affiliated with no from, then the event has no from (never a made-up date)', () => {
    const { result } = given(history)
      .when({ kind: 'AffiliateMember', memberId: 'gudkov', groupId: 'red', to: '2013-03-13' })
      .then([{ type: 'MemberAffiliated', data: { memberId: 'gudkov', groupId: 'red', to: '2013-03-13' } }]);
    expect('from' in (result!.events[0].data as object)).toBe(false);
  });

  it('then no day is certain: before its end the group is "unknown", from its end none', () => {
    const state = stateOf([...history, { type: 'MemberAffiliated', data: { memberId: 'gudkov', groupId: 'red', to: '2013-03-13' } }]);
    const affiliations = state.affiliations.get('gudkov');
    expect(groupOn(affiliations, parseDay('2012-10-22'))).toBe('unknown');
    expect(groupOn(affiliations, parseDay('2013-03-12'))).toBe('unknown');
    expect(groupOn(affiliations, parseDay('2013-03-13'))).toBeUndefined();
  });

  it('a known affiliation after the unknown one\'s end is certain; one with an unknown start never overlaps it', () => {
    const unknownStart: GivenEvent = { type: 'MemberAffiliated', data: { memberId: 'gudkov', groupId: 'red', to: '2013-03-13' } };
    given([...history, unknownStart])
      .when({ kind: 'AffiliateMember', memberId: 'gudkov', groupId: 'blue', from: '2013-03-13' })
      .then([{ type: 'MemberAffiliated' }]);
    const state = stateOf([...history, unknownStart, { type: 'MemberAffiliated', data: { memberId: 'gudkov', groupId: 'blue', from: '2013-03-13' } }]);
    expect(groupOn(state.affiliations.get('gudkov'), parseDay('2013-04-01'))).toBe('blue');
    // Even a certain affiliation before the end: the unknown start may be after it, so no certain overlap.
    given([...history, { type: 'MemberAffiliated', data: { memberId: 'gudkov', groupId: 'blue', from: '2012-10-22', to: '2013-01-01' } }])
      .when({ kind: 'AffiliateMember', memberId: 'gudkov', groupId: 'red', to: '2013-03-13' })
      .then([{ type: 'MemberAffiliated' }]);
  });

  it('only certain days break a rule: an unknown start ending after the departure is not refused, a known start after it is', () => {
    given(history).when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'red', to: '2013-12-01' }).then([{ type: 'MemberAffiliated' }]);
    given(history)
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'red', from: '2013-10-01', to: '2013-12-01' })
      .thenViolates('affiliation-member-not-in-office');
  });
});

describe('an affiliation outside the council (issue 25)', () => {
  it('given a member, when a party membership before the council with an unknown start is recorded as outside, then it is accepted', () => {
    given(history)
      .when({ kind: 'AffiliateMember', memberId: 'gudkov', groupId: 'a-just-russia', to: '2013-03-13', outside: true })
      .then([{ type: 'MemberAffiliated', data: { memberId: 'gudkov', groupId: 'a-just-russia', to: '2013-03-13', outside: true } }])
      .thenReply({ memberId: 'gudkov', groupId: 'a-just-russia', outside: true });
  });

  it('is bound neither to the term nor to the council\'s life (a party membership may predate both)', () => {
    given(history)
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'a-just-russia', from: '2006', to: '2013-03-13', outside: true })
      .then([{ type: 'MemberAffiliated' }]);
    // The same as a council affiliation is refused: anna was elected on 2013-03-01, the council founded 2012-10-22.
    given(history)
      .when({ kind: 'AffiliateMember', memberId: 'anna', groupId: 'a-just-russia', from: '2006', to: '2013-03-13' })
      .thenViolates('before-founding', 'affiliation-member-not-in-office');
  });

  it('sets no group the member sat for, and overlaps none', () => {
    const outside: GivenEvent = { type: 'MemberAffiliated', data: { memberId: 'gudkov', groupId: 'a-just-russia', from: '2012-01-01', to: '2013-03-13', outside: true } };
    const state = stateOf([...history, outside]);
    expect(state.affiliations.get('gudkov')).toBeUndefined();
    given([...history, outside])
      .when({ kind: 'AffiliateMember', memberId: 'gudkov', groupId: 'red', from: '2012-10-22' })
      .then([{ type: 'MemberAffiliated', data: { groupId: 'red' } }]);
  });

  it('an end before a known start is still refused, outside or not', () => {
    given(history)
      .when({ kind: 'AffiliateMember', memberId: 'gudkov', groupId: 'a-just-russia', from: '2013-04-01', to: '2013-03-13', outside: true })
      .thenViolates('affiliation-ends-before-start');
  });
});
