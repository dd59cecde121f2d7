import 'reflect-metadata';
import { createApp } from './bootstrap';
import { loadConfigOrExit } from './config/app-config';

async function main(): Promise<void> {
  // Files the service creates (DATA_DIR: events.sqlite, ballot-pool.sqlite, read.sqlite, their -wal, the
  // secrets) are readable by its own user only: 0600 files in 0700 folders.
  process.umask(0o077);
  const config = loadConfigOrExit();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  process.stdout.write(
    `council-record listening on http://localhost:${config.port}/api (store: ${config.eventStore}, data: ${config.dataDir})\n`,
  );
}

void main();
