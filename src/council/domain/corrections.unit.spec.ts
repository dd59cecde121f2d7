import { NotFoundError } from './errors';
import { councilWithDepartures, elected, founded, left } from './fixtures';
import { GivenEvent, given, recorded, stateOf } from './given-when-then';
import { evolve } from './evolve';
import { decide } from './decide';
import { membersOn } from './queries';

const base = [founded, elected('late', { name: 'Late Comer', electedOn: '2013-03-10' }), left('late', '2013-05-01')];

describe('corrections', () => {
  it('retract: FactRetracted, and the fact stops counting', () => {
    const { result } = given(base)
      .when({ kind: 'CorrectFact', eventId: 'left-late', action: 'retract', reason: 'wrong person' })
      .then([{ type: 'FactRetracted', data: { eventId: 'left-late', originalType: 'MemberLeft', reason: 'wrong person' } }])
      .thenReply({ correctedEventId: 'left-late', action: 'retract' });
    const state = stateOf([...base, { ...result!.events[0], id: 'c1' }]);
    expect(membersOn(state, '2013-06-01').certain.map((m) => m.memberId)).toEqual(['late']);
    expect(state.facts.has('left-late')).toBe(false);
    expect(state.retracted.has('left-late')).toBe(true);
  });

  it('replace: the replacement is checked against the council without the original (departure-before-election)', () => {
    given(base)
      .when({ kind: 'CorrectFact', eventId: 'left-late', action: 'replace', replacement: { kind: 'RecordDeparture', memberId: 'late', leftOn: '2013-02-01' }, reason: 'typo' })
      .thenViolates('departure-before-election');
    const { result } = given(base)
      .when({ kind: 'CorrectFact', eventId: 'left-late', action: 'replace', replacement: { kind: 'RecordDeparture', memberId: 'late', leftOn: '2013-07' }, reason: 'source says July' })
      .then([{ type: 'FactCorrected', data: { eventId: 'left-late', originalType: 'MemberLeft', replacement: { type: 'MemberLeft', data: { leftOn: '2013-07' } } } }]);
    const state = stateOf([...base, { ...result!.events[0], id: 'c1' }]);
    expect(membersOn(state, '2013-06-01').certain).toHaveLength(1);
    expect(membersOn(state, '2013-07-15').uncertain).toHaveLength(1);
    expect(state.facts.get('left-late')?.corrections).toEqual(['c1']);
  });

  it('replace a meeting: it may flip from MeetingHeld to QuorumFailed, keeping its id', () => {
    const events = councilWithDepartures(5);
    const held = decide(stateOf(events), { kind: 'RecordMeeting', date: '2013-07-20', presentCount: 24 }).events[0];
    const withMeeting: GivenEvent[] = [...events, { ...held, id: 'meeting' }];
    const { result } = given(withMeeting)
      .when({ kind: 'CorrectFact', eventId: 'meeting', action: 'replace', replacement: { kind: 'RecordMeeting', date: '2013-07-20', presentCount: 14 }, reason: 'only 14 came' })
      .then([{ type: 'FactCorrected', data: { originalType: 'MeetingHeld', replacement: { type: 'QuorumFailed', data: { meetingId: 'meeting-2013-07-20', presentCount: 14 } } } }]);
    const state = stateOf([...withMeeting, { ...result!.events[0], id: 'c1' }]);
    expect(state.meetings.get('meeting-2013-07-20')?.outcome).toBe('quorum-failed');
    expect(state.facts.get('meeting')?.type).toBe('QuorumFailed');
    expect(state.facts.get('meeting')?.recordedType).toBe('MeetingHeld');
  });

  it('replacement-changes-id and replacement-type-mismatch', () => {
    given(base)
      .when({ kind: 'CorrectFact', eventId: 'elected-late', action: 'replace', replacement: { kind: 'ElectMember', memberId: 'other', name: 'X', electedOn: '2013-03-10', curia: 'general' }, reason: 'r' })
      .thenViolates('replacement-changes-id');
    given(base)
      .when({ kind: 'CorrectFact', eventId: 'elected-late', action: 'replace', replacement: { kind: 'RecordDeparture', memberId: 'late', leftOn: '2013-07' }, reason: 'r' })
      .thenViolates('replacement-type-mismatch');
  });

  it('replacing an election keeps the member id and its later facts', () => {
    const { result } = given(base)
      .when({ kind: 'CorrectFact', eventId: 'elected-late', action: 'replace', replacement: { kind: 'ElectMember', name: 'Late Comer', aliases: ['L. Comer'], electedOn: '2013-03-01', curia: 'general' }, reason: 'r' })
      .then([{ type: 'FactCorrected', data: { replacement: { type: 'MemberElected', data: { memberId: 'late', electedOn: '2013-03-01' } } } }]);
    const state = stateOf([...base, { ...result!.events[0], id: 'c1' }]);
    expect(state.members.get('late')).toMatchObject({ aliases: ['L. Comer'], leftOn: { edtf: '2013-05-01' } });
  });

  it('unknown event: NotFoundError(event); retracted: fact-already-retracted; founding: correct-founding', () => {
    given(base).when({ kind: 'CorrectFact', eventId: 'nope', action: 'retract', reason: 'r' }).then(NotFoundError);
    const retracted: GivenEvent = { type: 'FactRetracted', data: { eventId: 'left-late', originalType: 'MemberLeft', reason: 'r' } };
    given([...base, retracted]).when({ kind: 'CorrectFact', eventId: 'left-late', action: 'retract', reason: 'r' }).thenViolates('fact-already-retracted');
    given(base).when({ kind: 'CorrectFact', eventId: 'founded', action: 'retract', reason: 'r' }).thenViolates('correct-founding');
  });

  it('decide never mutates the state it is given', () => {
    const state = stateOf(base);
    const before = JSON.stringify([...state.facts], (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    decide(state, { kind: 'CorrectFact', eventId: 'left-late', action: 'replace', replacement: { kind: 'RecordDeparture', memberId: 'late', leftOn: '2013-07' }, reason: 'r' });
    expect(JSON.stringify([...state.facts], (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toBe(before);
    expect(state.members.get('late')?.leftOn?.edtf).toBe('2013-05-01');
  });

  it('evolve ignores a correction of an event it does not hold', () => {
    const state = stateOf(base);
    const [event] = recorded([{ type: 'FactRetracted', data: { eventId: 'ghost', originalType: 'MemberLeft', reason: 'r' } }], 3);
    expect(evolve(state, event).members.size).toBe(1);
  });
});
