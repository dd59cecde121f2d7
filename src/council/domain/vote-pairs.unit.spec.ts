import { NameResolutionError, NotFoundError } from './errors';
import { elected, founded, left } from './fixtures';
import { GivenEvent, given, stateOf } from './given-when-then';

/** Issue 21: a pairing on a motion (Popolo option "paired" with pair_id) is a fact of its own, never a vote. */
const motion: GivenEvent = {
  type: 'MotionTabled',
  id: 'motion',
  data: { motionId: 'budget', title: 'Budget', kind: 'resolution', openedOn: '2013-02-16', online: true },
};
const base = [founded, elected('ann'), elected('bob'), elected('cat'), motion];
const paired = (memberId: string, pairedWith: string): GivenEvent => ({
  type: 'VotePaired',
  data: { motionId: 'budget', memberId, name: memberId, pairedWith, pairedWithName: pairedWith, castOn: '2013-02-16' },
});

describe('pairings on a motion', () => {
  it('records who was paired with whom, on the motion\'s date, by memberId or name', () => {
    given(base)
      .when({ kind: 'PairVote', motionId: 'budget', member: 'ann', pairedWith: 'bob' })
      .then([{ type: 'VotePaired', data: { motionId: 'budget', memberId: 'ann', pairedWith: 'bob', pairedWithName: 'bob', castOn: '2013-02-16' } }])
      .thenReply({ memberId: 'ann', pairedWith: 'bob' });
  });

  it('a pairing is not a vote: the tally of a decision counts only the votes', () => {
    const state = stateOf([...base, paired('ann', 'bob'), paired('bob', 'ann'), { type: 'VoteCast', data: { motionId: 'budget', memberId: 'cat', name: 'cat', choice: 'yes', castOn: '2013-02-16' } }]);
    expect(state.motions.get('budget')!.pairs.get('ann')).toMatchObject({ pairedWith: 'bob' });
    expect(state.motions.get('budget')!.votes.size).toBe(1);
    given([...base, paired('ann', 'bob'), paired('bob', 'ann'), { type: 'VoteCast', data: { motionId: 'budget', memberId: 'cat', name: 'cat', choice: 'yes', castOn: '2013-02-16' } }])
      .when({ kind: 'DecideMotion', motionId: 'budget', decidedOn: '2013-02-16' })
      .then([{ type: 'MotionDecided', data: { tally: { yes: 1, no: 0, abstain: 0 }, tallyFrom: 'votes' } }]);
  });

  it('paired-with-self, paired-twice and paired-and-voted (both ways) are rule violations; recordAnomaly records them', () => {
    given(base).when({ kind: 'PairVote', motionId: 'budget', member: 'ann', pairedWith: 'ann' }).thenViolates('paired-with-self');
    given([...base, paired('ann', 'bob')]).when({ kind: 'PairVote', motionId: 'budget', member: 'ann', pairedWith: 'cat' }).thenViolates('paired-twice');
    const voted: GivenEvent = { type: 'VoteCast', data: { motionId: 'budget', memberId: 'ann', name: 'ann', choice: 'no', castOn: '2013-02-16' } };
    given([...base, voted]).when({ kind: 'PairVote', motionId: 'budget', member: 'ann', pairedWith: 'bob' }).thenViolates('paired-and-voted');
    given([...base, paired('ann', 'bob')]).when({ kind: 'CastVote', motionId: 'budget', member: 'ann', choice: 'yes' }).thenViolates('paired-and-voted');
    given(base)
      .when({ kind: 'PairVote', motionId: 'budget', member: 'ann', pairedWith: 'ann', recordAnomaly: true })
      .then([{ type: 'VotePaired', data: { anomalies: [{ rule: 'paired-with-self' }] } }]);
  });

  it('both must be in office on the motion\'s date; an unknown member is NameResolutionError, an unknown motion NotFoundError', () => {
    given([...base, left('bob', '2013-01-01')]).when({ kind: 'PairVote', motionId: 'budget', member: 'ann', pairedWith: 'bob' }).thenViolates('voter-not-in-office');
    given(base).when({ kind: 'PairVote', motionId: 'budget', member: 'ann', pairedWith: 'nobody' }).then(NameResolutionError);
    given(base).when({ kind: 'PairVote', motionId: 'nope', member: 'ann', pairedWith: 'bob' }).then(NotFoundError);
  });

  it('no pairing on a decided motion (motion-already-decided)', () => {
    const decided: GivenEvent = {
      type: 'MotionDecided',
      data: { motionId: 'budget', decidedOn: '2013-02-16', tally: {}, tallyFrom: 'none', rule: 'majority-of-members', base: { of: 'members', count: 3, uncertain: 0 }, required: 2, outcome: 'rejected' },
    };
    given([...base, decided]).when({ kind: 'PairVote', motionId: 'budget', member: 'ann', pairedWith: 'bob' }).thenViolates('motion-already-decided');
  });
});
