import { elected, founded } from './fixtures';
import { recorded, stateOf } from './given-when-then';
import { evolve } from './evolve';
import { initialState } from './state';

describe('evolve', () => {
  it('builds the idempotency map from event metadata, one entry per batch', () => {
    const state = stateOf([
      { ...founded, metadata: { idempotencyKey: 'k1', requestHash: 'h1', reply: { councilId: 'cs' } } },
      { ...elected('a'), metadata: { idempotencyKey: 'k2', requestHash: 'h2', reply: { memberId: 'a' } } },
      { ...elected('b'), metadata: { idempotencyKey: 'k2', requestHash: 'h2', reply: { memberId: 'a' } } },
      elected('c'),
    ]);
    expect(state.requests.size).toBe(2);
    expect(state.requests.get('k1')).toEqual({ requestHash: 'h1', reply: { councilId: 'cs' }, eventIds: ['founded'], position: 1n });
    expect(state.requests.get('k2')).toEqual({ requestHash: 'h2', reply: { memberId: 'a' }, eventIds: ['elected-a', 'elected-b'], position: 3n });
    expect(state.revision).toBe(3n);
  });

  it('keeps facts by event id in record order and indexes names', () => {
    const state = stateOf([founded, elected('kralin', { name: 'Vladlen Kralin', aliases: ['Vladimir Tor'] })]);
    expect([...state.facts.keys()]).toEqual(['founded', 'elected-kralin']);
    expect(state.nameIndex.get('vladimir tor')).toEqual(new Set(['kralin']));
    expect(state.council?.curiae.get('liberal')?.seats).toBe(5);
  });

  it('mutates and returns the state it is given (documented: the handler owns one state per council)', () => {
    const state = initialState();
    const [event] = recorded([founded]);
    expect(evolve(state, event)).toBe(state);
    expect(state.council?.councilId).toBe('cs');
  });
});
