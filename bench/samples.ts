/**
 * Repeated samples and their spread, for every phase: one run of a benchmark on a shared machine says little,
 * so each figure is measured SAMPLES times (BENCH_SAMPLES, at least 3) and reported as median (min–max).
 */
export const SAMPLES = Math.max(3, Number(process.env.BENCH_SAMPLES ?? 3) || 3);

export interface Spread {
  min: number;
  median: number;
  max: number;
  n: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { min: NaN, median: NaN, max: NaN, n: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], n: sorted.length };
}

/** Runs `fn` `n` times one after the other (never concurrently: they would measure each other). */
export async function sampled<T>(n: number, fn: (sample: number) => Promise<T>): Promise<T[]> {
  const runs: T[] = [];
  for (let i = 0; i < n; i++) runs.push(await fn(i));
  return runs;
}

/** The spread of one figure over the samples. */
export function spreadOf<T>(runs: readonly T[], figure: (run: T) => number, digits = 3): Spread {
  const s = spread(runs.map(figure));
  const r = (x: number) => Math.round(x * 10 ** digits) / 10 ** digits;
  return { min: r(s.min), median: r(s.median), max: r(s.max), n: s.n };
}

/** The sample whose `figure` is the median (an actual run, so its other fields belong together). */
export function medianRun<T>(runs: readonly T[], figure: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => figure(a) - figure(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** "median (min–max)" for a table cell. */
export function showSpread(s: Spread | undefined, unit = ''): string {
  if (!s || s.n === 0) return 'n/a';
  const f = (x: number) => `${x.toLocaleString('en')}${unit}`;
  return s.n === 1 ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}
