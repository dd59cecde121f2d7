/** A step of a plan refused: which one, and why. */
export class StepError extends Error {
  constructor(
    readonly label: string,
    override readonly cause: unknown,
  ) {
    super(`${label}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StepError';
  }
}

/** An item of a batch refused (by validation, access or a rule): the whole batch is refused. */
export class BatchItemError extends Error {
  constructor(
    readonly index: number,
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`item ${index} (${path}): ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'BatchItemError';
  }
}
