import type { Database } from 'better-sqlite3';
import { CouncilEventType } from '../../../src/council/domain/events';
import { C, C2, Expected, anomaly, everyFactHistory } from './every-fact-history';
import { MAX_INDEXED_DAY, MIN_INDEXED_DAY } from '../../../src/read-models/as-of-index';
import { rows } from '../helpers';
import { dayOf, readDatabaseOf } from '../queries/read-db';

/**
 * What the core projection writes for each fact (facts.ts): the sentence a historian reads in the timeline,
 * the subject the fact is folded under, its valid date as EDTF and as a day range, and its anomalies. One
 * history holds every fact type, each optional part of a sentence both present and absent; the expected
 * sentences are written out here from the facts the test records. Over the real read database in a temp
 * folder, fed by the real projections.
 */

describe('facts: each fact type as the timeline describes it, with its subject, valid dates and anomalies', () => {
  let db: Database;
  let close: () => void;
  let expected: Expected[];
  let id: ReturnType<typeof everyFactHistory>['id'];
  // Projected for each test, not once in beforeAll: mutation testing counts what a test runs as covered by
  // it, and code run in a beforeAll by none of the tests that assert its rows.
  beforeEach(async () => {
    const h = everyFactHistory();
    ({ expected, id } = h);
    ({ db, close } = await readDatabaseOf(h.store, 'facts-described'));
  });
  afterEach(() => close());

  it('writes one open version per fact, in record order, with the sentence and dates stated above', () => {
    const got = rows(db, `SELECT fact_id, council_id, type, subject, description, valid_edtf, valid_earliest, valid_latest, anomalies, data,
      known_to_position FROM facts ORDER BY fact_position`);
    expect(got).toHaveLength(expected.length);
    got.forEach((row, i) => {
      const e = expected[i];
      expect(row).toEqual({
        fact_id: e.id, council_id: e.council, type: e.type, subject: e.subject, description: e.description,
        valid_edtf: e.valid?.[0] ?? null, valid_earliest: e.valid ? dayOf(e.valid[1]) : null, valid_latest: e.valid ? dayOf(e.valid[2]) : null,
        anomalies: e.anomalies ? JSON.stringify(e.anomalies) : null,
        // The fact's own event holds its data: the facts row keeps none.
        data: null, known_to_position: null,
      });
    });
  });

  const open = (sql: string) => rows(db, `${sql} AND known_to_position IS NULL ORDER BY rowid`);
  const days = (edtf: string, first: string, last: string) => [edtf, dayOf(first), dayOf(last)];
  const noDays = [null, null, null];

  it('councils: the founding, its placement and dissolution; defaults for rules and curiae the founding does not give', () => {
    const got = open(`SELECT council_id, name, founded_edtf, founded_earliest, founded_latest, seats, curiae, quorum_rule, decision_rule, election,
      dissolved_edtf, dissolved_earliest, dissolved_latest, dissolution_reason, founded_fact_id, dissolved_fact_id, type, level, parent_council_id
      FROM councils WHERE 1`).map((r) => Object.values(r));
    expect(got).toEqual([
      [C, 'Coordination Council', ...days('2012-10-27', '2012-10-27', '2012-10-27'), 45, JSON.stringify([{ key: 'general', name: 'General list', seats: 45 }]),
        JSON.stringify({ atLeast: 20 }), 'majority-of-present', JSON.stringify({ heldOn: '2012-10', voters: 81325 }),
        ...days('2013-10-19', '2013-10-19', '2013-10-19'), 'merged', id(C, 'CouncilFounded', 'council'), id(C, 'CouncilDissolved', 'council'),
        'coordination council', 'municipal', 'rf'],
      [C2, 'Night Council', ...noDays, null, '[]', JSON.stringify('majority-of-members'), 'majority-of-members', null,
        ...days('2015', '2015-01-01', '2015-12-31'), null, id(C2, 'CouncilFounded', 'council'), id(C2, 'CouncilDissolved', 'council', 0),
        "people's council", null, null],
    ]);
  });

  it('members: the first election and the first departure after it; departures counted; no row without an election', () => {
    const got = open(`SELECT member_id, name, aliases, curia, votes, elected_edtf, left_edtf, left_earliest, left_latest, left_reason, left_announced_edtf,
      departures, election_id, election_fact_id, departure_fact_id FROM members WHERE council_id = '${C}'`).map((r) => Object.values(r))
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(got).toEqual([
      ['ann', 'Ann Lee', '["Anna Lee"]', 'general', 1200, '2012-10-27', ...days('2013-06-01', '2013-06-01', '2013-06-01'), 'resigned', '2013-05-20', 1, 'e1',
        id(C, 'MemberElected', 'member:ann'), id(C, 'MemberLeft', 'member:ann')],
      ['bob', 'Bob Ray', '[]', 'regions', null, '2012-10-27', ...days('2013-06', '2013-06-01', '2013-06-30'), 'other', null, 2, null,
        id(C, 'MemberElected', 'member:bob'), id(C, 'MemberLeft', 'member:bob')],
      ['cy', 'Cy Guest', '[]', 'general', null, '2012-10-27', null, null, null, null, null, 0, null, id(C, 'MemberElected', 'member:cy'), null],
    ]);
  });

  it('officers: each term from its appointment to its end or its successor; an end without a term makes none', () => {
    const got = open(`SELECT role, member_id, name, non_member, from_edtf, to_edtf, to_earliest, end_reason, appointed_fact_id, ended_fact_id
      FROM officers WHERE council_id = '${C}'`).map((r) => Object.values(r));
    const chair = (n: number) => id(C, 'OfficerAppointed', 'officer:chair', n);
    // By start ('2012-11' sorts before '2012-11-01').
    expect(got.sort((a, b) => String(a[4]).localeCompare(String(b[4])))).toEqual([
      ['secretary', null, 'Cy Guest', 1, '2012-11', '2013-01-15', dayOf('2013-01-15'), null, id(C, 'OfficerAppointed', 'officer:secretary'),
        id(C, 'OfficerTermEnded', 'officer:secretary')],
      ['chair', 'ann', 'Ann Lee', 0, '2012-11-01', '2013-03-01', dayOf('2013-03-01'), 'resigned', chair(0), id(C, 'OfficerTermEnded', 'officer:chair')],
      ['chair', 'bob', 'Bob Ray', 0, '2013-04-01', '2013-05-01', dayOf('2013-05-01'), 'succeeded', chair(1), chair(2)],
      ['chair', null, 'Cy Guest', 1, '2013-05-01', null, null, null, chair(2), null],
    ]);
    // A change re-folds the role's facts but leaves unchanged terms as they were: Ann's term, last changed by
    // its end, is not closed and reopened by her successors' appointments (5 versions in all: Ann open, Ann
    // ended, Bob open, Bob succeeded, Cy open).
    const positionOf = (eventId: string) => rows(db, 'SELECT position FROM events WHERE event_id = ?', eventId)[0].position;
    expect(rows(db, `SELECT known_from_position AS p FROM officers WHERE role = 'chair' AND member_id = 'ann' AND known_to_position IS NULL`))
      .toEqual([{ p: positionOf(id(C, 'OfficerTermEnded', 'officer:chair')) }]);
    expect(rows(db, `SELECT count(*) AS n FROM officers WHERE role = 'chair'`)).toEqual([{ n: 5 }]);
  });

  it('motions: the first tabling and the first decision after it, with its outcome certainty and basis; no row for a motion never tabled', () => {
    const got = open(`SELECT motion_id, title, kind, meeting_id, online, mode, opened_edtf, decided_edtf, tally, tally_from, decision_rule, base_of, base_count,
      required, outcome, winner, outcome_certain, outcome_basis, tabled_fact_id, decided_fact_id FROM motions WHERE 1`).map((r) => Object.values(r));
    expect(got.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['mo1', 'Budget', 'resolution', null, 1, 'online', '2013-01-10', '2013-01-12', '{"yes":2,"no":1}', 'votes', 'majority-of-present', 'present', 3, 2,
        'adopted', null, 1, 'tally', id(C, 'MotionTabled', 'motion:mo1'), id(C, 'MotionDecided', 'motion:mo1')],
      ['mo2', 'Rules', 'resolution', 'm1', 0, 'meeting', '2013-01-10', '2013-01-10', '{}', 'none', 'majority-of-members', 'members', 45, 23,
        'adopted', 'A', 0, 'tally', id(C, 'MotionTabled', 'motion:mo2'), id(C, 'MotionDecided', 'motion:mo2')],
    ]);
  });

  it('MotionDecided: an outcome neither the tally nor the source settles is described as uncertain, a certain one is not (decision 49)', () => {
    const described = (subject: string) => rows(db, `SELECT description FROM facts WHERE type = 'MotionDecided' AND subject = '${subject}' ORDER BY fact_position`).map((r) => r.description);
    expect(described('motion:mo2')).toEqual(['Motion mo2 was adopted, won by A (no tally; 23 required; uncertain: neither the tally on the day nor the source settles it).']);
    expect(described('motion:mo1')[0]).toBe('Motion mo1 was adopted (2 yes, 1 no; 2 required).');
  });

  it('votes: one row per vote as cast', () => {
    expect(open(`SELECT motion_id, member_id, name, choice, cast_edtf, cast_earliest, anomalies FROM votes WHERE 1`)).toEqual([
      { motion_id: 'mo1', member_id: 'ann', name: 'A. Lee', choice: 'yes', cast_edtf: '2013-01-11', cast_earliest: dayOf('2013-01-11'), anomalies: null },
      { motion_id: 'mo1', member_id: null, name: 'Guest', choice: 'no', cast_edtf: '2013-01-11', cast_earliest: dayOf('2013-01-11'), anomalies: JSON.stringify([anomaly]) },
      { motion_id: 'mo1', member_id: 'zed', name: 'Zed', choice: 'abstain', cast_edtf: '2013-01-11', cast_earliest: dayOf('2013-01-11'), anomalies: null },
    ]);
  });

  it('meetings: held, failed for quorum and not assembled, each with what its fact gives and NULL for the rest', () => {
    const got = open(`SELECT meeting_id, number, kind, outcome, outcome_basis, reported_outcome, chair_name, present_count, named_present, membership_certain,
      reported_membership, quorum_certain, place, not_assembled_reason, note, anomalies FROM meetings WHERE 1`).map((r) => Object.values(r));
    expect(got).toEqual([
      ['m1', 5, 'regular', 'held', 'attendance', 'held', 'Ann Lee', 30, null, 3, 44, 1, null, null, null, null],
      ['m2', null, 'extraordinary', 'held', 'attendance', null, null, 1, 1, 3, null, 1, null, null, null, null],
      ['m3', null, 'regular', 'held', 'attendance', null, null, null, null, 3, null, null, null, null, null, null],
      ['q1', 6, 'regular', 'quorum-failed', 'attendance', null, null, 10, null, 40, null, 1, null, null, null, null],
      ['q2', null, 'regular', 'quorum-failed', 'attendance', null, null, null, null, 3, null, 1, null, null, null, null],
      ['n1', 7, 'regular', 'not-assembled', 'reported', 'not-assembled', null, null, null, null, null, null, 'Hall 2', 'no room', 'moved', JSON.stringify([anomaly])],
      ['n2', null, 'extraordinary', 'not-assembled', 'reported', 'not-assembled', null, null, null, null, null, null, null, null, null, null],
    ]);
    expect(open(`SELECT meeting_id, member_id, name FROM meeting_attendance WHERE 1`)).toEqual([{ meeting_id: 'm2', member_id: 'ann', name: 'A. Lee' }]);
  });

  it('pairings, working groups, elections, groups and affiliations: one row per fact, as it states it', () => {
    expect(open(`SELECT motion_id, member_id, name, paired_with, paired_with_name, cast_edtf, anomalies, fact_id FROM vote_pairs WHERE 1`)).toEqual([
      { motion_id: 'mo1', member_id: 'ann', name: 'A. Lee', paired_with: 'bob', paired_with_name: 'B. Ray', cast_edtf: '2013-01-11', anomalies: null,
        fact_id: id(C, 'VotePaired', 'motion-pairs:mo1') },
      { motion_id: 'mo1', member_id: 'x1', name: 'X One', paired_with: 'x2', paired_with_name: 'X Two', cast_edtf: '2013-01-11', anomalies: JSON.stringify([anomaly]),
        fact_id: id(C, 'VotePaired', 'motion-pairs:mo1', 1) },
    ]);
    expect(open(`SELECT working_group_id, name, formed_edtf, formed_earliest, formed_latest, members_known FROM working_groups WHERE 1`).map((r) => Object.values(r))).toEqual([
      ['wg1', 'Budget', ...days('2012-12-01', '2012-12-01', '2012-12-01'), 1],
      ['wg2', 'Rules', ...days('2012-12', '2012-12-01', '2012-12-31'), 0],
    ]);
    expect(open(`SELECT working_group_id, member_id, name, fact_id FROM working_group_members WHERE 1`)).toEqual([
      { working_group_id: 'wg1', member_id: 'ann', name: 'A. Lee', fact_id: id(C, 'WorkingGroupFormed', 'working-group:wg1') },
      { working_group_id: 'wg1', member_id: null, name: 'Outsider', fact_id: id(C, 'WorkingGroupFormed', 'working-group:wg1') },
    ]);
    expect(open(`SELECT election_id, held_edtf, held_earliest, held_latest, seats, candidate_count, elected_count, voters, curiae, note, anomalies FROM elections WHERE 1`)
      .map((r) => Object.values(r))).toEqual([
      ['e1', ...days('2012-10', '2012-10-01', '2012-10-31'), 45, 209, 44, 81325, JSON.stringify([{ key: 'general', seats: 45 }]), null, null],
      ['e2', ...noDays, null, null, null, null, null, null, null],
      ['e3', ...days('2013', '2013-01-01', '2013-12-31'), null, null, null, 100, null, 'partial', JSON.stringify([anomaly])],
    ]);
    expect(open(`SELECT group_id, name, classification, founded_edtf, founded_earliest, founded_latest FROM political_groups WHERE 1`).map((r) => Object.values(r))).toEqual([
      ['g1', 'Solidarity', 'party', ...days('2011', '2011-01-01', '2011-12-31')],
      ['g2', 'Others', null, ...noDays],
    ]);
    expect(open(`SELECT member_id, group_id, outside, from_edtf, from_earliest, from_latest, to_edtf, to_earliest, to_latest FROM affiliations WHERE 1`)
      .map((r) => Object.values(r))).toEqual([
      ['ann', 'g1', 0, ...days('2012-10-27', '2012-10-27', '2012-10-27'), ...days('2013-05', '2013-05-01', '2013-05-31')],
      ['x9', 'g2', 0, ...days('2013', '2013-01-01', '2013-12-31'), ...noDays],
      // An unknown start: possible from the first indexed day, certain on none.
      ['bob', 'g1', 1, null, MIN_INDEXED_DAY, MAX_INDEXED_DAY, ...noDays],
    ]);
  });

  it('every fact type is in the history (a new type needs its sentence here)', () => {
    const types = new Set(expected.map((e) => e.type));
    const all: CouncilEventType[] = ['CouncilFounded', 'MemberElected', 'MemberLeft', 'ElectionRecorded', 'OfficerAppointed', 'OfficerTermEnded',
      'WorkingGroupFormed', 'MeetingHeld', 'QuorumFailed', 'MeetingNotAssembled', 'MotionTabled', 'VoteCast', 'VotePaired', 'MotionDecided',
      'CouncilDissolved', 'CouncilClassified', 'GroupFounded', 'MemberAffiliated', 'MemberStatusChanged', 'CouncilDescribed', 'CouncilBodyFormed',
      'MembersStatementIssued'];
    expect([...types].sort()).toEqual([...all].sort());
  });
});
