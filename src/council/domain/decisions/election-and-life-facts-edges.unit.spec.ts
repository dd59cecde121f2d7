/**
 * Issue 22 (mutation survivors of decisions/record-election.ts and record-life-facts.ts): each figure a
 * source gives checked against the others at its boundary (equal passes, one more is refused), each
 * finding's message and figures, the ids, the events' exact fields.
 */
import { CouncilCommand } from '../commands';

import { ElectionCandidate } from '../events';
import { councilWithDepartures, founded } from '../fixtures';
import { GivenEvent, given, refused, decided } from '../given-when-then';

type Election = Extract<CouncilCommand, { kind: 'RecordElection' }>;
const elect = (extra: Partial<Election> = {}): CouncilCommand => ({ kind: 'RecordElection', heldOn: '2012-10-20', ...extra });
const council = councilWithDepartures(0);
const CURIAE = ['general', 'left', 'liberal', 'nationalist'];
const cand = (name: string, extra: Partial<ElectionCandidate> = {}): ElectionCandidate => ({ name, ...extra });

describe('RecordElection: ids, dates and the event', () => {
  it('ids from the date, "election" when undated, the next free one after; a given id taken is a 409', () => {
    expect(decided([founded], elect()).reply).toEqual({ electionId: 'election-2012-10-20' });
    expect(decided([founded], elect({ heldOn: undefined })).reply).toEqual({ electionId: 'election' });
    const first: GivenEvent = { type: 'ElectionRecorded', data: { electionId: 'election-2012-10-20', heldOn: '2012-10-20' } } as GivenEvent;
    expect(decided([founded, first], elect()).reply).toEqual({ electionId: 'election-2012-10-20-2' });
    expect(given([founded, first]).when(elect({ electionId: 'election-2012-10-20' })).error).toMatchObject({ entity: 'election', id: 'election-2012-10-20' });
  });

  it('after-dissolution: on the dissolution day it passes, the day after not', () => {
    const gone: GivenEvent = { type: 'CouncilDissolved', data: { dissolvedOn: '2014-01-01' } } as GivenEvent;
    expect(decided([founded, gone], elect({ heldOn: '2014-01-01' })).events).toHaveLength(1);
    expect(refused([founded, gone], elect({ heldOn: '2014-01-02' }))).toEqual([
      { rule: 'after-dissolution', message: 'the election on 2014-01-02 is after the council was dissolved on 2014-01-01', figures: { date: '2014-01-02', dissolvedOn: '2014-01-01' } },
    ]);
  });

  it('keeps exactly what the source gives', () => {
    const command = elect({
      seats: 45,
      curiae: [{ key: 'general', seats: 45, candidates: 3 }],
      candidates: [cand('Ann', { curia: 'general', votes: 10, rank: 1, elected: true, memberId: 'ann' })],
      candidateCount: 3,
      electedCount: 1,
      voters: 100,
      committee: [{ name: 'C. Hair', represents: 'list', role: 'chair' }],
      rules: { ballots: [{ key: 'general', maxMarks: 30 }] },
      note: 'n',
    });
    expect(decided([founded], command).events).toEqual([
      {
        type: 'ElectionRecorded',
        data: {
          electionId: 'election-2012-10-20',
          heldOn: '2012-10-20',
          seats: 45,
          curiae: [{ key: 'general', seats: 45, candidates: 3 }],
          candidates: [{ name: 'Ann', memberId: 'ann', curia: 'general', votes: 10, rank: 1, elected: true }],
          candidateCount: 3,
          electedCount: 1,
          voters: 100,
          committee: [{ name: 'C. Hair', represents: 'list', role: 'chair' }],
          rules: { ballots: [{ key: 'general', maxMarks: 30 }] },
          note: 'n',
        },
      },
    ]);
  });
});

