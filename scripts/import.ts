/**
 * Imports a dataset folder (see data/README.md) through the HTTP API, so every fact takes the same path
 * as a secretary's request: validation, rules, idempotency. Importing twice changes nothing.
 *
 *   npm run import -- data/coordination-council [more folders...]
 *
 * With API_URL set it sends to a running service (with API_TOKEN); otherwise it starts the application
 * in-process on DATA_DIR (default ./data) and uses a one-off admin token. A 429 or 503 is waited out as its
 * Retry-After says, then the request is sent again (same Idempotency-Key: never recorded twice).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { fetchRespectingRetryAfter } from './retrying-fetch';

export interface DatasetRequest {
  key: string;
  method: 'POST';
  path: string;
  body: Record<string, unknown>;
}

export interface ImportSummary {
  files: number;
  requests: number;
  created: number;
  replayed: number;
  failed: Array<{ key: string; status: number; detail: string }>;
  lastPosition?: string;
}

/** Dataset files in import order: folders as given, files by name, requests in array order. */
export function readDataset(folders: string[]): { files: string[]; requests: DatasetRequest[] } {
  const files: string[] = [];
  for (const folder of folders) {
    const dir = resolve(folder);
    if (!existsSync(dir)) throw new Error(`No such folder: ${folder}`);
    const jsonFiles = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    const nested = readdirSync(dir)
      .filter((f) => statSync(join(dir, f)).isDirectory())
      .sort()
      .flatMap((f) => readDataset([join(dir, f)]).files);
    files.push(...jsonFiles.map((f) => join(dir, f)), ...nested);
  }
  const requests: DatasetRequest[] = [];
  const keys = new Set<string>();
  for (const file of files) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { requests?: DatasetRequest[] };
    for (const r of parsed.requests ?? []) {
      if (keys.has(r.key)) throw new Error(`${file}: key ${r.key} is used twice`);
      keys.add(r.key);
      requests.push(r);
    }
  }
  return { files, requests };
}

function progress(done: number, total: number, label: string): void {
  if (!process.stderr.isTTY) {
    if (done === total || done % 25 === 0) process.stderr.write(`  ${done}/${total} ${label}\n`);
    return;
  }
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label.slice(0, 40).padEnd(40)}`);
  if (done === total) process.stderr.write('\n');
}

export async function importRequests(
  baseUrl: string,
  token: string,
  requests: DatasetRequest[],
  options: { progress?: boolean } = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { files: 0, requests: requests.length, created: 0, replayed: 0, failed: [] };
  for (const [i, r] of requests.entries()) {
    const response = await fetchRespectingRetryAfter(baseUrl + r.path, {
      method: r.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': r.key },
      body: JSON.stringify(r.body),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status === 201) {
      summary.created += 1;
      summary.lastPosition = String(body.position);
    } else {
      summary.failed.push({ key: r.key, status: response.status, detail: String(body.detail ?? response.statusText) });
    }
    if (options.progress !== false) progress(i + 1, requests.length, r.key);
  }
  return summary;
}

async function main(): Promise<void> {
  const folders = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (folders.length === 0) {
    process.stderr.write('usage: npm run import -- <dataset folder> [more folders...]\n');
    process.exit(2);
  }
  const { files, requests } = readDataset(folders);
  process.stderr.write(`Importing ${requests.length} requests from ${files.length} files\n`);
  let summary: ImportSummary;
  if (process.env.API_URL) {
    summary = await importRequests(process.env.API_URL.replace(/\/$/, ''), process.env.API_TOKEN ?? '', requests);
  } else {
    const token = process.env.ADMIN_TOKEN || `import-${randomBytes(24).toString('hex')}`;
    const config = loadConfig({ ...process.env, ADMIN_TOKEN: token, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
    const app = await createApp(config, { logs: false });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    try {
      summary = await importRequests(`http://127.0.0.1:${address.port}`, token, requests);
    } finally {
      await app.close();
    }
  }
  summary.files = files.length;
  process.stderr.write(
    `Imported: ${summary.created} answered 201 (new or replayed by idempotency key), ${summary.failed.length} failed\n`,
  );
  for (const f of summary.failed) process.stderr.write(`  ${f.key}: ${f.status} ${f.detail}\n`);
  process.exit(summary.failed.length > 0 ? 1 : 0);
}

if (require.main === module) void main();
