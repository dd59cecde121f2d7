/**
 * Issue 22 (mutation survivors of decisions/[g-z]*.ts): PairVote, RecordDeparture, a meeting not
 * assembled and TableMotion: each rule named with its figures, each 404/409 with its entity, each boundary
 * day on both sides, the events' exact fields. Expected values are written from the inputs.
 */
import { CouncilCommand } from '../commands';

import { councilWithDepartures } from '../fixtures';
import { GivenEvent, given, refused, decided } from '../given-when-then';

const council = councilWithDepartures(0);
const statement: GivenEvent = {
  type: 'MotionTabled',
  id: 'statement',
  data: { motionId: 'programme', title: 'Programmatic statement', kind: 'statement', openedOn: '2013-02-16', online: true },
};
const gone = (on: string): GivenEvent => ({ type: 'CouncilDissolved', data: { dissolvedOn: on } }) as GivenEvent;

describe('PairVote: rules and figures', () => {
  const pair = (member: string, pairedWith: string): CouncilCommand => ({ kind: 'PairVote', motionId: 'programme', member, pairedWith });

  it('records both members and the motion date', () => {
    expect(decided([...council, statement], pair('general-1', 'General-2'))).toEqual({
      events: [{ type: 'VotePaired', data: { motionId: 'programme', memberId: 'general-1', name: 'general-1', pairedWith: 'general-2', pairedWithName: 'general-2', castOn: '2013-02-16' } }],
      reply: { motionId: 'programme', memberId: 'general-1', pairedWith: 'general-2' },
    });
  });

  it('an unknown motion is a 404; an unknown member or partner is refused for the field member', () => {
    expect(given([...council, statement]).when({ kind: 'PairVote', motionId: 'nope', member: 'general-1', pairedWith: 'general-2' }).error).toMatchObject({ entity: 'motion', id: 'nope' });
    expect(given([...council, statement]).when(pair('Nobody At All', 'general-2')).error).toMatchObject({ field: 'member', reference: 'Nobody At All' });
    expect(given([...council, statement]).when(pair('general-1', 'Nobody At All')).error).toMatchObject({ field: 'member', reference: 'Nobody At All' });
  });

  it('paired-with-self names the member once; both members must be in office', () => {
    expect(refused([...council, statement], pair('general-1', 'general-1'))).toEqual([
      { rule: 'paired-with-self', message: 'general-1 cannot be paired with themselves on programme', figures: { memberId: 'general-1' } },
    ]);
    expect(refused([...councilWithDepartures(2, '2013-01-10'), statement], pair('general-3', 'general-2'))).toEqual([
      { rule: 'voter-not-in-office', message: 'general-2 was not a member in office on 2013-02-16', figures: { memberId: 'general-2', on: '2013-02-16' } },
    ]);
    expect(refused([...councilWithDepartures(1, '2013-01-10'), statement], pair('general-1', 'general-1')).map((v) => v.rule)).toEqual(['voter-not-in-office', 'paired-with-self']);
  });

  it('a pairing on a dissolved council names the pairing', () => {
    expect(refused([...council, statement, gone('2013-02-01')], pair('general-1', 'general-2'))).toEqual([
      { rule: 'after-dissolution', message: 'a pairing on programme on 2013-02-16 is after the council was dissolved on 2013-02-01', figures: { date: '2013-02-16', dissolvedOn: '2013-02-01' } },
    ]);
  });

  it('paired-and-voted and paired-twice say the vote and the earlier partner', () => {
    const voted: GivenEvent = { type: 'VoteCast', data: { motionId: 'programme', memberId: 'general-1', name: 'general-1', choice: 'no', castOn: '2013-02-16' } } as GivenEvent;
    const paired: GivenEvent = {
      type: 'VotePaired',
      data: { motionId: 'programme', memberId: 'general-1', name: 'general-1', pairedWith: 'general-3', pairedWithName: 'general-3', castOn: '2013-02-16' },
    } as GivenEvent;
    expect(refused([...council, statement, voted, paired], pair('general-1', 'general-2'))).toEqual([
      { rule: 'paired-and-voted', message: 'general-1 voted no on programme: a pairing is an agreement not to vote', figures: { memberId: 'general-1', motionId: 'programme', choice: 'no' } },
      { rule: 'paired-twice', message: 'general-1 is already paired on programme (with general-3)', figures: { memberId: 'general-1', motionId: 'programme', pairedWith: 'general-3' } },
    ]);
  });
});

