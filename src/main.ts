import 'reflect-metadata';
import { createApp } from './bootstrap';
import { loadConfigOrExit } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  process.stdout.write(
    `council-record listening on http://localhost:${config.port}/api (store: ${config.eventStore}, data: ${config.dataDir})\n`,
  );
}

void main();
