import { toDay } from '../../src/council/domain/valid-date';
import { NOW } from '../../src/read-models/queries/known-at';
import { ListsQuery } from '../../src/read-models/queries/lists.query';
import { RecordQuery } from '../../src/read-models/queries/record.query';
import { StateQuery } from '../../src/read-models/queries/state.query';
import { TestStore, fact, project } from './helpers';

const C = 'cc';

describe('two time axes', () => {
  it('a correction changes the state "known now" but not "known before the correction"', async () => {
    const store = new TestStore();
    store.append(C, 'CouncilFounded', fact.founded(C));
    store.append(C, 'MemberElected', fact.elected('ann', '2012-10-27'));
    const elected = store.append(C, 'MemberElected', fact.elected('bob', '2012-10-27'));
    const meeting = store.append(C, 'MeetingHeld', fact.meeting('m20', '2013-07-20', { number: 20 }));
    const beforeCorrection = store.events.at(-1)!.recordedAt.getTime();
    // A historian finds bob was elected only in 2013, and that meeting 20 failed for lack of quorum.
    store.append(C, 'FactCorrected', { eventId: elected.id, originalType: 'MemberElected', replacement: { type: 'MemberElected', data: fact.elected('bob', '2013-03') }, reason: 'by-election' });
    store.append(C, 'FactCorrected', { eventId: meeting.id, originalType: 'MeetingHeld', replacement: { type: 'QuorumFailed', data: fact.meeting('m20', '2013-07-20', { number: 20 }) }, reason: '14 of 40' });
    const { db } = await project(store);
    const state = new StateQuery(db);
    const record = new RecordQuery(db);
    const day = toDay('2013-01-20');
    const then = record.positionAtTime(C, beforeCorrection);

    const now = state.run(C, day, NOW, Date.now());
    const before = state.run(C, day, then, beforeCorrection);
    expect(now.members.map((m) => m.memberId)).toEqual(['ann']);
    expect(before.members.map((m) => m.memberId)).toEqual(['ann', 'bob']);
    const late = toDay('2013-08-01');
    expect([state.run(C, late, NOW, 0).meetingsHeld, state.run(C, late, NOW, 0).quorumFailures]).toEqual([0, 1]);
    expect([state.run(C, late, then, 0).meetingsHeld, state.run(C, late, then, 0).quorumFailures]).toEqual([1, 0]);

    const lists = new ListsQuery(db);
    expect(lists.meetingList(C, NOW).map((m) => m.outcome)).toEqual(['quorum-failed']);
    expect(lists.meetingList(C, then).map((m) => m.outcome)).toEqual(['held']);
    // The timeline keeps the fact's identity across the correction and names the correcting event.
    const entry = record.timelineEntries(C, toDay('2013-07-01'), toDay('2013-07-31'), NOW)[0];
    expect(entry).toMatchObject({ factId: meeting.id, type: 'QuorumFailed', date: '2013-07-20' });
    expect(entry.eventId).not.toBe(meeting.id);
  });

  it('events recorded out of valid-time order give the same state as the same events in order', async () => {
    const facts: Array<[Parameters<TestStore['append']>[1], unknown]> = [
      ['MemberElected', fact.elected('ann', '2012-10-27')],
      ['MemberElected', fact.elected('bob', '2012-10-27')],
      ['MeetingHeld', fact.meeting('m1', '2012-11-24', { number: 1 })],
      ['MemberElected', fact.elected('cat', '2013-02')],
      ['MemberLeft', fact.left('ann', '2013-03-18')],
      ['QuorumFailed', fact.meeting('m2', '2013-07-20', { number: 2 })],
      ['MemberLeft', fact.left('bob', '2013-07')],
    ];
    const inOrder = new TestStore();
    const outOfOrder = new TestStore();
    for (const store of [inOrder, outOfOrder]) store.append(C, 'CouncilFounded', fact.founded(C));
    for (const [type, data] of facts) inOrder.append(C, type, data);
    for (const i of [3, 5, 2, 0, 1, 6, 4]) outOfOrder.append(C, facts[i][0], facts[i][1]);
    const a = new StateQuery((await project(inOrder)).db);
    const b = new StateQuery((await project(outOfOrder)).db);
    for (let day = toDay('2012-10-01'); day <= toDay('2013-09-01'); day += 7) {
      const { knownAt: _x, knownAtPosition: _y, ...left } = a.run(C, day, NOW, 0);
      const { knownAt: _z, knownAtPosition: _w, ...right } = b.run(C, day, NOW, 0);
      expect(right).toEqual(left);
    }
  });
});
