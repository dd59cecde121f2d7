import { NotFoundError } from './errors';
import { councilWithDepartures, founded } from './fixtures';
import { GivenEvent, given } from './given-when-then';

const statement: GivenEvent = {
  type: 'MotionTabled',
  id: 'statement',
  data: { motionId: 'programme', title: 'Programmatic statement', kind: 'statement', openedOn: '2013-02-16', online: true },
};
const secretary: GivenEvent = {
  type: 'MotionTabled',
  id: 'secretary',
  data: { motionId: 'secretary', title: 'Responsible secretary', kind: 'appointment', openedOn: '2013-04-20', online: true, options: ['Marat Davletbaev', 'Natalya Chernysheva'] },
};
const vote = (memberId: string, choice: string, motionId = 'programme'): GivenEvent => ({
  type: 'VoteCast',
  data: { motionId, memberId, name: memberId, choice, castOn: '2013-02-16' },
});
const full = [...councilWithDepartures(0), statement];

describe('tabling motions', () => {
  it('tables with a slug id from the title', () => {
    given(councilWithDepartures(0))
      .when({ kind: 'TableMotion', title: 'On the situation in the country', openedOn: '2012-12-16', online: true })
      .then([{ type: 'MotionTabled', data: { motionId: 'on-the-situation-in-the-country', kind: 'resolution', online: true } }]);
  });

  it('a motion at an unknown meeting is NotFoundError(meeting)', () => {
    given(councilWithDepartures(0)).when({ kind: 'TableMotion', title: 'x', openedOn: '2012-12-16', meetingId: 'nope' }).then(NotFoundError);
  });

  it('invalid-options: at least two distinct options', () => {
    given(councilWithDepartures(0)).when({ kind: 'TableMotion', title: 'x', openedOn: '2012-12-16', options: ['A', 'a'] }).thenViolates('invalid-options');
  });
});

describe('votes', () => {
  it('records a vote from a member in office, resolving the name', () => {
    given(full)
      .when({ kind: 'CastVote', motionId: 'programme', member: 'GENERAL-1', choice: 'Yes' })
      .then([{ type: 'VoteCast', data: { memberId: 'general-1', choice: 'yes', castOn: '2013-02-16' } }])
      .thenReply({ motionId: 'programme', memberId: 'general-1', choice: 'yes' });
  });

  it('voter-not-in-office: only members in office on the motion date vote', () => {
    given([...councilWithDepartures(1, '2013-01-10'), statement])
      .when({ kind: 'CastVote', motionId: 'programme', member: 'general-1', choice: 'yes' })
      .thenViolates('voter-not-in-office');
  });

  it('vote-twice: one vote per member per motion', () => {
    given([...full, vote('general-1', 'yes')]).when({ kind: 'CastVote', motionId: 'programme', member: 'general-1', choice: 'no' }).thenViolates('vote-twice');
  });

  it('invalid-choice: yes/no/abstain, or one of the motion options', () => {
    given(full).when({ kind: 'CastVote', motionId: 'programme', member: 'general-1', choice: 'maybe' }).thenViolates('invalid-choice');
    given([...full, secretary]).when({ kind: 'CastVote', motionId: 'secretary', member: 'general-1', choice: 'yes' }).thenViolates('invalid-choice');
    given([...full, secretary])
      .when({ kind: 'CastVote', motionId: 'secretary', member: 'general-1', choice: 'marat davletbaev' })
      .then([{ type: 'VoteCast', data: { choice: 'Marat Davletbaev' } }]);
  });

  it('motion-already-decided: no votes after the decision', () => {
    const decided: GivenEvent = {
      type: 'MotionDecided',
      data: { motionId: 'programme', decidedOn: '2013-02-16', tally: { yes: 23 }, tallyFrom: 'reported', rule: 'majority-of-members', base: { of: 'members', count: 45, uncertain: 0 }, required: 23, outcome: 'adopted' },
    };
    given([...full, decided]).when({ kind: 'CastVote', motionId: 'programme', member: 'general-1', choice: 'yes' }).thenViolates('motion-already-decided');
    given([...full, decided]).when({ kind: 'DecideMotion', motionId: 'programme', decidedOn: '2013-02-17', counts: { yes: 23 } }).thenViolates('motion-already-decided');
  });

  it('an unknown motion is NotFoundError(motion)', () => {
    given(full).when({ kind: 'CastVote', motionId: 'nope', member: 'general-1', choice: 'yes' }).then(NotFoundError);
  });
});

