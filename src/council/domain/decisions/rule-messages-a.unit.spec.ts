/**
 * Issue 22 (mutation survivors of decisions/[a-f]*.ts): each rule violation names its rule, says the
 * figures in its message and carries them as figures; each 404 names its entity; each boundary day is
 * tested on both sides. Expected values are written from the inputs.
 */
import { CouncilCommand } from '../commands';
import { AlreadyExistsError, NameResolutionError, NotFoundError, RuleViolationError } from '../errors';

import { councilWithDepartures, elected, founded, left } from '../fixtures';
import { GivenEvent, given, refused } from '../given-when-then';
import { correctFact } from './correct-fact';

/** The violations a command is refused with (it must be refused with a RuleViolationError). */
function errorOf(events: GivenEvent[], command: CouncilCommand): unknown {
  return given(events).when(command).error;
}
function eventsOf(events: GivenEvent[], command: CouncilCommand) {
  const { result, error } = given(events).when(command);
  if (error) throw error;
  return result!.events;
}

const council = councilWithDepartures(0);
const partyA: GivenEvent = { type: 'GroupFounded', id: 'party-a', data: { groupId: 'party-a', name: 'Party A', foundedOn: '2013-01-01' } } as GivenEvent;
const dissolved = (on: string): GivenEvent => ({ type: 'CouncilDissolved', id: 'dissolved', data: { dissolvedOn: on } }) as GivenEvent;

describe('AffiliateMember: rules, figures and boundaries', () => {
  const base = [...council, partyA];
  it('an unknown member or group is a 404 naming the entity and id', () => {
    expect(errorOf(base, { kind: 'AffiliateMember', memberId: 'nobody', groupId: 'party-a', from: '2013-02-01' })).toMatchObject({ entity: 'member', id: 'nobody' });
    expect(errorOf(base, { kind: 'AffiliateMember', memberId: 'general-1', groupId: 'party-z', from: '2013-02-01' })).toMatchObject({ entity: 'group', id: 'party-z' });
  });

  it('affiliation-ends-before-start: the day before the start is refused, the start day itself is allowed', () => {
    expect(refused(base, { kind: 'AffiliateMember', memberId: 'general-1', groupId: 'party-a', from: '2013-05-10', to: '2013-05-09' })).toEqual([
      { rule: 'affiliation-ends-before-start', message: 'an affiliation cannot end on 2013-05-09, before it starts on 2013-05-10', figures: { from: '2013-05-10', to: '2013-05-09' } },
    ]);
    expect(eventsOf(base, { kind: 'AffiliateMember', memberId: 'general-1', groupId: 'party-a', from: '2013-05-10', to: '2013-05-10' })).toEqual([
      { type: 'MemberAffiliated', data: { memberId: 'general-1', groupId: 'party-a', from: '2013-05-10', to: '2013-05-10' } },
    ]);
  });

  it('affiliation-before-group-founded: a start the day before the group was founded, not on its founding day', () => {
    expect(refused(base, { kind: 'AffiliateMember', memberId: 'general-1', groupId: 'party-a', from: '2012-12-31' })).toEqual([
      {
        rule: 'affiliation-before-group-founded',
        message: 'Party A was founded on 2013-01-01, after 2012-12-31',
        figures: { groupId: 'party-a', foundedOn: '2013-01-01', from: '2012-12-31' },
      },
    ]);
    expect(eventsOf(base, { kind: 'AffiliateMember', memberId: 'general-1', groupId: 'party-a', from: '2013-01-01' })).toHaveLength(1);
  });

  it("before-founding names the member's affiliation and the group", () => {
    const old: GivenEvent = { type: 'GroupFounded', id: 'old', data: { groupId: 'old', name: 'Old Party' } } as GivenEvent;
    const violations = refused([...council, old], { kind: 'AffiliateMember', memberId: 'general-1', groupId: 'old', from: '2012-10-01', to: '2012-12-01' });
    expect(violations.find((v) => v.rule === 'before-founding')).toEqual({
      rule: 'before-founding',
      message: "general-1's affiliation with Old Party on 2012-10-01 is before the council was founded on 2012-10-22",
      figures: { date: '2012-10-01', foundedOn: '2012-10-22' },
    });
  });
});

