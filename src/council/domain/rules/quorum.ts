import { DerivedMembership, QuorumFigures, QuorumRule } from '../events';

/**
 * Members needed for a quorum, with the certain membership and with every undecidable member counted in.
 * `majority-of-members`: more than half of the members in office, floor(n/2)+1.
 */
export function quorumFigures(rule: QuorumRule, seats: number, membership: DerivedMembership): QuorumFigures {
  if (rule === 'majority-of-members') {
    return {
      rule,
      required: majority(membership.certain),
      requiredIfAllUncertainIn: majority(membership.certain + membership.uncertain),
    };
  }
  if (rule === 'majority-of-seats') return { rule, required: majority(seats), requiredIfAllUncertainIn: majority(seats) };
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
