/**
 * asOf on one long council: "the council on day D as the record stood at instant K" (CouncilReads.state, what
 * GET /api/councils/:id/state?at=&knownAt= runs), where the council's OWN history grows from 10,000 to
 * 1,000,000 events (as-of.bench.ts grows the database with many ~2,000-event councils instead). Each sample
 * runs in its own child process over read models built once per size (untimed, but its time and peak RSS are
 * recorded, as are those of generating the history, which also runs in a child of its own).
 *
 * The history is generated with `refill` (vacancies filled by by-elections), so members keep leaving and being
 * elected over the whole history: without it membership sinks to its 30-member floor within ~10,000 events and
 * the member history stops growing while the rest of the council's record does.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { CouncilReads } from '../src/read-models/council-reads';
import { ProjectionStatus } from '../src/read-models/projection-status';
import { openReadDatabase } from '../src/read-models/read-database';
import { rebuildReadDatabase } from '../src/read-models/rebuild';
import { CACHE_DIR, Rng, childMain, ensureDir, log, nowMs, peakRssMb, percentile, round, runInChild } from './common';
import { History, RECORD_EPOCH_MS, RECORD_STEP_MS, ensureHistory, historyPath } from './history-generator';
import { SAMPLES, Spread, medianRun, sampled, spreadOf } from './samples';

const SEED = 42;
const HISTORY_OPTIONS = { oneCouncil: true, refill: true } as const;

interface SampleArgs {
  kind: 'sample';
  history: History;
  readPath: string;
  queries: number;
  seed: number;
}

/** Generates the history in a child of its own, so its time and peak RSS are its own. */
interface GenerateArgs {
  kind: 'generate';
  size: number;
}

type Args = SampleArgs | GenerateArgs;

interface Generated {
  history: History;
  ms: number;
  peakRssMb: number;
}

interface Sample {
  floorP50Ms: number;
  floorP99Ms: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMembers: number;
  /** Set by the sample that built the read models (untimed in the figures): wall time and peak RSS of the build. */
  build?: { ms: number; peakRssMb: number };
  /** Peak RSS of the sample's process (the build's, when it built them). */
  peakRssMb: number;
}

/** What it costs to get there (not part of the as-of figures). */
export interface LongCouncilSetup {
  /** Generating the history (null when a cached file was used: its `generatedInMs` is in the history). */
  generation: { ms: number; peakRssMb: number } | null;
  /** rebuildReadDatabase over the whole history, in the first sample's process. */
  build: { ms: number; peakRssMb: number } | null;
  /** Peak RSS of the query processes, over the samples that did not also build the read models. */
  samplePeakRssMb: number;
  /** Rows the question ranges over at this size. */
  rows: { membersElected: number; meetings: number; officerAppointments: number };
}

export interface LongCouncilPoint {
  events: number;
  councilEvents: number;
  queries: number;
  samples: number;
  p50Ms: Spread;
  p99Ms: Spread;
  /** A spin of the questions' median length timed after each question in the same process (what the machine alone adds). */
  floorP50Ms: Spread;
  floorP99Ms: Spread;
  /** Members in office on the asked day, mean over the queries of the median sample. */
  meanMembers: number;
  setup: LongCouncilSetup;
}

