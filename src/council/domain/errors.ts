import { Violation } from './events';

/** Errors decide() throws; the HTTP layer maps each to a problem response. */
export abstract class DomainError extends Error {}

/** 422: the command is well-formed but breaks one or more of the council's rules. */
export class RuleViolationError extends DomainError {
  constructor(readonly violations: Violation[]) {
    super(violations.map((v) => v.message).join('; '));
    this.name = 'RuleViolationError';
  }
}

/** 404: the council, member, meeting, motion, officer role or event does not exist. */
export class NotFoundError extends DomainError {
  constructor(
    readonly entity: 'council' | 'member' | 'meeting' | 'motion' | 'officer' | 'event' | 'election' | 'group',
    readonly id: string,
  ) {
    super(`Unknown ${entity} ${JSON.stringify(id)}`);
    this.name = 'NotFoundError';
  }
}

/** 409: the thing to create exists already (a council id, a member id, a meeting id...). */
export class AlreadyExistsError extends DomainError {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${JSON.stringify(id)} already exists`);
    this.name = 'AlreadyExistsError';
  }
}

/** 422: a name or alias that matches no member, or more than one. */
export class NameResolutionError extends DomainError {
  constructor(
    readonly field: string,
    readonly reference: string,
    readonly candidates: Array<{ memberId: string; name: string; aliases: string[] }>,
  ) {
    super(
      candidates.length === 0
        ? `${field}: no member is called ${JSON.stringify(reference)}`
        : `${field}: ${JSON.stringify(reference)} could be ${candidates.map((c) => `${c.name} (${c.memberId})`).join(' or ')}`,
    );
    this.name = 'NameResolutionError';
  }
}

/**
 * 409: the request would record something that clashes with a fact already on record, and only the
 * request can say it means a different thing (e.g. a second meeting on a day that has one, without a
 * number or kind to tell them apart). Names the rule and the fact it clashes with; `recordAnomaly`
 * does not override it.
 */
export class ConflictError extends DomainError {
  constructor(
    readonly rule: string,
    message: string,
    readonly figures: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}
