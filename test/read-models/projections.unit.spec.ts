import { StateQuery } from '../../src/read-models/queries/state.query';
import { ListsQuery } from '../../src/read-models/queries/lists.query';
import { NOW } from '../../src/read-models/queries/known-at';
import { toDay } from '../../src/council/domain/valid-date';
import { TestStore, fact, project, rows } from './helpers';

const C = 'cc';

describe('core projections: given events, then rows', () => {
  it('an election opens a membership interval and a departure closes it in a new version', async () => {
    const store = new TestStore();
    store.append(C, 'CouncilFounded', fact.founded(C));
    const elected = store.append(C, 'MemberElected', fact.elected('ann', '2012-10-27', { curia: 'general', votes: 100, rank: 1 }));
    const left = store.append(C, 'MemberLeft', fact.left('ann', '2013-07'));
    const { db } = await project(store);

    expect(rows(db, 'SELECT member_id, elected_edtf, elected_earliest, elected_latest, left_edtf, left_earliest, left_latest, votes, rank, known_from_position, known_to_position FROM members ORDER BY known_from_position')).toEqual([
      { member_id: 'ann', elected_edtf: '2012-10-27', elected_earliest: toDay('2012-10-27'), elected_latest: toDay('2012-10-27'), left_edtf: null, left_earliest: null, left_latest: null, votes: 100, rank: 1, known_from_position: Number(elected.position), known_to_position: Number(left.position) },
      { member_id: 'ann', elected_edtf: '2012-10-27', elected_earliest: toDay('2012-10-27'), elected_latest: toDay('2012-10-27'), left_edtf: '2013-07', left_earliest: toDay('2013-07-01'), left_latest: toDay('2013-07-31'), votes: 100, rank: 1, known_from_position: Number(left.position), known_to_position: null },
    ]);
    expect(rows(db, 'SELECT position, events_applied FROM checkpoint')).toEqual([{ position: Number(left.position), events_applied: 3 }]);
  });

  it('a month-precise departure makes the member uncertain inside that month, never silently counted', async () => {
    const store = new TestStore();
    store.append(C, 'CouncilFounded', fact.founded(C));
    store.append(C, 'MemberElected', fact.elected('ann', '2012-10-27'));
    store.append(C, 'MemberElected', fact.elected('bob', '2012-10-27'));
    store.append(C, 'MemberLeft', fact.left('ann', '2013-07'));
    const { db } = await project(store);
    const state = new StateQuery(db);

    const mid = state.run(C, toDay('2013-07-15'), NOW, Date.now());
    expect(mid.memberCount).toBe(1);
    expect(mid.members.map((m) => m.memberId)).toEqual(['bob']);
    expect(mid.uncertainMembers).toEqual([{ memberId: 'ann', name: 'ann', why: expect.stringContaining('2013-07') }]);
    expect(state.run(C, toDay('2013-06-30'), NOW, Date.now()).memberCount).toBe(2);
    expect(state.run(C, toDay('2013-08-01'), NOW, Date.now()).memberCount).toBe(1);
    expect(state.run(C, toDay('2013-08-01'), NOW, Date.now()).uncertainMembers).toEqual([]);
  });

  it('retracting a departure restores the open interval from the correction on, and keeps the departure for earlier record times', async () => {
    const store = new TestStore();
    store.append(C, 'CouncilFounded', fact.founded(C));
    store.append(C, 'MemberElected', fact.elected('ann', '2012-10-27'));
    const left = store.append(C, 'MemberLeft', fact.left('ann', '2013-03-18'));
    const retracted = store.append(C, 'FactRetracted', { eventId: left.id, originalType: 'MemberLeft', reason: 'wrong person' });
    const { db } = await project(store);

    expect(rows(db, 'SELECT left_edtf, known_from_position, known_to_position FROM members ORDER BY known_from_position')).toEqual([
      { left_edtf: null, known_from_position: 2, known_to_position: Number(left.position) },
      { left_edtf: '2013-03-18', known_from_position: Number(left.position), known_to_position: Number(retracted.position) },
      { left_edtf: null, known_from_position: Number(retracted.position), known_to_position: null },
    ]);
    expect(rows(db, 'SELECT fact_id, action, target_event_id FROM corrections')).toEqual([{ fact_id: left.id, action: 'retract', target_event_id: left.id }]);
    const state = new StateQuery(db);
    expect(state.run(C, toDay('2013-05-01'), NOW, 0).memberCount).toBe(1);
    expect(state.run(C, toDay('2013-05-01'), Number(retracted.position) - 1, 0).memberCount).toBe(0);
  });

  it('a meeting gives one row with reported beside derived figures and one attendance row per named participant', async () => {
    const store = new TestStore();
    store.append(C, 'CouncilFounded', fact.founded(C));
    store.append(C, 'MemberElected', fact.elected('ann', '2012-10-27'));
    const m = store.append(C, 'MeetingHeld', fact.meeting('m1', '2012-11-24', {
      number: 1, chair: { memberId: 'ann', name: 'ann' }, present: [{ memberId: 'ann', name: 'ann' }, { name: 'Stranger' }],
      presentCount: 37, remoteCount: 2, reportedMembership: 45,
    }));
    const { db } = await project(store);
    expect(rows(db, 'SELECT meeting_id, number, outcome, present_count, named_present, remote_count, membership_certain, reported_membership, quorum_required, chair_member_id, fact_id FROM meetings')).toEqual([
      { meeting_id: 'm1', number: 1, outcome: 'held', present_count: 37, named_present: 2, remote_count: 2, membership_certain: 3, reported_membership: 45, quorum_required: 2, chair_member_id: 'ann', fact_id: m.id },
    ]);
    expect(rows(db, 'SELECT meeting_id, member_id, name FROM meeting_attendance ORDER BY rowid')).toEqual([
      { meeting_id: 'm1', member_id: 'ann', name: 'ann' },
      { meeting_id: 'm1', member_id: null, name: 'Stranger' },
    ]);
  });

  it('a motion row gains its decision in a new version; votes are one row each', async () => {
    const store = new TestStore();
    store.append(C, 'CouncilFounded', fact.founded(C));
    store.append(C, 'MotionTabled', { motionId: 'stmt', title: 'Programmatic statement', kind: 'statement', openedOn: '2012-11-10', online: true });
    store.append(C, 'VoteCast', { motionId: 'stmt', memberId: 'ann', name: 'ann', choice: 'yes', castOn: '2012-11-10' });
    store.append(C, 'VoteCast', { motionId: 'stmt', name: 'Unknown Person', choice: 'no', castOn: '2012-11-10' });
    store.append(C, 'MotionDecided', {
      motionId: 'stmt', decidedOn: '2012-11-12', tally: { yes: 23, no: 1, abstain: 0 }, tallyFrom: 'reported', rule: 'majority-of-members',
      base: { of: 'members', count: 45, uncertain: 0 }, required: 23, outcome: 'adopted',
    });
    const { db } = await project(store);
    expect(rows(db, 'SELECT motion_id, outcome, required, tally, known_to_position IS NULL AS current FROM motions ORDER BY known_from_position')).toEqual([
      { motion_id: 'stmt', outcome: null, required: null, tally: null, current: 0 },
      { motion_id: 'stmt', outcome: 'adopted', required: 23, tally: '{"yes":23,"no":1,"abstain":0}', current: 1 },
    ]);
    expect(rows(db, 'SELECT member_id, name, choice FROM votes ORDER BY rowid')).toEqual([
      { member_id: 'ann', name: 'ann', choice: 'yes' },
      { member_id: null, name: 'Unknown Person', choice: 'no' },
    ]);
    const lists = new ListsQuery(db);
    const [motion] = lists.withVotes(C, NOW, lists.motionList(C, NOW), 1);
    expect(motion).toMatchObject({ motionId: 'stmt', outcome: 'adopted', required: 23, rule: 'majority-of-members', votes: [{ choice: 'yes' }, { choice: 'no' }] });
  });

  it('an appointment succeeds the current officer of the role; an end closes the term', async () => {
    const store = new TestStore();
    store.append(C, 'CouncilFounded', fact.founded(C));
    store.append(C, 'OfficerAppointed', { role: 'secretary', memberId: 'ann', name: 'ann', from: '2012-11-24' });
    store.append(C, 'OfficerTermEnded', { role: 'secretary', memberId: 'ann', name: 'ann', to: '2013-03-18', reason: 'asked to be relieved' });
    store.append(C, 'OfficerAppointed', { role: 'secretary', memberId: 'bob', name: 'bob', from: '2013-04-20' });
    store.append(C, 'OfficerAppointed', { role: 'secretary', memberId: 'cat', name: 'cat', from: '2013-06-01' });
    const { db } = await project(store);
    expect(rows(db, 'SELECT member_id, from_edtf, to_edtf, end_reason FROM officers WHERE known_to_position IS NULL ORDER BY from_earliest')).toEqual([
      { member_id: 'ann', from_edtf: '2012-11-24', to_edtf: '2013-03-18', end_reason: 'asked to be relieved' },
      { member_id: 'bob', from_edtf: '2013-04-20', to_edtf: '2013-06-01', end_reason: 'succeeded' },
      { member_id: 'cat', from_edtf: '2013-06-01', to_edtf: null, end_reason: null },
    ]);
  });

  it('keeps every event with who recorded it, and skips streams that are not councils', async () => {
    const store = new TestStore();
    store.appendRaw({ id: 'tok', streamId: 'tokens', type: 'TokenIssued', data: {}, metadata: {}, recordedAt: new Date() });
    store.append(C, 'CouncilFounded', fact.founded(C), { metadata: { recordedBy: { tokenId: 't1', label: 'secretary laptop', role: 'secretary' }, source: { title: 'Minutes' } } });
    const { db } = await project(store);
    expect(rows(db, "SELECT council_id, type, recorded_by_token, recorded_by_label, recorded_by_role, json_extract(metadata, '$.source.title') AS source FROM events")).toEqual([
      { council_id: C, type: 'CouncilFounded', recorded_by_token: 't1', recorded_by_label: 'secretary laptop', recorded_by_role: 'secretary', source: 'Minutes' },
    ]);
    expect(rows(db, 'SELECT position FROM checkpoint')).toEqual([{ position: 2 }]);
  });
});
