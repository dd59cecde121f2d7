import { elected, founded } from './fixtures';
import { GivenEvent, recorded, stateOf } from './given-when-then';
import { evolve, stateFromFacts } from './evolve';
import { claimName, requestIdClaim } from './state';

function fact(type: string, data: Record<string, unknown>, id?: string, metadata?: Record<string, unknown>): GivenEvent {
  return { type, data, ...(id ? { id } : {}), ...(metadata ? { metadata } : {}) } as unknown as GivenEvent;
}

describe('evolve: the request claims events carry (rememberRequest)', () => {
  it('a keyless request names its request id, hash and event count on its last event: one claim in the request-id namespace', () => {
    const state = stateOf([founded, { ...elected('a'), metadata: { requestId: 'r-1', requestHash: 'h1', requestEvents: 3, reply: { memberId: 'a' } } }]);
    expect([...state.requests.keys()]).toEqual(['\u0000request-id:r-1']);
    // The reply stays in the record (read back on a resend), not in memory; revision 1 is the second event's.
    expect(state.requests.get(requestIdClaim('r-1'))).toEqual({ requestHash: 'h1', reply: undefined, eventIds: [], events: 3, position: 2n, revision: 1n });
  });

  it('a keyless request of one event without a count counts 1; without a hash, the claim is not remembered', () => {
    const state = stateOf([{ ...founded, metadata: { requestId: 'r-1', requestHash: 'h1' } }, { ...elected('a'), metadata: { requestId: 'r-2' } }]);
    expect(state.requests.get(requestIdClaim('r-1'))).toMatchObject({ requestHash: 'h1', events: 1 });
    expect(state.requests.has(requestIdClaim('r-2'))).toBe(false);
    expect(state.requests.size).toBe(1);
  });

  it('a keyed request without a hash is remembered with an empty hash, and its later events join it', () => {
    const state = stateOf([
      { ...founded, metadata: { idempotencyKey: 'k' } },
      { ...elected('a'), metadata: { idempotencyKey: 'k', reply: { done: true } } },
    ]);
    expect(state.requests.get('k')).toEqual({ requestHash: '', reply: { done: true }, eventIds: ['founded', 'elected-a'], position: 2n });
  });

  it('the reply comes from the event that carries it: an older record with a reply on every event keeps the last one', () => {
    const state = stateOf([
      { ...founded, metadata: { idempotencyKey: 'k', requestHash: 'h', reply: { first: true } } },
      { ...elected('a'), metadata: { idempotencyKey: 'k', requestHash: 'h' } },
    ]);
    expect(state.requests.get('k')).toEqual({ requestHash: 'h', reply: { first: true }, eventIds: ['founded', 'elected-a'], position: 2n });
    const later = stateOf([
      { ...founded, metadata: { idempotencyKey: 'k', requestHash: 'h', reply: { first: true } } },
      { ...elected('a'), metadata: { idempotencyKey: 'k', requestHash: 'h', reply: { second: true } } },
    ]);
    expect(later.requests.get('k')?.reply).toEqual({ second: true });
  });

  it('the same key with another hash starts a new claim (the later request replaces the earlier one)', () => {
    const state = stateOf([
      { ...founded, metadata: { idempotencyKey: 'k', requestHash: 'h1', reply: 1 } },
      { ...elected('a'), metadata: { idempotencyKey: 'k', requestHash: 'h2', reply: 2 } },
    ]);
    expect(state.requests.get('k')).toEqual({ requestHash: 'h2', reply: 2, eventIds: ['elected-a'], position: 2n });
  });

  it('an event applied twice (the writer remembers a request it has just decided, then evolves it) is listed once', () => {
    const state = stateOf([founded]);
    const [event] = recorded([{ ...elected('a'), metadata: { idempotencyKey: 'k', requestHash: 'h' } }], 1);
    evolve(state, event);
    evolve(state, event);
    expect(state.requests.get('k')?.eventIds).toEqual(['elected-a']);
  });

  it('claimName: the key when there is one, else the request id with its hash, else nothing', () => {
    expect(claimName({ idempotencyKey: 'k', requestId: 'r', requestHash: 'h' })).toBe('k');
    expect(claimName({ idempotencyKey: '' })).toBe('');
    expect(claimName({ requestId: 'r', requestHash: 'h' })).toBe('\u0000request-id:r');
    expect(claimName({ requestId: 'r' })).toBeUndefined();
    expect(claimName({ requestHash: 'h' })).toBeUndefined();
    expect(claimName({})).toBeUndefined();
  });
});

