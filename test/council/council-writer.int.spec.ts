import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { VersionConflictError } from '../../src/event-store/errors';
import { EventStore } from '../../src/event-store/event-store.port';
import { ProblemException } from '../../src/api/problem-details.filter';
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

  function writer(retries: number, on: EventStore = store): CouncilWriter {
    return new CouncilWriter(on, loadConfig({ DATA_DIR: dir, COMMAND_RETRIES: String(retries) }));
  }

  /** The same store seen as an adapter that cannot check expectedLastEventId (as EventStoreDB). */
  function notCheckingIds(): EventStore {
    return new Proxy(store, {
      get(target, property) {
        if (property === 'checksLastEventId') return false;
        if (property === 'appendToStream') {
          return (streamId: string, events: never, options?: { expectedLastEventId?: string }) => {
            if (options?.expectedLastEventId !== undefined) throw new Error('expectedLastEventId passed to a store that does not check it');
            return target.appendToStream(streamId, events, options);
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
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
    expect(result.meetingId).toBe('meeting-2013-03-02');
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

  describe.each([
    ['a store that checks the last event id (speculation)', () => store],
    ['a store that does not (serialised per council)', notCheckingIds],
  ])('on %s', (_label, on) => {
    it('a command decided on top of a failed append never lands on another writer\'s history', async () => {
      const w1 = writer(3, on());
      const w2 = writer(3, on());
      await w1.execute('s', { kind: 'FoundCouncil', councilId: 's', name: 'S', foundedOn: '2013-01-01', seats: 1 }, context(0));
      // Writer 2 fills the only seat: writer 1's cache (revision 0) is now stale.
      await w2.execute('s', { kind: 'ElectMember', memberId: 'other', name: 'Other', electedOn: '2013-01-02' }, context(1));
      const [elected, departed] = await Promise.allSettled([
        w1.execute('s', { kind: 'ElectMember', memberId: 'm1', name: 'Em One', electedOn: '2013-01-03' }, context(2)),
        w1.execute('s', { kind: 'RecordDeparture', memberId: 'm1', leftOn: '2013-02-01' }, context(3)),
      ]);
      expect(elected.status).toBe('rejected'); // the seat is taken
      expect(departed.status).toBe('rejected'); // m1 never was a member
      const recorded: Array<[string, unknown]> = [];
      for await (const e of store.readStream('council-s')) recorded.push([e.type, (e.data as { memberId?: string }).memberId]);
      expect(recorded).toEqual([
        ['CouncilFounded', undefined],
        ['MemberElected', 'other'],
      ]);
    });

    it('a keyed request retried through a second writer (another instance) is answered with the first reply, fresh or stale, and appends nothing', async () => {
      const a = writer(3, on());
      const stale = writer(3, on());
      await seed(a);
      await stale.execute('c', meeting(1), context(20)); // loads and caches the council
      const keyed: RequestContext = { ...context(21), idempotencyKey: 'k-shared', requestHash: 'h-shared' };
      const first = await a.execute('c', { kind: 'ElectMember', name: 'Eve', electedOn: '2013-02-01' }, keyed);
      const head = await store.headPosition();
      for (const w of [stale, writer(3, on())]) {
        await expect(w.execute('c', { kind: 'ElectMember', name: 'Eve', electedOn: '2013-02-01' }, { ...keyed, correlationId: 'retry' })).resolves.toEqual(first);
      }
      expect(await store.headPosition()).toBe(head);
      // The same key on another council is that council's own request.
      await a.execute('d', { kind: 'FoundCouncil', councilId: 'd', name: 'D', foundedOn: '2013-01-01', seats: 5 }, context(22));
      const elsewhere = await stale.execute('d', { kind: 'ElectMember', name: 'Eve', electedOn: '2013-02-01' }, keyed);
      expect(elsewhere.eventIds).not.toEqual(first.eventIds);
    });

    it('commands on one council still all land in a burst', async () => {
      const a = writer(5, on());
      await seed(a);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => a.execute('c', meeting(i + 1), context(100 + i))));
      expect(new Set(results.map((r) => r.position)).size).toBe(10);
    });
  });

  it('the same Idempotency-Key with another body while the first is in flight is 409 idempotency-key-in-use; after it, 422', async () => {
    const a = writer(3);
    await seed(a);
    const keyed = (hash: string): RequestContext => ({ ...context(50), requestHash: hash, idempotencyKey: 'k-1' });
    const first = a.execute('c', meeting(1), keyed('body-1'));
    const clash = a.execute('c', meeting(2), keyed('body-2')).catch((e: unknown) => e);
    await expect(first).resolves.toMatchObject({ outcome: 'held' });
    const inUse = await clash;
    expect(inUse).toBeInstanceOf(ProblemException);
    expect((inUse as ProblemException).problem).toMatchObject({ status: 409, type: expect.stringMatching(/idempotency-key-in-use$/) });
    const reused = await a.execute('c', meeting(2), keyed('body-2')).catch((e: unknown) => e);
    expect((reused as ProblemException).problem).toMatchObject({ status: 422, type: expect.stringMatching(/idempotency-key-reused$/) });
    // The same body again is the idempotent retry.
    await expect(a.execute('c', meeting(1), keyed('body-1'))).resolves.toEqual(await first);
  });
});