describe('decisions: majority-of-members', () => {
  it('23 of 45 adopts the programmatic statement (required 23)', () => {
    given(full)
      .when({ kind: 'DecideMotion', motionId: 'programme', decidedOn: '2013-02-16', counts: { yes: 23 } })
      .then([{ type: 'MotionDecided', data: { tally: { yes: 23 }, tallyFrom: 'reported', base: { of: 'members', count: 45 }, required: 23, outcome: 'adopted' } }])
      .thenReply({ outcome: 'adopted', yes: 23, required: 23 });
  });

  it('22 of 45 does not', () => {
    given(full).when({ kind: 'DecideMotion', motionId: 'programme', decidedOn: '2013-02-16', counts: { yes: 22, no: 3 } }).thenReply({ outcome: 'rejected', yes: 22, no: 3, required: 23 });
  });

  it('tallies the recorded votes', () => {
    const votes = Array.from({ length: 23 }, (_, i) => vote(`general-${i + 1}`, 'yes'));
    given([...full, ...votes, vote('left-1', 'no'), vote('left-2', 'abstain')])
      .when({ kind: 'DecideMotion', motionId: 'programme', decidedOn: '2013-02-16' })
      .then([{ type: 'MotionDecided', data: { tally: { yes: 23, no: 1, abstain: 1 }, tallyFrom: 'votes', outcome: 'adopted' } }]);
  });

  it('counts-with-votes: counts only when individual votes are unknown', () => {
    given([...full, vote('general-1', 'yes')]).when({ kind: 'DecideMotion', motionId: 'programme', decidedOn: '2013-02-16', counts: { yes: 27 } }).thenViolates('counts-with-votes');
  });

  it('without votes or counts, the reported outcome stands (tallyFrom none)', () => {
    given(full)
      .when({ kind: 'DecideMotion', motionId: 'programme', decidedOn: '2013-02-16', reportedOutcome: 'adopted' })
      .then([{ type: 'MotionDecided', data: { tally: {}, tallyFrom: 'none', outcome: 'adopted', reportedOutcome: 'adopted' } }]);
    given(full).when({ kind: 'DecideMotion', motionId: 'programme', decidedOn: '2013-02-16' }).thenViolates('no-tally');
  });

  it('reported-outcome-contradicts-tally', () => {
    given(full).when({ kind: 'DecideMotion', motionId: 'programme', decidedOn: '2013-02-16', counts: { yes: 22 }, reportedOutcome: 'adopted' }).thenViolates('reported-outcome-contradicts-tally');
  });

  it('tally-exceeds-base: more votes than members', () => {
    given(full).when({ kind: 'DecideMotion', motionId: 'programme', decidedOn: '2013-02-16', counts: { yes: 40, no: 10 } }).thenViolates('tally-exceeds-base');
  });
});

describe('decisions: options', () => {
  it('an option wins when it alone reaches the votes required', () => {
    given([...full, secretary])
      .when({ kind: 'DecideMotion', motionId: 'secretary', decidedOn: '2013-04-20', counts: { 'Marat Davletbaev': 24, 'Natalya Chernysheva': 12 } })
      .thenReply({ outcome: 'adopted', winner: 'Marat Davletbaev', counts: { 'Marat Davletbaev': 24, 'Natalya Chernysheva': 12 }, required: 23 });
    given([...full, secretary])
      .when({ kind: 'DecideMotion', motionId: 'secretary', decidedOn: '2013-04-20', counts: { 'Marat Davletbaev': 20, 'Natalya Chernysheva': 12 } })
      .thenReply({ outcome: 'rejected', required: 23 });
  });

  it('invalid-reported-winner: the reported winner must be one of the options', () => {
    given([...full, secretary]).when({ kind: 'DecideMotion', motionId: 'secretary', decidedOn: '2013-04-20', reportedWinner: 'Someone Else' }).thenViolates('invalid-reported-winner');
    given([...full, secretary])
      .when({ kind: 'DecideMotion', motionId: 'secretary', decidedOn: '2013-04-20', reportedWinner: 'Marat Davletbaev' })
      .then([{ type: 'MotionDecided', data: { tallyFrom: 'none', winner: 'Marat Davletbaev', outcome: 'adopted' } }]);
  });
});