describe('RecordDeparture: rules, figures and boundaries', () => {
  const leave = (leftOn: string, extra: Partial<Extract<CouncilCommand, { kind: 'RecordDeparture' }>> = {}): CouncilCommand => ({
    kind: 'RecordDeparture',
    memberId: 'late',
    leftOn,
    ...extra,
  });
  const late: GivenEvent = { type: 'MemberElected', id: 'elected-late', data: { memberId: 'late', name: 'Late Comer', aliases: [], curia: 'general', electedOn: '2013-03-10' } } as GivenEvent;
  const base = [...councilWithDepartures(1, '2013-01-01'), late];

  it('records the departure with its reason and announcement', () => {
    expect(decided(base, leave('2013-05-01', { reason: 'resigned', announcedOn: '2013-04-20', note: 'letter' })).events).toEqual([
      { type: 'MemberLeft', data: { memberId: 'late', leftOn: '2013-05-01', reason: 'resigned', announcedOn: '2013-04-20', note: 'letter' } },
    ]);
  });

  it('an unknown member is a 404', () => {
    expect(given(base).when({ kind: 'RecordDeparture', memberId: 'nobody', leftOn: '2013-05-01' }).error).toMatchObject({ entity: 'member', id: 'nobody' });
  });

  it('departure-before-election: the day before the election is refused, the election day allowed', () => {
    expect(refused(base, leave('2013-03-09'))).toEqual([
      {
        rule: 'departure-before-election',
        message: 'Late Comer cannot leave on 2013-03-09: elected on 2013-03-10',
        figures: { memberId: 'late', leftOn: '2013-03-09', electedOn: '2013-03-10' },
      },
    ]);
    expect(decided(base, leave('2013-03-10')).events).toHaveLength(1);
  });

  it('announced-before-election: the day before the election is refused, the election day allowed', () => {
    expect(refused(base, leave('2013-05-01', { announcedOn: '2013-03-09' }))).toEqual([
      {
        rule: 'announced-before-election',
        message: 'Late Comer cannot announce a departure on 2013-03-09: elected on 2013-03-10',
        figures: { memberId: 'late', announcedOn: '2013-03-09', electedOn: '2013-03-10' },
      },
    ]);
    expect(decided(base, leave('2013-05-01', { announcedOn: '2013-03-10' })).events).toHaveLength(1);
  });

  it('departure-twice says when; lifetime findings name the departure and the announcement', () => {
    expect(refused(base, { kind: 'RecordDeparture', memberId: 'general-1', leftOn: '2013-05-01' })).toEqual([
      { rule: 'departure-twice', message: 'general-1 already left on 2013-01-01', figures: { memberId: 'general-1', leftOn: '2013-01-01' } },
    ]);
    expect(refused([...base, gone('2013-06-01')], leave('2013-07-01', { announcedOn: '2013-06-15' }))).toEqual([
      { rule: 'after-dissolution', message: 'the departure of Late Comer on 2013-07-01 is after the council was dissolved on 2013-06-01', figures: { date: '2013-07-01', dissolvedOn: '2013-06-01' } },
      {
        rule: 'after-dissolution',
        message: "the announcement of Late Comer's departure on 2013-06-15 is after the council was dissolved on 2013-06-01",
        figures: { date: '2013-06-15', dissolvedOn: '2013-06-01' },
      },
    ]);
  });
});

describe('a meeting that could not be assembled', () => {
  const notAssembled = (extra: Partial<Extract<CouncilCommand, { kind: 'RecordMeeting' }>> = {}): CouncilCommand => ({
    kind: 'RecordMeeting',
    date: '2013-03-02',
    reportedOutcome: 'not-assembled',
    ...extra,
  });

  it('records the meeting with its id from the date, kind, reason and place; the reply has no attendance', () => {
    expect(decided(council, notAssembled({ reason: 'no room', place: 'Moscow', note: 'n' }))).toEqual({
      events: [{ type: 'MeetingNotAssembled', data: { meetingId: 'meeting-2013-03-02-not-assembled', date: '2013-03-02', kind: 'regular', reason: 'no room', place: 'Moscow', note: 'n' } }],
      reply: { meetingId: 'meeting-2013-03-02-not-assembled', outcome: 'not-assembled', present: null },
    });
    const first: GivenEvent = { type: 'MeetingNotAssembled', data: { meetingId: 'meeting-2013-03-02-not-assembled', date: '2013-03-02', kind: 'regular' } } as GivenEvent;
    expect(decided([...council, first], notAssembled({ meetingKind: 'extraordinary' })).reply).toMatchObject({ meetingId: 'meeting-2013-03-02-not-assembled-2' });
  });

  it('not-assembled-with-attendance lists the figures given; not-assembled-with-chair names the chair', () => {
    expect(refused(council, notAssembled({ presentCount: 10, remoteCount: 2, present: ['general-1'], decisionCount: 3, chair: 'general-1' }))).toEqual([
      {
        rule: 'not-assembled-with-attendance',
        message: 'a meeting that could not be assembled has no presentCount, remoteCount, present, decisionCount',
        figures: { presentCount: 10, remoteCount: 2, present: 1, decisionCount: 3 },
      },
      { rule: 'not-assembled-with-chair', message: 'a meeting that could not be assembled had no chair (got general-1)', figures: { chair: 'general-1' } },
    ]);
    expect(refused(council, notAssembled({ remoteCount: 0 }))).toEqual([
      { rule: 'not-assembled-with-attendance', message: 'a meeting that could not be assembled has no remoteCount', figures: { remoteCount: 0 } },
    ]);
  });

  it('meeting-number-taken names the meeting; lifetime names the meeting by number, else id', () => {
    const third: GivenEvent = { type: 'MeetingHeld', data: { meetingId: 'm3', number: 3, date: '2013-01-10' } } as GivenEvent;
    expect(refused([...council, third], notAssembled({ number: 3 }))).toEqual([
      { rule: 'meeting-number-taken', message: 'meeting number 3 is already m3', figures: { number: 3, meetingId: 'm3' } },
    ]);
    expect(refused([...council, gone('2013-02-01')], notAssembled({ number: 4 }))[0].message).toBe('meeting 4 on 2013-03-02 is after the council was dissolved on 2013-02-01');
    expect(refused([...council, gone('2013-02-01')], notAssembled())[0].message).toBe(
      'meeting meeting-2013-03-02-not-assembled on 2013-03-02 is after the council was dissolved on 2013-02-01',
    );
  });
});

