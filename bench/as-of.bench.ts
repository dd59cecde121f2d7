/**
 * asOf: "the council on day D as the record stood at instant K", answered by the read side exactly as
 * GET /api/councils/:id/state answers it (CouncilReads.state, called in-process without HTTP), at random
 * (council, day, knownAt) over histories of several sizes; and the same question answered by replaying
 * the council's stream through the store port and folding it with the domain's evolve().
 * Each size runs in its own child process.
 */
import { existsSync } from 'node:fs';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { CouncilReads } from '../src/read-models/council-reads';
import { ProjectionStatus } from '../src/read-models/projection-status';
import { openReadDatabase } from '../src/read-models/read-database';
import { rebuildReadDatabase } from '../src/read-models/rebuild';
import { evolve } from '../src/council/domain/evolve';
import { initialState } from '../src/council/domain/state';
import { upcast } from '../src/council/domain/upcasting';
import { membersOn, officersOn, statusOn } from '../src/council/domain/queries';
import { Rng, childMain, log, nowMs, percentile, round, runInChild } from './common';
import { History, RECORD_EPOCH_MS, RECORD_STEP_MS } from './history-generator';

export interface AsOfArgs {
  history: History;
  readPath: string;
  queries: number;
  replays: number;
  seed: number;
}

export interface AsOfPoint {
  events: number;
  p50Ms: number;
  p99Ms: number;
  replayP50Ms: number;
  queries: number;
  replays: number;
  /** Sanity: the read model and the replay agreed on the member count for every replayed question. */
  agreed: number;
}

interface Question {
  councilId: string;
  stream: string;
  at: string;
  day: number;
  knownAt: string;
  knownAtMs: number;
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

function questions(history: History, n: number, seed: number): Question[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const c = rng.pick(history.councils);
    // A day from a month before the founding to a month after the last fact; a record instant from just
    // before the council's first event to just after its last one (so both early and current records).
    const day = rng.int(c.firstDay - 30, c.lastDay + 30);
    const position = rng.int(Math.max(1, c.firstPosition - 10), c.lastPosition + 10);
    const knownAtMs = RECORD_EPOCH_MS + position * RECORD_STEP_MS + rng.int(0, RECORD_STEP_MS - 1);
    return { councilId: c.councilId, stream: c.stream, at: isoDay(day), day, knownAt: new Date(knownAtMs).toISOString(), knownAtMs };
  });
}

async function asOfInProcess(args: AsOfArgs): Promise<AsOfPoint> {
  const { history } = args;
  const store = new SqliteEventStore({ path: history.path, synchronous: 'FULL' });
  if (!existsSync(args.readPath)) {
    log(`asOf: building the read models for ${history.events} events`);
    await rebuildReadDatabase(store, args.readPath);
  }
  const db = openReadDatabase(args.readPath);
  const head = await store.headPosition();
  const status: ProjectionStatus = { checkpoint: () => head, caughtUp: () => true, waitFor: async () => true };
  const reads = new CouncilReads(db, status);

  const qs = questions(history, args.queries, args.seed);
  // Warm-up (statement caches, page cache) on other questions.
  for (const q of questions(history, Math.min(500, args.queries), args.seed + 1)) reads.state(q.councilId, q.at, { knownAt: q.knownAt });
  const times: number[] = [];
  const answers: number[] = [];
  for (const q of qs) {
    const t0 = process.hrtime.bigint();
    const view = reads.state(q.councilId, q.at, { knownAt: q.knownAt });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    answers.push(view.memberCount);
  }
  times.sort((a, b) => a - b);

  // The same questions answered by replay: the council's events up to the known-at instant, folded.
  const replayTimes: number[] = [];
  let agreed = 0;
  for (let i = 0; i < Math.min(args.replays, qs.length); i++) {
    const q = qs[i];
    const t0 = process.hrtime.bigint();
    let state = initialState();
    for await (const recorded of store.readStream(q.stream)) {
      if (recorded.recordedAt.getTime() > q.knownAtMs) break;
      const event = upcast(recorded);
      if (event) state = evolve(state, event);
    }
    const status = statusOn(state, q.day);
    const members = status === 'active' ? membersOn(state, q.day) : { certain: [], uncertain: [] };
    const officers = status === 'active' ? officersOn(state, q.day) : [];
    let held = 0;
    let failed = 0;
    for (const m of state.meetings.values()) {
      if (m.date.latestDay <= q.day) {
        if (m.outcome === 'held') held += 1;
        else failed += 1;
      }
    }
    replayTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (members.certain.length === answers[i]) agreed += 1;
    if (officers.length < 0 || held + failed < 0) throw new Error('unreachable');
  }
  replayTimes.sort((a, b) => a - b);
  db.close();
  await store.close();
  return {
    events: history.events,
    p50Ms: round(percentile(times, 50), 3),
    p99Ms: round(percentile(times, 99), 3),
    replayP50Ms: round(percentile(replayTimes, 50), 3),
    queries: times.length,
    replays: replayTimes.length,
    agreed,
  };
}

export async function runAsOfBench(history: History, readPath: string, options: { queries: number; replays: number }): Promise<AsOfPoint> {
  log(`asOf: ${options.queries} queries, ${options.replays} replays over ${history.events} events`);
  const point = await runInChild<AsOfPoint>('as-of.bench.js', { history, readPath, ...options, seed: 7 } satisfies AsOfArgs);
  log(`asOf: ${history.events} events: p50 ${point.p50Ms} ms, p99 ${point.p99Ms} ms, replay p50 ${point.replayP50Ms} ms (agreed ${point.agreed}/${point.replays})`);
  return point;
}

childMain(module, asOfInProcess);