describe('AppointOfficer: rules and figures', () => {
  it('before-founding names the role', () => {
    const violations = refused(council, { kind: 'AppointOfficer', role: 'chair', member: 'Someone Else', nonMember: true, from: '2012-10-01' });
    expect(violations).toEqual([
      { rule: 'before-founding', message: 'the appointment of the chair on 2012-10-01 is before the council was founded on 2012-10-22', figures: { date: '2012-10-01', foundedOn: '2012-10-22' } },
    ]);
  });

  it('an unknown name is refused for the field member', () => {
    expect(errorOf(council, { kind: 'AppointOfficer', role: 'chair', member: 'Nobody At All', from: '2013-01-10' })).toMatchObject({ field: 'member', reference: 'Nobody At All' });
    expect(errorOf(council, { kind: 'AppointOfficer', role: 'chair', member: 'Nobody At All', from: '2013-01-10' })).toBeInstanceOf(NameResolutionError);
  });

  it('officer-not-in-office and officer-role-occupied say who, which role, since when', () => {
    const events = [...councilWithDepartures(1, '2013-01-05'), { type: 'OfficerAppointed', id: 'chair', data: { role: 'chair', memberId: 'general-2', name: 'general-2', from: '2012-11-01' } } as GivenEvent];
    expect(refused(events, { kind: 'AppointOfficer', role: 'chair', member: 'general-1', from: '2013-01-10' })).toEqual([
      { rule: 'officer-not-in-office', message: 'general-1 was not a member in office on 2013-01-10', figures: { memberId: 'general-1', on: '2013-01-10' } },
      {
        rule: 'officer-role-occupied',
        message: 'general-2 holds the role chair since 2012-11-01: end that term first',
        figures: { role: 'chair', holder: 'general-2', since: '2012-11-01' },
      },
    ]);
  });
});

const statement: GivenEvent = {
  type: 'MotionTabled',
  id: 'statement',
  data: { motionId: 'programme', title: 'Programmatic statement', kind: 'statement', openedOn: '2013-02-16', online: true },
};
const secretary: GivenEvent = {
  type: 'MotionTabled',
  id: 'secretary',
  data: { motionId: 'secretary', title: 'Responsible secretary', kind: 'appointment', openedOn: '2013-02-16', online: true, options: ['Marat Davletbaev', 'Natalya Chernysheva'] },
};
const voteBy = (memberId: string, choice: string, motionId = 'programme'): GivenEvent => ({
  type: 'VoteCast',
  data: { motionId, memberId, name: memberId, choice, castOn: '2013-02-16' },
});

