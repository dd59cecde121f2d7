import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { CouncilEventType, councilStream } from '../../src/council/domain/events';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ReadDatabaseMismatchError } from '../../src/read-models/projection-failures';
import { ProjectionWorkerHost } from '../../src/read-models/projection-worker-host';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { fact, project, rows } from './helpers';

const C = 'cc';
const projections = allProjections([]);

/** Row counts of the core tables and the checkpoint's count of applied events: what must happen exactly once. */
function effects(db: ReturnType<typeof openReadDatabase>) {
  const tables = ['facts', 'members', 'meetings', 'meeting_attendance', 'councils'];
  return {
    events: rows(db, 'SELECT count(*) AS n, count(DISTINCT event_id) AS distinct_ids FROM events')[0],
    ...Object.fromEntries(tables.map((t) => [t, rows(db, `SELECT count(*) AS n, count(known_to_position) AS closed FROM ${t}`)[0]])),
  };
}

describe('projections in a worker thread (ProjectionWorkerHost)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let revision: bigint | undefined;
  const hosts: ProjectionWorkerHost[] = [];
  const dbs: Array<ReturnType<typeof openReadDatabase>> = [];

  async function append(type: CouncilEventType, data: unknown): Promise<bigint> {
    const result = await store.appendToStream(councilStream(C), [{ id: randomUUID(), type, data, metadata: { schemaVersion: 1 } }], {
      expectedRevision: revision ?? 'no_stream',
    });
    revision = result.nextExpectedRevision;
    return result.position;
  }

  async function history(members: number): Promise<bigint> {
    let head = await append('CouncilFounded', fact.founded(C));
    for (let i = 0; i < members; i++) head = await append('MemberElected', fact.elected(`m-${i}`, '2012-10-27'));
    for (let i = 0; i < 5; i++) head = await append('MeetingHeld', fact.meeting(`meeting-${i}`, `2013-01-1${i}`, { present: [{ memberId: 'm-1', name: 'm 1' }] }));
    return head;
  }

  function host(readPath: string, pollIntervalMs = 600_000, storePath = join(dir, 'events.sqlite')) {
    const db = openReadDatabase(readPath, projections);
    dbs.push(db);
    const errors: string[] = [];
    const h = new ProjectionWorkerHost(store, db, projections, {
      log: { error: (m) => errors.push(m) },
      restartDelayMs: 10,
      // Polling every ten minutes: only the main thread's wake-up on commit can bring new events in time.
      worker: { readPath, store: { kind: 'sqlite', path: storePath, synchronous: 'NORMAL', pollIntervalMs } },
    });
    hosts.push(h);
    return { h, db, errors };
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projection-worker-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    revision = undefined;
  });
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.stop();
    for (const db of dbs.splice(0)) db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every event in the worker and reports the checkpoint to the main thread; a commit wakes it at once (no poll)', async () => {
    const head = await history(20);
    const { h, db } = host(join(dir, 'read.sqlite'));
    await h.start();
    expect(await h.waitFor(head, 20_000)).toBe(true);
    expect(h.checkpoint()).toBe(head);
    for (let i = 0; i < 200 && !h.caughtUp(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.caughtUp()).toBe(true);
    expect(h.state().state).toBe('running');

    // Written after start, with the worker's poll ten minutes away: it arrives through the wake-up.
    const later = await append('MemberLeft', fact.left('m-3', '2013-05-01'));
    expect(await h.waitFor(later, 20_000)).toBe(true);
    // The main thread's own connection sees what the worker committed.
    const clean = await project(store, { projections });
    expect(effects(db)).toEqual(effects(clean.db));
    expect(rows(db, 'SELECT events_applied FROM checkpoint')).toEqual([{ events_applied: 20 + 5 + 2 }]);
    await clean.runner.stop();
    clean.db.close();
  });

  it('a worker that dies is started again from its checkpoint: nothing applied twice or skipped', async () => {
    const first = await history(10);
    const { h, db, errors } = host(join(dir, 'read.sqlite'));
    await h.start();
    expect(await h.waitFor(first, 20_000)).toBe(true);
    // Dies as a crashed thread would, between two batches.
    await (h as unknown as { worker: Worker }).worker.terminate();
    let head = first;
    for (let i = 10; i < 30; i++) head = await append('MemberElected', fact.elected(`m-${i}`, '2012-10-28'));
    expect(await h.waitFor(head, 20_000)).toBe(true);
    expect(errors.join('\n')).toMatch(/exited with code 1; starting it again from the checkpoint/);
    expect(h.state()).toEqual(expect.objectContaining({ state: 'running' }));
    const clean = await project(store, { projections });
    expect(effects(db)).toEqual(effects(clean.db));
    expect(rows(db, 'SELECT events_applied FROM checkpoint')).toEqual([{ events_applied: 1 + 30 + 5 }]);
    await clean.runner.stop();
    clean.db.close();
  });

  it('waits for a position: at once when reached, false at once with no time, false after the timeout, released by stop', async () => {
    const head = await history(3);
    const { h } = host(join(dir, 'read.sqlite'));
    await h.start();
    expect(await h.waitFor(head, 20_000)).toBe(true);
    expect(await h.waitFor(head, 0)).toBe(true);
    expect(await h.waitFor(head + 1n, 0)).toBe(false);
    expect(await h.waitFor(head + 1n, 50)).toBe(false);
    const pending = h.waitFor(head + 1n, 600_000);
    await h.stop();
    await expect(pending).resolves.toBe(false);
    expect(h.state().state).toBe('stopped');
  });

  it('parks a poison event in the worker; the main thread lists it and a retry goes through the worker', async () => {
    await history(3);
    const poison = await append('MemberElected', { memberId: null, name: null }); // breaks a NOT NULL column
    const after = await append('MemberElected', fact.elected('m-after', '2012-10-29'));
    const { h } = host(join(dir, 'read.sqlite'));
    await h.start();
    expect(await h.waitFor(after, 20_000)).toBe(true);
    expect(h.parked()).toEqual([expect.objectContaining({ projection: 'core', position: poison.toString(), type: 'MemberElected' })]);
    const eventId = h.parked()[0].eventId;
    const outcome = await h.retryParked(eventId);
    expect(outcome).toEqual({ eventId, results: [expect.objectContaining({ projection: 'core', applied: false })] });
    expect(h.parked()).toEqual([expect.objectContaining({ eventId, attempts: 2 })]);
    await expect(h.retryParked(randomUUID())).resolves.toBeUndefined();
  });

  it('a worker that fails as it starts makes start() fail with its reason', async () => {
    await history(1);
    const db = openReadDatabase(join(dir, 'read.sqlite'), projections);
    dbs.push(db);
    // The worker's own read database path is a folder: opening it fails inside the worker.
    const h = new ProjectionWorkerHost(store, db, projections, {
      worker: { readPath: dir, store: { kind: 'sqlite', path: join(dir, 'events.sqlite'), synchronous: 'NORMAL' } },
    });
    hosts.push(h);
    await expect(h.start()).rejects.toThrow(/The projection worker exited with code 1 before it started: .+/);
    expect(h.state().state).toBe('stopped');
  });

  it('refuses to start on a read database built from another store', async () => {
    const head = await history(2);
    const readPath = join(dir, 'read.sqlite');
    const { h } = host(readPath);
    await h.start();
    expect(await h.waitFor(head, 20_000)).toBe(true);
    await h.stop();
    const other = new SqliteEventStore({ path: join(dir, 'other.sqlite'), synchronous: 'NORMAL' });
    await other.appendToStream(councilStream('zz'), [{ id: randomUUID(), type: 'CouncilFounded', data: fact.founded('zz') }]);
    await other.close();
    const { h: wrong } = host(readPath, 600_000, join(dir, 'other.sqlite'));
    await expect(wrong.start()).rejects.toThrow(ReadDatabaseMismatchError);
    await expect(wrong.start()).rejects.toThrow(/built from event store sqlite:/);
  });
});
