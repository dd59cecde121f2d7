import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { councilStream } from '../../src/council/domain/events';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../../src/read-models/projection-runner';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { CORE_TABLES } from '../../src/read-models/schema';
import { fact, project, rows } from './helpers';

/**
 * The runner's promise: a batch's rows and the checkpoint after it commit together, or neither does. The
 * crash test in crash.int.spec.ts kills once, always inside a slow projection; these tests break the
 * checkpoint write itself, and kill a full-speed runner at random moments, many times.
 */
const C = 'atomic';
const KILLS = 10;
const EVENTS = 6000;

const event = (type: string, data: unknown) => ({ id: randomUUID(), type, data, metadata: { schemaVersion: 1 } });

async function fill(store: SqliteEventStore, members: number): Promise<void> {
  await store.appendToStream(councilStream(C), [event('CouncilFounded', fact.founded(C, { seats: members }))]);
  for (let from = 0; from < members; from += 500) {
    const batch = [];
    for (let i = from; i < Math.min(members, from + 500); i++) {
      batch.push(i % 3 === 2
        ? event('MeetingHeld', fact.meeting(`meeting-${i}`, '2013-01-05', { present: [{ memberId: `m-${i - 1}`, name: `m ${i - 1}` }] }))
        : event('MemberElected', fact.elected(`m-${i}`, '2012-10-27')));
    }
    await store.appendToStream(councilStream(C), batch);
  }
}

/** Every column of every core table (the checkpoint's clock aside), in rowid order. */
function contents(db: Database.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of CORE_TABLES) {
    const columns = (rows(db, `PRAGMA table_info("${table}")`) as Array<{ name: string }>).map((c) => c.name).filter((c) => c !== 'updated_ms');
    out[table] = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY rowid`).raw().all();
  }
  return out;
}

/** What a read database must look like at any commit: the rows of every event up to its checkpoint, none after. */
function checkConsistent(db: Database.Database, storePositions: number[]): { position: number | null; applied: number } {
  const { position, events_applied: applied } = rows(db, 'SELECT position, events_applied FROM checkpoint')[0] as { position: number | null; events_applied: number };
  const upTo = position === null ? 0 : storePositions.filter((p) => p <= position).length;
  expect({ applied, rows: rows(db, 'SELECT count(*) AS n FROM events')[0].n, beyond: rows(db, 'SELECT count(*) AS n FROM events WHERE position > ?', position ?? 0)[0].n })
    .toEqual({ applied: upTo, rows: upTo, beyond: 0 });
  return { position, applied };
}

describe('read-model checkpoint atomicity', () => {
  let dir: string;
  let store: SqliteEventStore;
  let positions: number[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-atomic-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    await fill(store, EVENTS);
    positions = [];
    for await (const e of store.readAll()) positions.push(Number(e.position));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a checkpoint write that fails (a trigger aborts it) leaves none of its batch\'s rows: batch and checkpoint are one commit', async () => {
    const projections = allProjections([]);
    const db = openReadDatabase(join(dir, 'trigger.sqlite'), projections);
    const failAt = positions[137]; // inside the 6th batch of 25
    db.exec(`CREATE TEMP TRIGGER fail_checkpoint BEFORE UPDATE OF position ON main.checkpoint
             WHEN NEW.position >= ${failAt} BEGIN SELECT RAISE(ABORT, 'injected checkpoint failure'); END`);
    const runner = new ProjectionRunner(store, db, projections, { batchSize: 25, stopOnError: true, log: { error: () => undefined } });
    const caughtUp = runner.whenCaughtUp();
    runner.start();
    await expect(caughtUp).rejects.toThrow('injected checkpoint failure');
    await runner.stop();

    expect(runner.checkpoint()).toBe(BigInt(positions[124]));
    expect(checkConsistent(db, positions)).toEqual({ position: positions[124], applied: 125 });
    expect(rows(db, 'SELECT count(*) AS n FROM members')).toEqual([{ n: rows(db, "SELECT count(*) AS n FROM events WHERE type = 'MemberElected'")[0].n }]);

    // Once the checkpoint can be written again, the runner resumes after the last whole batch: exactly once.
    db.exec('DROP TRIGGER temp.fail_checkpoint');
    await project(store, { db, projections, batchSize: 25 });
    const clean = await project(store, { projections, batchSize: 1000 });
    expect(contents(db)).toEqual(contents(clean.db));
    db.close();
    clean.db.close();
  });

  it(`a full-speed runner killed with SIGKILL at ${KILLS} random moments never leaves rows beyond its checkpoint, and ends exactly once`, async () => {
    const readPath = join(dir, 'read.sqlite');
    const projections = allProjections([]);
    const seen: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const batch = [1, 2, 3, 7, 25][kill % 5];
      const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, 'fixtures/project-until-killed.ts'), dir, String(batch)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve());
        child.once('exit', (code) => reject(new Error(`the projecting child exited (${code}) before it started`)));
      });
      await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 150)));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;

      const probe = new Database(readPath, { readonly: true, fileMustExist: true });
      try {
        seen.push(checkConsistent(probe, positions).applied);
      } finally {
        probe.close();
      }
    }
    // The kills landed while batches were being written, not all before the first or after the last.
    expect(seen.some((n) => n > 0 && n < EVENTS + 1)).toBe(true);

    const db = openReadDatabase(readPath, projections);
    await project(store, { db, projections, batchSize: 50 });
    const clean = await project(store, { projections, batchSize: 1000 });
    expect(contents(db)).toEqual(contents(clean.db));
    db.close();
    clean.db.close();
  }, 120_000);
});
