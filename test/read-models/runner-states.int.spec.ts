import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { councilStream } from '../../src/council/domain/events';
import { SubscriptionFailedError } from '../../src/event-store/errors';
import { backupSqliteStore } from '../../src/event-store/sqlite/backup';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../../src/read-models/projection-runner';
import { ReadDatabaseMismatchError, isPassingFailure } from '../../src/read-models/projection-failures';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { fact, rows } from './helpers';

/**
 * The runner's states as health and ready report them (running, paused, failed), its refusal of a read
 * database built from another store, and which SQLite failures it treats as passing (retried, never parked),
 * against real SQLite stores in a temporary folder. Written for the runner's mutants (docs/testing.md).
 */
const C = 'states';
const event = (type: string, data: unknown) => ({ id: randomUUID(), type, data, metadata: { schemaVersion: 1 } });
const quiet = { error: () => undefined };

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 20_000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

describe('projection runner: states and the store it belongs to (real SQLite stores)', () => {
  let dir: string;
  const open: Array<{ close(): unknown }> = [];
  const newStore = (name: string) => {
    const store = new SqliteEventStore({ path: join(dir, name) });
    open.push(store);
    return store;
  };
  const newDb = (): Database => {
    const db = openReadDatabase(join(dir, 'read.sqlite'), allProjections([]));
    open.push(db);
    return db;
  };
  const found = (store: SqliteEventStore, members = 0) =>
    store.appendToStream(councilStream(C), [event('CouncilFounded', fact.founded(C)), ...Array.from({ length: members }, (_, i) => event('MemberElected', fact.elected(`m-${i}`, '2012-10-27')))]);

  async function projectAll(store: SqliteEventStore, db: Database): Promise<ProjectionRunner> {
    const runner = new ProjectionRunner(store, db, allProjections([]), { log: quiet, retryDelayMs: 5 });
    const caughtUp = runner.whenCaughtUp();
    runner.start();
    await caughtUp;
    await runner.stop();
    return runner;
  }

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'runner-states-'))));
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records the store identity on first use, then refuses another store for good: failed, whenCaughtUp rejects, nothing subscribed or applied', async () => {
    const first = newStore('first.sqlite');
    await found(first, 2);
    const db = newDb();
    await projectAll(first, db);
    expect(rows(db, 'SELECT store_identity FROM checkpoint')).toEqual([{ store_identity: await first.identity() }]);

    const other = newStore('other.sqlite');
    await found(other, 5);
    const subscribe = jest.spyOn(other, 'subscribeToAll');
    const runner = new ProjectionRunner(other, db, allProjections([]), { log: quiet, retryDelayMs: 5 });
    const caughtUp = runner.whenCaughtUp();
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'Date', 'hrtime', 'performance'] });
    runner.start();
    await expect(caughtUp).rejects.toThrow(ReadDatabaseMismatchError);
    expect(jest.getTimerCount()).toBe(0); // no retry scheduled
    jest.advanceTimersByTime(600_000);
    jest.useRealTimers();
    await expect(runner.verifyStore()).rejects.toThrow(
      `The read database was built from event store ${await first.identity()}, but the service now uses ${await other.identity()} (EVENT_STORE or its data changed). Run \`npm run rebuild\``,
    );
    expect(runner.state()).toEqual({ state: 'failed', error: expect.stringContaining('built from event store'), failures: 1 });
    expect(runner.lastError).toMatchObject({ name: 'ReadDatabaseMismatchError' });
    expect(runner.failures).toBe(1);
    expect(subscribe).not.toHaveBeenCalled();
    expect(rows(db, 'SELECT count(*) AS n FROM members')).toEqual([{ n: 2 }]);
    expect(rows(db, 'SELECT store_identity FROM checkpoint')).toEqual([{ store_identity: await first.identity() }]);
    await runner.stop();
  });

  it('refuses the same store restored from a copy older than the checkpoint, and an empty one', async () => {
    const store = newStore('events.sqlite');
    await found(store, 1);
    await backupSqliteStore(join(dir, 'events.sqlite'), join(dir, 'older.sqlite'));
    await store.appendToStream(councilStream(C), [event('MemberElected', fact.elected('late', '2012-10-27'))]);
    const db = newDb();
    await projectAll(store, db);

    const older = newStore('older.sqlite'); // same identity, ends at position 2
    expect(await older.identity()).toBe(await store.identity());
    const runner = new ProjectionRunner(older, db, allProjections([]), { log: quiet });
    await expect(runner.verifyStore()).rejects.toThrow(
      'The read database has applied events up to position 3, but the event store ends at 2 (was it restored from an older backup?)',
    );
    // At its head exactly, the same store is accepted.
    await expect(new ProjectionRunner(store, db, allProjections([]), { log: quiet }).verifyStore()).resolves.toBeUndefined();

    const emptyDir = mkdtempSync(join(dir, 'empty-'));
    await new SqliteEventStore({ path: join(emptyDir, 'e.sqlite') }).close();
    await backupSqliteStore(join(emptyDir, 'e.sqlite'), join(dir, 'empty.sqlite'));
    const empty = newStore('empty.sqlite');
    db.prepare('UPDATE checkpoint SET store_identity = ?').run(await empty.identity());
    await expect(new ProjectionRunner(empty, db, allProjections([]), { log: quiet }).verifyStore()).rejects.toThrow('but the event store ends at nothing');
  });

  it('a subscription the store refuses for good shows failed, one it cannot serve now paused; each is tried again and the runner is running once caught up', async () => {
    const store = newStore('events.sqlite');
    const db = newDb();
    const real = store.subscribeToAll.bind(store);
    const subscribe = jest
      .spyOn(store, 'subscribeToAll')
      .mockImplementationOnce(() => {
        throw new SubscriptionFailedError('access denied to $all');
      })
      .mockImplementationOnce(() => {
        throw new Error('store unavailable');
      })
      .mockImplementation(real);
    const runner = new ProjectionRunner(store, db, allProjections([]), { retryDelayMs: 20 }); // no log: the runner must not need one
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'Date', 'hrtime', 'performance'] });
    try {
      runner.start();
      await until(() => runner.failures === 1);
      expect(runner.state()).toEqual({ state: 'failed', error: 'access denied to $all', failures: 1 });
      jest.advanceTimersByTime(20);
      await until(() => runner.failures === 2);
      expect(runner.state()).toEqual({ state: 'paused', error: 'store unavailable', failures: 2 });
      jest.advanceTimersByTime(40);
      // An empty store: nothing is ever applied, so only the catch-up tells the runner it is healthy again.
      await until(() => runner.caughtUp());
      expect(runner.state()).toEqual({ state: 'running', failures: 2 });
    } finally {
      jest.useRealTimers();
    }
    expect(subscribe).toHaveBeenCalledTimes(3);
    await found(store, 1);
    expect(await runner.waitFor(2n, 5000)).toBe(true);
    expect(runner.state()).toEqual({ state: 'running', failures: 0 });
    await runner.stop();
    expect(runner.state().state).toBe('stopped');
  });

  it('reports stopped, then starting, then running; no error before one happened; its projections by name and version; whenCaughtUp at once once caught up', async () => {
    const store = newStore('events.sqlite');
    await found(store, 1);
    const db = newDb();
    const runner = new ProjectionRunner(store, db, allProjections([]), { log: quiet });
    expect(runner.state()).toEqual({ state: 'stopped', error: undefined, failures: 0 });
    expect(runner.state()).not.toHaveProperty('error', expect.anything());
    expect(runner.projectionNames()).toEqual(allProjections([]).map((p) => ({ name: p.name, version: p.version ?? 1 })));
    expect(runner.projectionNames()[0]).toEqual({ name: 'core', version: expect.any(Number) });
    const caughtUp = runner.whenCaughtUp();
    runner.start();
    expect(runner.state().state).toBe('starting');
    await caughtUp;
    expect(runner.state().state).toBe('running');
    // Already caught up: answered without waiting for another catch-up (none comes while nothing is written).
    const again = { settled: false };
    void runner.whenCaughtUp().then(() => (again.settled = true));
    await until(() => again.settled);
    await runner.stop();
  });

  it('a store that has no identity is not checked against the one recorded', async () => {
    const first = newStore('first.sqlite');
    await found(first, 1);
    const db = newDb();
    await projectAll(first, db);
    const other = newStore('other.sqlite');
    await found(other, 2);
    Object.defineProperty(other, 'identity', { value: undefined }); // as a store without the optional method
    await expect(new ProjectionRunner(other, db, allProjections([]), { log: quiet }).verifyStore()).resolves.toBeUndefined();
    const mismatch = await new ProjectionRunner(newStore('third.sqlite'), db, allProjections([]), { log: quiet }).verifyStore().catch((e: Error) => e);
    expect(mismatch).toMatchObject({ name: 'ReadDatabaseMismatchError' });
  });

  it('a UNIQUE failure of the core projection on another row than the event id is parked, not taken for an event already applied', async () => {
    const store = newStore('events.sqlite');
    await store.appendToStream(councilStream(C), [
      event('CouncilFounded', fact.founded(C)),
      event('MemberElected', fact.elected('m-1', '2012-10-27', { name: 'Same Name' })),
      event('MemberElected', fact.elected('m-2', '2012-10-27', { name: 'Same Name' })),
    ]);
    const db = newDb();
    db.exec('CREATE UNIQUE INDEX test_unique_member_name ON members (name)');
    const runner = new ProjectionRunner(store, db, allProjections([]), { batchSize: 10, retryDelayMs: 5 }); // no log: the runner must not need one
    runner.start();
    expect(await runner.waitFor(3n, 5000)).toBe(true);
    await runner.stop();
    expect(runner.parked()).toEqual([expect.objectContaining({ projection: 'core', position: '3', error: expect.stringContaining('UNIQUE constraint failed: members.name') })]);
  });

  it('retryParked says why when the event is no longer where it was parked, or its projection no longer runs', async () => {
    const store = newStore('events.sqlite');
    const poison = event('MemberElected', fact.elected('poison', '2012-10-27'));
    await store.appendToStream(councilStream(C), [event('CouncilFounded', fact.founded(C)), poison]);
    const picky = {
      name: 'picky',
      tables: [],
      init: () => (e: { data: unknown }) => {
        if ((e.data as { memberId?: string }).memberId === 'poison') throw new Error('picky cannot take poison');
      },
    };
    const db = openReadDatabase(join(dir, 'read.sqlite'), [...allProjections([]), picky]);
    open.push(db);
    const runner = new ProjectionRunner(store, db, [...allProjections([]), picky], { batchSize: 10, retryDelayMs: 5 });
    runner.start();
    expect(await runner.waitFor(2n, 5000)).toBe(true);
    await runner.stop();
    expect(runner.parked()).toEqual([expect.objectContaining({ eventId: poison.id, projection: 'picky' })]);

    const without = new ProjectionRunner(store, db, allProjections([]), { log: quiet });
    expect(await without.retryParked(poison.id)).toEqual({ eventId: poison.id, results: [{ projection: 'picky', applied: false, error: 'no projection named picky runs here any more' }] });
    db.prepare('UPDATE parked_events SET revision = 7').run();
    expect(await without.retryParked(poison.id)).toEqual({
      eventId: poison.id,
      results: [{ projection: 'picky', applied: false, error: `event ${poison.id} is no longer at ${councilStream(C)}@7` }],
    });
    expect(without.parked()).toEqual([expect.objectContaining({ eventId: poison.id, attempts: 3 })]);
  });

  it('treats as passing (retried, never parked) exactly the SQLite failures that go away by themselves', () => {
    const passing = ['SQLITE_FULL', 'SQLITE_NOMEM', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE', 'SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_CANTOPEN', 'SQLITE_CANTOPEN_ISDIR'];
    const lasting = ['SQLITE_CONSTRAINT_NOTNULL', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'SQLITE_MISMATCH', 'SQLITE_CORRUPT', 'SQLITE_FULL_X', 'X_SQLITE_BUSY', 'X_SQLITE_IOERR', 'X_SQLITE_LOCKED', 'X_SQLITE_READONLY', 'X_SQLITE_CANTOPEN', 'SQLITE_NOMEMORY', ''];
    for (const code of passing) expect({ code, passing: isPassingFailure(Object.assign(new Error('x'), { code })) }).toEqual({ code, passing: true });
    for (const code of lasting) expect({ code, passing: isPassingFailure(Object.assign(new Error('x'), { code })) }).toEqual({ code, passing: false });
    for (const error of [new Error('no code'), { code: 5 }, undefined, null, 'SQLITE_BUSY']) expect(isPassingFailure(error)).toBe(false);
  });
});
