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

  it('a council whose founding date is unknown is active on any day before its dissolution, certainly so only on a day a member certainly sits', async () => {
    const store = new TestStore();
    const { foundedOn: _f, seats: _s, ...unsaid } = fact.founded('u', { curiae: [{ key: 'general', name: 'General list' }] });
    store.append('u', 'CouncilFounded', unsaid);
    store.append('u', 'MemberElected', fact.elected('ann', '2013-01-10'));
    const dissolved = store.append('u', 'CouncilDissolved', fact.dissolved('2014-03'));
    const { db, close } = await readDatabaseOf(store, 'state-edges');
    try {
      const state = new StateQuery(db);
      const on = (day: string, position = NOW) => {
        const v = state.run('u', dayOf(day), position, 0);
        return [v.status, v.statusCertain, v.memberCount];
      };
      expect(on('2013-02-01', 0)).toEqual(['not-founded', true, 0]); // nothing recorded yet
      expect(on('1990-01-01')).toEqual(['active', false, 0]);
      expect(on('1917-11-07')).toEqual(['active', false, 0]); // a day before 1970 (a negative day number) too
      expect(on('2013-01-09')).toEqual(['active', false, 0]);
      expect(on('2013-01-10')).toEqual(['active', true, 1]);
      // In the dissolution's month: perhaps dissolved already, so not certainly active, even with a member.
      expect(on('2014-02-28')).toEqual(['active', true, 1]);
      expect(on('2014-03-01')).toEqual(['active', false, 1]);
      expect(on('2014-03-15')).toEqual(['active', false, 1]);
      expect(on('2014-03-15', Number(dissolved.position) - 1)).toEqual(['active', true, 1]);
      expect(on('2014-03-31')[0]).toBe('dissolved');
    } finally {
      close();
    }
  });

  it('a council founded in a known month is certainly active from its last day; outside affiliations and member details on the day', async () => {
    const store = new TestStore();
    store.append('m', 'CouncilFounded', fact.founded('m', { foundedOn: '2012-10' }));
    store.append('m', 'MemberElected', fact.elected('ann', '2012-11-01', { constituency: { id: 'c-1', name: 'Moscow' }, identifiers: [{ scheme: 'wikidata', identifier: 'Q1' }] }));
    store.append('m', 'MemberElected', fact.elected('bob', '2012-11-01'));
    store.append('m', 'GroupFounded', fact.group('party'));
    store.append('m', 'MemberAffiliated', { memberId: 'ann', groupId: 'party', from: '2013-02', to: '2013-09-01', outside: true });
    store.append('m', 'MemberAffiliated', { memberId: 'bob', groupId: 'party', outside: true });
    store.append('m', 'CouncilDissolved', fact.dissolved('2014-03'));
    const { db, close } = await readDatabaseOf(store, 'state-edges');
    try {
      const state = new StateQuery(db);
      const on = (day: string) => state.run('m', dayOf(day), NOW, 0);
      expect([on('2012-09-30').status, on('2012-09-30').statusCertain]).toEqual(['not-founded', true]);
      expect([on('2012-10-15').status, on('2012-10-15').statusCertain]).toEqual(['active', false]);
      expect([on('2012-10-31').status, on('2012-10-31').statusCertain]).toEqual(['active', true]);
      expect([on('2014-03-01').status, on('2014-03-01').statusCertain]).toEqual(['active', false]);
      // Member details as recorded, absent when not.
      expect(on('2013-01-01').members).toStrictEqual([
        { memberId: 'ann', name: 'ann', curia: 'general', since: '2012-11-01', constituency: { id: 'c-1', name: 'Moscow' }, identifiers: [{ scheme: 'wikidata', identifier: 'Q1' }] },
        { memberId: 'bob', name: 'bob', curia: 'general', since: '2012-11-01' },
      ]);
      // Outside affiliations: since/until as recorded (absent when unsaid), certain only once surely begun and not yet ended.
      const bob = { memberId: 'bob', groupId: 'party', certain: false };
      expect(on('2013-01-15').outsideAffiliations).toStrictEqual([bob]);
      expect(on('2013-02-15').outsideAffiliations).toStrictEqual([{ memberId: 'ann', groupId: 'party', since: '2013-02', until: '2013-09-01', certain: false }, bob]);
      expect(on('2013-03-01').outsideAffiliations).toStrictEqual([{ memberId: 'ann', groupId: 'party', since: '2013-02', until: '2013-09-01', certain: true }, bob]);
      expect(on('2013-09-01').outsideAffiliations).toStrictEqual([bob]);
    } finally {
      close();
    }
  });

  it('a council founded in a known month is not certainly active inside that month, even with a member elected before the day (an election founds nothing)', async () => {
    const store = new TestStore();
    store.append('e', 'CouncilFounded', fact.founded('e', { foundedOn: '2012-10' }));
    store.append('e', 'MemberElected', fact.elected('ann', '2012-10-05'));
    const { db, close } = await readDatabaseOf(store, 'state-edges');
    try {
      const v = new StateQuery(db).run('e', dayOf('2012-10-15'), NOW, 0);
      expect([v.status, v.statusCertain, v.memberCount]).toEqual(['active', false, 1]);
    } finally {
      close();
    }
  });
});
