import { AlreadyExistsError, NotFoundError } from './errors';
import { councilWithDepartures, elected, founded, left } from './fixtures';
import { given, stateOf } from './given-when-then';
import { membersOn } from './queries';
import { RuleViolationError } from './errors';

const liberals = (n: number, electedOn = '2012-10-22') =>
  Array.from({ length: n }, (_, i) => elected(`liberal-${i + 1}`, { curia: 'liberal', electedOn }));

describe('electing members', () => {
  it('elects with a slug id from the name, made unique with a suffix', () => {
    given([founded, elected('alexei-navalny', { name: 'Alexei Navalny' })])
      .when({ kind: 'ElectMember', name: 'Alexei Navalny', curia: 'general', electedOn: '2012-10-22', votes: 43723, rank: 1 })
      .then([{ type: 'MemberElected', data: { memberId: 'alexei-navalny-2', aliases: [], votes: 43723, rank: 1 } }])
      .thenReply({ memberId: 'alexei-navalny-2' });
  });

  it('rejects an explicit member id that exists', () => {
    given([founded, elected('x')]).when({ kind: 'ElectMember', memberId: 'x', name: 'X', curia: 'general', electedOn: '2012-10-22' }).then(AlreadyExistsError);
  });

  it('curia-seats: no more members in a curia than its seats, with the figures in the message', () => {
    const { error } = given([founded, ...liberals(5)])
      .when({ kind: 'ElectMember', name: 'Sixth Liberal', curia: 'liberal', electedOn: '2012-10-22' })
      .thenViolates('curia-seats');
    expect((error as RuleViolationError).message).toBe(
      'curia liberal has 5 seats and 5 members in office on 2012-10-22; electing another makes 6',
    );
    expect((error as RuleViolationError).violations[0].figures).toMatchObject({ seats: 5, inOffice: 5, after: 6 });
  });

  it('curia-seats: a seat freed by a departure can be filled', () => {
    given([founded, ...liberals(5), left('liberal-1', '2013-04-01')])
      .when({ kind: 'ElectMember', name: 'Co-opted', curia: 'liberal', electedOn: '2013-05-01' })
      .then([{ type: 'MemberElected', data: { curia: 'liberal' } }]);
  });

  it('curia-seats: a member whose departure is uncertain counts as possibly gone, so there is no certain excess', () => {
    given([founded, ...liberals(5), left('liberal-1', '2013-07')])
      .when({ kind: 'ElectMember', name: 'Co-opted', curia: 'liberal', electedOn: '2013-07-15' })
      .then([{ type: 'MemberElected' }]);
  });

  it('curia-seats: out of order, an earlier election is checked on the later days the curia fills up', () => {
    const { error } = given([founded, ...liberals(4), ...[elected('liberal-5', { curia: 'liberal', electedOn: '2013-01-20' })]])
      .when({ kind: 'ElectMember', name: 'Earlier', curia: 'liberal', electedOn: '2012-12-01' })
      .thenViolates('curia-seats');
    expect((error as Error).message).toContain('on 2013-01-20');
  });

  it('unknown-curia: the curia must exist; curia-required when there are several', () => {
    given([founded]).when({ kind: 'ElectMember', name: 'A', curia: 'green', electedOn: '2012-10-22' }).thenViolates('unknown-curia');
    given([founded]).when({ kind: 'ElectMember', name: 'A', electedOn: '2012-10-22' }).thenViolates('curia-required');
  });

  it('recordAnomaly records the fact as the source states it, with the violation on the event', () => {
    given([founded, ...liberals(5)])
      .when({ kind: 'ElectMember', name: 'Sixth', curia: 'liberal', electedOn: '2012-10-22', recordAnomaly: true })
      .then([{ type: 'MemberElected', data: { anomalies: [{ rule: 'curia-seats', figures: { seats: 5 } }] } }]);
  });
});

describe('departures', () => {
  const base = [founded, elected('tsarykov', { name: 'Petr Tsarykov', curia: 'liberal' })];

  it('records a departure', () => {
    given(base)
      .when({ kind: 'RecordDeparture', memberId: 'tsarykov', leftOn: '2013-07', reason: 'resigned' })
      .then([{ type: 'MemberLeft', data: { memberId: 'tsarykov', leftOn: '2013-07', reason: 'resigned' } }])
      .thenReply({ memberId: 'tsarykov' });
  });

  it('an unknown member is NotFoundError(member)', () => {
    given(base).when({ kind: 'RecordDeparture', memberId: 'nobody', leftOn: '2013-07' }).then(NotFoundError);
  });

  it('departure-twice: no one leaves twice', () => {
    given([...base, left('tsarykov', '2013-07')])
      .when({ kind: 'RecordDeparture', memberId: 'tsarykov', leftOn: '2013-08-01' })
      .thenViolates('departure-twice');
  });

  it('departure-before-election: only a departure that certainly precedes the election', () => {
    const late = [founded, elected('late', { electedOn: '2013-03-10' })];
    given(late).when({ kind: 'RecordDeparture', memberId: 'late', leftOn: '2013-02' }).thenViolates('departure-before-election');
    given(late).when({ kind: 'RecordDeparture', memberId: 'late', leftOn: '2013-03' }).then([{ type: 'MemberLeft' }]);
    given(late).when({ kind: 'RecordDeparture', memberId: 'late', leftOn: '2013-03-10' }).then([{ type: 'MemberLeft' }]);
  });
});

describe('membersOn: who sat on the council on a day', () => {
  it('a member who left "2013-07" is neither certainly in nor certainly out on 2013-07-15', () => {
    const state = stateOf([...councilWithDepartures(0), left('general-1', '2013-07')]);
    const on = membersOn(state, '2013-07-15');
    expect(on.certain).toHaveLength(44);
    expect(on.uncertain).toEqual([
      { member: expect.objectContaining({ memberId: 'general-1' }), why: 'left 2013-07: may or may not have left by 2013-07-15' },
    ]);
    expect(membersOn(state, '2013-06-30').certain).toHaveLength(45);
    expect(membersOn(state, '2013-08-01').certain).toHaveLength(44);
    expect(membersOn(state, '2013-08-01').uncertain).toHaveLength(0);
  });

  it('in office from the day of election up to, not including, the day of departure', () => {
    const state = stateOf([founded, elected('a', { electedOn: '2012-11-01' }), left('a', '2013-01-10')]);
    expect(membersOn(state, '2012-10-31').certain).toHaveLength(0);
    expect(membersOn(state, '2012-11-01').certain).toHaveLength(1);
    expect(membersOn(state, '2013-01-09').certain).toHaveLength(1);
    expect(membersOn(state, '2013-01-10').certain).toHaveLength(0);
  });

  it('an imprecise election says so', () => {
    const state = stateOf([founded, elected('a', { electedOn: '2012-11' })]);
    expect(membersOn(state, '2012-11-15').uncertain[0].why).toBe('elected 2012-11: may or may not have been elected by 2012-11-15');
  });
});
