import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { VersionConflictError } from '../../src/event-store/errors';
import { CouncilWriter } from '../../src/council/application/council-writer';
import { RequestContext } from '../../src/council/application/request-context';
import { CouncilCommand } from '../../src/council/domain/commands';

/**
 * Two writers with their own caches on one store stand for two app instances (or a stale cache): the
 * second one's cached state is behind, its append loses the race, and it must reload and retry.
 */
describe('CouncilWriter retries on a version conflict (integration, real SQLite)', () => {
  let dir: string;
  let store: SqliteEventStore;
  const context = (n: number): RequestContext => ({ requestHash: `h${n}`, correlationId: `c${n}`, causationId: `c${n}` });
  const meeting = (day: number): CouncilCommand => ({ kind: 'RecordMeeting', date: `2013-03-${String(day).padStart(2, '0')}`, presentCount: 3 });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'writer-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function writer(retries: number): CouncilWriter {
    return new CouncilWriter(store, loadConfig({ DATA_DIR: dir, COMMAND_RETRIES: String(retries) }));
  }

  async function seed(w: CouncilWriter): Promise<void> {
    await w.execute('c', { kind: 'FoundCouncil', councilId: 'c', name: 'C', foundedOn: '2013-01-01', seats: 5 }, context(0));
    for (const [i, name] of ['Ann', 'Bob', 'Cid', 'Dee'].entries()) {
      await w.execute('c', { kind: 'ElectMember', name, electedOn: '2013-01-01' }, context(i + 1));
    }
  }

  it('reloads and lands the write when another writer got there first', async () => {
    const a = writer(3);
    const b = writer(3);
    await seed(a);
    await b.execute('c', meeting(1), context(10)); // b loads; a's cache is now one event behind
    const result = await a.execute('c', meeting(2), context(11));
    expect(result.meetingId).toBeDefined();
    const types: string[] = [];
    for await (const e of store.readStream('council-c')) types.push(e.type);
    expect(types.filter((t) => t === 'MeetingHeld')).toHaveLength(2);
  });

  it('answers with the conflict when the retries run out, and appends nothing', async () => {
    const a = writer(1);
    const b = writer(1);
    await seed(a);
    await b.execute('c', meeting(1), context(10));
    const head = await store.headPosition();
    await expect(a.execute('c', meeting(2), context(11))).rejects.toBeInstanceOf(VersionConflictError);
    expect(await store.headPosition()).toBe(head);
    // The failed attempt dropped the stale cache: the next command reloads and succeeds.
    await expect(a.execute('c', meeting(3), context(12))).resolves.toMatchObject({ outcome: 'held' });
  });

  it('lets a burst of commands on one council share group commits without losing any', async () => {
    const a = writer(5);
    await seed(a);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => a.execute('c', meeting(i + 1), context(100 + i))));
    expect(new Set(results.map((r) => r.position)).size).toBe(20);
    let meetings = 0;
    for await (const e of store.readStream('council-c')) if (e.type === 'MeetingHeld') meetings++;
    expect(meetings).toBe(20);
  });
});
