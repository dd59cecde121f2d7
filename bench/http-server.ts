/** The whole application in its own process for the HTTP benchmark: listens on 127.0.0.1 and a free port. */
import 'reflect-metadata';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config, { logs: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.send!({ port: address.port });
  process.on('message', (m) => {
    if (m === 'stop') void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`http-server: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
