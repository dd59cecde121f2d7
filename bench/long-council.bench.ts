/**
 * asOf on one long council: "the council on day D as the record stood at instant K" (CouncilReads.state, what
 * GET /api/councils/:id/state?at=&knownAt= runs), where the council's OWN history grows from 10,000 to
 * 1,000,000 events (as-of.bench.ts grows the database with many ~2,000-event councils instead). Each sample
 * runs in its own child process over read models built once per size (untimed).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { CouncilReads } from '../src/read-models/council-reads';
import { ProjectionStatus } from '../src/read-models/projection-status';
import { openReadDatabase } from '../src/read-models/read-database';
import { rebuildReadDatabase } from '../src/read-models/rebuild';
import { CACHE_DIR, Rng, childMain, ensureDir, log, percentile, round, runInChild } from './common';
import { History, RECORD_EPOCH_MS, RECORD_STEP_MS, ensureHistory } from './history-generator';
import { SAMPLES, Spread, sampled, spreadOf } from './samples';

interface Args {
  history: History;
  readPath: string;
  queries: number;
  seed: number;
}

interface Sample {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMembers: number;
}

export interface LongCouncilPoint {
  events: number;
  councilEvents: number;
  queries: number;
  samples: number;
  p50Ms: Spread;
  p99Ms: Spread;
}

export interface LongCouncilResult {
  points: LongCouncilPoint[];
  /** p99 at the largest size over p99 at the smallest, medians of the samples. */
  p99GrowthRatio: number;
  /** The same ratio from the least and the most favourable samples. */
  p99GrowthRange: [number, number];
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

async function sampleInProcess(args: Args): Promise<Sample> {
  const { history } = args;
  const council = history.councils[0];
  const store = new SqliteEventStore({ path: history.path, synchronous: 'FULL' });
  if (!existsSync(args.readPath)) {
    log(`long council: building the read models of ${history.events} events (untimed)`);
    await rebuildReadDatabase(store, args.readPath);
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
  let members = 0;
  for (let i = 0; i < args.queries; i++) {
    const q = question();
    const t0 = process.hrtime.bigint();
    const view = reads.state(council.councilId, q.at, { knownAt: q.knownAt });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    members += view.memberCount;
  }
  db.close();
  times.sort((a, b) => a - b);
  return { p50Ms: round(percentile(times, 50), 3), p99Ms: round(percentile(times, 99), 3), maxMs: round(times[times.length - 1], 3), meanMembers: round(members / times.length, 1) };
}

export async function runLongCouncilBench(options: { sizes: number[]; queries: number }): Promise<LongCouncilResult> {
  const points: LongCouncilPoint[] = [];
  for (const size of options.sizes) {
    const history = ensureHistory(size, 42, { oneCouncil: true });
    const readPath = join(ensureDir(join(CACHE_DIR, 'read')), `long-council-${size}-${process.pid}.sqlite`);
    // Built by the first sample of this run (a file left by another version of the projections would be reset empty).
    for (const suffix of ['', '-wal', '-shm']) rmSync(readPath + suffix, { force: true });
    const runs = await sampled(SAMPLES, (sample) =>
      runInChild<Sample>('long-council.bench.js', { history, readPath, queries: options.queries, seed: 11 + sample } satisfies Args),
    );
    const point: LongCouncilPoint = {
      events: history.events,
      councilEvents: history.councils[0].events,
      queries: options.queries,
      samples: runs.length,
      p50Ms: spreadOf(runs, (r) => r.p50Ms),
      p99Ms: spreadOf(runs, (r) => r.p99Ms),
    };
    for (const suffix of ['', '-wal', '-shm']) rmSync(readPath + suffix, { force: true });
    log(`long council: ${size} events in one council: p50 ${point.p50Ms.median} ms, p99 ${point.p99Ms.median} ms (${point.p99Ms.min}–${point.p99Ms.max})`);
    points.push(point);
  }
  const first = points[0].p99Ms;
  const last = points[points.length - 1].p99Ms;
  return {
    points,
    p99GrowthRatio: round(last.median / first.median, 2),
    p99GrowthRange: [round(last.min / first.max, 2), round(last.max / first.min, 2)],
  };
}

childMain(module, sampleInProcess);
