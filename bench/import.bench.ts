/**
 * Import: a generated Popolo parliament (200 seats, 2,000 vote events, 400,000 votes; a tenth in --quick)
 * recorded by the Popolo importer (`planPopolo` + `runImport`: streamed from the file, through
 * POST .../batch over HTTP), against the batch figure of the same run: the same roll calls, built in
 * memory and posted as batches of the same size straight to the endpoint. Both go to the whole app in a
 * child process on the durable store (SQLITE_SYNCHRONOUS=FULL), each into its own council.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiClient } from '../src/import/api-client';
import { planCsv } from '../src/import/csv/csv-plan';
import { BatchItem } from '../src/import/model';
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
  try {
    return await withApp(dir, async (client) => {
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
    });
  } finally {
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

/** The app in a child process on the durable store, for as long as `work` runs. */
async function withApp<T>(dir: string, work: (client: ApiClient) => Promise<T>): Promise<T> {
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
    return await work(new ApiClient(`http://127.0.0.1:${port}`, token));
  } finally {
    server.send('stop');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

/** The largest real package (../shared/real-data, the Chilean Chamber 2002–2006), when it is beside the repository. */
export function chileFolder(): string | undefined {
  const root = resolve(__dirname, __dirname.includes(join('dist', 'bench')) ? '../..' : '..');
  return [resolve(root, '..', 'shared', 'real-data', 'csv', 'cl-camara-2002-2006'), '/work/shared/real-data/csv/cl-camara-2002-2006'].find((d) => existsSync(join(d, 'votes.csv')));
}

export interface RealImportBenchResult {
  package: string;
  voteEvents: number;
  /** Rows of votes.csv (every listed vote, paired included). */
  votes: number;
  importVotesPerSec: number;
  batchVotesPerSec: number;
  ratio: number;
  importSeconds: number;
  batchSeconds: number;
  importPeakRssMb: number;
  refused: number;
}

/**
 * Chile, ~200,000 votes: `npm run import:csv`'s code (read, infer, plan, stream votes.csv again, batches
 * over HTTP, anomaly fallback as the CLI runs it) against the same roll calls built beforehand and posted
 * as prebuilt batches (each item with recordAnomaly, so none is refused), each into its own council.
 */
export async function runRealImportBench(folder: string, options: { voteEvents?: number } = {}): Promise<RealImportBenchResult> {
  const dir = mkdtempSync(join(ensureDir(CACHE_DIR), 'import-real-'));
  const limit = options.voteEvents ?? Infinity;
  const limited = (plan: Awaited<ReturnType<typeof planCsv>>) => ({
    ...plan,
    voteEvents: async (emit: Parameters<typeof plan.voteEvents>[0]) => {
      let n = 0;
      await plan.voteEvents(async (c, items) => (n++ < limit ? emit(c, items) : undefined));
    },
  });
  try {
    return await withApp(dir, async (client) => {
      const ok = async (path: string, body: unknown) => {
        const res = await client.post(path, body);
        if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      };
      const plan = limited(await planCsv(folder, { council: 'bench-batch' }));
      const council = plan.councils[0];
      await ok('/api/councils', council.founding);
      for (let i = 0; i < council.facts.length; i += 200) {
        await ok('/api/councils/bench-batch/batch', { requests: council.facts.slice(i, i + 200).map(({ path, body }) => ({ path, body: { ...body, recordAnomaly: true } })) });
      }
      // Prebuilt: every batch made before the clock starts, cut as the importer cuts them (≤ 1,500 events).
      const batches: Array<Array<{ path: string; body: unknown }>> = [[]];
      let events = 0;
      let votes = 0;
      let voteEvents = 0;
      await plan.voteEvents(async (_c, items: BatchItem[]) => {
        voteEvents++;
        for (const { path, body } of items) {
          const n = Array.isArray(body.votes) ? body.votes.length + 1 : 1;
          if (events + n > 1500 && batches[batches.length - 1].length > 0) {
            batches.push([]);
            events = 0;
          }
          batches[batches.length - 1].push({ path, body: { ...body, recordAnomaly: true } });
          events += n;
        }
      });
      for (const line of readFileSync(join(folder, 'votes.csv'), 'utf8').split('\n').slice(1)) if (line.trim() !== '') votes++;
      log(`import: Chile batch figure (${batches.length} prebuilt batches, ${voteEvents} roll calls)`);
      const batchStart = performance.now();
      for (const requests of batches) await ok('/api/councils/bench-batch/batch', { requests });
      const batchSeconds = (performance.now() - batchStart) / 1000;

      log('import: Chile through the importer');
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      const importStart = performance.now();
      const summary = await runImport(client, limited(await planCsv(folder, { council: 'bench-import' })), { keyPrefix: 'csv', progress: false, recordAnomalies: true });
      const importSeconds = (performance.now() - importStart) / 1000;
      clearInterval(sampler);
      const counted = Number.isFinite(limit) ? Math.round((votes * voteEvents) / plan.councils[0].expectedVoteEvents) : votes;
      const importVotesPerSec = Math.round(counted / importSeconds);
      const batchVotesPerSec = Math.round(counted / batchSeconds);
      return {
        package: 'cl-camara-2002-2006', voteEvents, votes: counted, importVotesPerSec, batchVotesPerSec, ratio: round(importVotesPerSec / batchVotesPerSec, 3),
        importSeconds: round(importSeconds, 1), batchSeconds: round(batchSeconds, 1), importPeakRssMb: round(peak / 2 ** 20, 1), refused: summary.refused,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function realImportMarkdown(r: RealImportBenchResult): string[] {
  const n = (v: number) => v.toLocaleString('en');
  return [
    `The real Chilean package (\`${r.package}\`, ${n(r.voteEvents)} vote events, ${n(r.votes)} votes) imported by \`npm run import:csv\`'s code — read,`,
    'every inference, both passes over votes.csv, batches over HTTP, with recordAnomaly as the CLI sends them — against the same roll calls built',
    'beforehand and posted as prebuilt batches straight to `POST .../batch` (the batch figure), both against the app in a child process with SQLITE_SYNCHRONOUS=FULL.',
    '',
    '| importer votes/s | batch votes/s | ratio | importer time | batch time | importer peak RSS | refused |',
    '|---|---|---|---|---|---|---|',
    `| ${n(r.importVotesPerSec)} | ${n(r.batchVotesPerSec)} | ${r.ratio} | ${r.importSeconds} s | ${r.batchSeconds} s | ${r.importPeakRssMb} MB | ${r.refused} |`,
    '',
  ];
}

/**
 * `import` in bench/phases.ts: the real Chilean package when ../shared/real-data is there (its first 300
 * roll calls in --quick), else a generated Popolo parliament. Target ≥ 0.5 of the batch figure measured
 * in the same run; peak RSS ≤ 300 MB.
 */
export const importPhase: BenchPhase = {
  name: 'import',
  title: 'Import (a real roll-call package, through the batch API)',
  async run({ quick }) {
    const chile = chileFolder();
    if (chile !== undefined) {
      const r = await runRealImportBench(chile, { voteEvents: quick ? 300 : undefined });
      return {
        fields: { ...r },
        targets: [
          { name: 'import votes/s vs batch', target: '≥ 0.5', value: String(r.ratio), met: r.ratio >= 0.5 },
          { name: 'import peak RSS', target: '≤ 300 MB', value: `${r.importPeakRssMb} MB`, met: r.importPeakRssMb <= 300 },
        ],
        markdown: realImportMarkdown(r),
      };
    }
    const r = await runImportBench({ voteEvents: quick ? 200 : 2000 });
    return {
      fields: { ...r },
      targets: [{ name: 'import votes/s vs batch', target: '≥ 0.5', value: String(r.ratio), met: r.ratio >= 0.5 }],
      markdown: importMarkdown(r),
    };
  },
};
