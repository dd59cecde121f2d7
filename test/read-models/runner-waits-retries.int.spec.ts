import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { councilStream } from '../../src/council/domain/events';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ProjectionRunner, ProjectionRunnerOptions } from '../../src/read-models/projection-runner';
import { Projection } from '../../src/read-models/projections/projection';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { fact, rows } from './helpers';

/**
 * The runner's waits (`waitFor`, which the read endpoints' `minPosition` relies on), its retry backoff and
 * its stop, against the real SQLite store in a temporary folder. Where time matters, jest's fake timers
 * replace setTimeout only (setImmediate stays real, so the store's group commit and these tests' flushes
 * run), and the tests move the clock by hand: nothing here depends on how fast the machine is.
 * Written to kill the runner's mutants that survived Stryker (docs/testing.md, "Mutation testing").
 */
const C = 'waits';
const FAKE: Parameters<typeof jest.useFakeTimers>[0] = { doNotFake: ['setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'Date', 'hrtime', 'performance'] };

/** Lets every pending promise chain and setImmediate run (no timer is advanced). */
async function flush(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Flushes until `condition` holds; fails the test (not by time) when it never does. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 20_000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never happened: ${what}`);
}

/** The promise's outcome so far, read without waiting on it. */
function watch<T>(promise: Promise<T>): { settled: boolean; value?: T } {
  const state: { settled: boolean; value?: T } = { settled: false };
  void promise.then((value) => {
    state.settled = true;
    state.value = value;
  });
  return state;
}

const event = (type: string, data: unknown) => ({ id: randomUUID(), type, data, metadata: { schemaVersion: 1 } });

describe('projection runner: waitFor, retry backoff and stop (real SQLite store)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: Database;
  let runner: ProjectionRunner | undefined;
  let members = 0;

  /** Appends `n` members in one append; returns the position of the last. */
  async function elect(n: number): Promise<bigint> {
    const batch = Array.from({ length: n }, () => event('MemberElected', fact.elected(`m-${members++}`, '2012-10-27')));
    return (await store.appendToStream(councilStream(C), batch)).position;
  }

  function newRunner(projections: Projection[], options: ProjectionRunnerOptions = {}): ProjectionRunner {
    db = openReadDatabase(join(dir, 'read.sqlite'), projections);
    runner = new ProjectionRunner(store, db, projections, { batchSize: 10, log: { error: () => undefined }, ...options });
    return runner;
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'runner-waits-'));
    // No poll timer can fire during a test: live events arrive through the commit signal.
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 600_000 });
    members = 0;
    await store.appendToStream(councilStream(C), [event('CouncilFounded', fact.founded(C))]);
    runner = undefined;
  });
  afterEach(async () => {
    await runner?.stop();
    jest.useRealTimers();
    await store.close();
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('waitFor', () => {
    it('answers true at once for a position at or before the checkpoint, even with a zero timeout; false at once past it', async () => {
      const head = await elect(3);
      const r = newRunner(allProjections([]));
      expect(await r.waitFor(1n, 0)).toBe(false); // nothing applied yet
      r.start();
      await until(() => r.checkpoint() === head, 'caught up');
      jest.useFakeTimers(FAKE);
      const at = watch(r.waitFor(head, 0));
      const before = watch(r.waitFor(head - 1n, 0));
      const past = watch(r.waitFor(head + 1n, 0));
      const pastWithTime = watch(r.waitFor(head + 1n, 1000));
      await flush(); // no timer moves: only an answer given at once is settled
      expect(at).toEqual({ settled: true, value: true });
      expect(before).toEqual({ settled: true, value: true });
      expect(past).toEqual({ settled: true, value: false });
      expect(pastWithTime.settled).toBe(false);
    });

    it('a waiter for a later position is answered true by the batch that reaches it, not by an earlier one nor by its timer, and leaves no timer', async () => {
      const start = await elect(2);
      const r = newRunner(allProjections([]));
      jest.useFakeTimers(FAKE);
      r.start();
      await until(() => r.checkpoint() === start, 'caught up');
      await flush();
      const idleTimers = jest.getTimerCount(); // the subscription's poll timer
      const waiter = watch(r.waitFor(start + 2n, 60_000));
      expect(jest.getTimerCount()).toBe(idleTimers + 1);

      const first = await elect(1);
      await until(() => r.checkpoint() === first, 'first event applied');
      await flush();
      expect(first).toBe(start + 1n);
      expect(waiter.settled).toBe(false);

      const second = await elect(3); // one batch that goes past the position waited for
      await until(() => r.checkpoint() === second, 'second batch applied');
      await flush();
      expect(waiter).toEqual({ settled: true, value: true });
      expect(jest.getTimerCount()).toBe(idleTimers); // its timeout was cleared
    });

    it('a waiter whose position does not come is answered false when its timeout passes, not before', async () => {
      const head = await elect(1);
      const r = newRunner(allProjections([]));
      jest.useFakeTimers(FAKE);
      r.start();
      await until(() => r.checkpoint() === head, 'caught up');
      const waiter = watch(r.waitFor(head + 5n, 1000));
      jest.advanceTimersByTime(999);
      await flush();
      expect(waiter.settled).toBe(false);
      jest.advanceTimersByTime(1);
      await flush();
      expect(waiter).toEqual({ settled: true, value: false });
      // Answered once: a later event past the position does not matter to it any more.
      await elect(6);
      await flush();
      expect(waiter.value).toBe(false);
    });

    it('stop answers every pending waiter (false: not reached) and leaves no timer running', async () => {
      const head = await elect(1);
      const r = newRunner(allProjections([]));
      jest.useFakeTimers(FAKE);
      r.start();
      await until(() => r.checkpoint() === head, 'caught up');
      const a = watch(r.waitFor(head + 1n, 60_000));
      const b = watch(r.waitFor(head + 9n, 60_000));
      await flush();
      expect(a.settled || b.settled).toBe(false);
      await r.stop();
      await flush();
      expect(a).toEqual({ settled: true, value: false });
      expect(b).toEqual({ settled: true, value: false });
      expect(jest.getTimerCount()).toBe(0);
    });
  });

  describe('retry after a failed batch', () => {
    /** A projection that fails (with a failure that passes: retried, never parked) while `failing.on`. */
    function failingProjection(failing: { on: boolean }): Projection {
      return {
        name: 'busy',
        tables: [],
        init: () => (e) => {
          if (failing.on && e.type === 'MemberElected') throw Object.assign(new Error('database is busy'), { code: 'SQLITE_BUSY' });
        },
      };
    }

    /** After the `attempt`th failure, the next attempt comes exactly `delay` ms later (fake clock). */
    async function expectNextAttemptAfter(r: ProjectionRunner, attempt: number, delay: number): Promise<void> {
      expect(r.failures).toBe(attempt);
      jest.advanceTimersByTime(delay - 1);
      await flush();
      expect({ attempt, delay, failures: r.failures }).toEqual({ attempt, delay, failures: attempt });
      jest.advanceTimersByTime(1);
      await until(() => r.failures === attempt + 1, `attempt ${attempt + 1} after ${delay} ms`);
    }

    it('waits retryDelayMs × 2^(failures − 1) before each new attempt, the exponent capped at 5, then resets once a batch succeeds', async () => {
      const head = await elect(3);
      const failing = { on: true };
      const r = newRunner([...allProjections([]), failingProjection(failing)], { retryDelayMs: 100 });
      jest.useFakeTimers(FAKE);
      const subscribe = jest.spyOn(store, 'subscribeToAll');
      r.start();
      await until(() => r.failures === 1, 'first failure');
      expect(r.state()).toEqual({ state: 'paused', error: 'database is busy', failures: 1 });
      for (const [attempt, delay] of [[1, 100], [2, 200], [3, 400], [4, 800], [5, 1600], [6, 3200], [7, 3200]]) {
        await expectNextAttemptAfter(r, attempt, delay);
      }
      expect(subscribe).toHaveBeenCalledTimes(8); // one subscription per attempt
      expect(r.checkpoint()).toBeUndefined(); // the one batch (founding and members) was rolled back each time
      expect(rows(db, 'SELECT count(*) AS n FROM councils')).toEqual([{ n: 0 }]);

      failing.on = false;
      jest.advanceTimersByTime(3200);
      await until(() => r.checkpoint() === head, 'applied after the cause passed');
      expect(r.state()).toEqual({ state: 'running', failures: 0 });
      expect(rows(db, 'SELECT count(*) AS n FROM members')).toEqual([{ n: 3 }]);
    });

    it('never waits more than 30 s', async () => {
      await elect(1);
      const r = newRunner([...allProjections([]), failingProjection({ on: true })], { retryDelayMs: 20_000 });
      jest.useFakeTimers(FAKE);
      r.start();
      await until(() => r.failures === 1, 'first failure');
      await expectNextAttemptAfter(r, 1, 20_000);
      await expectNextAttemptAfter(r, 2, 30_000); // not 40 s
      await expectNextAttemptAfter(r, 3, 30_000);
    });

    it('waits 1 s before the first retry when no retryDelayMs is given', async () => {
      await elect(1);
      const r = newRunner([...allProjections([]), failingProjection({ on: true })]);
      jest.useFakeTimers(FAKE);
      r.start();
      await until(() => r.failures === 1, 'first failure');
      await expectNextAttemptAfter(r, 1, 1000);
      await expectNextAttemptAfter(r, 2, 2000);
    });

    it('stop during the wait cancels the retry: no new subscription, no timer left', async () => {
      await elect(1);
      const r = newRunner([...allProjections([]), failingProjection({ on: true })], { retryDelayMs: 100 });
      jest.useFakeTimers(FAKE);
      const subscribe = jest.spyOn(store, 'subscribeToAll');
      r.start();
      await until(() => r.failures === 1, 'first failure');
      await r.stop();
      expect(jest.getTimerCount()).toBe(0);
      jest.advanceTimersByTime(10_000);
      await flush();
      expect(subscribe).toHaveBeenCalledTimes(1);
      expect(r.failures).toBe(1);
      expect(r.state().state).toBe('stopped');
    });
  });

  describe('stop and start', () => {
    it('a stop that comes while the store is still being verified prevents the subscription; a later start resumes from the checkpoint', async () => {
      const head = await elect(2);
      const r = newRunner(allProjections([]));
      const subscribe = jest.spyOn(store, 'subscribeToAll');
      r.start(); // verifies the store first (asynchronous), then subscribes
      await r.stop();
      await flush();
      expect(subscribe).not.toHaveBeenCalled();
      await elect(1);
      await flush();
      expect(r.checkpoint()).toBeUndefined();
      expect(r.state().state).toBe('stopped');

      r.start();
      r.start(); // a second start while running changes nothing
      await until(() => r.checkpoint() === head + 1n, 'caught up after the restart');
      expect(subscribe).toHaveBeenCalledTimes(1);
      expect(rows(db, 'SELECT count(*) AS n FROM members')).toEqual([{ n: 3 }]);
    });
  });
});

describe('projection runner: parked events retried (real SQLite store)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runner-parked-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('retryParked applies the event to the projection that failed on it only, removes the row, and records a new error while it still fails', async () => {
    const bad = event('MemberElected', fact.elected('poison', '2012-10-27'));
    const good = event('MemberElected', fact.elected('fine', '2012-10-27'));
    await store.appendToStream(councilStream(C), [event('CouncilFounded', fact.founded(C)), bad, good]);
    const broken = { on: true };
    // What each projection applied, kept in the read database (a failed batch's rows are rolled back with it).
    const named = (name: string, fails: boolean): Projection => ({
      name,
      tables: [`seen_${name}`],
      ddl: `CREATE TABLE IF NOT EXISTS seen_${name} (event_id TEXT NOT NULL)`,
      init: (database) => {
        const insert = database.prepare(`INSERT INTO seen_${name} (event_id) VALUES (?)`);
        return (e) => {
          if (fails && broken.on && (e.data as { memberId?: string }).memberId === 'poison') throw new Error(`${name} cannot take poison`);
          insert.run(e.id);
        };
      },
    });
    const seen = (name: string) => rows(db, `SELECT event_id FROM seen_${name} ORDER BY rowid`).map((r) => r.event_id);
    const projections = [...allProjections([]), named('picky', true), named('other', false)];
    db = openReadDatabase(join(dir, 'read.sqlite'), projections);
    const runner = new ProjectionRunner(store, db, projections, { batchSize: 10, retryDelayMs: 5, log: { error: () => undefined } });
    runner.start();
    expect(await runner.waitFor(3n, 5000)).toBe(true);
    await runner.stop();

    expect(runner.parked()).toEqual([expect.objectContaining({ eventId: bad.id, projection: 'picky', position: '2', revision: 1, attempts: 1, error: 'picky cannot take poison' })]);
    expect(runner.parkedCount()).toBe(1);
    expect(seen('picky')).toEqual([expect.any(String), good.id]);
    expect(seen('other')).toHaveLength(3);

    expect(await runner.retryParked('not-parked')).toBeUndefined();
    expect(await runner.retryParked(bad.id)).toEqual({ eventId: bad.id, results: [{ projection: 'picky', applied: false, error: 'picky cannot take poison' }] });
    expect(runner.parked()).toEqual([expect.objectContaining({ eventId: bad.id, projection: 'picky', attempts: 2 })]);

    broken.on = false;
    expect(await runner.retryParked(bad.id)).toEqual({ eventId: bad.id, results: [{ projection: 'picky', applied: true }] });
    expect(runner.parked()).toEqual([]);
    expect(runner.parkedCount()).toBe(0);
    expect(seen('picky')).toEqual([expect.any(String), good.id, bad.id]);
    expect(seen('other').filter((id) => id === bad.id)).toHaveLength(1); // not applied again to the others
  });

  it('an event parked for the core projection is applied to every projection by a retry after the fix', async () => {
    const poison = event('MemberElected', fact.elected('poison', '2012-10-27'));
    await store.appendToStream(councilStream(C), [event('CouncilFounded', fact.founded(C)), poison]);
    const extra: Projection = {
      name: 'extra',
      tables: ['seen_extra'],
      ddl: 'CREATE TABLE IF NOT EXISTS seen_extra (event_id TEXT NOT NULL)',
      init: (database) => {
        const insert = database.prepare('INSERT INTO seen_extra (event_id) VALUES (?)');
        return (e) => void insert.run(e.id);
      },
    };
    const seen = () => rows(db, 'SELECT event_id FROM seen_extra ORDER BY rowid').map((r) => r.event_id);
    const projections = [...allProjections([]), extra];
    db = openReadDatabase(join(dir, 'read.sqlite'), projections);
    // The core projection fails on this event (not a failure that passes) until the trigger is dropped.
    // (Its error text may read "SqliteError: …": under jest, better-sqlite3's error class can come from another
    // test file's realm, so `instanceof Error` fails and the runner records String(error).)
    db.exec(`CREATE TEMP TRIGGER no_poison BEFORE INSERT ON main.members WHEN NEW.member_id = 'poison'
             BEGIN SELECT RAISE(ABORT, 'core cannot take poison'); END`);
    const runner = new ProjectionRunner(store, db, projections, { batchSize: 10, retryDelayMs: 5, log: { error: () => undefined } });
    runner.start();
    expect(await runner.waitFor(2n, 5000)).toBe(true);
    await runner.stop();
    expect(runner.parked()).toEqual([expect.objectContaining({ eventId: poison.id, projection: 'core', error: expect.stringContaining('core cannot take poison') })]);
    expect(seen()).toHaveLength(1); // the founding event: the others never see an event the core projection refused

    expect(await runner.retryParked(poison.id)).toEqual({ eventId: poison.id, results: [{ projection: 'core', applied: false, error: expect.stringContaining('core cannot take poison') }] });
    expect(seen()).toHaveLength(1);
    db.exec('DROP TRIGGER no_poison');
    expect(await runner.retryParked(poison.id)).toEqual({ eventId: poison.id, results: [{ projection: 'core', applied: true }] });
    expect(seen()).toEqual([expect.any(String), poison.id]);
    expect(rows(db, "SELECT count(*) AS n FROM members WHERE member_id = 'poison'")).toEqual([{ n: 1 }]);
    expect(runner.parked()).toEqual([]);
  });
});
