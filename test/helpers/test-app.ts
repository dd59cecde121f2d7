import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/app-config';

export const ADMIN = 'test-admin-token-0123456789';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  dataDir: string;
  http: () => ReturnType<typeof request>;
  /** Authorization header for the bootstrap admin token. */
  admin: { Authorization: string };
  close(): Promise<void>;
}

/** The real application on the real SQLite store in a temp folder (nothing mocked). */
export async function startTestApp(env: Record<string, string> = {}, dataDir?: string): Promise<TestApp> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'council-record-'));
  // Bounded reads wait up to 20 s here, not 1 s: suites share a loaded machine and assert answers, not timings;
  // every voter registers from this one address. test/security/hostile-load.e2e.spec.ts and
  // test/votings/flooding.e2e.spec.ts set their own budgets and limits to see 503, 422 and 429.
  const config = loadConfig({
    DATA_DIR: dir, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'silent', SQLITE_SYNCHRONOUS: 'NORMAL',
    BOUNDED_READ_WAIT_MS: '20000', VOTING_REGISTRATIONS_PER_ADDRESS: '1000000', ...env,
  });
  const app = await createApp(config, { logs: false });
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    config,
    dataDir: dir,
    http: () => request(server),
    admin: { Authorization: `Bearer ${ADMIN}` },
    async close() {
      await app.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
