/**
 * Import: a generated Popolo parliament (200 seats, 2,000 vote events, 400,000 votes; a tenth in --quick)
 * recorded by the Popolo importer (`planPopolo` + `runImport`: streamed from the file, through
 * POST .../batch over HTTP), against the batch figure of the same run: the same roll calls, built in
 * memory and posted as batches of the same size straight to the endpoint. Both go to the whole app in a
 * child process on the durable store (SQLITE_SYNCHRONOUS=FULL), each into its own council.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient } from '../src/import/api-client';
import { planPopolo } from '../src/import/popolo/popolo-plan';
import { runImport } from '../src/import/run-import';
import { CACHE_DIR, Rng, ensureDir, log, round } from './common';
import { BenchPhase } from './phase';

export interface ImportBenchResult {
  seats: number;
  voteEvents: number;
  votes: number;
  fileMb: number;
  /** Votes per second through the importer, the whole import (founding, members, sittings) included. */
  importVotesPerSec: number;
  /** Votes per second of the same roll calls posted as prebuilt batches (the batch figure). */
  batchVotesPerSec: number;
  ratio: number;
  importSeconds: number;
  batchSeconds: number;
  /** Peak RSS of the bench process while it imported (the importer runs in it; the app does not). */
  importPeakRssMb: number;
  rollCallsPerBatch: number;
}

const SEATS = 200;
const SITTINGS_EVERY = 20;

/** The parliament as Popolo JSON, written as a stream (the file is never held in memory either). */
async function writeParliament(file: string, voteEvents: number, seed: number): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  const write = (s: string) =>
    new Promise<void>((resolve) => {
      bytes += s.length;
      if (out.write(s)) resolve();
      else out.once('drain', () => resolve());
    });
  const rng = new Rng(seed);
  await write('{"organizations":[{"id":"parliament","name":"Bench Parliament","classification":"legislature","seats":200,"decision_rule":"majority-of-present"},');
  await write('{"id":"party/a","name":"Party A","classification":"party"},{"id":"party/b","name":"Party B","classification":"party"}],"persons":[');
  for (let p = 0; p < SEATS; p++) await write(`${p ? ',' : ''}{"id":"mp-${p}","name":"Member ${p}"}`);
  await write('],"memberships":[');
  for (let p = 0; p < SEATS; p++) {
    await write(`${p ? ',' : ''}{"person_id":"mp-${p}","organization_id":"parliament","role":"member","on_behalf_of_id":"party/${p % 2 ? 'a' : 'b'}","start_date":"2020-01-01"}`);
  }
  await write('],"events":[');
  const sittings = Math.ceil(voteEvents / SITTINGS_EVERY);
  const dateOf = (s: number) => new Date(Date.UTC(2020, 1, 1) + s * 86_400_000).toISOString().slice(0, 10);
  for (let s = 0; s < sittings; s++) await write(`${s ? ',' : ''}{"id":"sitting-${s}","classification":"sitting","organization_id":"parliament","start_date":"${dateOf(s)}"}`);
  await write('],"vote_events":[');
  for (let v = 0; v < voteEvents; v++) {
    const s = Math.floor(v / SITTINGS_EVERY);
    let yes = 0;
    const votes: string[] = [];
    for (let p = 0; p < SEATS; p++) {
      const r = rng.next();
      const option = r < 0.5 ? 'yes' : r < 0.9 ? 'no' : 'abstain';
      if (option === 'yes') yes++;
      votes.push(`{"voter_id":"mp-${p}","option":"${option}"}`);
    }
    // Everyone takes part, so the majority of those present is more than 100 yes.
    const result = yes > SEATS / 2 ? 'pass' : 'fail';
    await write(`${v ? ',' : ''}{"id":"vote-${v}","legislative_session_id":"sitting-${s}","start_date":"${dateOf(s)}","result":"${result}","motion":{"text":"Bill ${v}"},"votes":[${votes.join(',')}]}`);
  }
  await write(']}');
  await new Promise((resolve) => out.end(resolve));
  return bytes;
}

