/** The messages between a pipelined rebuild's projecting thread and its writer thread (rebuild-writer.ts). */

/** Slots of the shared Int32Array. */
export const DONE = 0; // runs of ops the writer has applied
export const REPLY = 1; // 1 once an answer waits on the reply port
export const ERROR = 2; // 1 once the writer failed (its answer says why)
export const STATE_SLOTS = 3;

/** Statement ids of a batch's frame in an `ops` run. */
export const BEGIN = -1;
export const COMMIT = -2;

export type ToWriter =
  | { type: 'prepare'; id: number; sql: string }
  | { type: 'ops'; ops: string }
  | { type: 'query'; id: number; args: unknown[]; all: boolean; pluck: boolean }
  | { type: 'close' };

export type FromWriter = { value: unknown } | { error: string };

export interface WriterData {
  path: string;
  /** Pragmas the writer's connection runs first (the rebuild's: no journal, no sync, exclusive lock...). */
  pragmas: string[];
  state: SharedArrayBuffer;
}
