/** Test helper for the voting rules: given(events).when(decision).then(events | rule). Plain node:assert. */
import assert from 'node:assert/strict';
import { NewVotingEvent } from './events';
import { VotingError, VotingRuleError } from './errors';
import { evolve } from './evolve';
import { VotingState, initialVotingState } from './state';

export function votingState(events: NewVotingEvent[]): VotingState {
  return events.reduce((s, e, i) => evolve(s, { ...e, revision: BigInt(i) }), initialVotingState());
}

export function given(events: NewVotingEvent[]) {
  const state = votingState(events);
  return {
    state,
    when<T>(decision: (state: VotingState) => T) {
      let result: T | undefined;
      let error: unknown;
      try {
        result = decision(state);
      } catch (e) {
        error = e;
      }
      const outcome = {
        result,
        error,
        then(check: (result: T) => void) {
          if (error) throw error;
          check(result as T);
          return outcome;
        },
        /** Refused by this rule, with these figures (a subset). */
        thenRefused(rule: string, figures: Record<string, unknown> = {}, status: 409 | 422 = 422) {
          assert.ok(error instanceof VotingRuleError, `expected the rule ${rule} to refuse, got ${error ? String(error) : 'success'}`);
          assert.equal(error.rule, rule, error.message);
          assert.equal(error.status, status);
          for (const [k, v] of Object.entries(figures)) assert.deepStrictEqual(error.figures[k], v, `figure ${k}`);
          return outcome;
        },
        thenError(kind: abstract new (...args: never[]) => VotingError) {
          assert.ok(error instanceof kind, `expected ${kind.name}, got ${error ? String(error) : 'success'}`);
          return outcome;
        },
      };
      return outcome;
    },
  };
}
