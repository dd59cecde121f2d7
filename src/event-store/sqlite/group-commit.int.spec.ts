import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { VersionConflictError } from '../errors';
import { AppendStatements } from './append';
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

  it('refuses appends once closing has begun, rather than losing them', async () => {
    const closing = store.close();
    await expect(store.appendToStream('late', [event()])).rejects.toThrow('closed');
    await closing;
  });
});
