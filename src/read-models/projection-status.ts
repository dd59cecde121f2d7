/** What the projection runner tells the rest of the app: how far the read models have got. */
export const PROJECTION_STATUS = Symbol('PROJECTION_STATUS');

export interface ProjectionStatus {
  /** Global position of the last event applied to every read model, or undefined before the first. */
  checkpoint(): bigint | undefined;
  /** Resolves true once the read models have reached `position`, false if `timeoutMs` passes first. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean>;
  /** Whether the runner has caught up with the store at least once since start. */
  caughtUp(): boolean;
}
