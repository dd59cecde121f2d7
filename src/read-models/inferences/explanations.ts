import { Problem, feasible } from './positions';

/**
 * Explanations beyond the record: departures or arrivals the record does not hold, each placed only by the
 * figures around it ("after the figure of d_{p-1}, by the figure of d_p"). Who left or joined is not known,
 * only when relative to the figures; so a change is a kind and a position 1..K, and an explanation is a set
 * of them. The fewest that make every figure fit are searched for, smallest first.
 */
export interface UnrecordedChange {
  kind: 'departure' | 'arrival';
  /** 1-based: on some day after d_{position-1} (or before the first figure) and on or before d_position. */
  position: number;
}

export interface SearchLimits {
  /** The most unrecorded changes an explanation may have; beyond it figures are set aside instead. */
  maxChanges: number;
  /** The most feasibility checks the search may make. */
  maxChecks: number;
  /** The most explanations with the fewest changes; more than this and the search gives up. */
  maxExplanations: number;
  /**
   * The most work (feasibility checks × departures and figures each check walks) the search and the reading
   * of its explanations may take: a large council with clashing figures gets `searchStopped`, not a stall.
   */
  maxWork: number;
}

export type SearchOutcome =
  | { found: true; changes: number; explanations: UnrecordedChange[][] }
  | { found: false; why: string };

/** Net count shift per position: each arrival by d_k adds one to the departures the record must supply. */
export function shiftOf(changes: readonly UnrecordedChange[], positions: number): number[] {
  const shift = new Array<number>(positions).fill(0);
  for (const c of changes) for (let k = c.position; k <= positions; k++) shift[k - 1] += c.kind === 'arrival' ? 1 : -1;
  return shift;
}

export function shifted(p: Problem, changes: readonly UnrecordedChange[]): Problem {
  const shift = shiftOf(changes, p.days.length);
  return { days: p.days, goneBy: p.goneBy.map((g, k) => g + shift[k]), ranges: p.ranges };
}

/**
 * The fewest unrecorded changes that make every figure of `base` fit, and every set of that size that does.
 * `maxDepartures` bounds the unrecorded departures (only members with no recorded departure can be them).
 */
export function fewestChanges(base: Problem, maxDepartures: number, limits: SearchLimits): SearchOutcome {
  const positions = base.days.length;
  const cost = base.ranges.size + positions + 1;
  const maxChecks = Math.min(limits.maxChecks, Math.floor(limits.maxWork / cost));
  let checks = 0;
  for (let size = 1; size <= limits.maxChanges; size++) {
    const found: UnrecordedChange[][] = [];
    for (const changes of changeSets(positions, size, maxDepartures)) {
      if (++checks > maxChecks) return { found: false, why: `the search for unrecorded departures or arrivals stopped after ${maxChecks} checks` };
      if (!feasible(shifted(base, changes))) continue;
      found.push(changes);
      if (found.length > limits.maxExplanations) {
        return { found: false, why: `more than ${limits.maxExplanations} explanations with ${size} unrecorded departures or arrivals each` };
      }
    }
    // Reading each explanation takes up to two feasibility checks per position for every departure.
    if (found.length > 0 && found.length * base.ranges.size * 2 * (positions + 1) * cost > limits.maxWork) {
      return { found: false, why: `reading ${found.length} explanations of ${base.ranges.size} departures would exceed the work limit` };
    }
    if (found.length > 0) return { found: true, changes: size, explanations: found };
  }
  return { found: false, why: `no explanation with at most ${limits.maxChanges} unrecorded departures or arrivals fits every figure` };
}

/**
 * Every set of `size` changes over positions 1..K: departures at some positions and arrivals at others
 * (never both at one position: they would cancel, and a smaller set would do), at most `maxDepartures`
 * departures. Departures first, then arrivals, each in non-decreasing position order.
 */
export function* changeSets(positions: number, size: number, maxDepartures: number): Generator<UnrecordedChange[]> {
  for (let departures = Math.min(size, maxDepartures); departures >= 0; departures--) {
    for (const dep of multisets(positions, departures)) {
      const taken = new Set(dep);
      for (const arr of multisets(positions, size - departures)) {
        if (arr.some((p) => taken.has(p))) continue;
        yield [...dep.map((position) => ({ kind: 'departure' as const, position })), ...arr.map((position) => ({ kind: 'arrival' as const, position }))];
      }
    }
  }
}

function* multisets(positions: number, size: number, from = 1): Generator<number[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let p = from; p <= positions; p++) for (const rest of multisets(positions, size - 1, p)) yield [p, ...rest];
}
