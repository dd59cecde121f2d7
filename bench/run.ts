/**
 * `npm run bench [-- --quick]`: runs every benchmark (each measured part in its own child process) and
 * writes BENCH_OUT (default bench/results/latest.json) and docs/benchmarks.md.
 *
 *   --quick          smaller sizes, under two minutes
 *   --only=a,b       run only some parts (append, http, votings, rebuild, asOf, longCouncil, and the registered
 *                    phases); the others are reported as not run
 *   BENCH_SAMPLES=n  samples per figure (at least 3; median (min–max) is reported)
 *   BENCH_LONG_COUNCIL_MAX=n  cap the one-council sizes (1,000,000 by default)
 *   BENCH_LONG_COUNCIL_QUERIES=n  questions per long-council sample (20,000 by default)
 *   --no-profile     skip the CPU profiles of the parts that miss a target
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CACHE_DIR, ROOT, log, nowMs } from './common';
import { History, ensureHistory } from './history-generator';
import { runAppendBench } from './append.bench';
import { runHttpBench } from './http.bench';
import { runVotingsBench } from './votings.bench';
import { runRebuildBench } from './rebuild.bench';
import { AsOfPoint, runAsOfBench } from './as-of.bench';
import { BenchResults, RunContext, writeResults } from './report';
import { summarizeProfile } from './profile';
import { runLongCouncilBench } from './long-council.bench';
import { SAMPLES, medianRun, sampled, spreadOf } from './samples';
import { PHASES } from './phases';

interface Plan {
  append: { seconds: number; concurrency: number; higherConcurrency?: number };
  http: { requests: number; warmup: number; connections: number };
  votings: { voters: number; connections: number };
  rebuildEvents: number;
  asOfSizes: number[];
  asOf: { queries: number; replays: number };
  /** One council whose own history has these sizes (BENCH_LONG_COUNCIL_MAX caps the largest). */
  longCouncilSizes: number[];
  /** Questions per sample of the long council (each followed by a floor spin of the same length). */
  longCouncilQueries: number;
  profileEvents: number;
}

const FULL: Plan = {
  append: { seconds: 10, concurrency: 32, higherConcurrency: 256 },
  http: { requests: 30_000, warmup: 3_000, connections: 100 },
  votings: { voters: 100_000, connections: 8 },
  rebuildEvents: 1_000_000,
  asOfSizes: [10_000, 100_000, 1_000_000],
  asOf: { queries: 5_000, replays: 200 },
  longCouncilSizes: [10_000, 100_000, 300_000, 1_000_000],
  longCouncilQueries: 20_000,
  profileEvents: 100_000,
};

const QUICK: Plan = {
  append: { seconds: 2, concurrency: 32, higherConcurrency: 256 },
  http: { requests: 3_000, warmup: 500, connections: 100 },
  votings: { voters: 5_000, connections: 8 },
  rebuildEvents: 50_000,
  asOfSizes: [10_000, 25_000, 50_000],
  asOf: { queries: 2_000, replays: 50 },
  longCouncilSizes: [10_000, 30_000, 100_000],
  longCouncilQueries: 2_000,
  profileEvents: 10_000,
};

function summary(h: History): Record<string, unknown> {
  return { events: h.events, seed: h.seed, councils: h.councils.length, meanEventBytes: h.meanEventBytes, counts: h.counts };
}