describe('evolve: what each fact makes of the state', () => {
  it('keeps the founding placement (type, level, parent) and merges a later classification into it', () => {
    const state = stateOf([{ ...founded, data: { ...founded.data, type: 'assembly', level: 'city', parentCouncilId: 'p' } } as unknown as GivenEvent]);
    expect(state.council?.placement).toEqual({ type: 'assembly', level: 'city', parentCouncilId: 'p' });
    evolve(state, recorded([fact('CouncilClassified', { level: 'national' })], 1)[0]);
    expect(state.council?.placement).toEqual({ type: 'assembly', level: 'national', parentCouncilId: 'p' });
  });

  it('a classification or a dissolution before any founding creates no council; the first dissolution stays', () => {
    expect(stateOf([fact('CouncilClassified', { type: 'assembly' }), fact('CouncilDissolved', { dissolvedOn: '2014-01-01' })]).council).toBeUndefined();
    const state = stateOf([founded, fact('CouncilDissolved', { dissolvedOn: '2014-01-01' }), fact('CouncilDissolved', { dissolvedOn: '2015-01-01' })]);
    expect(state.council?.dissolvedOn?.edtf).toBe('2014-01-01');
  });

  it('an officer is a non-member only when the fact says nonMember: true', () => {
    const state = stateOf([
      founded,
      fact('OfficerAppointed', { role: 'chair', name: 'X', from: '2012-10-27', nonMember: true }),
      fact('OfficerAppointed', { role: 'secretary', name: 'Y', from: '2012-10-27' }),
      fact('OfficerAppointed', { role: 'clerk', name: 'Z', from: '2012-10-27', nonMember: false }),
    ]);
    expect([...state.officers.values()].map((r) => [r.current?.role, r.current?.nonMember])).toEqual([
      ['chair', true],
      ['secretary', false],
      ['clerk', false],
    ]);
  });

  it('a term end for a role whose term already ended changes nothing; a new appointment moves the current term to the past', () => {
    const state = stateOf([
      founded,
      fact('OfficerAppointed', { role: 'chair', name: 'X', from: '2012-10-27' }),
      fact('OfficerTermEnded', { role: 'chair', name: 'X', to: '2013-01-01' }),
      fact('OfficerTermEnded', { role: 'chair', name: 'X', to: '2013-02-01' }),
      fact('OfficerAppointed', { role: 'chair', name: 'Y', from: '2013-03-01' }),
      fact('OfficerAppointed', { role: 'chair', name: 'Z', from: '2013-04-01' }),
    ]);
    const chair = state.officers.get('chair');
    expect(chair?.past.map((t) => [t.name, t.from.edtf, t.to?.edtf])).toEqual([
      ['X', '2012-10-27', '2013-01-01'],
      ['Y', '2013-03-01', undefined],
    ]);
    expect(chair?.current?.name).toBe('Z');
  });

  it('a meeting number keeps the first meeting recorded with it; a meeting counts its present list when no count is given', () => {
    const state = stateOf([
      founded,
      fact('MeetingNotAssembled', { meetingId: 'n1', number: 4, date: '2012-11-01', kind: 'regular' }),
      fact('MeetingHeld', { meetingId: 'm1', number: 4, date: '2012-11-03', kind: 'regular', present: [{ name: 'a' }, { name: 'b' }] }),
      fact('QuorumFailed', { meetingId: 'm2', number: 5, date: '2012-11-04', kind: 'regular', presentCount: 9, present: [{ name: 'a' }] }),
      fact('MeetingNotAssembled', { meetingId: 'n2', number: 5, date: '2012-11-05', kind: 'regular' }),
      fact('MeetingHeld', { meetingId: 'm3', date: '2012-11-06', kind: 'regular' }),
    ]);
    expect([...state.meetingNumbers]).toEqual([
      [4, 'n1'],
      [5, 'm2'],
    ]);
    expect([...state.meetings.values()].map((m) => [m.meetingId, m.outcome, m.present])).toEqual([
      ['n1', 'not-assembled', undefined],
      ['m1', 'held', 2],
      ['m2', 'quorum-failed', 9],
      ['n2', 'not-assembled', undefined],
      ['m3', 'held', undefined],
    ]);
  });

  it('a member elected without aliases has none, and only the name is indexed; a meeting without a number takes none', () => {
    const state = stateOf([
      founded,
      fact('MemberElected', { memberId: 'z', name: 'Zoya Zet', curia: 'general', electedOn: '2012-10-22' }),
      fact('MeetingNotAssembled', { meetingId: 'n0', date: '2012-11-01', kind: 'regular' }),
    ]);
    expect(state.members.get('z')?.aliases).toEqual([]);
    expect([...state.nameIndex]).toEqual([['zoya zet', new Set(['z'])]]);
    expect([...state.meetingNumbers]).toEqual([]);
    expect(state.meetings.get('n0')?.number).toBeUndefined();
  });

  it('a working group is kept with its members; a repeated one does not replace it', () => {
    const state = stateOf([
      founded,
      fact('WorkingGroupFormed', { workingGroupId: 'wg', name: 'Ethics', formedOn: '2012-12-01', members: [{ name: 'a' }] }),
      fact('WorkingGroupFormed', { workingGroupId: 'wg', name: 'Other', formedOn: '2013-12-01' }),
    ]);
    expect(state.workingGroups.get('wg')).toMatchObject({ name: 'Ethics', members: [{ name: 'a' }] });
    expect(state.workingGroups.get('wg')?.formedOn.edtf).toBe('2012-12-01');
  });

  it('a vote without a member id is keyed by the normalised name; the first vote and the first pair stay', () => {
    const state = stateOf([
      founded,
      fact('MotionTabled', { motionId: 'm', title: 't', kind: 'procedural', openedOn: '2012-11-03' }),
      fact('VoteCast', { motionId: 'm', name: 'Anna  PETROVA', choice: 'yes' }, 'v1'),
      fact('VoteCast', { motionId: 'm', name: 'anna petrova', choice: 'no' }, 'v2'),
      fact('VotePaired', { motionId: 'm', memberId: 'x', pairedWith: { name: 'Y' } }, 'p1'),
      fact('VotePaired', { motionId: 'm', memberId: 'x', pairedWith: { name: 'Z' } }, 'p2'),
      fact('MotionDecided', { motionId: 'm', decidedOn: '2012-11-03', result: 'carried' }, 'd1'),
      fact('MotionDecided', { motionId: 'm', decidedOn: '2012-11-04', result: 'failed' }, 'd2'),
    ]);
    const motion = state.motions.get('m');
    expect([...(motion?.votes ?? [])]).toEqual([['name:anna petrova', { memberId: undefined, name: 'Anna  PETROVA', choice: 'yes', eventId: 'v1' }]]);
    expect([...(motion?.pairs ?? [])]).toEqual([['x', { pairedWith: { name: 'Y' }, eventId: 'p1' }]]);
    expect(motion?.decided).toMatchObject({ result: 'carried', decidedOn: '2012-11-03' });
  });

  it('a retraction or a correction of an event not on record changes nothing', () => {
    const state = stateOf([founded, elected('a'), fact('FactRetracted', { eventId: 'nope' }), fact('FactCorrected', { eventId: 'nope2', replacement: { type: 'MemberElected', data: {} } })]);
    expect(state.retracted.size).toBe(0);
    expect([...state.facts.keys()]).toEqual(['founded', 'elected-a']);
    expect(state.members.get('a')?.name).toBe('a');
  });

  it('stateFromFacts copies each fact with its corrections, and leaves the given state alone', () => {
    const state = stateOf([
      founded,
      elected('a'),
      fact('FactCorrected', { eventId: 'elected-a', replacement: { type: 'MemberElected', data: { ...elected('a', { name: 'Anna' }).data } } }, 'fix-1'),
    ]);
    const copy = stateFromFacts(state, 'founded');
    expect(copy.facts.get('elected-a')?.corrections).toEqual(['fix-1']);
    expect(copy.council).toBeUndefined();
    expect(copy.members.get('a')?.name).toBe('Anna');
    copy.facts.get('elected-a')?.corrections.push('x');
    expect(state.facts.get('elected-a')?.corrections).toEqual(['fix-1']);
    expect(state.council?.councilId).toBe('cs');
  });
});
