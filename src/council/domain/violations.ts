import { Violation } from './events';
import { RuleViolationError } from './errors';

/** Collects the rules a command breaks, so that one 422 lists all of them. */
export class Findings {
  readonly violations: Violation[] = [];

  add(rule: string, message: string, figures: Record<string, unknown> = {}): void {
    this.violations.push({ rule, message, figures });
  }

  /**
   * Throws RuleViolationError when anything was found, unless the command records anomalies: then the
   * violations are returned to be kept on the event (`anomalies`), or undefined when there are none.
   */
  settle(recordAnomaly: boolean | undefined): Violation[] | undefined {
    if (this.violations.length === 0) return undefined;
    if (!recordAnomaly) throw new RuleViolationError(this.violations);
    return this.violations;
  }
}

/** A violation that `recordAnomaly` cannot override (the request itself makes no sense). */
export function reject(rule: string, message: string, figures: Record<string, unknown> = {}): never {
  throw new RuleViolationError([{ rule, message, figures }]);
}