describe('TableMotion: rules, figures, ids and the event', () => {
  const table = (extra: Partial<Extract<CouncilCommand, { kind: 'TableMotion' }>> = {}): CouncilCommand => ({
    kind: 'TableMotion',
    title: 'On the budget',
    openedOn: '2013-03-02',
    ...extra,
  });
  const failed: GivenEvent = { type: 'QuorumFailed', data: { meetingId: 'm1', date: '2013-03-02' } } as GivenEvent;
  const notAssembled: GivenEvent = { type: 'MeetingNotAssembled', data: { meetingId: 'm2', date: '2013-03-02', kind: 'regular' } } as GivenEvent;

  it('records the motion with a slug id, a second one with the next free id; a given id taken is a 409', () => {
    expect(decided([...council, statement], table({ online: true })).events).toEqual([
      { type: 'MotionTabled', data: { motionId: 'on-the-budget', title: 'On the budget', kind: 'resolution', openedOn: '2013-03-02', mode: 'online', online: true } },
    ]);
    const first: GivenEvent = { type: 'MotionTabled', data: { motionId: 'on-the-budget', title: 'On the budget', kind: 'resolution', openedOn: '2013-03-01' } } as GivenEvent;
    expect(decided([...council, first], table()).reply).toEqual({ motionId: 'on-the-budget-2' });
    expect(decided(council, table({ title: '!!!' })).reply).toEqual({ motionId: 'motion' });
    expect(given([...council, statement]).when(table({ motionId: 'programme' })).error).toMatchObject({ entity: 'motion', id: 'programme' });
    expect(given(council).when(table({ meetingId: 'nope' })).error).toMatchObject({ entity: 'meeting', id: 'nope' });
  });

  it('a motion at a meeting that failed or was not assembled names the meeting and its day', () => {
    expect(refused([...council, failed], table({ meetingId: 'm1' }))).toEqual([
      { rule: 'motion-at-failed-meeting', message: 'meeting m1 on 2013-03-02 did not take place for lack of a quorum', figures: { meetingId: 'm1' } },
    ]);
    expect(refused([...council, notAssembled], table({ meetingId: 'm2' }))).toEqual([
      { rule: 'motion-at-unassembled-meeting', message: 'meeting m2 of 2013-03-02 could not be assembled', figures: { meetingId: 'm2' } },
    ]);
  });

  it('motion-mode-contradicts-online gives both; a mode agreeing with online passes', () => {
    expect(refused(council, table({ mode: 'online', online: false }))).toEqual([
      { rule: 'motion-mode-contradicts-online', message: 'mode "online" contradicts online: false', figures: { mode: 'online', online: false } },
    ]);
    expect(decided(council, table({ mode: 'online', online: true })).events[0].data).toMatchObject({ mode: 'online', online: true });
  });

  it('invalid-options quotes the options: fewer than two, repeated, yes/no/abstain or empty', () => {
    for (const options of [['A'], ['A', 'a'], ['A', 'Yes'], ['A', 'No'], ['A', 'abstain'], ['A', ' ']]) {
      expect(refused(council, table({ options }))).toEqual([
        { rule: 'invalid-options', message: `a choice needs at least two distinct options other than yes/no/abstain, got ${JSON.stringify(options)}`, figures: { options } },
      ]);
    }
    expect(decided(council, table({ options: ['A', 'B'] })).events[0].data).toMatchObject({ options: ['A', 'B'] });
  });

  it('the lifetime finding quotes the title; proposers are resolved, a non-member kept by name', () => {
    expect(refused(council, table({ openedOn: '2012-10-01' }))).toEqual([
      { rule: 'before-founding', message: 'the motion "On the budget" on 2012-10-01 is before the council was founded on 2012-10-22', figures: { date: '2012-10-01', foundedOn: '2012-10-22' } },
    ]);
    expect(decided(council, table({ proposers: ['GENERAL-1', 'A. Citizen'] })).events[0].data).toMatchObject({
      proposers: [{ memberId: 'general-1', name: 'general-1' }, { name: 'A. Citizen' }],
    });
  });
});