describe('RecordElection: curiae and seats', () => {
  it('election-curia-repeated, unknown-curia and election-seats-sum with their figures', () => {
    expect(refused([founded], elect({ curiae: [{ key: 'left', seats: 5 }, { key: 'left', seats: 5 }] }))).toEqual([
      { rule: 'election-curia-repeated', message: 'curia left is listed twice', figures: { curia: 'left' } },
    ]);
    expect(refused([founded], elect({ seats: 12, curiae: [{ key: 'left', seats: 5 }, { key: 'right', seats: 5 }] }))).toEqual([
      { rule: 'unknown-curia', message: 'the council has no curia right (it has general, left, liberal, nationalist)', figures: { curiae: ['right'], councilCuriae: CURIAE } },
      { rule: 'election-seats-sum', message: "the curiae's seats add up to 10, not the election's 12 seats", figures: { seats: 12, curiaSeats: { left: 5, right: 5 }, sum: 10 } },
    ]);
    expect(decided([founded], elect({ seats: 10, curiae: [{ key: 'left', seats: 5 }, { key: 'liberal', seats: 5 }] })).events).toHaveLength(1);
  });

  it('election-ballot-repeated names the ballot', () => {
    expect(refused([founded], elect({ rules: { ballots: [{ key: 'a' }, { key: 'b' }, { key: 'a' }] } }))).toEqual([
      { rule: 'election-ballot-repeated', message: 'ballot a is listed twice', figures: { ballot: 'a' } },
    ]);
  });
});

describe('RecordElection: candidates, counts and the elected', () => {
  it('election-candidate-repeated: the same name twice in one curia, with or without a curia', () => {
    expect(refused([founded], elect({ candidates: [cand('Ann'), cand('ANN')] }))).toEqual([
      { rule: 'election-candidate-repeated', message: 'ANN is listed twice', figures: { name: 'ANN', curia: undefined } },
    ]);
    expect(refused([founded], elect({ candidates: [cand('Ann', { curia: 'left' }), cand('Ann', { curia: 'left' })] }))[0].message).toBe('Ann is listed twice in curia left');
    expect(decided([founded], elect({ candidates: [cand('Ann', { curia: 'left' }), cand('Ann', { curia: 'liberal' })] })).events).toHaveLength(1);
  });

  it('election-candidate-count: as many named as the count pass, one more does not', () => {
    expect(decided([founded], elect({ candidates: [cand('A'), cand('B')], candidateCount: 2 })).events).toHaveLength(1);
    expect(refused([founded], elect({ candidates: [cand('A'), cand('B'), cand('C')], candidateCount: 2 }))).toEqual([
      { rule: 'election-candidate-count', message: '3 candidates are named but the election had 2', figures: { named: 3, candidateCount: 2 } },
    ]);
  });

  it('election-elected-exceeds-seats: as many marked elected as seats pass, one more does not', () => {
    expect(decided([founded], elect({ seats: 2, candidates: [cand('A', { elected: true }), cand('B', { elected: true }), cand('C', { elected: false })] })).events).toHaveLength(1);
    expect(refused([founded], elect({ seats: 2, candidates: [cand('A', { elected: true }), cand('B', { elected: true }), cand('C', { elected: true })] }))).toEqual([
      { rule: 'election-elected-exceeds-seats', message: '3 candidates are marked elected for 2 seats', figures: { elected: 3, seats: 2 } },
    ]);
  });

  it("without the election's own curiae, a candidate's curia must be the council's", () => {
    expect(decided([founded], elect({ candidates: [cand('A', { curia: 'left' }), cand('B')] })).events).toHaveLength(1);
    expect(refused([founded], elect({ candidates: [cand('A', { curia: 'left' }), cand('B', { curia: 'right' })] }))).toEqual([
      { rule: 'unknown-curia', message: 'candidate B names curia right; the council has general, left, liberal, nationalist', figures: { candidate: 'B', curia: 'right', councilCuriae: CURIAE } },
    ]);
  });

  it('per curia of the election: the elected within its seats, the named within its candidates, no other curia', () => {
    const curiae = [{ key: 'left', seats: 1, candidates: 2 }, { key: 'liberal', seats: 5 }];
    const ok = [cand('A', { curia: 'left', elected: true }), cand('B', { curia: 'left' }), cand('C', { curia: 'liberal', elected: true })];
    expect(decided([founded], elect({ curiae, candidates: ok })).events).toHaveLength(1);
    const tooMany = [cand('A', { curia: 'left', elected: true }), cand('B', { curia: 'left', elected: true }), cand('C', { curia: 'left' }), cand('D', { curia: 'general' })];
    expect(refused([founded], elect({ curiae, candidates: tooMany }))).toEqual([
      { rule: 'election-elected-exceeds-seats', message: '2 candidates are marked elected in curia left, which has 1 seats', figures: { curia: 'left', elected: 2, seats: 1 } },
      { rule: 'election-candidate-count', message: '3 candidates are named in curia left, which had 2', figures: { curia: 'left', named: 3, candidates: 2 } },
      { rule: 'unknown-curia', message: 'candidate D names curia general, which the election does not list', figures: { candidate: 'D', curia: 'general' } },
    ]);
  });

  it('electedCount against the seats, the candidate count and the candidates marked elected, each at its boundary', () => {
    expect(decided([founded], elect({ electedCount: 2, seats: 2, candidateCount: 2, candidates: [cand('A', { elected: true }), cand('B', { elected: true })] })).events).toHaveLength(1);
    expect(refused([founded], elect({ electedCount: 3, seats: 2 }))).toEqual([
      { rule: 'election-elected-exceeds-seats', message: '3 elected for 2 seats', figures: { elected: 3, seats: 2 } },
    ]);
    expect(refused([founded], elect({ electedCount: 3, candidateCount: 2 }))).toEqual([
      { rule: 'election-candidate-count', message: '3 elected of only 2 candidates', figures: { elected: 3, candidateCount: 2 } },
    ]);
    expect(refused([founded], elect({ electedCount: 1, candidates: [cand('A', { elected: true }), cand('B', { elected: true })] }))).toEqual([
      { rule: 'election-elected-exceeds-seats', message: '2 candidates are marked elected but the election elected 1', figures: { marked: 2, elected: 1 } },
    ]);
  });
});