describe('CastVote: rules and figures', () => {
  it('abstaining on a motion with options is spelled abstain', () => {
    expect(eventsOf([...council, secretary], { kind: 'CastVote', motionId: 'secretary', member: 'general-1', choice: 'ABSTAIN' })).toEqual([
      { type: 'VoteCast', data: { motionId: 'secretary', memberId: 'general-1', name: 'general-1', choice: 'abstain', castOn: '2013-02-16' } },
    ]);
  });

  it('an unknown motion is a 404 (motion), an unknown voter is refused for the field member', () => {
    expect(errorOf([...council, statement], { kind: 'CastVote', motionId: 'nope', member: 'general-1', choice: 'yes' })).toMatchObject({ entity: 'motion', id: 'nope' });
    expect(errorOf([...council, statement], { kind: 'CastVote', motionId: 'programme', member: 'Nobody At All', choice: 'yes' })).toMatchObject({ field: 'member' });
  });

  it('after-dissolution and motion-already-decided name the vote and the dates', () => {
    const decided: GivenEvent = {
      type: 'MotionDecided',
      data: { motionId: 'programme', decidedOn: '2013-02-20', tally: {}, tallyFrom: 'none', rule: 'majority-of-members', base: { of: 'members', count: 45, uncertain: 0 }, required: 23, outcome: 'adopted' },
    } as GivenEvent;
    expect(refused([...council, statement, decided, dissolved('2013-02-10')], { kind: 'CastVote', motionId: 'programme', member: 'general-1', choice: 'yes' })).toEqual([
      { rule: 'after-dissolution', message: 'a vote on programme on 2013-02-16 is after the council was dissolved on 2013-02-10', figures: { date: '2013-02-16', dissolvedOn: '2013-02-10' } },
      { rule: 'motion-already-decided', message: 'programme was decided on 2013-02-20: no more votes', figures: { motionId: 'programme', decidedOn: '2013-02-20' } },
    ]);
  });

  it('voter-not-in-office names the member and the day', () => {
    expect(refused([...councilWithDepartures(1, '2013-01-10'), statement], { kind: 'CastVote', motionId: 'programme', member: 'general-1', choice: 'yes' })).toEqual([
      { rule: 'voter-not-in-office', message: 'general-1 was not a member in office on 2013-02-16', figures: { memberId: 'general-1', on: '2013-02-16' } },
    ]);
  });

  it('vote-before-opened: a motion opened after the day of its meeting', () => {
    const meeting: GivenEvent = { type: 'MeetingHeld', data: { meetingId: 'm1', date: '2013-02-10' } } as GivenEvent;
    const late: GivenEvent = { type: 'MotionTabled', data: { motionId: 'late', title: 'Late', kind: 'resolution', openedOn: '2013-02-16', meetingId: 'm1' } } as GivenEvent;
    expect(refused([...council, meeting, late], { kind: 'CastVote', motionId: 'late', member: 'general-1', choice: 'yes' })).toEqual([
      {
        rule: 'vote-before-opened',
        message: 'a vote on late is dated 2013-02-10, before the motion was opened on 2013-02-16',
        figures: { motionId: 'late', openedOn: '2013-02-16', date: '2013-02-10' },
      },
    ]);
  });

  it('vote-twice and paired-and-voted say the earlier choice and the pairing', () => {
    const paired: GivenEvent = {
      type: 'VotePaired',
      data: { motionId: 'programme', memberId: 'general-1', name: 'general-1', pairedWith: 'general-2', pairedWithName: 'general-2', castOn: '2013-02-16' },
    } as GivenEvent;
    expect(refused([...council, statement, voteBy('general-1', 'no'), paired], { kind: 'CastVote', motionId: 'programme', member: 'general-1', choice: 'yes' })).toEqual([
      { rule: 'vote-twice', message: 'general-1 already voted no on programme', figures: { memberId: 'general-1', motionId: 'programme', earlierChoice: 'no' } },
      {
        rule: 'paired-and-voted',
        message: 'general-1 is paired with general-2 on programme: a pairing is an agreement not to vote',
        figures: { memberId: 'general-1', motionId: 'programme', pairedWith: 'general-2' },
      },
    ]);
  });

  it('invalid-choice lists the choices allowed', () => {
    expect(refused([...council, statement], { kind: 'CastVote', motionId: 'programme', member: 'general-1', choice: 'maybe' })).toEqual([
      { rule: 'invalid-choice', message: '"maybe" is not a choice on programme (yes, no, abstain)', figures: { choice: 'maybe', allowed: ['yes', 'no', 'abstain'] } },
    ]);
    expect(refused([...council, secretary], { kind: 'CastVote', motionId: 'secretary', member: 'general-1', choice: 'yes' })).toEqual([
      {
        rule: 'invalid-choice',
        message: '"yes" is not a choice on secretary (Marat Davletbaev, Natalya Chernysheva, abstain)',
        figures: { choice: 'yes', allowed: ['Marat Davletbaev', 'Natalya Chernysheva', 'abstain'] },
      },
    ]);
  });
});

describe('ClassifyCouncil: rules and figures', () => {
  it('council-parent-self names the council', () => {
    expect(refused(council, { kind: 'ClassifyCouncil', parentCouncilId: 'cs' })).toEqual([
      { rule: 'council-parent-self', message: 'council cs cannot sit under itself', figures: { councilId: 'cs', parentCouncilId: 'cs' } },
    ]);
  });

  it('a type alone is a classification; nothing at all is classification-empty', () => {
    expect(eventsOf(council, { kind: 'ClassifyCouncil', type: 'coordination' } as CouncilCommand)).toEqual([{ type: 'CouncilClassified', data: { type: 'coordination' } }]);
    expect(refused(council, { kind: 'ClassifyCouncil' })).toEqual([
      { rule: 'classification-empty', message: 'a classification states at least one of type, level and parentCouncilId', figures: {} },
    ]);
  });
});

