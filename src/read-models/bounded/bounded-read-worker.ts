import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { BoundedJobs, JobRequest } from './bounded-jobs';

/**
 * A worker thread of BoundedReads: its own read-only connection to the read database, one job at a time.
 * The thread that answers HTTP never runs these jobs, so it never waits for them.
 */
const { path } = workerData as { path: string };
const db = new Database(path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const jobs = new BoundedJobs(db);

parentPort!.on('message', (message: { id: number; request: JobRequest }) => {
  const outcome = jobs.run(message.request);
  parentPort!.postMessage({ id: message.id, outcome });
});
// Loaded: from now on the host may give this thread jobs, and may terminate it (see Slot.ready).
parentPort!.postMessage({ ready: true });
