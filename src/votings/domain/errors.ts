/** Errors the voting decisions throw; the HTTP slice maps each to a problem response. */
export abstract class VotingError extends Error {}

/** 422 (or 409 for `already-voted`): a rule of the voting refuses the request. `figures` say why. */
export class VotingRuleError extends VotingError {
  constructor(
    readonly rule: string,
    message: string,
    readonly figures: Record<string, unknown> = {},
    readonly status: 409 | 422 = 422,
  ) {
    super(message);
    this.name = 'VotingRuleError';
  }
}

/** 404: the voting or the voter does not exist. */
export class VotingNotFoundError extends VotingError {
  constructor(
    readonly entity: 'voting' | 'voter',
    readonly id: string,
  ) {
    super(`Unknown ${entity} ${JSON.stringify(id)}`);
    this.name = 'VotingNotFoundError';
  }
}