describe('CorrectFact: rules and figures', () => {
  const withLeft = [...councilWithDepartures(1, '2013-06-01')];
  it('fact-already-retracted, the unknown event, correct-founding', () => {
    const retracted: GivenEvent = { type: 'FactRetracted', data: { eventId: 'left-general-1', originalType: 'MemberLeft', reason: 'typo' } } as GivenEvent;
    expect(refused([...withLeft, retracted], { kind: 'CorrectFact', eventId: 'left-general-1', action: 'retract', reason: 'again' })).toEqual([
      { rule: 'fact-already-retracted', message: 'event left-general-1 was retracted: there is nothing left to correct', figures: { eventId: 'left-general-1' } },
    ]);
    expect(errorOf(withLeft, { kind: 'CorrectFact', eventId: 'nope', action: 'retract', reason: 'x' })).toMatchObject({ entity: 'event', id: 'nope' });
    expect(refused(withLeft, { kind: 'CorrectFact', eventId: 'founded', action: 'retract', reason: 'x' })).toEqual([
      { rule: 'correct-founding', message: 'correcting the founding of a council is not supported', figures: { eventId: 'founded' } },
    ]);
  });

  it('replacement-missing and replacement-type-mismatch', () => {
    expect(refused(withLeft, { kind: 'CorrectFact', eventId: 'left-general-1', action: 'replace', reason: 'x' })).toEqual([
      { rule: 'replacement-missing', message: 'a replace correction needs a replacement', figures: { eventId: 'left-general-1' } },
    ]);
    expect(
      refused(withLeft, { kind: 'CorrectFact', eventId: 'left-general-1', action: 'replace', reason: 'x', replacement: { kind: 'DissolveCouncil', dissolvedOn: '2014-01-01' } }),
    ).toEqual([
      {
        rule: 'replacement-type-mismatch',
        message: 'event left-general-1 is a MemberLeft; a DissolveCouncil cannot replace it',
        figures: { eventId: 'left-general-1', type: 'MemberLeft', replacementKind: 'DissolveCouncil' },
      },
    ]);
  });

  it('the replacement is decided unchanged and must give exactly one fact of the type; the reply carries its reply', () => {
    const { state } = given(withLeft);
    const replacement = { kind: 'RecordDeparture' as const, memberId: 'general-1', leftOn: '2013-06-02' };
    const command = { kind: 'CorrectFact' as const, eventId: 'left-general-1', action: 'replace' as const, reason: 'x', replacement };
    const one = { type: 'MemberLeft' as const, data: { memberId: 'general-1', leftOn: '2013-06-02' } };
    const seen: unknown[] = [];
    const decision = correctFact(state, command, (_s, r) => {
      seen.push(r);
      return { events: [one], reply: { memberId: 'general-1' } };
    });
    expect(seen).toStrictEqual([replacement]);
    expect(decision.reply).toEqual({ correctedEventId: 'left-general-1', action: 'replace', replacement: { memberId: 'general-1' } });
    const mismatch = { rule: 'replacement-type-mismatch', message: 'the replacement must produce one MemberLeft', figures: { eventId: 'left-general-1' } };
    for (const events of [[], [one, one], [{ type: 'VoteCast' as const, data: {} }]]) {
      let error: unknown;
      try {
        correctFact(state, command, () => ({ events: events as never, reply: {} }));
      } catch (e) {
        error = e;
      }
      expect((error as RuleViolationError).violations).toEqual([mismatch]);
    }
  });

  it('replacement-changes-id: the same id may be given again, another is refused with both', () => {
    const replace = (memberId: string): CouncilCommand => ({
      kind: 'CorrectFact',
      eventId: 'elected-general-2',
      action: 'replace',
      reason: 'x',
      replacement: { kind: 'ElectMember', memberId, name: 'general-2', curia: 'general', electedOn: '2012-10-23' },
    });
    expect(eventsOf(withLeft, replace('general-2'))).toHaveLength(1);
    expect(refused(withLeft, replace('someone'))).toEqual([
      {
        rule: 'replacement-changes-id',
        message: 'a correction keeps the memberId general-2 (got someone); retract and record anew instead',
        figures: { memberId: 'general-2', replacement: 'someone' },
      },
    ]);
  });
});

