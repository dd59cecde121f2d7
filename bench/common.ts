/**
 * Shared helpers for the benchmarks: a seeded PRNG, percentiles, timers and a tiny protocol for running
 * one benchmark in its own child process (so its CPU, heap and peak RSS are its own).
 */
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Repository root (dist/bench/x.js and bench/x.ts both sit two levels below it... or one for ts-node). */
export const ROOT = resolve(__dirname, __dirname.includes(`${join('dist', 'bench')}`) ? '../..' : '..');
export const CACHE_DIR = join(ROOT, 'bench', '.cache');

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** mulberry32: small, fast, deterministic. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** A version-4-shaped uuid drawn from this generator (deterministic for a seed). */
  uuid(): string {
    const hex = (n: number) => Math.floor(this.next() * 16 ** n).toString(16).padStart(n, '0');
    const variant = (8 + Math.floor(this.next() * 4)).toString(16);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export const round = (n: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** Peak resident set size of this process in MB (Linux VmHWM, else resourceUsage().maxRSS). */
export function peakRssMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(status);
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/**
 * Runs `module` (a compiled file in dist/bench) in a child process with `args`; resolves with the value
 * the child's `childMain` returned. `execArgv` lets a caller add e.g. --cpu-prof.
 */
export function runInChild<T>(module: string, args: unknown, execArgv: string[] = []): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(join(__dirname, module), [], {
      env: { ...process.env, BENCH_CHILD_ARGS: JSON.stringify(args) },
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: { ok: true; value: T } | { ok: false; error: string } | undefined;
    child.on('message', (m) => {
      result = m as typeof result;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result?.ok) resolvePromise(result.value);
      else reject(new Error(result && !result.ok ? result.error : `${module} exited with ${signal ?? code} and no result`));
    });
  });
}

/** The child side of runInChild: call at the bottom of a benchmark module. */
export function childMain<A, T>(module: NodeModule, main: (args: A) => Promise<T>): void {
  if (require.main !== module || !process.send) return;
  const args = JSON.parse(process.env.BENCH_CHILD_ARGS ?? '{}') as A;
  main(args).then(
    (value) => process.send!({ ok: true, value }, () => process.exit(0)),
    (error: unknown) =>
      process.send!({ ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) }, () => process.exit(1)),
  );
}
