/** Benchmark phases run after the runner's own parts, in this order: one line each. */
import { BenchPhase } from './phase';
import { batchPhase } from './batch.bench';
import { httpFloorPhase } from './http-floor.bench';
import { pagesPhase } from './pages.bench';
import { importPhase } from './import.bench';
import { hostilePhase } from './hostile.bench';

export const PHASES: BenchPhase[] = [
  batchPhase,
  httpFloorPhase,
  pagesPhase,
  importPhase,
  hostilePhase,
];
