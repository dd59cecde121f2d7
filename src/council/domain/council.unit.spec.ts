import { AlreadyExistsError, NotFoundError } from './errors';
import { councilWithDepartures, elected, founded } from './fixtures';
import { given, stateOf } from './given-when-then';
import { statusOn } from './queries';

describe('founding a council', () => {
  it('founds with one curia holding all seats and majority-of-members rules by default', () => {
    given([])
      .when({ kind: 'FoundCouncil', councilId: 'zhukovsky', name: 'Zhukovsky', foundedOn: '2013-03-24', seats: 15 })
      .then([
        {
          type: 'CouncilFounded',
          data: {
            councilId: 'zhukovsky',
            seats: 15,
            curiae: [{ key: 'general', seats: 15 }],
            rules: { quorum: 'majority-of-members', decision: 'majority-of-members' },
          },
        },
      ])
      .thenReply({ councilId: 'zhukovsky' });
  });

  it('rejects founding a council twice', () => {
    given([founded])
      .when({ kind: 'FoundCouncil', councilId: 'cs', name: 'again', foundedOn: '2012-10-22', seats: 45 })
      .then(AlreadyExistsError);
  });

  it('curiae-seats-sum: the curiae must hold all the seats', () => {
    const { error } = given([])
      .when({
        kind: 'FoundCouncil',
        councilId: 'cs',
        name: 'CS',
        foundedOn: '2012-10-22',
        seats: 45,
        curiae: [
          { key: 'general', name: 'General', seats: 30 },
          { key: 'left', name: 'Left', seats: 5 },
        ],
      })
      .thenViolates('curiae-seats-sum');
    expect((error as Error).message).toContain('35 seats');
  });

  it('any other command on a council that does not exist is NotFoundError(council)', () => {
    given([]).when({ kind: 'ElectMember', name: 'A', electedOn: '2012-10-22' }).then(NotFoundError);
  });
});

describe('dissolution and the council lifetime', () => {
  const dissolved = [
    ...councilWithDepartures(0),
    { type: 'CouncilDissolved' as const, data: { dissolvedOn: '2013-10-19' } },
  ];

  it('dissolves, replying with the council id and date', () => {
    given([founded]).when({ kind: 'DissolveCouncil', dissolvedOn: '2013-10-19' }).thenReply({ councilId: 'cs', dissolvedOn: '2013-10-19' });
  });

  it('already-dissolved: dissolving twice', () => {
    given(dissolved).when({ kind: 'DissolveCouncil', dissolvedOn: '2013-10-20' }).thenViolates('already-dissolved');
  });

  it('after-dissolution: a fact dated certainly after the dissolution day', () => {
    given(dissolved).when({ kind: 'RecordMeeting', date: '2013-11-02', presentCount: 30 }).thenViolates('after-dissolution');
  });

  it('the dissolution day itself is allowed (the last meeting failed that day)', () => {
    given(dissolved)
      .when({ kind: 'RecordMeeting', date: '2013-10-19', presentCount: 10 })
      .then([{ type: 'QuorumFailed' }]);
  });

  it('after-dissolution: dissolving before facts already recorded', () => {
    given([...councilWithDepartures(0), { type: 'MemberLeft', data: { memberId: 'general-1', leftOn: '2013-11-01' } }])
      .when({ kind: 'DissolveCouncil', dissolvedOn: '2013-10-19' })
      .thenViolates('after-dissolution');
  });

  it('before-founding: nothing is dated before the founding', () => {
    given([founded]).when({ kind: 'ElectMember', name: 'Early Bird', electedOn: '2012-09-01', curia: 'general' }).thenViolates('before-founding');
  });

  it('statusOn: not-founded, active, dissolved from the dissolution day on', () => {
    const state = stateOf(dissolved);
    expect(statusOn(state, '2012-10-21')).toBe('not-founded');
    expect(statusOn(state, '2012-10-22')).toBe('active');
    expect(statusOn(state, '2013-10-18')).toBe('active');
    expect(statusOn(state, '2013-10-19')).toBe('dissolved');
    expect(statusOn(stateOf([]), '2013-01-01')).toBe('not-founded');
    expect(statusOn(stateOf([founded, elected('a')]), '2020-01-01')).toBe('active');
  });
});
