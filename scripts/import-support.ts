/**
 * Shared by the importers' command lines: with API_URL they send to a running service (with API_TOKEN);
 * otherwise they start the application in-process on DATA_DIR (default ./data) with a one-off admin token,
 * so every fact still goes through the HTTP API.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { ApiClient } from '../src/import/api-client';
import { CliArgs, UsageError, parseArgs, runCli } from '../src/import/cli';
import { ImportPlan } from '../src/import/model';

export async function importMain(usage: string, keyPrefix: string, plan: (args: CliArgs) => Promise<ImportPlan>): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2), usage);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  }
  let app: INestApplication | undefined;
  const client = async () => {
    if (process.env.API_URL) return new ApiClient(process.env.API_URL.replace(/\/$/, ''), process.env.API_TOKEN ?? '');
    const token = process.env.ADMIN_TOKEN || `import-${randomBytes(24).toString('hex')}`;
    const config = loadConfig({ ...process.env, ADMIN_TOKEN: token, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
    app = await createApp(config, { logs: false });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    return new ApiClient(`http://127.0.0.1:${port}`, token);
  };
  try {
    const { code } = await runCli(args, plan, client, keyPrefix);
    process.exitCode = code;
  } finally {
    await app?.close();
  }
}
