import { join, resolve } from 'node:path';
import { transpileWorker } from './helpers/transpile-worker';

/**
 * Once per `jest` run: the projection worker (src/read-models/projection-worker.ts), the bounded reads'
 * worker, and what they import,
 * transpiled to JavaScript under node_modules/.cache (so packages resolve from the repository's
 * node_modules), for the worker threads the app under test starts: a thread loading TypeScript through
 * ts-node would take seconds to start, and every test app starts one. Child processes forked by tests
 * inherit PROJECTION_WORKER_ENTRY.
 */
export default function globalSetup(): void {
  const root = resolve(__dirname, '..');
  const outDir = join(root, 'node_modules', '.cache', 'council-record', `projection-worker-${process.pid}`);
  process.env.PROJECTION_WORKER_ENTRY = transpileWorker(join(root, 'src', 'read-models', 'projection-worker.ts'), outDir);
  // The bounded reads' worker (src/read-models/bounded/bounded-read-worker.ts), in the same folder.
  process.env.BOUNDED_READ_WORKER_ENTRY = transpileWorker(join(root, 'src', 'read-models', 'bounded', 'bounded-read-worker.ts'), outDir);
  // A rebuild's writer thread (src/read-models/rebuild-writer.ts).
  process.env.REBUILD_WRITER_ENTRY = transpileWorker(join(root, 'src', 'read-models', 'rebuild-writer.ts'), outDir);
}