export async function runImportBench(options: { voteEvents: number; rollCallsPerBatch?: number }): Promise<ImportBenchResult> {
  const dir = mkdtempSync(join(ensureDir(CACHE_DIR), 'import-'));
  const file = join(dir, 'parliament.json');
  const fileBytes = await writeParliament(file, options.voteEvents, 12);
  log(`import: wrote ${(fileBytes / 2 ** 20).toFixed(1)} MB (${options.voteEvents} vote events × ${SEATS} votes)`);
  const token = randomBytes(24).toString('hex');
  const server = fork(join(__dirname, 'http-server.js'), [], {
    env: {
      ...process.env, DATA_DIR: join(dir, 'data'), ADMIN_TOKEN: token, SQLITE_SYNCHRONOUS: 'FULL', EVENT_STORE: 'sqlite', LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_TOKEN: '1000000000', RATE_LIMIT_PER_ADDRESS: '1000000000',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.once('message', (m) => resolve((m as { port: number }).port));
      server.once('exit', (code) => reject(new Error(`the app exited with ${code} before listening`)));
    });
    const client = new ApiClient(`http://127.0.0.1:${port}`, token);
    const perBatch = options.rollCallsPerBatch ?? 5;

    // The batch figure: the same facts posted as prebuilt batches straight to the endpoint.
    const plan = await planPopolo(file, { council: 'bench-batch' });
    const council = plan.councils[0];
    const ok = async (path: string, body: unknown) => {
      const res = await client.post(path, body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    };
    await ok('/api/councils', council.founding);
    for (let i = 0; i < council.facts.length; i += 500) {
      await ok('/api/councils/bench-batch/batch', { requests: council.facts.slice(i, i + 500).map(({ path, body }) => ({ path, body })) });
    }
    let pending: Array<{ path: string; body: unknown }> = [];
    let rollCalls = 0;
    log(`import: batch figure (${perBatch} roll calls per batch)`);
    const batchStart = performance.now();
    await plan.voteEvents(async (_councilId, items) => {
      pending.push(...items.map(({ path, body }) => ({ path, body })));
      if (++rollCalls % perBatch === 0) {
        await ok('/api/councils/bench-batch/batch', { requests: pending });
        pending = [];
      }
    });
    if (pending.length) await ok('/api/councils/bench-batch/batch', { requests: pending });
    const batchSeconds = (performance.now() - batchStart) / 1000;
    const votes = options.voteEvents * SEATS;

    log('import: the importer, from the file');
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const importStart = performance.now();
    const summary = await runImport(client, await planPopolo(file, { council: 'bench-import' }), { keyPrefix: 'popolo', progress: false });
    const importSeconds = (performance.now() - importStart) / 1000;
    clearInterval(sampler);
    if (summary.refused > 0) throw new Error(`the importer refused ${summary.refused} facts: ${JSON.stringify(summary.councils[0].refused.slice(0, 3))}`);
    const importVotesPerSec = Math.round(votes / importSeconds);
    const batchVotesPerSec = Math.round(votes / batchSeconds);
    return {
      seats: SEATS, voteEvents: options.voteEvents, votes, fileMb: round(fileBytes / 2 ** 20, 1), importVotesPerSec, batchVotesPerSec,
      ratio: round(importVotesPerSec / batchVotesPerSec, 3), importSeconds: round(importSeconds, 1), batchSeconds: round(batchSeconds, 1),
      importPeakRssMb: round(peak / 2 ** 20, 1), rollCallsPerBatch: perBatch,
    };
  } finally {
    server.send('stop');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The section of docs/benchmarks.md. */
export function importMarkdown(r: ImportBenchResult): string[] {
  const n = (v: number) => v.toLocaleString('en');
  return [
    `A generated Popolo parliament of ${r.seats} seats, ${n(r.voteEvents)} vote events and ${n(r.votes)} votes (${r.fileMb} MB) imported by \`npm run import:popolo\`'s`,
    'code (streamed from the file, checked whole, sent as batches over HTTP), against the same roll calls built in memory and posted as batches of',
    `${r.rollCallsPerBatch} roll calls straight to \`POST .../batch\` (the batch figure), both against the app in a child process with SQLITE_SYNCHRONOUS=FULL.`,
    '',
    '| importer votes/s | batch votes/s | ratio | importer time | batch time | importer peak RSS |',
    '|---|---|---|---|---|---|',
    `| ${n(r.importVotesPerSec)} | ${n(r.batchVotesPerSec)} | ${r.ratio} | ${r.importSeconds} s | ${r.batchSeconds} s | ${r.importPeakRssMb} MB |`,
    '',
    'The importer\'s time includes everything a user waits for: both passes over the file, the founding, members, groups and sittings.',
    '',
  ];
}

/** `import` in bench/phases.ts: target ≥ 0.5 of the batch figure measured in the same run. */
export const importPhase: BenchPhase = {
  name: 'import',
  title: 'Import (Popolo, through the batch API)',
  async run({ quick }) {
    const r = await runImportBench({ voteEvents: quick ? 200 : 2000 });
    return {
      fields: { ...r },
      targets: [{ name: 'import votes/s vs batch', target: '≥ 0.5', value: String(r.ratio), met: r.ratio >= 0.5 }],
      markdown: importMarkdown(r),
    };
  },
};
