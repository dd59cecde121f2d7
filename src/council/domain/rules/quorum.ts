import { DerivedMembership, QuorumFigures, QuorumRule } from '../events';
import { reject } from '../violations';

/**
 * Members needed for a quorum, with the certain membership and with every undecidable member counted in.
 * `majority-of-members`: more than half of the members in office, floor(n/2)+1.
 * `majority-of-seats` needs the seat count: when the record does not hold it (issue 25) the figure cannot
 * be computed, and that is a 422 `seats-unknown`, never a quorum of 1 (a majority of 0 seats).
 */
export function quorumFigures(rule: QuorumRule, seats: number | undefined, membership: DerivedMembership): QuorumFigures {
  if (rule === 'majority-of-members') {
    return {
      rule,
      required: majority(membership.certain),
      requiredIfAllUncertainIn: majority(membership.certain + membership.uncertain),
    };
  }
  if (rule === 'majority-of-seats') {
    if (seats === undefined) rejectSeatsUnknown('the quorum rule majority-of-seats');
    return { rule, required: majority(seats), requiredIfAllUncertainIn: majority(seats) };
  }
  return { rule, required: rule.atLeast, requiredIfAllUncertainIn: rule.atLeast };
}

/** Held when `present` reaches the quorum whatever the undecidable members were; failed when it reaches none. */
export function judgeQuorum(present: number, quorum: QuorumFigures): 'held' | 'quorum-failed' | 'undecidable' {
  const lowest = Math.min(quorum.required, quorum.requiredIfAllUncertainIn);
  const highest = Math.max(quorum.required, quorum.requiredIfAllUncertainIn);
  if (present >= highest) return 'held';
  if (present < lowest) return 'quorum-failed';
  return 'undecidable';
}

/** More than half of n. */
export function majority(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** `seats-unknown`: a figure that needs the council's seat count, which the record does not hold. */
export function rejectSeatsUnknown(what: string): never {
  return reject('seats-unknown', `${what} needs the council's seat count, which the record does not give`, { seats: null, needs: what });
}