/** `--render`: writes docs/benchmarks.md again from the JSON of the last run (and its cached profile). */
function render(): void {
  const jsonPath = resolve(ROOT, process.env.BENCH_OUT || join('bench', 'results', 'latest.json'));
  const saved = JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchResults & {
    meta: { quick: boolean; command: string; date: string; durationMs: number; failures: Record<string, string>; details: RunContext['details']; profiles?: RunContext['profiles'] };
  };
  const { meta, ...results } = saved;
  const profiles = meta.profiles ?? [];
  const cached = join(CACHE_DIR, 'profiles', 'rebuild.cpuprofile');
  if (!profiles.length && existsSync(cached) && results.rebuild && results.rebuild.ratio < 0.5) {
    const events = meta.quick ? QUICK.profileEvents : FULL.profileEvents;
    profiles.push({
      title: 'rebuild',
      source: `\`node --cpu-prof\` of \`rebuildReadDatabase\` over the ${events.toLocaleString('en')}-event history (same generator), written to bench/.cache/profiles/rebuild.cpuprofile.`,
      ...summarizeProfile(cached),
    });
  }
  const written = writeResults(results, {
    allPhases: PHASES.map((p) => ({ name: p.name, title: p.title, alsoIn: p.alsoIn })),
    quick: meta.quick,
    command: meta.command,
    startedAt: new Date(meta.date),
    durationMs: meta.durationMs,
    details: meta.details,
    failures: meta.failures,
    profiles,
  });
  log(`rendered ${written.markdown} from ${written.json}`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--render')) return render();
  const quick = argv.includes('--quick');
  const profile = !argv.includes('--no-profile');
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const wants = (part: string) => !only || only.includes(part);
  const plan = quick ? QUICK : FULL;
  const startedAt = new Date();
  const t0 = nowMs();
  const ctx: RunContext = {
    quick,
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    startedAt,
    durationMs: 0,
    details: {},
    failures: {},
    profiles: [],
    phases: [],
    allPhases: PHASES.map((p) => ({ name: p.name, title: p.title, alsoIn: p.alsoIn })),
  };
  const results: BenchResults = { append: null, http: null, rebuild: null, asOf: null };
  const attempt = async (part: string, fn: () => Promise<void>) => {
    if (!wants(part)) {
      ctx.failures[part] = `not run (--only=${only!.join(',')})`;
      return;
    }
    try {
      await fn();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.failures[part] = message;
      log(`${part} FAILED: ${message}`);
    }
  };

  const histories = new Map<number, History>();
  const history = (events: number) => {
    if (!histories.has(events)) histories.set(events, ensureHistory(events));
    return histories.get(events)!;
  };

  await attempt('append', async () => {
    const runs = await sampled(SAMPLES, () => runAppendBench(plan.append));
    const a = { ...medianRun(runs, (r) => r.eventsPerSec), samples: runs.length, spread: { eventsPerSec: spreadOf(runs, (r) => r.eventsPerSec, 0), rawCommitFloorPerSec: spreadOf(runs, (r) => r.rawCommitFloorPerSec, 0), rawBatchCeilingPerSec: spreadOf(runs, (r) => r.rawBatchCeilingPerSec, 0), vsCommitFloor: spreadOf(runs, (r) => r.vsCommitFloor, 2), vsBatchCeiling: spreadOf(runs, (r) => r.vsBatchCeiling) } };
    ctx.details.append = a;
    results.append = {
      eventsPerSec: a.eventsPerSec,
      rawCommitFloorPerSec: a.rawCommitFloorPerSec,
      rawBatchCeilingPerSec: a.rawBatchCeilingPerSec,
      vsCommitFloor: a.vsCommitFloor,
      vsBatchCeiling: a.vsBatchCeiling,
    };
  });

  await attempt('http', async () => {
    const runs = await sampled(SAMPLES, () => runHttpBench(plan.http));
    const h = { ...medianRun(runs, (r) => r.reqPerSec), samples: runs.length, spread: { reqPerSec: spreadOf(runs, (r) => r.reqPerSec, 0), p99Ms: spreadOf(runs, (r) => r.p99Ms, 1) } };
    ctx.details.http = h;
    results.http = { reqPerSec: h.reqPerSec, p99Ms: h.p99Ms };
  });

  await attempt('votings', async () => {
    // Against the port's group-commit figure of this run (measured briefly here when `append` did not run).
    const port = results.append?.eventsPerSec ?? (await runAppendBench({ seconds: 2, concurrency: plan.append.concurrency })).eventsPerSec;
    const voters = Number(process.env.BENCH_VOTINGS_VOTERS) || plan.votings.voters; // a reduced-scale check
    const v = await runVotingsBench({ ...plan.votings, voters, portEventsPerSec: port });
    ctx.details.votings = v;
    results.votings = { ballotsPerSec: v.ballotsPerSec, p99Ms: v.p99Ms, portEventsPerSec: v.portEventsPerSec, vsPort: v.vsPort, closeAndCountMs: v.closeAndCountMs, readBackMs: v.readBackMs, closeVsReadBack: v.closeVsReadBack, floorBallotsPerSec: v.floorBallotsPerSec, vsHttpFloor: v.vsHttpFloor };
  });

  let rebuiltReadPath: string | undefined;
  await attempt('rebuild', async () => {
    const h = history(plan.rebuildEvents);
    ctx.details.history = summary(h);
    const r = await runRebuildBench(h);
    ctx.details.rebuild = r;
    rebuiltReadPath = r.readPath;
    // Each ratio is its samples' median (each sample's ratio is within its own run), not the median sample's.
    results.rebuild = {
      events: r.events, eventsPerSec: r.eventsPerSec, rawFloorPerSec: r.rawFloorPerSec, ratio: r.spread.ratio.median, peakRssMb: r.spread.peakRssMb.median,
      insertBoundPerSec: r.insertBoundPerSec, vsInsertBound: r.spread.vsInsertBound.median, vsBound: r.spread.vsInsertBound.median, samples: r.samples,
      coresBusy: r.coresBusy,
      oneThread: { eventsPerSec: r.oneThread.spread.eventsPerSec.median, vsBound: r.oneThread.spread.vsInsertBound.median, peakRssMb: r.oneThread.spread.peakRssMb.median, coresBusy: r.oneThread.coresBusy },
      ceiling: r.ceiling,
    };
    if (profile && r.ratio < 0.5) {
      const small = history(plan.profileEvents);
      const dir = join(CACHE_DIR, 'profiles');
      log(`rebuild: CPU profile of a rebuild of ${small.events} events`);
      await runRebuildBench(small, { profileDir: dir, profileStorePath: small.path });
      const s = summarizeProfile(join(dir, 'rebuild.cpuprofile'));
      ctx.profiles.push({
        title: 'rebuild',
        source: `\`node --cpu-prof\` of \`rebuildReadDatabase\` over the ${small.events.toLocaleString('en')}-event history (same generator), written to bench/.cache/profiles/rebuild.cpuprofile.`,
        ...s,
      });
    }
  });

  await attempt('asOf', async () => {
    const points: AsOfPoint[] = [];
    for (const size of plan.asOfSizes) {
      const h = history(size);
      // The rebuild above left the read models of its history; other sizes are built (untimed) in the child.
      const readPath =
        size === plan.rebuildEvents && rebuiltReadPath ? rebuiltReadPath : join(CACHE_DIR, 'read', `asof-${size}-${process.pid}.sqlite`);
      try {
        points.push(await runAsOfBench(h, readPath, plan.asOf));
      } finally {
        if (readPath !== rebuiltReadPath) for (const suffix of ['', '-wal', '-shm']) rmSync(readPath + suffix, { force: true });
      }
    }
    ctx.details.asOf = points;
    results.asOf = points.map((p) => ({ events: p.events, p50Ms: p.p50Ms, p99Ms: p.p99Ms, replayP50Ms: p.replayP50Ms }));
  });

  await attempt('longCouncil', async () => {
    const cap = Number(process.env.BENCH_LONG_COUNCIL_MAX ?? Infinity);
    const l = await runLongCouncilBench({ sizes: plan.longCouncilSizes.filter((size) => size <= cap), queries: Number(process.env.BENCH_LONG_COUNCIL_QUERIES) || plan.longCouncilQueries });
    ctx.details.longCouncil = l;
    results.longCouncil = {
      points: l.points.map((p) => ({ events: p.events, p50Ms: p.p50Ms.median, p99Ms: p.p99Ms.median, floorP50Ms: p.floorP50Ms.median, floorP99Ms: p.floorP99Ms.median })),
      p99GrowthRatio: l.p99GrowthRatio,
      p50GrowthRatio: l.p50GrowthRatio,
    };
  });
  // Phases registered in bench/phases.ts: each sees the figures above and adds its own.
  for (const phase of PHASES) {
    await attempt(phase.name, async () => {
      const out = await phase.run({ quick, profile, results: results as unknown as Record<string, any> });
      (results as unknown as Record<string, unknown>)[phase.name] = out.fields;
      for (const [part, fields] of Object.entries(out.amend ?? {})) {
        const target = (results as unknown as Record<string, Record<string, unknown> | null>)[part];
        if (target) Object.assign(target, fields);
      }
      (ctx.phases ??= []).push({ name: phase.name, title: phase.title, markdown: out.markdown, targets: out.targets ?? [], details: out.details });
    });
  }

  ctx.durationMs = nowMs() - t0;
  const written = writeResults(results, ctx);
  log(`wrote ${written.json} and ${written.markdown} in ${Math.round(ctx.durationMs / 1000)} s`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  if (Object.keys(ctx.failures).some((k) => !ctx.failures[k].startsWith('not run'))) process.exitCode = 1;
}

void main();
