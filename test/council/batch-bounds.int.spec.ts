import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { AppendTooLargeError } from '../../src/event-store/errors';
import { EventStore } from '../../src/event-store/event-store.port';
import { CouncilWriter } from '../../src/council/application/council-writer';
import { RequestContext } from '../../src/council/application/request-context';
import { BatchItemError, singleStep } from '../../src/council/application/fact-plan';
import { CouncilCommand } from '../../src/council/domain/commands';
import { RuleViolationError } from '../../src/council/domain/errors';

/**
 * Bounds on a batch (issue 26): it stops with 413 as soon as its events pass MAX_APPEND_BYTES, and a
 * refused batch undoes what it decided in the cached council instead of dropping it (the next request
 * does not read the stream again). Real SQLite store; reads of the council's stream are counted.
 */
describe('CouncilWriter: batch bounds (integration, real SQLite)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let councilReads: number;
  const context = (n: number | string): RequestContext => ({ requestHash: `h${n}`, correlationId: `c${n}`, causationId: `c${n}` });
  const meeting = (i: number): CouncilCommand => ({ kind: 'RecordMeeting', date: `2013-03-${String((i % 28) + 1).padStart(2, '0')}`, presentCount: 3, number: i + 1, note: `meeting ${i}` });
  const elect = (name: string): CouncilCommand => ({ kind: 'ElectMember', name, electedOn: '2013-01-01' });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'batch-bounds-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    councilReads = 0;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function counted(): EventStore {
    return new Proxy(store, {
      get(target, property) {
        if (property === 'readStream') {
          return (streamId: string, options?: unknown) => {
            if (streamId === 'council-c') councilReads++;
            return target.readStream(streamId, options as never);
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  async function seeded(env: Record<string, string> = {}): Promise<CouncilWriter> {
    const w = new CouncilWriter(counted(), loadConfig({ DATA_DIR: dir, ...env }));
    await w.execute('c', { kind: 'FoundCouncil', councilId: 'c', name: 'C', foundedOn: '2013-01-01', seats: 5 }, context(0));
    for (const [i, name] of ['Ann', 'Bob', 'Cid', 'Dee'].entries()) await w.execute('c', elect(name), context(i + 1));
    return w;
  }

  it('a refused batch undoes its speculation: the cached council is kept, without the refused batch\'s facts', async () => {
    const w = await seeded();
    await w.execute('c', meeting(100), context('pre'));
    const readsBefore = councilReads;
    const head = await store.headPosition();
    // 5 seats, 4 members: the first item fits, the second breaks curia-seats
    const refused = w.executeBatch('c', [{ plan: singleStep(meeting(1)) }, { plan: singleStep(elect('Eve')) }, { plan: singleStep(elect('Fay')) }], context('b'));
    const error = await refused.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchItemError);
    expect((error as BatchItemError).index).toBe(2);
    expect((error as BatchItemError).cause).toBeInstanceOf(RuleViolationError);
    expect(await store.headPosition()).toBe(head);
    const state = await w.currentState('c');
    expect(state.members.size).toBe(4);
    expect([...state.members.values()].map((m) => m.name).sort()).toEqual(['Ann', 'Bob', 'Cid', 'Dee']);
    expect(state.meetings.size).toBe(1);
    expect(state.revision).toBe(5n);
    // the undone state is the state a fresh load of the stream builds (indexes included)
    const fresh = await new CouncilWriter(store, loadConfig({ DATA_DIR: dir })).currentState('c');
    const comparable = (s: typeof state) => ({ ...s, requests: undefined, position: undefined });
    expect(comparable(state)).toEqual(comparable(fresh));
    // the fifth seat is still free, and the next write is decided on the kept state without reading the stream
    const r = await w.execute('c', elect('Fay'), context('f'));
    expect(r.eventIds).toHaveLength(1);
    expect(councilReads).toBe(readsBefore);
    expect((await w.currentState('c')).revision).toBe(6n);
  });

  it('undoing costs what the batch did: every kind of fact, on top of a council that had some of each, leaves the state a fresh load builds', async () => {
    const w = await seeded({});
    const before: CouncilCommand[] = [
      { kind: 'AppointOfficer', role: 'chair', member: 'Ann', from: '2013-01-02' },
      { kind: 'FoundGroup', groupId: 'left', name: 'Left' },
      { kind: 'AffiliateMember', memberId: 'bob', groupId: 'left', from: '2013-01-01', to: '2013-02-01' },
      { kind: 'TableMotion', motionId: 'm0', title: 'Earlier', openedOn: '2013-01-05' },
      { kind: 'CastVote', motionId: 'm0', member: 'Ann', choice: 'yes' },
      meeting(200),
    ];
    for (const [i, command] of before.entries()) await w.execute('c', command, context(`pre${i}`));
    const members = [...(await w.currentState('c')).members.keys()];
    const bob = members.find((id) => id.startsWith('bob'))!;
    const readsBefore = councilReads;
    const items: CouncilCommand[] = [
      { kind: 'ElectMember', name: 'Ann', aliases: ['Anna'], electedOn: '2013-01-03' }, // a second Ann: the name index had the key
      { kind: 'EndOfficerTerm', role: 'chair', to: '2013-02-01' }, // ends a current term
      { kind: 'AppointOfficer', role: 'chair', member: 'Bob', from: '2013-02-01' },
      { kind: 'AppointOfficer', role: 'secretary', member: 'Cid', from: '2013-02-01' }, // a new role
      { kind: 'FoundGroup', groupId: 'right', name: 'Right' },
      { kind: 'AffiliateMember', memberId: bob, groupId: 'right', from: '2013-02-01' }, // appended to a list
      { kind: 'AffiliateMember', memberId: members.find((id) => id.startsWith('cid'))!, groupId: 'left', from: '2013-02-01' }, // a new list
      meeting(201),
      { kind: 'TableMotion', motionId: 'm1', title: 'New', openedOn: '2013-02-05' },
      { kind: 'CastVote', motionId: 'm1', member: 'Bob', choice: 'no' },
      { kind: 'CastVote', motionId: 'm0', member: 'Bob', choice: 'no' }, // a vote on an older motion
      { kind: 'PairVote', motionId: 'm1', member: 'Cid', pairedWith: 'Dee' },
      { kind: 'DecideMotion', motionId: 'm0', decidedOn: '2013-02-06' },
      { kind: 'FormWorkingGroup', workingGroupId: 'wg', name: 'WG', formedOn: '2013-02-07' },
      { kind: 'RecordElection', electionId: 'e2', heldOn: '2013-01-01' },
      { kind: 'RecordDeparture', memberId: members.find((id) => id.startsWith('dee'))!, leftOn: '2013-03-01', reason: 'resigned' },
      { kind: 'ClassifyCouncil', type: 'coordination council' },
      { kind: 'DissolveCouncil', dissolvedOn: '2013-12-31' },
      elect('Eve'), // the fifth seat is taken by the second Ann: curia-seats
    ];
    const error = await w.executeBatch('c', items.map((command) => ({ plan: singleStep(command) })), context('all')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchItemError);
    expect([(error as BatchItemError).index, String((error as BatchItemError).cause)]).toEqual([items.length - 1, expect.stringContaining('curia')]);
    const state = await w.currentState('c');
    const fresh = await new CouncilWriter(store, loadConfig({ DATA_DIR: dir })).currentState('c');
    const comparable = (s: typeof state) => ({ ...s, requests: undefined, position: undefined });
    expect(comparable(state)).toEqual(comparable(fresh));
    expect(state.nameIndex.get('ann')?.size).toBe(1);
    expect(councilReads).toBe(readsBefore);
  });

  it('stops with 413 (AppendTooLargeError) as soon as the decided events pass MAX_APPEND_BYTES, long before the last item', async () => {
    const w = await seeded({ MAX_APPEND_BYTES: '8192' });
    const readsBefore = councilReads;
    const head = await store.headPosition();
    const items = Array.from({ length: 2000 }, (_, i) => ({ plan: singleStep(meeting(i)) }));
    const error = await w.executeBatch('c', items, context('big')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppendTooLargeError);
    const tooLarge = error as AppendTooLargeError;
    expect(tooLarge.limit).toBe(8192);
    expect(tooLarge.size).toBeGreaterThan(8192);
    expect(tooLarge.count).toBeLessThan(100); // it stopped at the item that passed the limit, not after 2,000
    expect(await store.headPosition()).toBe(head);
    expect((await w.currentState('c')).meetings.size).toBe(0);
    await w.execute('c', meeting(1), context('m'));
    expect(councilReads).toBe(readsBefore);
  });

  it('a long batch lets other commands on the council wait and then land on top of it; nothing is lost', async () => {
    const w = await seeded();
    const items = Array.from({ length: 2500 }, (_, i) => ({ plan: singleStep(meeting(i)) }));
    const batch = w.executeBatch('c', items, context('long'));
    const single = w.execute('c', elect('Eve'), context('eve'));
    const [b, s] = await Promise.all([batch, single]);
    expect(b.eventIds).toHaveLength(2500);
    expect(s.eventIds).toHaveLength(1);
    const state = await w.currentState('c');
    expect(state.meetings.size).toBe(2500);
    expect(state.members.size).toBe(5);
    let stored = 0;
    for await (const _ of store.readStream('council-c')) stored++;
    expect(stored).toBe(5 + 2500 + 1);
  });
});