describe('decisions: majority-of-present', () => {
  const rules: GivenEvent = { ...founded, data: { ...founded.data, rules: { quorum: 'majority-of-members', decision: 'majority-of-present' } } } as GivenEvent;
  const meeting: GivenEvent = {
    type: 'MeetingHeld',
    data: { meetingId: 'meeting-5', number: 5, date: '2013-02-16', kind: 'regular', agenda: [], presentCount: 27, membership: { certain: 43, uncertain: 0 }, quorum: { rule: 'majority-of-members', required: 22, requiredIfAllUncertainIn: 22 }, quorumCertain: true, outcomeBasis: 'attendance' },
  };
  const atMeeting: GivenEvent = { type: 'MotionTabled', data: { motionId: 'appeal', title: 'Appeal', kind: 'resolution', meetingId: 'meeting-5', openedOn: '2013-02-16', online: false } };

  it('required = floor(present/2)+1 of the meeting attendance', () => {
    given([rules, ...councilWithDepartures(0).slice(1), meeting, atMeeting])
      .when({ kind: 'DecideMotion', motionId: 'appeal', decidedOn: '2013-02-16', counts: { yes: 14 } })
      .then([{ type: 'MotionDecided', data: { base: { of: 'present', count: 27 }, required: 14, outcome: 'adopted' } }]);
  });

  it('majority-of-present-without-attendance: an online motion cannot use it', () => {
    given([rules, ...councilWithDepartures(0).slice(1), statement])
      .when({ kind: 'DecideMotion', motionId: 'programme', decidedOn: '2013-02-16', counts: { yes: 14 } })
      .thenViolates('majority-of-present-without-attendance');
  });
});

describe('decisions: a motion with its own rule', () => {
  const meeting: GivenEvent = {
    type: 'MeetingHeld',
    data: { meetingId: 'meeting-5', number: 5, date: '2013-02-16', kind: 'regular', agenda: [], presentCount: 27, membership: { certain: 43, uncertain: 0 }, quorum: { rule: 'majority-of-members', required: 22, requiredIfAllUncertainIn: 22 }, quorumCertain: true, outcomeBasis: 'attendance' },
  };
  const withRule = (rule: unknown): GivenEvent => ({
    type: 'MotionTabled',
    data: { motionId: 'charter', title: 'Charter amendment', kind: 'resolution', meetingId: 'meeting-5', openedOn: '2013-02-16', online: false, rule },
  } as GivenEvent);
  const decideWith = (yes: number) => ({ kind: 'DecideMotion' as const, motionId: 'charter', decidedOn: '2013-02-16', counts: { yes } });

  it('tabling keeps the rule on the event', () => {
    given([...councilWithDepartures(0), meeting])
      .when({ kind: 'TableMotion', title: 'x', openedOn: '2013-02-16', meetingId: 'meeting-5', rule: { atLeast: 30 } })
      .then([{ type: 'MotionTabled', data: { rule: { atLeast: 30 } } }]);
  });

  it('two-thirds-of-present: ceil(2/3 of the attendance), here 18 of 27', () => {
    given([...councilWithDepartures(0), meeting, withRule('two-thirds-of-present')]).when(decideWith(18))
      .then([{ type: 'MotionDecided', data: { rule: 'two-thirds-of-present', base: { of: 'present', count: 27 }, required: 18, outcome: 'adopted' } }]);
    given([...councilWithDepartures(0), meeting, withRule('two-thirds-of-present')]).when(decideWith(17))
      .then([{ type: 'MotionDecided', data: { required: 18, outcome: 'rejected' } }]);
  });

  it('two-thirds-of-members: ceil(2/3 of the members in office), here 30 of 45', () => {
    given([...councilWithDepartures(0), meeting, withRule('two-thirds-of-members')]).when(decideWith(29))
      .then([{ type: 'MotionDecided', data: { base: { of: 'members', count: 45 }, required: 30, outcome: 'rejected' } }]);
  });

  it('majority-of-present on a motion overrides the council rule (majority of members)', () => {
    given([...councilWithDepartures(0), meeting, withRule('majority-of-present')]).when(decideWith(14))
      .then([{ type: 'MotionDecided', data: { base: { of: 'present', count: 27 }, required: 14, outcome: 'adopted' } }]);
  });

  it('{ atLeast: n }: n votes whatever the membership', () => {
    given([...councilWithDepartures(0), meeting, withRule({ atLeast: 40 })]).when(decideWith(39))
      .then([{ type: 'MotionDecided', data: { rule: { atLeast: 40 }, required: 40, outcome: 'rejected' } }]);
  });

  it('reported-outcome-contradicts-tally names both outcomes and the figures', () => {
    given([...councilWithDepartures(0), meeting, withRule('two-thirds-of-present')])
      .when({ ...decideWith(17), reportedOutcome: 'adopted' })
      .thenViolates('reported-outcome-contradicts-tally');
  });
});
