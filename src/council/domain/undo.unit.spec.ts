import { elected, founded } from './fixtures';
import { GivenEvent, recorded, stateOf } from './given-when-then';
import { evolve } from './evolve';
import { CouncilState } from './state';
import { undoOfFact } from './undo';

/**
 * undoOfFact, checked against a fresh load: for each history and next fact, the state after applying the
 * fact and calling its undo must equal the state the history alone gives (every index: council, members,
 * names, officers, elections, groups, meetings and their numbers, motions with votes, pairs and decisions,
 * affiliations). `facts`, `retracted`, `requests`, the revision and the position are the caller's to put back.
 */
function fact(type: string, data: Record<string, unknown>, id?: string): GivenEvent {
  return { type, data, ...(id ? { id } : {}) } as unknown as GivenEvent;
}

/** A deep, plain copy of the state's indexes (Maps and Sets as entry lists, so toEqual compares their order too). */
function indexesOf(state: CouncilState): unknown {
  const { facts: _f, retracted: _r, requests: _q, revision: _v, position: _p, ...indexes } = state;
  return plain(indexes);
}

function plain(value: unknown): unknown {
  if (value instanceof Map) return { map: [...value].map(([k, v]) => [plain(k), plain(v)]) };
  if (value instanceof Set) return { set: [...value].map(plain) };
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** Applies `next` after `history` with its undo taken first; returns the indexes before, after the fact, after the undo. */
function applyAndUndo(history: GivenEvent[], next: GivenEvent) {
  const state = stateOf(history);
  const before = indexesOf(state);
  const undo = undoOfFact(state, next.type, next.data);
  if (!undo) throw new Error(`no undo for ${next.type}`);
  const [event] = recorded([{ ...next, id: next.id ?? 'next' }], history.length);
  evolve(state, event);
  const applied = indexesOf(state);
  undo();
  return { before, applied, undone: indexesOf(state), state };
}

const motion = fact('MotionTabled', { motionId: 'm1', title: 'Agenda', kind: 'procedural', openedOn: '2012-11-03', options: ['yes', 'no'] }, 'tabled-m1');
const meeting = fact('MeetingHeld', { meetingId: 'mt1', number: 1, date: '2012-11-03', kind: 'regular' }, 'meeting-1');
const council = [founded, elected('a', { name: 'Anna Petrova', aliases: ['A. Petrova'] }), elected('b', { name: 'Boris Orlov' }), motion, meeting];

describe('undoOfFact puts every index back as a fresh load of the history gives it', () => {
  // Each case changes the state (checked), then its undo gives back exactly the history's state.
  it.each<[string, GivenEvent[], GivenEvent]>([
    ['the founding of a council', [], founded],
    ['a second founding, which replaces the first', council, { ...founded, id: 'refounded', data: { ...founded.data, name: 'Renamed', seats: 40 } } as GivenEvent],
    ['a dissolution', council, fact('CouncilDissolved', { dissolvedOn: '2014-01-01' })],
    ['a classification', council, fact('CouncilClassified', { type: 'assembly', level: 'national' })],
    ['an election of a new member, one alias shared with another member, one name new', council, elected('c', { name: 'Clara Zet', aliases: ['Anna Petrova'] })],
    ['an election whose name and alias normalise alike', council, elected('d', { name: 'Dmitri Ilyin', aliases: ['dmitri  ILYIN'] })],
    ['a departure with a reason', council, fact('MemberLeft', { memberId: 'a', leftOn: '2013-04-04', reason: 'resigned' })],
    ['a departure without a reason', council, fact('MemberLeft', { memberId: 'b', leftOn: '2013-04-04' })],
    ['an election recorded', council, fact('ElectionRecorded', { electionId: 'el1', heldOn: '2012-10-22' })],
    ['a working group formed', council, fact('WorkingGroupFormed', { workingGroupId: 'wg1', name: 'Ethics', formedOn: '2012-12-01', members: [] })],
    ['a political group founded', council, fact('GroupFounded', { groupId: 'g1', name: 'Left', foundedOn: '2012-10-22' })],
    ['a motion tabled', council, fact('MotionTabled', { motionId: 'm2', title: 'Budget', kind: 'substantive', openedOn: '2012-12-01', options: ['yes', 'no'] })],
    ['the first appointment to a role', council, fact('OfficerAppointed', { role: 'chair', memberId: 'a', name: 'Anna Petrova', from: '2012-10-27' })],
    [
      'a second appointment to a role (the first term goes to the past)',
      [...council, fact('OfficerAppointed', { role: 'chair', memberId: 'a', name: 'Anna Petrova', from: '2012-10-27' }, 'appointed-a')],
      fact('OfficerAppointed', { role: 'chair', memberId: 'b', name: 'Boris Orlov', from: '2013-01-01', nonMember: false }),
    ],
    [
      'the end of a term',
      [...council, fact('OfficerAppointed', { role: 'chair', memberId: 'a', name: 'Anna Petrova', from: '2012-10-27' }, 'appointed-a')],
      fact('OfficerTermEnded', { role: 'chair', memberId: 'a', name: 'Anna Petrova', to: '2013-01-01' }),
    ],
    [
      'an appointment after a term ended (no current term before)',
      [
        ...council,
        fact('OfficerAppointed', { role: 'chair', memberId: 'a', name: 'Anna Petrova', from: '2012-10-27' }, 'appointed-a'),
        fact('OfficerTermEnded', { role: 'chair', memberId: 'a', name: 'Anna Petrova', to: '2013-01-01' }, 'ended-a'),
      ],
      fact('OfficerAppointed', { role: 'chair', memberId: 'b', name: 'Boris Orlov', from: '2013-02-01' }),
    ],
    ['a meeting with a new number', council, fact('MeetingHeld', { meetingId: 'mt2', number: 2, date: '2012-12-01', kind: 'regular' })],
    ['a meeting whose number is taken', council, fact('MeetingHeld', { meetingId: 'mt2', number: 1, date: '2012-12-01', kind: 'regular' })],
    ['a meeting without a number', council, fact('MeetingHeld', { meetingId: 'mt2', date: '2012-12-01', kind: 'regular' })],
    ['a failed quorum with a new number', council, fact('QuorumFailed', { meetingId: 'mt2', number: 2, date: '2012-12-01', kind: 'regular' })],
    ['a meeting not assembled with a new number', council, fact('MeetingNotAssembled', { meetingId: 'mt2', number: 2, date: '2012-12-01', kind: 'regular' })],
    ['a vote by a member', council, fact('VoteCast', { motionId: 'm1', memberId: 'a', name: 'Anna Petrova', choice: 'yes', castOn: '2012-11-03' })],
    ['a vote by a name only', council, fact('VoteCast', { motionId: 'm1', name: 'Someone Else', choice: 'no', castOn: '2012-11-03' })],
    ['a pair', council, fact('VotePaired', { motionId: 'm1', memberId: 'a', pairedWith: { memberId: 'b', name: 'Boris Orlov' }, castOn: '2012-11-03' })],
    ['a decision', council, fact('MotionDecided', { motionId: 'm1', decidedOn: '2012-11-03', result: 'carried' })],
    ['a first affiliation', council, fact('MemberAffiliated', { memberId: 'a', groupId: 'g1', from: '2012-10-22' })],
    [
      'a second affiliation',
      [...council, fact('MemberAffiliated', { memberId: 'a', groupId: 'g1', from: '2012-10-22' }, 'aff-1')],
      fact('MemberAffiliated', { memberId: 'a', groupId: 'g2', from: '2013-01-01' }),
    ],
  ])('%s', (_label, history, next) => {
    const { before, applied, undone } = applyAndUndo(history, next);
    expect(applied).not.toEqual(before);
    expect(undone).toEqual(indexesOf(stateOf(history)));
    expect(undone).toEqual(before);
  });

  // Facts that evolve() ignores (a repeat, or one that refers to nothing on record): the undo must leave the state alone.
  it.each<[string, GivenEvent[], GivenEvent]>([
    ['a dissolution of a council already dissolved', [...council, fact('CouncilDissolved', { dissolvedOn: '2014-01-01' }, 'dissolved')], fact('CouncilDissolved', { dissolvedOn: '2015-01-01' })],
    ['a dissolution before any founding', [], fact('CouncilDissolved', { dissolvedOn: '2015-01-01' })],
    ['a classification before any founding', [], fact('CouncilClassified', { type: 'assembly' })],
    ['a repeated election of a member', council, { ...elected('a', { name: 'Anna Other', aliases: ['Boris Orlov'] }), id: 'again' }],
    ['a second departure', [...council, fact('MemberLeft', { memberId: 'a', leftOn: '2013-04-04', reason: 'resigned' }, 'left-a')], fact('MemberLeft', { memberId: 'a', leftOn: '2013-05-05', reason: 'died' })],
    ['a departure of nobody on record', council, fact('MemberLeft', { memberId: 'zz', leftOn: '2013-04-04' })],
    ['a repeated election record', [...council, fact('ElectionRecorded', { electionId: 'el1', heldOn: '2012-10-22' }, 'el')], fact('ElectionRecorded', { electionId: 'el1', heldOn: '2013-10-22' })],
    ['a repeated working group', [...council, fact('WorkingGroupFormed', { workingGroupId: 'wg1', name: 'Ethics', formedOn: '2012-12-01' }, 'wg')], fact('WorkingGroupFormed', { workingGroupId: 'wg1', name: 'Other', formedOn: '2013-12-01' })],
    ['a repeated political group', [...council, fact('GroupFounded', { groupId: 'g1', name: 'Left' }, 'g')], fact('GroupFounded', { groupId: 'g1', name: 'Right' })],
    ['a repeated motion', council, fact('MotionTabled', { motionId: 'm1', title: 'Other', kind: 'procedural', openedOn: '2013-11-03' })],
    ['the end of a term of a role nobody holds', council, fact('OfficerTermEnded', { role: 'secretary', name: 'Anna Petrova', to: '2013-01-01' })],
    ['a repeated meeting', council, fact('MeetingHeld', { meetingId: 'mt1', number: 7, date: '2013-12-01', kind: 'regular' })],
    ['a repeated meeting recorded as not assembled', council, fact('MeetingNotAssembled', { meetingId: 'mt1', number: 7, date: '2013-12-01', kind: 'regular' })],
    ['a repeated vote', [...council, fact('VoteCast', { motionId: 'm1', memberId: 'a', name: 'Anna Petrova', choice: 'yes' }, 'v')], fact('VoteCast', { motionId: 'm1', memberId: 'a', name: 'Anna Petrova', choice: 'no' })],
    ['a repeated vote by name', [...council, fact('VoteCast', { motionId: 'm1', name: 'Someone Else', choice: 'yes' }, 'v')], fact('VoteCast', { motionId: 'm1', name: 'someone  ELSE', choice: 'no' })],
    ['a vote on an unknown motion', council, fact('VoteCast', { motionId: 'zz', memberId: 'a', name: 'Anna Petrova', choice: 'yes' })],
    ['a repeated pair', [...council, fact('VotePaired', { motionId: 'm1', memberId: 'a', pairedWith: { name: 'Boris Orlov' } }, 'p')], fact('VotePaired', { motionId: 'm1', memberId: 'a', pairedWith: { name: 'X' } })],
    ['a pair on an unknown motion', council, fact('VotePaired', { motionId: 'zz', memberId: 'a', pairedWith: { name: 'X' } })],
    ['a second decision', [...council, fact('MotionDecided', { motionId: 'm1', decidedOn: '2012-11-03', result: 'carried' }, 'd')], fact('MotionDecided', { motionId: 'm1', decidedOn: '2012-11-04', result: 'failed' })],
    ['a decision on an unknown motion', council, fact('MotionDecided', { motionId: 'zz', decidedOn: '2012-11-03', result: 'carried' })],
    ['an outside affiliation', council, fact('MemberAffiliated', { memberId: 'a', groupId: 'party', outside: true })],
    ['a status change', council, fact('MemberStatusChanged', { memberId: 'a', status: 'suspended', on: '2013-01-01' })],
    ['a description of the council', council, fact('CouncilDescribed', { describedOn: '2013-01-01' })],
    ['a body formed', council, fact('CouncilBodyFormed', { name: 'Presidium', formedOn: '2013-01-01' })],
    ['a statement of members', council, fact('MembersStatementIssued', { issuedOn: '2013-01-01', members: [] })],
  ])('%s: nothing changes, nothing is undone', (_label, history, next) => {
    const { before, applied, undone } = applyAndUndo(history, next);
    expect(applied).toEqual(before);
    expect(undone).toEqual(before);
  });

  it('has no undo for a correction or a retraction (they rebuild every index)', () => {
    const state = stateOf(council);
    expect(undoOfFact(state, 'FactCorrected', { eventId: 'meeting-1', replacement: { type: 'QuorumFailed', data: {} } })).toBeUndefined();
    expect(undoOfFact(state, 'FactRetracted', { eventId: 'meeting-1' })).toBeUndefined();
  });

  it('undoes a request of several facts in reverse order back to the history', () => {
    const history = council;
    const state = stateOf(history);
    const batch = [
      elected('c', { name: 'Clara Zet' }),
      fact('MotionTabled', { motionId: 'm2', title: 'Budget', kind: 'substantive', openedOn: '2012-12-01' }, 'tabled-m2'),
      fact('VoteCast', { motionId: 'm2', memberId: 'c', name: 'Clara Zet', choice: 'yes' }, 'vote-c'),
      fact('MemberLeft', { memberId: 'c', leftOn: '2013-01-01' }, 'left-c'),
      fact('MeetingHeld', { meetingId: 'mt2', number: 2, date: '2012-12-01', kind: 'regular' }, 'meeting-2'),
    ];
    const undos: Array<() => void> = [];
    recorded(batch, history.length).forEach((event) => {
      const undo = undoOfFact(state, event.type, event.data);
      if (undo) undos.push(undo);
      evolve(state, event);
    });
    expect(state.members.get('c')?.leftOn?.edtf).toBe('2013-01-01');
    for (const undo of undos.reverse()) undo();
    expect(indexesOf(state)).toEqual(indexesOf(stateOf(history)));
  });
});
