/** What the projection runner tells the rest of the app: how far the read models have got. */
export const PROJECTION_STATUS = Symbol('PROJECTION_STATUS');

/** An event a projection failed on, set aside so that the others go on (GET /api/projections). */
export interface ParkedEvent {
  eventId: string;
  /** The projection that failed; `core` means the event was applied to none. */
  projection: string;
  position: string;
  streamId: string;
  revision: number;
  type: string;
  error: string;
  attempts: number;
  parkedAt: string;
}

export interface RetryOutcome {
  eventId: string;
  results: Array<{ projection: string; applied: boolean; error?: string }>;
}

/**
 * running: applying or waiting for events; paused: a batch failed for a reason that passes (a full disk, the
 * store unavailable) and is retried from the checkpoint; failed: stopped for a reason that needs an operator
 * (the store refuses the subscription, or is not the one the read database was built from).
 */
export type RunnerState = 'starting' | 'running' | 'paused' | 'failed' | 'stopped';

export interface ProjectionStatus {
  /** Global position of the last event applied to every read model, or undefined before the first. */
  checkpoint(): bigint | undefined;
  /** Resolves true once the read models have reached `position`, false if `timeoutMs` passes first. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean>;
  /** Whether the runner has caught up with the store at least once since start. */
  caughtUp(): boolean;
  /** Optional for test doubles. */
  state?(): { state: RunnerState; error?: string; failures: number };
  parked?(): ParkedEvent[];
  /** The projections the runner applies, in order (name@version). */
  projectionNames?(): Array<{ name: string; version: number }>;
  retryParked?(eventId: string): Promise<RetryOutcome | undefined>;
}
