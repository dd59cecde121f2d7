/** Test helper: given(events).when(command).then(events | error). Used by the *.unit.spec.ts files. */
import assert from 'node:assert/strict';
import { CouncilCommand } from './commands';
import { decide, Decision } from './decide';
import { DomainError, RuleViolationError } from './errors';
import { CouncilEvent, EventMetadataV1, NewCouncilEvent, SCHEMA_VERSION, Violation } from './events';
import { evolve } from './evolve';
import { CouncilState, initialState } from './state';

export type GivenEvent = NewCouncilEvent & { id?: string; metadata?: Partial<EventMetadataV1> };

/** Turns new events into recorded ones: ids e1, e2, ... unless given; revisions 0..n-1; positions from 1. */
export function recorded(events: GivenEvent[], firstRevision = 0): CouncilEvent[] {
  return events.map(
    (e, i) =>
      ({
        id: e.id ?? `e${firstRevision + i + 1}`,
        type: e.type,
        data: e.data,
        metadata: { schemaVersion: SCHEMA_VERSION, ...e.metadata },
        revision: BigInt(firstRevision + i),
        position: BigInt(firstRevision + i + 1),
        recordedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, firstRevision + i)),
      }) as CouncilEvent,
  );
}

export function stateOf(events: GivenEvent[]): CouncilState {
  return recorded(events).reduce(evolve, initialState());
}

type ErrorClass = abstract new (...args: never[]) => DomainError;

/**
 * Plain node:assert rather than jest's expect: this file is not a spec, so the production build
 * (tsconfig.build.json, without jest types) compiles it too.
 */
export function given(events: GivenEvent[]) {
  const state = stateOf(events);
  return {
    state,
    when(command: CouncilCommand) {
      let result: Decision | undefined;
      let error: unknown;
      try {
        result = decide(state, command);
      } catch (e) {
        error = e;
      }
      const succeeded = (): Decision => {
        if (error) throw error;
        return result as Decision;
      };
      const outcome = {
        result,
        error,
        /** Expected events (data may be partial: only the keys given are compared), or an error class. */
        then(expected: Array<{ type: string; data?: object }> | ErrorClass) {
          if (typeof expected === 'function') {
            assert.ok(error instanceof expected, `expected ${expected.name}, got ${error ? String(error) : JSON.stringify(result?.events, bigints)}`);
          } else {
            const events = succeeded().events;
            assert.equal(events.length, expected.length, `expected ${expected.length} event(s), got ${events.length}`);
            assertSubset(events, expected, 'events');
          }
          return outcome;
        },
        /** The command is rejected with exactly these rule ids (RuleViolationError). */
        thenViolates(...rules: string[]) {
          assert.ok(error instanceof RuleViolationError, `expected a RuleViolationError, got ${error ? String(error) : 'success'}`);
          assert.deepStrictEqual(error.violations.map((v) => v.rule).sort(), [...rules].sort());
          return outcome;
        },
        thenReply(partial: Record<string, unknown>) {
          assertSubset(succeeded().reply, partial, 'reply');
          return outcome;
        },
      };
      return outcome;
    },
  };
}

function bigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? String(value) : value;
}

/** Like toMatchObject: every key of `expected` must match in `actual`, recursively; arrays match element-wise. */
function assertSubset(actual: unknown, expected: unknown, path: string): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual, bigints)}`);
    expected.forEach((e, i) => assertSubset((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${path}: expected an object, got ${JSON.stringify(actual, bigints)}`);
    for (const [key, value] of Object.entries(expected)) assertSubset((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    return;
  }
  assert.deepStrictEqual(actual, expected, `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual, bigints)}`);
}

/** The violations of a command that must be refused by a rule (fails on any other outcome). */
export function refused(events: GivenEvent[], command: CouncilCommand): Violation[] {
  const { error } = given(events).when(command);
  assert.ok(error instanceof RuleViolationError, `expected a RuleViolationError, got ${error ? String(error) : 'success'}`);
  return error.violations;
}

/** The decision of a command that must be accepted (its error is thrown as it is). */
export function decided(events: GivenEvent[], command: CouncilCommand): Decision {
  const { result, error } = given(events).when(command);
  if (error) throw error;
  return result as Decision;
}
