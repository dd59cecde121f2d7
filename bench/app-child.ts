/** The whole application in a child process (bench/http-server.js) on a fresh DATA_DIR, for the HTTP phases. */
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, ensureDir } from './common';

export interface AppChild {
  base: string;
  /** The child's DATA_DIR: removed by `stop()` unless `keepData` (the caller then removes it). */
  dataDir: string;
  token: string;
  child: ChildProcess;
  /** Resident set size of the child now, in MB (from /proc). */
  rssMb(): number;
  post(path: string, body: unknown): Promise<any>;
  /** Stops the child (again: a no-op). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startAppChild(options: { env?: Record<string, string>; execArgv?: string[]; script?: string } = {}): Promise<AppChild> {
  const dataDir = mkdtempSync(join(ensureDir(CACHE_DIR), 'app-'));
  const token = randomBytes(24).toString('hex');
  const child = fork(join(__dirname, options.script ?? 'http-server.js'), [], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      ADMIN_TOKEN: token,
      SQLITE_SYNCHRONOUS: 'FULL',
      EVENT_STORE: 'sqlite',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_TOKEN: '1000000000',
      RATE_LIMIT_PER_ADDRESS: '1000000000',
      // the votings phase registers every voter from this one address
      VOTING_REGISTRATIONS_PER_ADDRESS: '1000000000',
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // BENCH_APP_CPU_PROF=<dir>: profile the app child (node --cpu-prof), e.g. to see where a phase's time goes.
    execArgv: options.execArgv ?? (process.env.BENCH_APP_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_APP_CPU_PROF}`] : []),
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the app exited with ${code} before listening`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    dataDir,
    token,
    child,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    async post(path: string, body: unknown) {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text);
    },
    async stop(stopOptions: { keepData?: boolean } = {}) {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send('stop');
      });
      if (!stopOptions.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The projections' lag in events, from GET /api/health. */
export async function projectionLag(base: string): Promise<number> {
  const body = JSON.stringify(await (await fetch(`${base}/api/health`)).json());
  const lag = /"lag":(\d+)/.exec(body);
  if (!lag) throw new Error(`no lag in /api/health: ${body.slice(0, 300)}`);
  return Number(lag[1]);
}

/** Resolves once the read side has applied everything the store holds (GET /api/health's lag is 0). */
export async function projectionsCaughtUp(base: string): Promise<void> {
  while ((await projectionLag(base)) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
}
