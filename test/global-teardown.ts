import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Removes the projection worker transpiled by global-setup.ts for this run. */
export default function globalTeardown(): void {
  const entry = process.env.PROJECTION_WORKER_ENTRY;
  const marker = join('node_modules', '.cache', 'council-record');
  if (!entry || !entry.includes(marker)) return;
  // entry: <cache>/projection-worker-<pid>/src/read-models/projection-worker.js
  rmSync(dirname(dirname(dirname(entry))), { recursive: true, force: true });
}
