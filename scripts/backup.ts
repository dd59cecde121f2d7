/**
 * npm run backup -- <file> — an online, consistent copy of the embedded event store (DATA_DIR/events.sqlite),
 * taken while the service runs and writes. Restore: stop the service, copy the file back as
 * DATA_DIR/events.sqlite (remove events.sqlite-wal and -shm), run `npm run rebuild`, start. See docs/operations.md.
 */
import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { loadConfigOrExit } from '../src/config/app-config';
import { backupSqliteStore } from '../src/event-store/sqlite/backup';

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) {
    process.stderr.write('Usage: npm run backup -- <file>\n');
    process.exit(2);
  }
  const config = loadConfigOrExit();
  if (config.eventStore !== 'sqlite') {
    process.stderr.write('EVENT_STORE is eventstoredb: back it up with EventStoreDB\'s own tools (docs/operations.md).\n');
    process.exit(2);
  }
  const source = join(config.dataDir, 'events.sqlite');
  const result = await backupSqliteStore(source, resolve(target));
  process.stdout.write(
    `Backed up ${source} to ${resolve(target)}: ${result.events} events up to position ${result.position ?? 'none'}, ` +
      `${result.bytes} bytes, in ${result.ms} ms\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
