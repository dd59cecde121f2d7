import { NOW } from '../../../src/read-models/queries/known-at';
import { StateQuery } from '../../../src/read-models/queries/state.query';
import { TestStore, fact } from '../helpers';
import { dayOf, readDatabaseOf } from './read-db';

/**
 * Two cases of state.query.ts that the reads property does not reach (mutation testing): an officer whose
 * end of term may already have come on the day, and a council with nothing in the as-of index beside a
 * council that has meetings.
 */
describe('state: edges', () => {
  it("an officer whose term's end may be on or before the day is uncertain, and says why", async () => {
    const store = new TestStore();
    store.append('s', 'CouncilFounded', fact.founded('s'));
    store.append('s', 'MemberElected', fact.elected('ann', '2012-10-27'));
    store.append('s', 'OfficerAppointed', { role: 'chair', memberId: 'ann', name: 'ann', from: '2013-01-10' });
    store.append('s', 'OfficerTermEnded', { role: 'chair', memberId: 'ann', name: 'ann', to: '2013-05' });
    const { db, close } = await readDatabaseOf(store, 'state-edges');
    try {
      const state = new StateQuery(db);
      const officer = { role: 'chair', memberId: 'ann', name: 'ann', since: '2013-01-10' };
      expect(state.run('s', dayOf('2013-04-30'), NOW, 0)).toMatchObject({ officers: [officer], uncertainOfficers: [] });
      expect(state.run('s', dayOf('2013-05-10'), NOW, 0)).toMatchObject({
        officers: [],
        uncertainOfficers: [{ ...officer, why: 'ended the term 2013-05, which may be on or before 2013-05-10' }],
      });
      expect(state.run('s', dayOf('2013-06-01'), NOW, 0)).toMatchObject({ officers: [], uncertainOfficers: [] });
    } finally {
      close();
    }
  });

  it("a council with no member, officer or affiliation on record counts none of another council's meetings", async () => {
    const store = new TestStore();
    store.append('busy', 'CouncilFounded', fact.founded('busy'));
    store.append('busy', 'MemberElected', fact.elected('ann', '2012-10-27'));
    store.append('busy', 'MeetingHeld', fact.meeting('m1', '2013-01-10'));
    store.append('busy', 'QuorumFailed', fact.meeting('m2', '2013-02-10'));
    store.append('quiet', 'CouncilFounded', fact.founded('quiet'));
    const { db, close } = await readDatabaseOf(store, 'state-edges');
    try {
      const state = new StateQuery(db);
      const day = dayOf('2014-01-01');
      expect(state.run('busy', day, NOW, 0)).toMatchObject({ meetingsHeld: 1, quorumFailures: 1, lastMeeting: { meetingId: 'm2' } });
      const quiet = state.run('quiet', day, NOW, 0);
      expect(quiet).toMatchObject({ status: 'active', memberCount: 0, meetingsHeld: 0, quorumFailures: 0 });
      expect(Object.keys(quiet)).not.toContain('lastMeeting');
    } finally {
      close();
    }
  });
});
