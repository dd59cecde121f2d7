import { fork, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { RecordedEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import type { Ack, CrashEventData } from './append-worker';

/**
 * Durability under SIGKILL: a child appends concurrently (group commit, several streams, batches of 1..6
 * events) and reports each acknowledged append; we kill it at a random moment, reopen the store and check
 * that every acknowledged append is there with the positions it was given, no batch is partial, no position
 * repeats and every stream's revisions are contiguous. Repeated KILLS times on the same database.
 */
const KILLS = 25;
const WORKER = join(__dirname, 'append-worker.ts');

describe('SQLite event store survives SIGKILL', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'council-record-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged append and never a partial batch, across ${KILLS} kills`, async () => {
    const path = join(dir, 'events.db');
    const acked = new Map<string, Ack>();
    let previousTotal = 0;
    const grewAfterRuns: number[] = [];

    for (let run = 1; run <= KILLS; run++) {
      const { acks, killedAfterAcks } = await runAndKill(path, run);
      for (const ack of acks) acked.set(ack.batch, ack);

      const total = await verify(path, acked);
      expect(killedAfterAcks).toBeGreaterThan(0); // killed while appends were in flight, not before
      if (total > previousTotal) grewAfterRuns.push(run);
      previousTotal = total;
    }
    expect(grewAfterRuns.length).toBe(KILLS);
    expect(acked.size).toBeGreaterThan(KILLS * 5);
  }, 300_000);
});

async function runAndKill(path: string, run: number): Promise<{ acks: Ack[]; killedAfterAcks: number }> {
  const child: ChildProcess = fork(WORKER, [path, String(run)], {
    execArgv: ['-r', require.resolve('ts-node/register/transpile-only')],
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const acks: Ack[] = [];
  let failure: string | undefined;
  let firstAck!: () => void;
  const acking = new Promise<void>((resolve) => (firstAck = resolve));
  child.on('message', (m: { kind: string; ack?: Ack; message?: string }) => {
    if (m.kind === 'ack') {
      acks.push(m.ack!);
      firstAck();
    } else if (m.kind === 'error') failure = m.message;
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  // 'exit' can come before the last acknowledgements the child sent have been read from the IPC pipe: those
  // are the appends acknowledged just before the kill, the ones most at risk. 'close' comes once the channel is
  // closed too, i.e. after every message it carried has been delivered.
  const closed = new Promise<void>((resolve) => child.on('close', () => setImmediate(resolve)));

  await Promise.race([acking, exited]);
  if (failure) throw new Error(`worker failed: ${failure}`);
  // A random moment after appends started: from mid-first-commit to a few hundred commits later.
  await sleep(Math.floor(Math.random() * 250));
  const killedAfterAcks = acks.length;
  child.kill('SIGKILL');
  const how = await exited;
  await closed;
  if (failure) throw new Error(`worker failed: ${failure}`);
  expect(how).toBe('SIGKILL');
  expect(child.connected).toBe(false);
  return { acks, killedAfterAcks };
}

/** Reopens the store (WAL recovery) and checks the invariants; returns the number of events. */
async function verify(path: string, acked: Map<string, Ack>): Promise<number> {
  const raw = new Database(path);
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  raw.close();

  const store = new SqliteEventStore({ path });
  try {
    const events = await collect(store.readAll()); // through the port, as a restarted app would
    const byId = new Map(events.map((e) => [e.id, e]));
    const problems: string[] = [];

    // Positions strictly increase (so none repeats); revisions are contiguous per stream, in position order.
    const nextRevision = new Map<string, bigint>();
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (i > 0 && e.position <= events[i - 1].position) problems.push(`position ${e.position} repeats or goes back`);
      const expected = nextRevision.get(e.streamId) ?? 0n;
      if (e.revision !== expected) problems.push(`${e.streamId}: revision ${e.revision}, expected ${expected}`);
      nextRevision.set(e.streamId, e.revision + 1n);
    }

    // Every batch is whole: all its events, in order, contiguous in the log, in one stream.
    const batches = new Map<string, RecordedEvent[]>();
    for (const e of events) {
      const d = e.data as CrashEventData;
      batches.set(d.batch, [...(batches.get(d.batch) ?? []), e]);
    }
    for (const [batch, group] of batches) {
      const size = (group[0].data as CrashEventData).size;
      const whole =
        group.length === size &&
        group.every(
          (e, i) =>
            (e.data as CrashEventData).index === i &&
            e.streamId === group[0].streamId &&
            e.position === group[0].position + BigInt(i),
        );
      if (!whole) problems.push(`batch ${batch} is partial: ${group.length} of ${size} events`);
    }

    // Every acknowledged append is there, with the positions and revision it was acknowledged with.
    for (const ack of acked.values()) {
      const found = ack.ids.map((id) => byId.get(id));
      if (found.some((e) => e === undefined)) {
        problems.push(`acknowledged batch ${ack.batch} is missing`);
        continue;
      }
      const first = found[0]!;
      const last = found[found.length - 1]!;
      if (
        first.position.toString() !== ack.firstPosition ||
        last.position.toString() !== ack.position ||
        last.revision.toString() !== ack.nextExpectedRevision ||
        found.some((e) => e!.streamId !== ack.streamId)
      ) {
        problems.push(`acknowledged batch ${ack.batch} moved`);
      }
    }
    expect(problems).toEqual([]);
    return events.length;
  } finally {
    await store.close();
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