describe('life facts: member status, description, bodies, statements', () => {
  const late: GivenEvent = { type: 'MemberElected', id: 'elected-late', data: { memberId: 'late', name: 'Late Comer', aliases: [], curia: 'general', electedOn: '2013-03-10' } } as GivenEvent;

  it('a status: 404 for an unknown member; status-before-election on the day before, not on the day; the event', () => {
    expect(given(council).when({ kind: 'RecordMemberStatus', memberId: 'nobody', status: 'arrested', on: '2013-05-01' }).error).toMatchObject({ entity: 'member', id: 'nobody' });
    expect(refused([...council, late], { kind: 'RecordMemberStatus', memberId: 'late', status: 'arrested', on: '2013-03-09' })).toEqual([
      { rule: 'status-before-election', message: 'Late Comer: a status of 2013-03-09 is before the election (2013-03-10)', figures: { memberId: 'late', on: '2013-03-09', electedOn: '2013-03-10' } },
    ]);
    expect(decided([...council, late], { kind: 'RecordMemberStatus', memberId: 'late', status: 'arrested', on: '2013-03-10', note: 'n' })).toEqual({
      events: [{ type: 'MemberStatusChanged', data: { memberId: 'late', status: 'arrested', on: '2013-03-10', note: 'n' } }],
      reply: { memberId: 'late', status: 'arrested' },
    });
  });

  it('a description: empty, undated without a founding date, dated the founding by default, its lifetime named', () => {
    expect(refused(council, { kind: 'DescribeCouncil' })).toEqual([
      { rule: 'description-empty', message: 'a description needs at least one of abbreviations, ideology, term, convocation', figures: {} },
    ]);
    const undated: GivenEvent = { ...founded, data: { ...founded.data, foundedOn: undefined } } as GivenEvent;
    expect(refused([undated], { kind: 'DescribeCouncil', term: '2 years' })).toEqual([
      { rule: 'description-date-unknown', message: "the council's founding date is unknown, so a description needs its own describedOn", figures: { foundedOn: null } },
    ]);
    expect(decided(council, { kind: 'DescribeCouncil', convocation: 1 }).events).toEqual([{ type: 'CouncilDescribed', data: { describedOn: '2012-10-22', convocation: 1 } }]);
    expect(refused(council, { kind: 'DescribeCouncil', term: '2 years', describedOn: '2012-10-01' })).toEqual([
      { rule: 'before-founding', message: 'the description on 2012-10-01 is before the council was founded on 2012-10-22', figures: { date: '2012-10-01', foundedOn: '2012-10-22' } },
    ]);
  });

  it('a body: ids from the name or the count and kind, a taken id is a 409, the count rules, members resolved', () => {
    const body = (extra: Partial<Extract<CouncilCommand, { kind: 'FormCouncilBody' }>>): CouncilCommand => ({ kind: 'FormCouncilBody', bodyKind: 'committee', formedOn: '2013-02-01', ...extra });
    expect(decided(council, body({ name: 'Ethics Committee' })).reply).toEqual({ bodyId: 'ethics-committee' });
    expect(decided(council, body({ bodyKind: 'working-groups', count: 5 })).reply).toEqual({ bodyId: '5-working-groups' });
    const first: GivenEvent = { type: 'CouncilBodyFormed', data: { bodyId: 'ethics-committee', kind: 'committee', name: 'Ethics Committee', formedOn: '2013-01-01' } } as GivenEvent;
    expect(decided([...council, first], body({ name: 'Ethics Committee' })).reply).toEqual({ bodyId: 'ethics-committee-2' });
    expect(given([...council, first]).when(body({ bodyId: 'ethics-committee' })).error).toMatchObject({ entity: 'body', id: 'ethics-committee' });
    expect(refused(council, body({ bodyKind: 'working-groups', name: 'Groups' }))).toEqual([
      { rule: 'body-count-missing', message: 'a set of working groups needs its count (how many the source says there were)', figures: { bodyId: 'groups' } },
    ]);
    expect(refused(council, body({ name: 'Forum', bodyKind: 'forum', count: 3 }))).toEqual([
      { rule: 'body-count-mismatch', message: 'a count belongs to a set of working groups, not to a forum', figures: { bodyId: 'forum', count: 3 } },
    ]);
    expect(refused(council, body({ name: 'Early', formedOn: '2012-10-01' }))[0].message).toBe('the body Early on 2012-10-01 is before the council was founded on 2012-10-22');
    expect(refused(councilWithDepartures(1, '2013-01-10'), body({ name: 'C', members: ['general-1'] }))).toEqual([
      { rule: 'body-member-not-in-office', message: 'body-member general-1 was not a member in office on 2013-02-01', figures: { memberId: 'general-1', on: '2013-02-01' } },
    ]);
  });

  it('a statement: ids from the title, a taken id is a 409, signatory-twice, signatories-exceed-count at its boundary', () => {
    const statement = (extra: Partial<Extract<CouncilCommand, { kind: 'RecordMembersStatement' }>>): CouncilCommand => ({
      kind: 'RecordMembersStatement',
      title: 'On the arrests',
      issuedOn: '2013-02-01',
      ...extra,
    });
    expect(decided(council, statement({})).reply).toEqual({ statementId: 'on-the-arrests' });
    const first: GivenEvent = { type: 'MembersStatementIssued', data: { statementId: 'on-the-arrests', title: 'On the arrests', issuedOn: '2013-01-01' } } as GivenEvent;
    expect(decided([...council, first], statement({})).reply).toEqual({ statementId: 'on-the-arrests-2' });
    expect(given([...council, first]).when(statement({ statementId: 'on-the-arrests' })).error).toMatchObject({ entity: 'statement', id: 'on-the-arrests' });
    expect(refused(council, statement({ signatories: ['general-1', 'GENERAL-1', 'A. Guest', 'a. guest'] }))).toEqual([
      { rule: 'signatory-twice', message: 'general-1 is listed twice as a signatory', figures: { name: 'general-1' } },
      { rule: 'signatory-twice', message: 'a. guest is listed twice as a signatory', figures: { name: 'a. guest' } },
    ]);
    expect(decided(council, statement({ signatories: ['general-1', 'general-2'], signatoryCount: 2 })).events).toHaveLength(1);
    expect(refused(council, statement({ signatories: ['general-1', 'general-2', 'general-3'], signatoryCount: 2 }))).toEqual([
      { rule: 'signatories-exceed-count', message: '3 signatories are named but the count is 2', figures: { named: 3, signatoryCount: 2 } },
    ]);
    expect(refused(council, statement({ issuedOn: '2012-10-01' }))[0].message).toBe('the statement "On the arrests" on 2012-10-01 is before the council was founded on 2012-10-22');
  });
});
