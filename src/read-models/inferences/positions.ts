/**
 * Departures placed between the figures' days. With the figures' days d_1 < … < d_K, a departure takes a
 * position p: the first k with t ≤ d_k, or K+1 for after the last. The figures fix how many members are gone
 * by each d_k; whether the recorded departures can take positions within their ranges to give exactly those
 * counts is an interval assignment, decided exactly by earliest-deadline-first (`feasible`).
 */

export interface Problem {
  days: number[];
  /** Recorded departures that must be gone by d_k, for k = 1..K (index k-1). */
  goneBy: number[];
  ranges: Map<string, { a: number; b: number }>;
}

/** A departure as the feasibility check sees it: its id and the first and last day out it may have. */
export interface PlacedDeparture {
  id: string;
  lo: number;
  hi: number;
}

/**
 * The problem for the figures `days[k]` / `goneBy[k]` (members elected by the day minus the figure), with
 * `shift[k]` added to each count: +1 for every unrecorded arrival by d_k, −1 for every unrecorded departure
 * by d_k (an explanation's own changes; none for the record as it is).
 */
export function problem(days: readonly number[], goneBy: readonly number[], departures: readonly PlacedDeparture[], shift?: readonly number[]): Problem {
  const ranges = new Map<string, { a: number; b: number }>();
  for (const d of departures) ranges.set(d.id, { a: positionOf(days, d.lo), b: positionOf(days, d.hi) });
  return { days: [...days], goneBy: goneBy.map((g, k) => g + (shift?.[k] ?? 0)), ranges };
}

/** The position of a first day out: the first k (1-based) with day ≤ d_k, K+1 after the last. */
export function positionOf(days: readonly number[], day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] >= day) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

/**
 * Whether every departure can take a position within its range so that exactly goneBy[k] members are gone
 * by each d_k (optionally with one member pinned to a position). Earliest deadline first: at each position
 * take the required number of departures with the earliest last position among those that may be there.
 */
export function feasible(p: Problem, pinned?: string, at?: number): boolean {
  const items = [...p.ranges.entries()].map(([id, r]) => (id === pinned ? { a: at!, b: at! } : r));
  items.sort((x, y) => x.a - y.a);
  const waiting: number[] = []; // the b of each departure that may already take a position, kept sorted
  let next = 0;
  let before = 0;
  for (let k = 1; k <= p.days.length; k++) {
    while (next < items.length && items[next].a <= k) insertSorted(waiting, items[next++].b);
    if (waiting.length > 0 && waiting[0] < k) return false; // a departure that had to happen before d_{k-1}… missed
    const demand = p.goneBy[k - 1] - before;
    if (demand < 0 || waiting.length < demand) return false;
    waiting.splice(0, demand);
    before = p.goneBy[k - 1];
  }
  return waiting.every((b) => b > p.days.length) && items.slice(next).every((i) => i.b > p.days.length);
}

/** The first and last feasible position of one departure within its range (undefined when none is). */
export function feasibleHull(p: Problem, id: string): { first?: number; last?: number } {
  const range = p.ranges.get(id)!;
  let first: number | undefined;
  let last: number | undefined;
  for (let k = range.a; k <= range.b && first === undefined; k++) if (feasible(p, id, k)) first = k;
  for (let k = range.b; k >= (first ?? range.b + 1) && last === undefined; k--) if (feasible(p, id, k)) last = k;
  return { first, last };
}

function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1] > value) i -= 1;
  list.splice(i, 0, value);
}
