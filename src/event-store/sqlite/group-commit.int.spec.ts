import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError, VersionConflictError } from '../errors';
import { AppendStatements } from './append';
import { storeUnavailable } from './group-commit';
import { applySchema } from './schema';
import { SqliteEventStore } from './sqlite-event-store';

const event = () => ({ id: randomUUID(), type: 'Tested', data: {} });

describe('SQLite group commit', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'council-record-group-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a broken rule fails only its own append; the rest of the group commits', async () => {
    await store.appendToStream('a', [event()], { expectedRevision: 'no_stream' });
    const [ok, conflict] = await Promise.allSettled([
      store.appendToStream('b', [event()]),
      store.appendToStream('a', [event()], { expectedRevision: 'no_stream' }),
    ]);
    expect(ok.status).toBe('fulfilled');
    expect(conflict).toMatchObject({ status: 'rejected', reason: expect.any(VersionConflictError) });
    expect(await store.streamRevision('b')).toBe(0n);
  });

  it('a storage error aborts the whole group: every append in it fails and nothing is written', async () => {
    const original = AppendStatements.prototype.append;
    jest.spyOn(AppendStatements.prototype, 'append').mockImplementation(function (this: AppendStatements, ...args) {
      if (args[0] === 'broken') throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      return original.apply(this, args);
    });
    const outcomes = await Promise.allSettled([
      store.appendToStream('first', [event()]),
      store.appendToStream('broken', [event()]),
      store.appendToStream('last', [event()]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await store.headPosition()).toBeUndefined();
    // An I/O error passes by itself: every caller is told the store is unavailable (HTTP 503), with the cause.
    for (const o of outcomes) {
      expect(o).toMatchObject({ status: 'rejected', reason: expect.any(StoreUnavailableError) });
      expect((o as PromiseRejectedResult).reason.cause).toMatchObject({ code: 'SQLITE_IOERR', message: 'disk I/O error' });
    }
  });

  it('a storage error that does not pass by itself reaches the callers as it is', async () => {
    const failure = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    jest.spyOn(AppendStatements.prototype, 'append').mockImplementation(() => {
      throw failure;
    });
    await expect(store.appendToStream('a', [event()])).rejects.toBe(failure);
  });

  it('maps exactly the SQLite failures that pass by themselves to StoreUnavailableError, with a reason and a retry delay', () => {
    const mapped = (code: unknown) => {
      const error = storeUnavailable(Object.assign(new Error('x'), { code }));
      return error && { reason: error.reason, retryAfterSeconds: error.retryAfterSeconds, cause: (error.cause as { code: unknown }).code, type: error.constructor.name };
    };
    const full = { reason: "the event store's disk is full", retryAfterSeconds: 30, cause: 'SQLITE_FULL', type: 'StoreUnavailableError' };
    expect(mapped('SQLITE_FULL')).toEqual(full);
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']) {
      expect(mapped(code)).toEqual({ reason: 'the event store is busy', retryAfterSeconds: 1, cause: code, type: 'StoreUnavailableError' });
    }
    expect(mapped('SQLITE_NOMEM')).toEqual({ reason: 'the event store is out of memory', retryAfterSeconds: 5, cause: 'SQLITE_NOMEM', type: 'StoreUnavailableError' });
    for (const code of ['SQLITE_IOERR', 'SQLITE_IOERR_FSYNC']) {
      expect(mapped(code)).toEqual({ reason: 'the event store could not write to its disk', retryAfterSeconds: 30, cause: code, type: 'StoreUnavailableError' });
    }
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_FULLX', 'X_SQLITE_BUSY', 'X_SQLITE_LOCKED', 'X_SQLITE_IOERR', 'SQLITE_NOMEMX', '', 5, undefined]) {
      expect({ code, mapped: mapped(code) }).toEqual({ code, mapped: undefined });
    }
    expect(storeUnavailable(undefined)).toBeUndefined();
    expect(storeUnavailable(null)).toBeUndefined();
  });

  it('a conflict between two appends of one group writes nothing; the others get consecutive positions', async () => {
    await store.appendToStream('a', [event()], { expectedRevision: 'no_stream' });
    const [first, conflict, last] = await Promise.allSettled([
      store.appendToStream('b', [event(), event()], { expectedRevision: 'no_stream' }),
      store.appendToStream('a', [event(), event()], { expectedRevision: 5n }),
      store.appendToStream('c', [event()], { expectedRevision: 'no_stream' }),
    ]);
    expect(conflict).toMatchObject({ status: 'rejected', reason: expect.any(VersionConflictError) });
    expect(first).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 1n, firstPosition: 2n, position: 3n } });
    expect(last).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 0n, firstPosition: 4n, position: 4n } });
    expect(await store.streamRevision('a')).toBe(0n);
    expect(await store.headPosition()).toBe(4n);
  });

  it('an error once an append has begun writing aborts the whole group, even a broken rule', async () => {
    const original = AppendStatements.prototype.append;
    jest.spyOn(AppendStatements.prototype, 'append').mockImplementation(function (this: AppendStatements, ...args) {
      if (args[0] !== 'half-written') return original.apply(this, args);
      original.apply(this, args);
      this.writing = true;
      throw new VersionConflictError('half-written', 'any', undefined);
    });
    const outcomes = await Promise.allSettled([
      store.appendToStream('first', [event()]),
      store.appendToStream('half-written', [event()]),
      store.appendToStream('last', [event()]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await store.headPosition()).toBeUndefined();
    jest.restoreAllMocks();
    expect(await store.appendToStream('after', [event()])).toMatchObject({ firstPosition: 1n });
  });

  it('the same single event twice in one group is written once; both callers get its positions', async () => {
    await store.appendToStream('s', [event()]);
    const e = event();
    const [one, two] = await Promise.all([store.appendToStream('s', [e]), store.appendToStream('s', [e])]);
    expect(one).toEqual({ nextExpectedRevision: 1n, firstPosition: 2n, position: 2n });
    expect(two).toEqual(one);
    expect(await store.headPosition()).toBe(2n);
  });

  it('opens a file written by the earlier schema (revisions were kept in `streams`) and carries on', async () => {
    await store.close();
    const path = join(dir, 'earlier.db');
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const raw = new Database(path);
    applySchema(raw, 'FULL');
    const insert = raw.prepare(
      'INSERT INTO events (position, id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    ids.forEach((id, i) => insert.run(i + 1, id, 'old', i, 'Tested', '{}', '{}', Date.now()));
    raw.exec('CREATE TABLE streams (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID');
    raw.prepare('INSERT INTO streams (stream_id, revision) VALUES (?, ?)').run('old', 2);
    raw.close();

    store = new SqliteEventStore({ path });
    const check = new Database(path, { readonly: true });
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'streams'").get()).toEqual({ n: 0 });
    check.close();
    expect(await store.streamRevision('old')).toBe(2n);
    const repeat = await store.appendToStream('old', [{ id: ids[1], type: 'Tested', data: {} }], { expectedRevision: 0n });
    expect(repeat).toEqual({ nextExpectedRevision: 1n, firstPosition: 2n, position: 2n });
    await expect(store.appendToStream('old', [event()], { expectedRevision: 1n })).rejects.toBeInstanceOf(VersionConflictError);
    expect(await store.appendToStream('old', [event()], { expectedRevision: 2n })).toEqual({
      nextExpectedRevision: 3n,
      firstPosition: 4n,
      position: 4n,
    });
    const read: bigint[] = [];
    for await (const e of store.readStream('old', { direction: 'backwards' })) read.push(e.revision);
    expect(read).toEqual([3n, 2n, 1n, 0n]);
  });

  // Found by mutation testing (docs/testing.md): the group size limit, the wake-up of live subscriptions, the
  // reset of the "writing" flag after an aborted group, and the reasons given in conflicts were not pinned down.
  describe('what mutation testing found unpinned', () => {
    it('a queue longer than maxGroupSize commits in groups of that size: a storage error fails only its own group', async () => {
      const path = join(dir, 'small-groups.db');
      const small = new SqliteEventStore({ path, maxGroupSize: 2 });
      const original = AppendStatements.prototype.append;
      jest.spyOn(AppendStatements.prototype, 'append').mockImplementation(function (this: AppendStatements, ...args) {
        if (args[0] === 'broken') throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
        return original.apply(this, args);
      });
      try {
        const outcomes = await Promise.allSettled(['g1-a', 'g1-b', 'broken', 'g2-b', 'g3-a'].map((s) => small.appendToStream(s, [event()])));
        // Groups [g1-a, g1-b], [broken, g2-b], [g3-a]: only the second fails, and the last is not left hanging.
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
        expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.position : undefined))).toEqual([1n, 2n, undefined, undefined, 3n]);
      } finally {
        jest.restoreAllMocks();
        await small.close();
      }
    });

    it('a commit wakes live subscriptions at once (they do not wait for the poll interval)', async () => {
      const path = join(dir, 'no-poll.db');
      const quiet = new SqliteEventStore({ path, pollIntervalMs: 600_000 });
      const seen: string[] = [];
      let caughtUp = false;
      const subscription = quiet.subscribeToAll({ onEvents: (b) => void seen.push(...b.map((e) => e.id)), onCaughtUp: () => (caughtUp = true) });
      try {
        for (let i = 0; i < 500 && !caughtUp; i++) await new Promise((r) => setTimeout(r, 10));
        expect(caughtUp).toBe(true);
        const e = event();
        await quiet.appendToStream('live', [e]);
        for (let i = 0; i < 500 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
        expect(seen).toEqual([e.id]);
      } finally {
        await subscription.stop();
        await quiet.close();
      }
    });

    it('after a group aborted mid-write, and in the very first group, a broken rule again fails only its own append', async () => {
      // The first group a store ever commits: a conflict and a good append.
      const [conflict, ok] = await Promise.allSettled([
        store.appendToStream('missing', [event()], { expectedRevision: 5n }),
        store.appendToStream('fine', [event()]),
      ]);
      expect([conflict.status, ok.status]).toEqual(['rejected', 'fulfilled']);

      const original = AppendStatements.prototype.append;
      jest.spyOn(AppendStatements.prototype, 'append').mockImplementation(function (this: AppendStatements, ...args) {
        if (args[0] !== 'half-written') return original.apply(this, args);
        original.apply(this, args);
        this.writing = true;
        throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
      });
      await Promise.allSettled([store.appendToStream('half-written', [event()])]);
      jest.restoreAllMocks();
      const [again, good] = await Promise.allSettled([
        store.appendToStream('missing', [event()], { expectedRevision: 5n }),
        store.appendToStream('fine', [event()]),
      ]);
      expect([again.status, good.status]).toEqual(['rejected', 'fulfilled']);
      expect(await store.streamRevision('fine')).toBe(1n);
    });

    it('each conflict on a repeated or chained batch says what was wrong', async () => {
      const [a, b, c] = [event(), event(), event()];
      await store.appendToStream('s', [a, b], { expectedRevision: 'no_stream' });
      const reason = async (p: Promise<unknown>) => ((await p.then(() => undefined, (e: unknown) => e)) as Error).message;
      expect(await reason(store.appendToStream('s', [c], { expectedRevision: 1n, expectedLastEventId: a.id }))).toContain(`the event at revision 1 is ${b.id}, not ${a.id}`);
      expect(await reason(store.appendToStream('s', [event(), a], { expectedRevision: 'any' }))).toContain('the batch only partly repeats events already recorded');
      expect(await reason(store.appendToStream('s', [a, b], { expectedRevision: 0n }))).toContain('these event ids were recorded at another revision');
      await store.appendToStream('s', [c], { expectedRevision: 1n, expectedLastEventId: b.id });
      expect(await reason(store.appendToStream('s', [a, c], { expectedRevision: 'no_stream' }))).toContain('the batch only partly repeats an earlier append');
      expect(await reason(store.appendToStream('s', [c], { expectedRevision: 1n, expectedLastEventId: a.id }))).toContain(`these event ids were recorded after another event than ${a.id}`);
      // The conflict names the stream's current revision.
      expect(await store.appendToStream('s', [a, b, event()], { expectedRevision: 'no_stream' }).catch((e: unknown) => e)).toMatchObject({ actual: 2n });
    });
  });

  it('refuses appends once closing has begun, rather than losing them', async () => {
    const closing = store.close();
    await expect(store.appendToStream('late', [event()])).rejects.toThrow('closed');
    await closing;
  });
});
