/**
 * The projection worker: a worker thread (started by ProjectionWorkerHost) that runs the same
 * ProjectionRunner as the main thread would, on its own connections to the event store and the read
 * database, and reports its checkpoint and state to the main thread. Only plain modules are loaded here
 * (no Nest): the store adapter, the read database and the projections.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EventStore } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { ProjectionRunner } from './projection-runner';
import { ReadDatabaseMismatchError } from './projection-failures';
import { allProjections, openReadDatabase } from './read-database';
import type { FromWorker, ToWorker, WorkerOptions } from './projection-worker-messages';

function openStore(options: WorkerOptions['store']): EventStore {
  if (options.kind === 'sqlite') {
    return new SqliteEventStore({ path: options.path, synchronous: options.synchronous, pollIntervalMs: options.pollIntervalMs });
  }
  // Loaded only here: the EventStoreDB client is large and unused on the embedded store.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventStoreDbEventStore } = require('../event-store/eventstoredb/esdb-event-store') as typeof import('../event-store/eventstoredb/esdb-event-store');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SERVICE_STREAM_PREFIXES } = require('../event-store/eventstoredb/service-streams') as typeof import('../event-store/eventstoredb/service-streams');
  return new EventStoreDbEventStore({
    connectionString: options.connectionString,
    streamPrefixes: SERVICE_STREAM_PREFIXES,
    log: { warn: (message) => post({ type: 'log', level: 'warn', message }), error: (message) => post({ type: 'log', level: 'error', message }) },
  });
}

function post(message: FromWorker): void {
  parentPort!.postMessage(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function main(): void {
  const options = workerData as WorkerOptions;
  const store = openStore(options.store);
  const projections = allProjections();
  const db = openReadDatabase(options.readPath, projections);
  const runner: ProjectionRunner = new ProjectionRunner(store, db, projections, {
    batchSize: options.batchSize,
    retryDelayMs: options.retryDelayMs,
    log: { error: (message) => post({ type: 'log', level: 'error', message }), log: (message) => post({ type: 'log', level: 'log', message }) },
    onChange: () => report(),
  });
  const report = () => {
    const checkpoint = runner.checkpoint();
    post({ type: 'status', checkpoint: checkpoint?.toString(), caughtUp: runner.caughtUp(), state: runner.state() });
  };

  let stopping = false;
  const started = () => {
    if (stopping) return; // stopped while the store was being checked: nothing to start
    runner.start();
    report();
    post({ type: 'started' });
  };
  parentPort!.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'wake':
        store.notifyCommitted?.();
        return;
      case 'start':
        runner.verifyStore().then(started, (error: unknown) => {
          if (error instanceof ReadDatabaseMismatchError) post({ type: 'started', mismatch: error.detail });
          // The store does not answer yet: the runner verifies again and retries, as on the main thread.
          else started();
        });
        return;
      case 'retry':
        runner.retryParked(message.eventId).then(
          (outcome) => post({ type: 'retried', requestId: message.requestId, outcome }),
          (error: unknown) => post({ type: 'retried', requestId: message.requestId, error: describe(error) }),
        );
        return;
      case 'stop':
        stopping = true;
        void (async () => {
          await runner.stop();
          await store.close();
          db.close();
          post({ type: 'stopped' });
          parentPort!.close();
        })();
        return;
    }
  });
  report();
}

main();
