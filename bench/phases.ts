/** Benchmark phases run after the runner's own parts, in this order: one line each. */
import { BenchPhase } from './phase';
import { batchPhase } from './batch.bench';
import { httpFloorPhase } from './http-floor.bench';
import { pagesPhase } from './pages.bench';

export const PHASES: BenchPhase[] = [
  batchPhase,
  httpFloorPhase,
  pagesPhase,
];
