import { NameResolutionError, NotFoundError } from './errors';
import { elected, founded, left } from './fixtures';
import { GivenEvent, given, stateOf } from './given-when-then';
import { officersOn } from './queries';

const base = [
  founded,
  elected('illarionov', { name: 'Andrei Illarionov' }),
  elected('romanova', { name: 'Olga Romanova' }),
  elected('piontkovsky', { name: 'Andrei Piontkovsky' }),
  left('piontkovsky', '2013-04-04'),
];
const nekrasov: GivenEvent = { type: 'OfficerAppointed', data: { role: 'secretary', name: 'Dmitry Nekrasov', from: '2012-11-24', nonMember: true } };

describe('officers', () => {
  it('appoints a member resolved by name', () => {
    given(base)
      .when({ kind: 'AppointOfficer', role: 'treasurer', member: 'olga romanova', from: '2012-11-24' })
      .then([{ type: 'OfficerAppointed', data: { role: 'treasurer', memberId: 'romanova', name: 'Olga Romanova' } }])
      .thenReply({ role: 'treasurer', memberId: 'romanova', name: 'Olga Romanova' });
  });

  it('appoints a non-member by name as given (the responsible secretary)', () => {
    given(base)
      .when({ kind: 'AppointOfficer', role: 'secretary', member: 'Dmitry Nekrasov', from: '2012-11-24', nonMember: true })
      .then([{ type: 'OfficerAppointed', data: { name: 'Dmitry Nekrasov', nonMember: true } }])
      .thenReply({ role: 'secretary', name: 'Dmitry Nekrasov' });
  });

  it('officer-not-in-office: a member must be in office on `from`; an unknown name is NameResolutionError', () => {
    given(base).when({ kind: 'AppointOfficer', role: 'treasurer', member: 'piontkovsky', from: '2013-05-01' }).thenViolates('officer-not-in-office');
    given(base).when({ kind: 'AppointOfficer', role: 'treasurer', member: 'Dmitry Nekrasov', from: '2013-05-01' }).then(NameResolutionError);
  });

  it('officer-role-occupied: end the current term first', () => {
    given([...base, nekrasov]).when({ kind: 'AppointOfficer', role: 'secretary', member: 'illarionov', from: '2013-04-20' }).thenViolates('officer-role-occupied');
  });

  it('ending a term: NotFoundError(officer) without a holder; term-ends-before-start', () => {
    given(base).when({ kind: 'EndOfficerTerm', role: 'secretary', to: '2013-03-18' }).then(NotFoundError);
    given([...base, nekrasov]).when({ kind: 'EndOfficerTerm', role: 'secretary', to: '2012-11-01' }).thenViolates('term-ends-before-start');
    given([...base, nekrasov])
      .when({ kind: 'EndOfficerTerm', role: 'secretary', to: '2013-03-18', reason: 'asked to be relieved' })
      .then([{ type: 'OfficerTermEnded', data: { role: 'secretary', name: 'Dmitry Nekrasov', to: '2013-03-18' } }])
      .thenReply({ role: 'secretary' });
  });

  it('officersOn: from `from` up to, not including, `to`', () => {
    const state = stateOf([...base, nekrasov, { type: 'OfficerTermEnded', data: { role: 'secretary', name: 'Dmitry Nekrasov', to: '2013-03-18' } }]);
    expect(officersOn(state, '2013-03-17')).toEqual([{ role: 'secretary', name: 'Dmitry Nekrasov', since: '2012-11-24', certain: true, memberId: undefined }]);
    expect(officersOn(state, '2013-03-18')).toEqual([]);
  });
});

describe('working groups', () => {
  it('forms a group of members resolved by id, name or alias, with a slug id', () => {
    given(base)
      .when({ kind: 'FormWorkingGroup', name: 'Goals and objectives', formedOn: '2012-12-16', members: ['illarionov', 'Andrei Piontkovsky'] })
      .then([{ type: 'WorkingGroupFormed', data: { workingGroupId: 'goals-and-objectives', members: [{ memberId: 'illarionov' }, { memberId: 'piontkovsky' }] } }])
      .thenReply({ workingGroupId: 'goals-and-objectives' });
  });

  it('working-group-member-not-in-office', () => {
    given(base)
      .when({ kind: 'FormWorkingGroup', name: 'Late group', formedOn: '2013-05-01', members: ['piontkovsky'] })
      .thenViolates('working-group-member-not-in-office');
  });
});
