import { NOW } from '../../../src/read-models/queries/known-at';
import { ListsQuery } from '../../../src/read-models/queries/lists.query';
import { TestStore, fact, project } from '../helpers';

/**
 * Focused tests of lists.query.ts's optional fields, which the reads property's generator never writes
 * (mutation testing: each `x === null ? {} : { x }` survived): a meeting's place, start time, scheduled
 * chair, agenda and note; a motion's proposers, options, mode, a rule with a threshold, its base, winner and
 * reported outcome; a member's announced departure; a motion without a decision.
 */
const C = 'lf';

async function fixture() {
  const store = new TestStore();
  store.append(C, 'CouncilFounded', fact.founded(C));
  store.append(C, 'MemberElected', fact.elected('ann', '2012-10-27'));
  store.append(C, 'MemberElected', fact.elected('bob', '2012-10-27'));
  store.append(C, 'MeetingHeld', fact.meeting('full', '2013-01-10', {
    number: 3, place: 'Moscow, Novy Arbat 24', startTime: '19:00', scheduledChair: { memberId: 'ann', name: 'ann' }, chair: { name: 'Guest Chair' },
    agenda: ['budget', 'rules'], presentCount: 2, present: [{ memberId: 'ann', name: 'ann' }, { name: 'Visitor' }], note: 'minutes lost',
  } as never));
  store.append(C, 'MeetingHeld', fact.meeting('bare', '2013-02-10', { agenda: undefined } as never));
  store.append(C, 'MotionTabled', {
    motionId: 'm1', title: 'Budget', kind: 'resolution', meetingId: 'full', openedOn: '2013-01-10', online: false, mode: 'choice',
    options: ['A', 'B'], proposers: [{ memberId: 'bob', name: 'bob' }, { name: 'Outsider' }], rule: { atLeast: 2 },
  } as never);
  store.append(C, 'MotionDecided', {
    motionId: 'm1', decidedOn: '2013-01-10', tally: { A: 2, B: 0 }, tallyFrom: 'votes', rule: { atLeast: 2 },
    base: { of: 'present', count: 2, uncertain: 0 }, required: 2, outcome: 'adopted', winner: 'A', reportedOutcome: 'adopted', reportedWinner: 'A',
  } as never);
  store.append(C, 'MotionTabled', { motionId: 'm2', title: 'Online poll', kind: 'resolution', openedOn: '2013-03-01', online: true } as never);
  store.append(C, 'MotionTabled', { motionId: 'm3', title: 'Chair', kind: 'appointment', openedOn: '2013-04-01', online: true, options: ['A', 'B'] } as never);
  store.append(C, 'MotionDecided', {
    motionId: 'm3', decidedOn: '2013-04-01', tally: { A: 2, B: 0 }, tallyFrom: 'reported', rule: 'majority-of-members',
    base: { of: 'members', count: 3, uncertain: 2 }, required: 2, outcome: 'adopted', winner: 'A', outcomeCertain: false, outcomeBasis: 'tally',
  } as never);
  const { db } = await project(store);
  return { db, lists: new ListsQuery(db) };
}

describe('lists: the optional fields, present when recorded and absent (or null) when not', () => {
  it('a meeting with every optional field, and one with none', async () => {
    const { db, lists } = await fixture();
    try {
      const [full, bare] = lists.meetingList(C, NOW);
      expect(full).toMatchObject({
        meetingId: 'full', number: 3, place: 'Moscow, Novy Arbat 24', startTime: '19:00', scheduledChair: { memberId: 'ann', name: 'ann' },
        chair: { name: 'Guest Chair' }, agenda: ['budget', 'rules'], present: 2, attendees: [{ memberId: 'ann', name: 'ann' }, { name: 'Visitor' }], note: 'minutes lost',
      });
      expect(full.chair).toEqual({ name: 'Guest Chair' });
      expect(bare).toMatchObject({ meetingId: 'bare', number: null, chair: null, present: null, attendees: [], note: null, anomalies: [] });
      for (const key of ['place', 'startTime', 'scheduledChair', 'agenda', 'decisionCount', 'reason']) expect(Object.keys(bare)).not.toContain(key);
    } finally {
      db.close();
    }
  });

  it('a decided motion with proposers, options, a threshold rule, its base and winner; an undecided online one', async () => {
    const { db, lists } = await fixture();
    try {
      const [m1, m2] = lists.motionList(C, NOW);
      expect(m1).toMatchObject({
        motionId: 'm1', meetingId: 'full', online: false, mode: 'choice', options: ['A', 'B'],
        proposers: [{ memberId: 'bob', name: 'bob' }, { name: 'Outsider' }], tally: { A: 2, B: 0 }, tallyFrom: 'votes',
        rule: { atLeast: 2 }, base: { of: 'present', count: 2, uncertain: 0 }, required: 2, outcome: 'adopted', winner: 'A',
        reportedOutcome: 'adopted', reportedWinner: 'A', decidedOn: '2013-01-10',
      });
      expect(m2).toMatchObject({
        motionId: 'm2', meetingId: null, online: true, options: null, tally: null, tallyFrom: null, rule: null, base: null,
        required: null, outcome: null, winner: null, decidedOn: null,
      });
      expect(Object.keys(m2)).not.toContain('proposers');
      expect(Object.keys(m1)).not.toContain('votes');
    } finally {
      db.close();
    }
  });

  it('outcomeCertain and outcomeBasis (decision 49): as recorded; absent on a decision recorded before the field and on an open motion', async () => {
    const { db, lists } = await fixture();
    try {
      const [m1, m2, m3] = lists.motionList(C, NOW);
      expect(m3).toMatchObject({ motionId: 'm3', outcome: 'adopted', winner: 'A', outcomeCertain: false, outcomeBasis: 'tally' });
      for (const key of ['outcomeCertain', 'outcomeBasis']) {
        expect(Object.keys(m1)).not.toContain(key);
        expect(Object.keys(m2)).not.toContain(key);
      }
    } finally {
      db.close();
    }
  });
});
