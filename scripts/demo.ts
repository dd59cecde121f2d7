/**
 * `npm run demo`: a fresh data folder, the example datasets imported through the API, the service left
 * running on the embedded store. DATA_DIR (default ./demo-data) and PORT (default 3000) are honoured.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { importRequests, readDataset } from './import';
import { ReadDatabaseInUseError, lockReadDatabase } from '../src/read-models/read-database-lock';
import { readDatabasePath } from '../src/read-models/read-database';

const STORE_FILES = /^(events|read)\.sqlite(-wal|-shm|-journal|\.lock)?$/;

/** The folder holding package.json, whether this runs from scripts/ or from dist/scripts/. */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.DATA_DIR || './demo-data');
  // Only our own database files are removed, never anything else a user keeps in DATA_DIR, and never
  // while a running service owns them (lockReadDatabase throws ReadDatabaseInUseError then).
  lockReadDatabase(readDatabasePath(dataDir))();
  if (existsSync(dataDir)) {
    for (const file of readdirSync(dataDir)) if (STORE_FILES.test(file)) rmSync(join(dataDir, file));
  }
  const adminToken = process.env.ADMIN_TOKEN || `demo-admin-${randomBytes(16).toString('hex')}`;
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, EVENT_STORE: 'sqlite' });
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const base = `http://127.0.0.1:${config.port}`;

  const root = join(repositoryRoot(), 'data');
  const folders = readdirSync(root)
    .filter((f) => existsSync(join(root, f)) && !f.includes('.'))
    .sort((a, b) => (a === 'coordination-council' ? -1 : b === 'coordination-council' ? 1 : a.localeCompare(b)))
    .map((f) => join(root, f));
  const { requests } = readDataset(folders);
  process.stderr.write(`Importing ${requests.length} facts from ${folders.length} councils in ${root}\n`);
  const summary = await importRequests(base, adminToken, requests);
  for (const f of summary.failed) process.stderr.write(`  failed ${f.key}: ${f.status} ${f.detail}\n`);

  process.stdout.write(
    [
      '',
      `council-record demo: ${summary.created} facts recorded, ${summary.failed.length} refused (data in ${dataDir})`,
      `  API        ${base}/api`,
      `  docs       ${base}/api/docs`,
      `  council    ${base}/api/councils/coordination-council/state?at=2013-01-20`,
      `  meetings   ${base}/api/councils/coordination-council/meetings`,
      `  anomalies  ${base}/api/councils/coordination-council/anomalies`,
      `  elections  ${base}/api/councils/coordination-council/elections`,
      `  inferences ${base}/api/councils/coordination-council/inferences  (derived from the figures, not facts)`,
      `  admin token (this run only): ${adminToken}`,
      '',
    ].join('\n'),
  );
}

void main().catch((error) => {
  const detail = error instanceof ReadDatabaseInUseError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`demo failed: ${detail}\n`);
  process.exit(1);
});
