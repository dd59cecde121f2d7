import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VersionConflictError } from '../errors';
import { AppendStatements } from './append';
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

  it('refuses appends once closing has begun, rather than losing them', async () => {
    const closing = store.close();
    await expect(store.appendToStream('late', [event()])).rejects.toThrow('closed');
    await closing;
  });
});
