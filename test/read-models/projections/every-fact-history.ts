import { CouncilEventType } from '../../../src/council/domain/events';
import { TestStore, fact } from '../helpers';

/**
 * A history that holds every fact type, each optional part of a fact both present and absent, over two
 * councils; `expected` is, for each fact, what the core projection must write for it (the sentence a
 * historian reads in the timeline, its subject, its valid date and anomalies), written out from the facts.
 */
export const C = 'fd';
export const C2 = 'nd';
export const C3 = 'nf';

export interface Expected {
  id: string;
  council: string;
  type: string;
  subject: string;
  description: string;
  /** The EDTF date and its first and last possible calendar days; null when the fact has no date. */
  valid: [string, string, string] | null;
  anomalies?: unknown[];
}

const ann = { memberId: 'ann', name: 'A. Lee' };
const bob = { memberId: 'bob', name: 'B. Ray' };
export const anomaly = { rule: 'voter-not-in-office', message: 'x voted while not in office', figures: { day: '2013-01-10' } };

export function everyFactHistory() {
  const store = new TestStore();
  const expected: Expected[] = [];
  const add = (council: string, type: CouncilEventType, data: unknown, subject: string, description: string, valid: Expected['valid'], anomalies?: unknown[]) => {
    const e = store.append(council, type, data);
    expected.push({ id: e.id, council, type, subject, description, valid, anomalies });
  };
  const day = (d: string): [string, string, string] => [d, d, d];

  add(C, 'CouncilFounded', fact.founded(C, { name: 'Coordination Council', seats: 45, rules: { quorum: { atLeast: 20 }, decision: 'majority-of-present' }, election: { heldOn: '2012-10', voters: 81325 } }), 'council',
    'The council "Coordination Council" was founded with 45 seats.', day('2012-10-27'));
  add(C2, 'CouncilFounded', fact.founded(C2, { name: 'Night Council', foundedOn: undefined, seats: undefined, curiae: undefined, rules: {} } as never), 'council',
    'The council "Night Council" was founded (the date is unknown); its number of seats is unknown.', null);
  add(C, 'MemberElected', fact.elected('ann', '2012-10-27', { name: 'Ann Lee', votes: 1200, aliases: ['Anna Lee'], electionId: 'e1' }), 'member:ann',
    'Ann Lee was elected to the council (curia general) with 1200 votes.', day('2012-10-27'));
  // Cy's election recorded twice: the first counts, the second is no departure.
  add(C, 'MemberElected', fact.elected('cy', '2012-10-27', { name: 'Cy Guest' }), 'member:cy', 'Cy Guest was elected to the council (curia general).', day('2012-10-27'));
  add(C, 'MemberElected', fact.elected('cy', '2013-09-01', { name: 'Cy Guest' }), 'member:cy', 'Cy Guest was elected to the council (curia general).', day('2013-09-01'));
  add(C, 'MemberElected', fact.elected('bob', '2012-10-27', { name: 'Bob Ray', curia: 'regions' }), 'member:bob',
    'Bob Ray was elected to the council (curia regions).', day('2012-10-27'));
  add(C, 'ElectionRecorded', { electionId: 'e1', heldOn: '2012-10', seats: 45, curiae: [{ key: 'general', seats: 45 }], electedCount: 44, candidateCount: 209, voters: 81325 }, 'election:e1',
    'An election was held (45 seats, 44 elected, 209 candidates, 81325 voters).', ['2012-10', '2012-10-01', '2012-10-31']);
  add(C, 'ElectionRecorded', { electionId: 'e2' }, 'election:e2', 'An election was held.', null);
  add(C, 'ElectionRecorded', { electionId: 'e3', heldOn: '2013', voters: 100, note: 'partial', anomalies: [anomaly] }, 'election:e3', 'An election was held (100 voters).',
    ['2013', '2013-01-01', '2013-12-31'], [anomaly]);
  add(C, 'OfficerAppointed', { role: 'chair', memberId: 'ann', name: 'Ann Lee', from: '2012-11-01' }, 'officer:chair', 'Ann Lee became chair.', day('2012-11-01'));
  add(C, 'OfficerTermEnded', { role: 'chair', memberId: 'ann', name: 'Ann Lee', to: '2013-03-01', reason: 'resigned' }, 'officer:chair',
    "Ann Lee's term as chair ended (resigned).", day('2013-03-01'));
  add(C, 'OfficerAppointed', { role: 'chair', memberId: 'bob', name: 'Bob Ray', from: '2013-04-01' }, 'officer:chair', 'Bob Ray became chair.', day('2013-04-01'));
  add(C, 'OfficerAppointed', { role: 'chair', name: 'Cy Guest', from: '2013-05-01', nonMember: true }, 'officer:chair', 'Cy Guest became chair.', day('2013-05-01'));
  // An end of a term nobody was appointed to: no officer row.
  add(C, 'OfficerTermEnded', { role: 'treasurer', name: 'Dan', to: '2013-01-01' }, 'officer:treasurer', "Dan's term as treasurer ended.", day('2013-01-01'));
  add(C, 'OfficerAppointed', { role: 'secretary', name: 'Cy Guest', from: '2012-11', nonMember: true }, 'officer:secretary', 'Cy Guest became secretary.',
    ['2012-11', '2012-11-01', '2012-11-30']);
  add(C, 'OfficerTermEnded', { role: 'secretary', name: 'Cy Guest', to: '2013-01-15' }, 'officer:secretary', "Cy Guest's term as secretary ended.", day('2013-01-15'));
  add(C, 'WorkingGroupFormed', { workingGroupId: 'wg1', name: 'Budget', formedOn: '2012-12-01', members: [ann, { name: 'Outsider' }] }, 'working-group:wg1',
    'The working group "Budget" was formed with 2 members.', day('2012-12-01'));
  add(C, 'WorkingGroupFormed', { workingGroupId: 'wg2', name: 'Rules', formedOn: '2012-12' }, 'working-group:wg2',
    'The working group "Rules" was formed; its members are unknown.', ['2012-12', '2012-12-01', '2012-12-31']);
  add(C, 'MeetingHeld', fact.meeting('m1', '2013-01-10', { number: 5, presentCount: 30, reportedMembership: 44, chair: { name: 'Ann Lee' }, reportedOutcome: 'held' }), 'meeting:m1',
    'Meeting 5 was held with 30 present of 44 members, chaired by Ann Lee.', day('2013-01-10'));
  add(C, 'MeetingHeld', fact.meeting('m2', '2013-01-20', { kind: 'extraordinary', present: [ann], membership: { certain: 3, uncertain: 0 } }), 'meeting:m2',
    'An extraordinary meeting was held with 1 present of 3 members.', day('2013-01-20'));
  add(C, 'MeetingHeld', fact.meeting('m3', '2013-02-01', { quorumCertain: undefined } as never), 'meeting:m3', 'A meeting was held.', day('2013-02-01'));
  add(C, 'QuorumFailed', fact.meeting('q1', '2013-02-10', { number: 6, presentCount: 10, membership: { certain: 40, uncertain: 2 } }), 'meeting:q1',
    'Meeting 6 did not take place for lack of a quorum with 10 present of 40 members.', day('2013-02-10'));
  add(C, 'QuorumFailed', fact.meeting('q2', '2013-02-20'), 'meeting:q2', 'A meeting did not take place for lack of a quorum.', day('2013-02-20'));
  add(C, 'MeetingNotAssembled', { meetingId: 'n1', number: 7, date: '2013-03-05', kind: 'regular', reason: 'no room', place: 'Hall 2', note: 'moved', anomalies: [anomaly] },
    'meeting:n1', 'Meeting 7 could not be assembled (no room).', day('2013-03-05'), [anomaly]);
  add(C, 'MeetingNotAssembled', { meetingId: 'n2', date: '2013-03', kind: 'extraordinary' }, 'meeting:n2', 'A meeting could not be assembled.',
    ['2013-03', '2013-03-01', '2013-03-31']);
  add(C, 'MotionTabled', { motionId: 'mo1', title: 'Budget', kind: 'resolution', openedOn: '2013-01-10', online: true }, 'motion:mo1',
    'The motion "Budget" was tabled for an online vote.', day('2013-01-10'));
  add(C, 'MotionTabled', { motionId: 'mo2', title: 'Rules', kind: 'resolution', meetingId: 'm1', openedOn: '2013-01-10', online: false }, 'motion:mo2',
    'The motion "Rules" was tabled.', day('2013-01-10'));
  // Tabled again, and decided before it was tabled: the first tabling counts; an untabled motion has no row.
  add(C, 'MotionTabled', { motionId: 'mo1', title: 'Budget (again)', kind: 'statement', openedOn: '2013-01-11', online: false }, 'motion:mo1',
    'The motion "Budget (again)" was tabled.', day('2013-01-11'));
  add(C, 'MotionDecided', {
    motionId: 'mo3', decidedOn: '2013-01-10', tally: { yes: 1 }, tallyFrom: 'reported', rule: 'majority-of-present',
    base: { of: 'present', count: 1, uncertain: 0 }, required: 1, outcome: 'rejected',
  }, 'motion:mo3', 'Motion mo3 was rejected (1 yes; 1 required).', day('2013-01-10'));
  // A vote names its voter as the members table does ("Ann Lee", not the vote's own "A. Lee").
  add(C, 'VoteCast', { motionId: 'mo1', memberId: 'ann', name: 'A. Lee', choice: 'yes', castOn: '2013-01-11' }, 'motion-votes:mo1',
    'Ann Lee voted yes on motion mo1.', day('2013-01-11'), undefined);
  add(C, 'VoteCast', { motionId: 'mo1', name: 'Guest', choice: 'no', castOn: '2013-01-11', anomalies: [anomaly] }, 'motion-votes:mo1',
    'Guest voted no on motion mo1.', day('2013-01-11'), [anomaly]);
  add(C, 'VoteCast', { motionId: 'mo1', memberId: 'zed', name: 'Zed', choice: 'abstain', castOn: '2013-01-11' }, 'motion-votes:mo1',
    'Zed voted abstain on motion mo1.', day('2013-01-11'));
  add(C, 'VotePaired', { motionId: 'mo1', ...ann, pairedWith: 'bob', pairedWithName: 'B. Ray', castOn: '2013-01-11' }, 'motion-pairs:mo1',
    'Ann Lee did not vote on motion mo1, paired with Bob Ray.', day('2013-01-11'));
  add(C, 'VotePaired', { motionId: 'mo1', memberId: 'x1', name: 'X One', pairedWith: 'x2', pairedWithName: 'X Two', castOn: '2013-01-11', anomalies: [anomaly] },
    'motion-pairs:mo1', 'X One did not vote on motion mo1, paired with X Two.', day('2013-01-11'), [anomaly]);
  add(C, 'MotionDecided', {
    motionId: 'mo1', decidedOn: '2013-01-12', tally: { yes: 2, no: 1 }, tallyFrom: 'votes', rule: 'majority-of-present',
    base: { of: 'present', count: 3, uncertain: 0 }, required: 2, outcome: 'adopted', outcomeCertain: true, outcomeBasis: 'tally',
  }, 'motion:mo1', 'Motion mo1 was adopted (2 yes, 1 no; 2 required).', day('2013-01-12'));
  add(C, 'MotionDecided', {
    motionId: 'mo2', decidedOn: '2013-01-10', tally: {}, tallyFrom: 'none', rule: 'majority-of-members',
    base: { of: 'members', count: 45, uncertain: 0 }, required: 23, outcome: 'adopted', winner: 'A', outcomeCertain: false, outcomeBasis: 'tally',
  }, 'motion:mo2', 'Motion mo2 was adopted, won by A (no tally; 23 required; uncertain: neither the tally on the day nor the source settles it).', day('2013-01-10'));
  add(C, 'MotionDecided', {
    motionId: 'mo1', decidedOn: '2013-01-13', tally: { yes: 0, no: 3 }, tallyFrom: 'votes', rule: 'majority-of-present',
    base: { of: 'present', count: 3, uncertain: 0 }, required: 2, outcome: 'rejected',
  }, 'motion:mo1', 'Motion mo1 was rejected (0 yes, 3 no; 2 required).', day('2013-01-13'));
  add(C, 'GroupFounded', { groupId: 'g1', name: 'Solidarity', classification: 'party', foundedOn: '2011' }, 'group:g1',
    'The party "Solidarity" is on record (founded 2011).', ['2011', '2011-01-01', '2011-12-31']);
  add(C, 'GroupFounded', { groupId: 'g2', name: 'Others' }, 'group:g2', 'The group "Others" is on record.', null);
  add(C, 'MemberAffiliated', { memberId: 'ann', groupId: 'g1', from: '2012-10-27', to: '2013-05' }, 'member-affiliations:ann',
    'Ann Lee sat for g1 from 2012-10-27 to 2013-05.', day('2012-10-27'));
  add(C, 'MemberAffiliated', { memberId: 'x9', groupId: 'g2', from: '2013' }, 'member-affiliations:x9', 'x9 sat for g2 from 2013.', ['2013', '2013-01-01', '2013-12-31']);
  add(C, 'MemberAffiliated', { memberId: 'bob', groupId: 'g1', outside: true }, 'member-affiliations:bob', 'Bob Ray belonged to g1, outside the council.', null);
  add(C, 'MemberStatusChanged', { memberId: 'bob', status: 'house-arrest', on: '2013-02-01' }, 'member-status:bob', 'Bob Ray: house arrest.', day('2013-02-01'));
  add(C, 'MemberStatusChanged', { memberId: 'x9', status: 'left-the-country', on: '2013-04' }, 'member-status:x9', 'x9: left the country.',
    ['2013-04', '2013-04-01', '2013-04-30']);
  add(C, 'CouncilDescribed', { describedOn: '2013-01-01', abbreviations: ['KS', 'CC'], ideology: ['liberal', 'green'], term: '2012-2013', convocation: 1 },
    'council-description', 'The council is described (also called KS, CC; ideology: liberal, green; term 2012-2013; convocation 1).', day('2013-01-01'));
  add(C, 'CouncilDescribed', { describedOn: '2014-01-01', term: '2014-2015' }, 'council-description', 'The council is described (term 2014-2015).', day('2014-01-01'));
  add(C2, 'CouncilDescribed', { describedOn: '2014', convocation: 0 }, 'council-description', 'The council is described (convocation 0).',
    ['2014', '2014-01-01', '2014-12-31']);
  add(C, 'CouncilBodyFormed', { bodyId: 'b1', kind: 'working-groups', count: 5, name: 'Commissions', formedOn: '2013-02-01' }, 'body:b1',
    '5 working groups were formed (Commissions); their names are unknown.', day('2013-02-01'));
  add(C, 'CouncilBodyFormed', { bodyId: 'b2', kind: 'working-groups', formedOn: '2013-02-01' }, 'body:b2',
    'Some working groups were formed; their names are unknown.', day('2013-02-01'));
  add(C, 'CouncilBodyFormed', { bodyId: 'b3', kind: 'committee', name: 'Election committee', formedOn: '2013-02-02', members: [ann, bob, { name: 'Cy Guest' }] },
    'body:b3', 'The committee "Election committee" was formed with 3 members.', day('2013-02-02'));
  add(C, 'CouncilBodyFormed', { bodyId: 'b4', kind: 'forum', formedOn: '2013-02' }, 'body:b4', 'The forum was formed.', ['2013-02', '2013-02-01', '2013-02-28']);
  add(C, 'MembersStatementIssued', { statementId: 's1', title: 'On the arrests', issuedOn: '2013-02-03', signatories: [ann, bob] }, 'members-statement:s1',
    '"On the arrests" was issued by 2 named members, not by the council.', day('2013-02-03'));
  add(C, 'MembersStatementIssued', { statementId: 's2', title: 'Appeal', issuedOn: '2013-02-04', signatoryCount: 12 }, 'members-statement:s2',
    '"Appeal" was issued by 12 people, not by the council.', day('2013-02-04'));
  add(C, 'MembersStatementIssued', { statementId: 's3', title: 'Open letter', issuedOn: '2013-02-05' }, 'members-statement:s3',
    '"Open letter" was issued by part of the members, not by the council.', day('2013-02-05'));
  add(C, 'MemberLeft', { memberId: 'ann', leftOn: '2013-06-01', reason: 'resigned', announcedOn: '2013-05-20' }, 'member:ann',
    'Ann Lee left the council (resigned).', day('2013-06-01'));
  add(C, 'MemberLeft', { memberId: 'bob', leftOn: '2013-06', reason: 'other' }, 'member:bob', 'Bob Ray left the council.', ['2013-06', '2013-06-01', '2013-06-30']);
  add(C, 'MemberLeft', { memberId: 'bob', leftOn: '2013-07-01', reason: 'died' }, 'member:bob', 'Bob Ray left the council (died).', day('2013-07-01'));
  add(C, 'MemberLeft', { memberId: 'ghost', leftOn: '2013-06-02' }, 'member:ghost', 'ghost left the council.', day('2013-06-02'));
  // C is placed in two steps (the second adds to the first); C2 is dissolved twice (the first counts) and
  // placed after its dissolution; C3 is placed but never founded (no council row).
  add(C, 'CouncilClassified', { level: 'municipal', type: 'coordination council' }, 'council',
    'The council is recorded as a municipal council, a coordination council.', null);
  add(C, 'CouncilClassified', { parentCouncilId: 'rf' }, 'council', 'The council is recorded as under rf.', null);
  add(C, 'CouncilDissolved', { dissolvedOn: '2013-10-19', reason: 'merged' }, 'council', 'The council was dissolved (merged).', day('2013-10-19'));
  add(C2, 'CouncilDissolved', { dissolvedOn: '2015' }, 'council', 'The council was dissolved.', ['2015', '2015-01-01', '2015-12-31']);
  add(C2, 'CouncilDissolved', { dissolvedOn: '2016', reason: 'again' }, 'council', 'The council was dissolved (again).', ['2016', '2016-01-01', '2016-12-31']);
  add(C2, 'CouncilClassified', { type: "people's council" }, 'council', "The council is recorded as a people's council.", null);
  add(C3, 'CouncilClassified', { level: 'local' }, 'council', 'The council is recorded as a local council.', null);
  const id = (council: string, type: string, subject: string, nth = 0) =>
    expected.filter((e) => e.council === council && e.type === type && e.subject === subject)[nth].id;
  return { store, expected, id };
}