export interface LongCouncilResult {
  points: LongCouncilPoint[];
  /** p99 at the largest size over p99 at the smallest, medians of the samples. */
  p99GrowthRatio: number;
  /** The same ratio from the least and the most favourable samples. */
  p99GrowthRange: [number, number];
  /** The same two for p50. */
  p50GrowthRatio: number;
  p50GrowthRange: [number, number];
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

async function childInProcess(args: Args): Promise<Sample | Generated> {
  if (args.kind === 'generate') {
    const t0 = nowMs();
    const history = ensureHistory(args.size, SEED, HISTORY_OPTIONS);
    return { history, ms: round(nowMs() - t0), peakRssMb: round(peakRssMb(), 1) };
  }
  return sampleInProcess(args);
}

async function sampleInProcess(args: SampleArgs): Promise<Sample> {
  const { history } = args;
  const council = history.councils[0];
  const store = new SqliteEventStore({ path: history.path, synchronous: 'FULL' });
  let build: Sample['build'];
  if (!existsSync(args.readPath)) {
    log(`long council: building the read models of ${history.events} events (untimed)`);
    const t0 = nowMs();
    await rebuildReadDatabase(store, args.readPath);
    build = { ms: round(nowMs() - t0), peakRssMb: round(peakRssMb(), 1) };
    log(`long council: built in ${build.ms} ms, peak RSS ${build.peakRssMb} MB`);
  }
  const head = await store.headPosition();
  await store.close();
  const db = openReadDatabase(args.readPath);
  const status: ProjectionStatus = { checkpoint: () => head, caughtUp: () => true, waitFor: async () => true };
  const reads = new CouncilReads(db, status);
  const rng = new Rng(args.seed);
  const question = () => {
    const day = rng.int(council.firstDay - 30, council.lastDay + 30);
    const position = rng.int(Math.max(1, council.firstPosition - 10), council.lastPosition + 10);
    const knownAtMs = RECORD_EPOCH_MS + position * RECORD_STEP_MS + rng.int(0, RECORD_STEP_MS - 1);
    return { at: isoDay(day), knownAt: new Date(knownAtMs).toISOString() };
  };
  for (let i = 0; i < Math.min(500, args.queries); i++) {
    const q = question();
    reads.state(council.councilId, q.at, { knownAt: q.knownAt }); // warm-up
  }
  const times: number[] = [];
  // The floor, timed right after each question in the same process: the CPU held for as long as that question
  // took, doing nothing (a spin on the clock). Its p99 is what the machine alone (preemption, other processes)
  // adds to work of the same length: on a shared machine the questions' p99 cannot go below it.
  const floor: number[] = [];
  let members = 0;
  for (let i = 0; i < args.queries; i++) {
    const q = question();
    const t0 = process.hrtime.bigint();
    const view = reads.state(council.councilId, q.at, { knownAt: q.knownAt });
    const took = process.hrtime.bigint() - t0;
    times.push(Number(took) / 1e6);
    members += view.memberCount;
    // Spin for this question's median length so far (not its own: a preempted question must not lengthen the floor).
    const target = BigInt(Math.round(percentileOfSorted(times, i) * 1e6));
    const t1 = process.hrtime.bigint();
    while (process.hrtime.bigint() - t1 < target);
    floor.push(Number(process.hrtime.bigint() - t1) / 1e6);
  }
  db.close();
  times.sort((a, b) => a - b);
  floor.sort((a, b) => a - b);
  return {
    floorP50Ms: round(percentile(floor, 50), 4),
    floorP99Ms: round(percentile(floor, 99), 4),
    p50Ms: round(percentile(times, 50), 3),
    p99Ms: round(percentile(times, 99), 3),
    maxMs: round(times[times.length - 1], 3),
    meanMembers: round(members / times.length, 1),
    ...(build ? { build } : {}),
    peakRssMb: round(peakRssMb(), 1),
  };
}

/** The running median of the first i+1 timings (a cheap estimate: every 64th call re-sorts a copy). */
let medianCache = 0;
function percentileOfSorted(times: number[], i: number): number {
  if (i % 64 === 0) medianCache = [...times].sort((a, b) => a - b)[times.length >> 1];
  return medianCache;
}

/** The cached history, or one generated now in a child process (timed, with its peak RSS). */
async function historyOf(size: number): Promise<{ history: History; generation: LongCouncilSetup['generation'] }> {
  const path = historyPath(size, SEED, true, true);
  if (existsSync(path) && existsSync(`${path}.json`)) return { history: ensureHistory(size, SEED, HISTORY_OPTIONS), generation: null };
  log(`long council: generating one council of ${size} events`);
  const g = await runInChild<Generated>('long-council.bench.js', { kind: 'generate', size } satisfies GenerateArgs);
  log(`long council: generated in ${g.ms} ms, peak RSS ${g.peakRssMb} MB`);
  return { history: g.history, generation: { ms: g.ms, peakRssMb: g.peakRssMb } };
}

export async function runLongCouncilBench(options: { sizes: number[]; queries: number }): Promise<LongCouncilResult> {
  const points: LongCouncilPoint[] = [];
  for (const size of options.sizes) {
    const { history, generation } = await historyOf(size);
    const readPath = join(ensureDir(join(CACHE_DIR, 'read')), `long-council-${size}-${process.pid}.sqlite`);
    // Built by the first sample of this run (a file left by another version of the projections would be reset empty).
    for (const suffix of ['', '-wal', '-shm']) rmSync(readPath + suffix, { force: true });
    const runs = await sampled(SAMPLES, (sample) =>
      runInChild<Sample>('long-council.bench.js', { kind: 'sample', history, readPath, queries: options.queries, seed: 11 + sample } satisfies SampleArgs),
    );
    const counts = history.counts;
    const point: LongCouncilPoint = {
      events: history.events,
      councilEvents: history.councils[0].events,
      queries: options.queries,
      samples: runs.length,
      p50Ms: spreadOf(runs, (r) => r.p50Ms),
      p99Ms: spreadOf(runs, (r) => r.p99Ms),
      floorP50Ms: spreadOf(runs, (r) => r.floorP50Ms, 4),
      floorP99Ms: spreadOf(runs, (r) => r.floorP99Ms, 4),
      meanMembers: medianRun(runs, (r) => r.p50Ms).meanMembers,
      setup: {
        generation,
        build: runs.find((r) => r.build)?.build ?? null,
        samplePeakRssMb: Math.max(...(runs.some((r) => !r.build) ? runs.filter((r) => !r.build) : runs).map((r) => r.peakRssMb)),
        rows: { membersElected: counts.MemberElected ?? 0, meetings: (counts.MeetingHeld ?? 0) + (counts.QuorumFailed ?? 0), officerAppointments: counts.OfficerAppointed ?? 0 },
      },
    };
    for (const suffix of ['', '-wal', '-shm']) rmSync(readPath + suffix, { force: true });
    log(`long council: ${size} events in one council: p50 ${point.p50Ms.median} ms, p99 ${point.p99Ms.median} ms (${point.p99Ms.min}–${point.p99Ms.max}); floor p99 ${point.floorP99Ms.median} ms`);
    points.push(point);
  }
  const growth = (of: (p: LongCouncilPoint) => Spread): { ratio: number; range: [number, number] } => {
    const first = of(points[0]);
    const last = of(points[points.length - 1]);
    return { ratio: round(last.median / first.median, 2), range: [round(last.min / first.max, 2), round(last.max / first.min, 2)] };
  };
  const p99 = growth((p) => p.p99Ms);
  const p50 = growth((p) => p.p50Ms);
  return { points, p99GrowthRatio: p99.ratio, p99GrowthRange: p99.range, p50GrowthRatio: p50.ratio, p50GrowthRange: p50.range };
}

childMain(module, childInProcess);
