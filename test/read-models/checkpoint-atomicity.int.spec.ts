import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../../src/read-models/projection-runner';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { checkConsistent, contents, fill } from './checkpoint-support';
import { project, rows } from './helpers';

/**
 * The runner's promise: a batch's rows and the checkpoint after it commit together, or neither does. The
 * crash test in crash.int.spec.ts kills once, always inside a slow projection; these tests break the
 * checkpoint write itself (checkpoint-kills.int.spec.ts kills a full-speed runner at random moments, many times).
 */
// Under Stryker (stryker.jest.config.js sets CONTRACT_QUICK) fewer events: the fill would run for every mutant.
const EVENTS = process.env.CONTRACT_QUICK ? 600 : 6000;

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
  }, 180_000);
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
    runner.start();
    // Until the failed batch has been reported (stopOnError: the runner then stops on its own).
    for (let waited = 0; runner.lastError === undefined && waited < 60_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    expect({ error: String(runner.lastError), failures: runner.failures }).toEqual({ error: expect.stringContaining('injected checkpoint failure'), failures: 1 });

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
  }, 180_000);
});