describe('DissolveCouncil: rules, figures and the event', () => {
  it('records the dissolution with its reason and note', () => {
    expect(eventsOf(council, { kind: 'DissolveCouncil', dissolvedOn: '2014-01-01', reason: 'self-dissolution', note: 'by vote' })).toEqual([
      { type: 'CouncilDissolved', data: { dissolvedOn: '2014-01-01', reason: 'self-dissolution', note: 'by vote' } },
    ]);
  });

  it('already-dissolved says when', () => {
    expect(refused([...council, dissolved('2013-12-01')], { kind: 'DissolveCouncil', dissolvedOn: '2014-01-01' })).toEqual([
      { rule: 'already-dissolved', message: 'the council was already dissolved on 2013-12-01', figures: { dissolvedOn: '2013-12-01' } },
    ]);
  });

  it('before-founding names the dissolution; the founding itself is not a fact after it', () => {
    expect(refused(council, { kind: 'DissolveCouncil', dissolvedOn: '2012-10-01' }).filter((v) => v.figures.facts === undefined)).toEqual([
      { rule: 'before-founding', message: 'the dissolution on 2012-10-01 is before the council was founded on 2012-10-22', figures: { date: '2012-10-01', foundedOn: '2012-10-22' } },
    ]);
    const onlyFounded = refused([founded], { kind: 'DissolveCouncil', dissolvedOn: '2012-10-01' });
    expect(onlyFounded.map((v) => v.rule)).toEqual(['before-founding']);
  });

  it('after-dissolution lists the facts dated after the day, not those on it, nor groups or undated facts', () => {
    const events = [
      ...council,
      { ...partyA, data: { ...partyA.data, foundedOn: '2020-01-01' } } as GivenEvent,
      { type: 'CouncilClassified', id: 'classified', data: { type: 'coordination' } } as GivenEvent,
      elected('late-1', { electedOn: '2013-06-01' }),
      elected('late-2', { electedOn: '2013-06-02' }),
      left('late-1', '2013-07-01'),
    ];
    expect(eventsOf(events, { kind: 'DissolveCouncil', dissolvedOn: '2013-07-01' })).toHaveLength(1);
    expect(refused(events, { kind: 'DissolveCouncil', dissolvedOn: '2013-06-01' })).toEqual([
      {
        rule: 'after-dissolution',
        message: '2 recorded fact(s) are dated after 2013-06-01, e.g. MemberElected on 2013-06-02',
        figures: {
          dissolvedOn: '2013-06-01',
          facts: [
            { eventId: 'elected-late-2', type: 'MemberElected', date: '2013-06-02' },
            { eventId: 'left-late-1', type: 'MemberLeft', date: '2013-07-01' },
          ],
        },
      },
    ]);
  });
});

describe('the 409s name the entity', () => {
  it('a group, a member, a council, a working group', () => {
    expect(errorOf([...council, partyA], { kind: 'FoundGroup', groupId: 'party-a', name: 'x' })).toMatchObject({ entity: 'group', id: 'party-a' });
    expect(errorOf(council, { kind: 'ElectMember', memberId: 'general-1', name: 'x', curia: 'general', electedOn: '2013-01-01' })).toMatchObject({ entity: 'member', id: 'general-1' });
    expect(errorOf(council, { kind: 'FoundCouncil', councilId: 'other', name: 'x' })).toMatchObject({ entity: 'council', id: 'cs' });
    const wg: GivenEvent = { type: 'WorkingGroupFormed', data: { workingGroupId: 'wg', name: 'WG', formedOn: '2013-01-01' } } as GivenEvent;
    const error = errorOf([...council, wg], { kind: 'FormWorkingGroup', workingGroupId: 'wg', name: 'x', formedOn: '2013-02-01' });
    expect(error).toBeInstanceOf(AlreadyExistsError);
    expect(error).toMatchObject({ entity: 'working group', id: 'wg' });
    expect(errorOf(council, { kind: 'EndOfficerTerm', role: 'chair', to: '2013-01-01' })).toEqual(new NotFoundError('officer', 'chair'));
  });
});
