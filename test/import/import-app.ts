import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { Writable } from 'node:stream';
import { ApiClient } from '../../src/import/api-client';
import { CliArgs, parseArgs, runCli } from '../../src/import/cli';
import { ImportPlan } from '../../src/import/model';

export const ADMIN = 'import-test-admin-token-0123456789';

/** The real application listening on a local port (the importers speak HTTP to it), on SQLite in a temp folder. */
export async function startListening(env: Record<string, string> = {}): Promise<{
  app: INestApplication;
  client: ApiClient;
  url: string;
  get: (path: string) => Promise<any>;
  close: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'council-import-'));
  const config = loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'silent', SQLITE_SYNCHRONOUS: 'NORMAL', ...env });
  const app = await createApp(config, { logs: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  const client = new ApiClient(url, ADMIN);
  return {
    app,
    client,
    url,
    /** A read once the projections have caught up with everything written so far. */
    async get(path: string) {
      const head = await client.headPosition();
      const res = await client.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`);
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The importer's command line (parsed, planned, run) against a running service; what it printed, and its result. */
export async function runCliAgainst(client: ApiClient, keyPrefix: string, plan: (args: CliArgs) => Promise<ImportPlan>, argv: string[]) {
  let output = '';
  const err = new Writable({ write(chunk, _e, done) { output += String(chunk); done(); } });
  const result = await runCli(parseArgs([...argv, '--quiet'], 'usage'), plan, async () => client, keyPrefix, err);
  return { ...result, output };
}
