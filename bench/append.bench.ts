/**
 * Append: durable single-event appends (synchronous=FULL) through the store port from many concurrent
 * callers, against two raw better-sqlite3 figures measured in the same run on rows of the same size in a
 * table created by the adapter's own schema: the commit floor (one row per transaction) and the batch
 * ceiling (1,000 rows per transaction). Each phase runs in its own child process on its own fresh file.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { GroupCommitter } from '../src/event-store/sqlite/group-commit';
import { applySchema } from '../src/event-store/sqlite/schema';
import { serialize } from '../src/event-store/sqlite/append';
import { EventData } from '../src/event-store/event-store.port';
import { SCHEMA_VERSION, VoteCast } from '../src/council/domain/events';
import { CACHE_DIR, childMain, ensureDir, log, nowMs, round, runInChild } from './common';

export interface AppendArgs {
  mode: 'port' | 'floor' | 'ceiling' | 'group';
  path: string;
  seconds: number;
  concurrency: number;
}

export interface PhaseResult {
  events: number;
  ms: number;
  eventsPerSec: number;
  rowBytes: number;
  /** Port only: appends per committed group (the group commit's batching). */
  meanGroupSize?: number;
  groups?: number;
}

export interface AppendResult {
  eventsPerSec: number;
  rawCommitFloorPerSec: number;
  rawBatchCeilingPerSec: number;
  vsCommitFloor: number;
  vsBatchCeiling: number;
  concurrency: number;
  /**
   * What bounds the port at this concurrency: raw better-sqlite3 committing `concurrency` rows per
   * durable transaction (one per stream), i.e. a perfect group commit with no checks at all.
   */
  rawGroupPerSec: number;
  vsRawGroup: number;
  /** The port with more callers in flight (e.g. a busy HTTP server), against the same ceiling. */
  higherConcurrency?: { concurrency: number; eventsPerSec: number; vsBatchCeiling: number; meanGroupSize: number };
  rowBytes: number;
  meanGroupSize: number;
}

/**
 * A realistic vote as the write path records it (same data and metadata shape as the app writes). Event
 * bodies come from a small pool built before the timed window and ids from a counter, so every phase
 * measures the store's work, not the benchmark's.
 */
const POOL = 1024;
const pool: Array<{ data: VoteCast; metadata: Record<string, unknown> }> = Array.from({ length: POOL }, (_, n) => ({
  data: { motionId: `motion-${n >> 6}`, memberId: `member-${n % 45}`, name: `Anna Ivanova ${n % 45}`, choice: 'yes', castOn: '2013-05-14' },
  metadata: {
    schemaVersion: SCHEMA_VERSION,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    recordedBy: { tokenId: '3d4f4b8e-9a35-4c43-9a1e-6c7e2d0a5b11', label: 'secretary', role: 'secretary' },
  },
}));
const serializedPool = pool.map((p) => ({ data: JSON.stringify(p.data), metadata: JSON.stringify(p.metadata) }));
const idOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function voteEvent(n: number): EventData {
  const body = pool[n % POOL];
  return { id: idOf(n), type: 'VoteCast', data: body.data, metadata: body.metadata };
}

