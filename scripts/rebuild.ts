/**
 * npm run rebuild — rebuilds every read model in DATA_DIR/read.sqlite from the first event in the store.
 * Refuses while the service (or another rebuild) holds the read database: stop it first.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '../src/config/app-config';
import { createEventStore } from '../src/event-store/event-store.module';
import { readDatabasePath } from '../src/read-models/read-database';
import { rebuildReadDatabase } from '../src/read-models/rebuild';
import { ReadDatabaseInUseError } from '../src/read-models/read-database-lock';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const store = createEventStore(config);
  const path = readDatabasePath(config.dataDir);
  try {
    const result = await rebuildReadDatabase(store, path, {
      onProgress: (position) => process.stderr.write(`  ... at position ${position}\n`),
      log: (message) => process.stderr.write(`${message}\n`),
    });
    const rate = result.ms > 0 ? Math.round((result.events / result.ms) * 1000) : result.events;
    process.stdout.write(
      `Rebuilt ${path} from ${result.events} events (up to position ${result.position ?? 'none'}) in ${result.ms} ms (${rate} events/s${result.pipelined ? ', writes on a writer thread' : ', one thread'}; building the indexes took ${result.finishMs} ms of it)\n`,
    );
    if (result.parked > 0) {
      process.stderr.write(`${result.parked} event(s) parked: a projection failed on them; see GET /api/projections and docs/operations.md\n`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  const detail = error instanceof ReadDatabaseInUseError ? error.message : error instanceof Error ? error.stack ?? error.message : String(error);
  process.stderr.write(`Rebuild failed: ${detail}\n`);
  process.exit(1);
});
