import { Violation } from './events';

/**
 * How an error is to be answered, said by the error itself: an HTTP status, a stable slug and title, and
 * the figures that go with it. The domain knows nothing of HTTP or of the problem filter; the filter reads
 * any error that has a `problemHint()` (the dependency runs from the API to this neutral shape, not to
 * the domain's classes).
 */
export interface ProblemHint {
  status: number;
  slug: string;
  title: string;
  extra?: Record<string, unknown>;
}

/** Errors decide() throws; each says how it is answered (problemHint), the HTTP layer turns that into a problem. */
export abstract class DomainError extends Error {
  abstract problemHint(): ProblemHint;
}

/** 422: the command is well-formed but breaks one or more of the council's rules. */
export class RuleViolationError extends DomainError {
  constructor(readonly violations: Violation[]) {
    super(violations.map((v) => v.message).join('; '));
    this.name = 'RuleViolationError';
  }

  problemHint(): ProblemHint {
    return {
      status: 422,
      slug: 'rule-violation',
      title: 'The council rules forbid this',
      extra: { rule: this.violations[0]?.rule, violations: this.violations, hint: 'Historians may record the fact as the source states it with "recordAnomaly": true.' },
    };
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

  problemHint(): ProblemHint {
    return { status: 404, slug: `unknown-${this.entity}`, title: `Unknown ${this.entity}`, extra: { entity: this.entity, id: this.id } };
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

  problemHint(): ProblemHint {
    return { status: 409, slug: 'already-exists', title: 'Already exists', extra: { id: this.id } };
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

  problemHint(): ProblemHint {
    return {
      status: 422,
      slug: 'unresolved-name',
      title: this.candidates.length ? 'Ambiguous name' : 'Unknown name',
      extra: { field: this.field, reference: this.reference, candidates: this.candidates },
    };
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

  problemHint(): ProblemHint {
    return { status: 409, slug: this.rule, title: 'Conflicts with the record', extra: { rule: this.rule, figures: this.figures } };
  }
}