function fresh(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

async function portPhase(args: AppendArgs): Promise<PhaseResult> {
  fresh(args.path);
  // Bench-only instrumentation: count the groups the committer forms (wraps the method, changes nothing).
  const proto = GroupCommitter.prototype as unknown as { commitGroup: (g: unknown[]) => void };
  const original = proto.commitGroup;
  let groups = 0;
  let grouped = 0;
  proto.commitGroup = function (this: unknown, group: unknown[]) {
    groups += 1;
    grouped += group.length;
    return original.call(this, group);
  };
  const store = new SqliteEventStore({ path: args.path, synchronous: 'FULL' });
  let rowBytes = 0;
  {
    const s = serialize(voteEvent(0));
    rowBytes = s.data.length + s.metadata.length;
  }
  // Warm-up, then a timed window; every caller appends to its own stream at its expected revision.
  let next = 1;
  const runFor = async (ms: number) => {
    const deadline = nowMs() + ms;
    let count = 0;
    const callers = Array.from({ length: args.concurrency }, async (_, i) => {
      const stream = `council-bench-${i}`;
      let revision = await store.streamRevision(stream);
      while (nowMs() < deadline) {
        const r = await store.appendToStream(stream, [voteEvent(next++)], { expectedRevision: revision ?? 'no_stream' });
        revision = r.nextExpectedRevision;
        count += 1;
      }
    });
    await Promise.all(callers);
    return count;
  };
  await runFor(Math.min(1000, args.seconds * 200));
  groups = 0;
  grouped = 0;
  const started = nowMs();
  const events = await runFor(args.seconds * 1000);
  const ms = nowMs() - started;
  await store.close();
  proto.commitGroup = original;
  fresh(args.path);
  return { events, ms: round(ms), eventsPerSec: round((events / ms) * 1000), rowBytes, meanGroupSize: round(grouped / Math.max(1, groups), 1), groups };
}

async function rawPhase(args: AppendArgs, batch: number): Promise<PhaseResult> {
  fresh(args.path);
  const db = new Database(args.path);
  applySchema(db, 'FULL');
  const insert = db.prepare(
    'INSERT INTO events (position, id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let position = 0;
  const revisions = new Array<number>(args.concurrency).fill(-1);
  const streams = Array.from({ length: args.concurrency }, (_, i) => `council-bench-${i}`);
  const row = () => {
    const i = position % args.concurrency;
    const s = serializedPool[position % POOL];
    position += 1;
    revisions[i] += 1;
    insert.run(position, idOf(position), streams[i], revisions[i], 'VoteCast', s.data, s.metadata, Date.now());
    return s.data.length + s.metadata.length;
  };
  const writeBatch = batch === 1 ? () => row() : db.transaction(() => {
    let bytes = 0;
    for (let k = 0; k < batch; k++) bytes = row();
    return bytes;
  });
  let rowBytes = 0;
  const runFor = (ms: number) => {
    const deadline = nowMs() + ms;
    let n = 0;
    while (nowMs() < deadline) {
      rowBytes = writeBatch();
      n += batch;
    }
    return n;
  };
  runFor(Math.min(500, args.seconds * 100));
  const started = nowMs();
  const events = runFor(args.seconds * 1000);
  const ms = nowMs() - started;
  db.close();
  fresh(args.path);
  return { events, ms: round(ms), eventsPerSec: round((events / ms) * 1000), rowBytes };
}

export async function runAppendBench(options: { seconds: number; concurrency: number; higherConcurrency?: number }): Promise<AppendResult> {
  const dir = ensureDir(join(CACHE_DIR, 'append'));
  const phase = (mode: AppendArgs['mode'], concurrency = options.concurrency) =>
    runInChild<PhaseResult>('append.bench.js', { mode, path: join(dir, `${mode}.sqlite`), seconds: options.seconds, concurrency } satisfies AppendArgs);
  log(`append: raw commit floor (${options.seconds}s)`);
  const floor = await phase('floor');
  log(`append: floor ${floor.eventsPerSec}/s; raw batch ceiling`);
  const ceiling = await phase('ceiling');
  log(`append: ceiling ${ceiling.eventsPerSec}/s; port with ${options.concurrency} callers`);
  const port = await phase('port');
  log(`append: port ${port.eventsPerSec}/s (mean group ${port.meanGroupSize})`);
  if (Math.abs(port.rowBytes - floor.rowBytes) > 8) throw new Error(`row sizes differ: port ${port.rowBytes} B, raw ${floor.rowBytes} B`);
  const group = await phase('group');
  log(`append: raw groups of ${options.concurrency} ${group.eventsPerSec}/s`);
  let higher: AppendResult['higherConcurrency'];
  if (options.higherConcurrency) {
    const more = await phase('port', options.higherConcurrency);
    log(`append: port with ${options.higherConcurrency} callers ${more.eventsPerSec}/s (mean group ${more.meanGroupSize})`);
    higher = {
      concurrency: options.higherConcurrency,
      eventsPerSec: more.eventsPerSec,
      vsBatchCeiling: round(more.eventsPerSec / ceiling.eventsPerSec, 3),
      meanGroupSize: more.meanGroupSize ?? 0,
    };
  }
  return {
    eventsPerSec: port.eventsPerSec,
    rawCommitFloorPerSec: floor.eventsPerSec,
    rawBatchCeilingPerSec: ceiling.eventsPerSec,
    vsCommitFloor: round(port.eventsPerSec / floor.eventsPerSec, 2),
    vsBatchCeiling: round(port.eventsPerSec / ceiling.eventsPerSec, 3),
    concurrency: options.concurrency,
    rowBytes: port.rowBytes,
    meanGroupSize: port.meanGroupSize ?? 0,
    rawGroupPerSec: group.eventsPerSec,
    vsRawGroup: round(port.eventsPerSec / group.eventsPerSec, 3),
    higherConcurrency: higher,
  };
}

childMain(module, async (args: AppendArgs) =>
  args.mode === 'port' ? portPhase(args) : rawPhase(args, args.mode === 'floor' ? 1 : args.mode === 'group' ? args.concurrency : 1000),
);
