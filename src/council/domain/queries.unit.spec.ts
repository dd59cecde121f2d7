import { elected, founded } from './fixtures';
import { GivenEvent, stateOf } from './given-when-then';
import { factDate, membersOn, officersOn } from './queries';
import { FactType } from './state';
import { toDay } from './valid-date';

function fact(type: string, data: Record<string, unknown>, id?: string): GivenEvent {
  return { type, data, ...(id ? { id } : {}) } as unknown as GivenEvent;
}

describe('factDate: the valid-time date of each kind of fact', () => {
  // Each fact carries its date under its own field; every other date-like field holds another value, so
  // reading the wrong field (or falling through to the next case) gives a different answer.
  const decoys = {
    foundedOn: 'F', electedOn: 'E', leftOn: 'L', heldOn: 'H', from: 'FR', to: 'TO', formedOn: 'FO', date: 'D',
    openedOn: 'O', castOn: 'C', decidedOn: 'DE', dissolvedOn: 'DI', on: 'ON', describedOn: 'DS', issuedOn: 'I',
  };
  it.each<[FactType, string | undefined]>([
    ['CouncilFounded', 'F'],
    ['MemberElected', 'E'],
    ['MemberLeft', 'L'],
    ['ElectionRecorded', 'H'],
    ['OfficerAppointed', 'FR'],
    ['OfficerTermEnded', 'TO'],
    ['WorkingGroupFormed', 'FO'],
    ['MeetingHeld', 'D'],
    ['QuorumFailed', 'D'],
    ['MeetingNotAssembled', 'D'],
    ['MotionTabled', 'O'],
    ['VoteCast', 'C'],
    ['VotePaired', 'C'],
    ['MotionDecided', 'DE'],
    ['CouncilDissolved', 'DI'],
    ['CouncilClassified', undefined],
    ['GroupFounded', 'F'],
    ['MemberAffiliated', 'FR'],
    ['MemberStatusChanged', 'ON'],
    ['CouncilDescribed', 'DS'],
    ['CouncilBodyFormed', 'FO'],
    ['MembersStatementIssued', 'I'],
  ])('%s → %s', (type, expected) => {
    expect(factDate(type, decoys as never)).toBe(expected);
  });
});

describe('membersOn and officersOn take a day as an ISO day or as days since 1970-01-01', () => {
  const state = stateOf([
    founded,
    elected('a', { electedOn: '2012-10-22' }),
    elected('b', { electedOn: '2013-07' }),
    fact('OfficerAppointed', { role: 'chair', memberId: 'a', name: 'a', from: '2012-10-27' }, 'chair-1'),
    fact('OfficerTermEnded', { role: 'chair', memberId: 'a', name: 'a', to: '2013-03' }, 'chair-end'),
    fact('OfficerAppointed', { role: 'chair', memberId: 'b', name: 'b', from: '2013-04-01' }, 'chair-2'),
  ]);

  it('gives the same members for 2013-07-15 as for its day number, b undecidable (elected some day in July)', () => {
    const byNumber = membersOn(state, toDay('2013-07-15'));
    const byString = membersOn(state, '2013-07-15');
    expect(byNumber.certain.map((m) => m.memberId)).toEqual(['a']);
    expect(byNumber.uncertain.map((u) => [u.member.memberId, u.why])).toEqual([['b', 'elected 2013-07: may or may not have been elected by 2013-07-15']]);
    expect(byString).toEqual(byNumber);
  });

  it('lists a past term as certain inside it, undecidable in the month it ended, and the current term from its first day', () => {
    expect(officersOn(state, toDay('2013-01-10'))).toEqual([{ role: 'chair', memberId: 'a', name: 'a', since: '2012-10-27', certain: true }]);
    expect(officersOn(state, '2013-03-15')).toEqual([{ role: 'chair', memberId: 'a', name: 'a', since: '2012-10-27', certain: false }]);
    expect(officersOn(state, '2013-04-01')).toEqual([{ role: 'chair', memberId: 'b', name: 'b', since: '2013-04-01', certain: true }]);
    expect(officersOn(state, '2012-10-26')).toEqual([]);
  });
});
