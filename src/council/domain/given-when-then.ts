/** Test helper: given(events).when(command).then(events | error). Used by the *.unit.spec.ts files. */
import { CouncilCommand } from './commands';
import { decide, Decision } from './decide';
import { DomainError, RuleViolationError } from './errors';
import { CouncilEvent, EventMetadataV1, NewCouncilEvent, SCHEMA_VERSION } from './events';
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
      const outcome = {
        result,
        error,
        /** Expected events (matched with toMatchObject, so data may be partial), or an error class. */
        then(expected: Array<{ type: string; data?: object }> | ErrorClass) {
          if (typeof expected === 'function') {
            expect(error).toBeInstanceOf(expected);
          } else {
            if (error) throw error;
            expect(result!.events).toHaveLength(expected.length);
            expect(result!.events).toMatchObject(expected);
          }
          return outcome;
        },
        /** The command is rejected with exactly these rule ids (RuleViolationError). */
        thenViolates(...rules: string[]) {
          expect(error).toBeInstanceOf(RuleViolationError);
          expect((error as RuleViolationError).violations.map((v) => v.rule).sort()).toEqual([...rules].sort());
          return outcome;
        },
        thenReply(partial: Record<string, unknown>) {
          if (error) throw error;
          expect(result!.reply).toMatchObject(partial);
          return outcome;
        },
      };
      return outcome;
    },
  };
}
