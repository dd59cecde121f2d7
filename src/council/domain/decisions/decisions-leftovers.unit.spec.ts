/**
 * Issue 22, the last survivors of the first re-measure of decisions/: the council required by every
 * decision, an ambiguous name never kept by name, a meeting's default kind, candidates told apart by their
 * curia, an election's rules without ballots, a body's id and name from its kind alone, and non-members
 * as signatories.
 */

import { NameResolutionError, NotFoundError } from '../errors';
import { councilWithDepartures, elected, founded } from '../fixtures';
import { GivenEvent, given, decided } from '../given-when-then';

const council = councilWithDepartures(0);

it('a decision on a council not founded is a 404 for the council, with an empty id', () => {
  expect(given([]).when({ kind: 'DissolveCouncil', dissolvedOn: '2014-01-01' }).error).toEqual(new NotFoundError('council', ''));
  expect(given([]).when({ kind: 'DissolveCouncil', dissolvedOn: '2014-01-01' }).error).toMatchObject({ entity: 'council', id: '' });
});

it('a meeting is regular unless the request says otherwise', () => {
  expect(decided(council, { kind: 'RecordMeeting', date: '2013-03-02' }).events[0].data).toMatchObject({ kind: 'regular' });
});

it('an ambiguous chair is refused with its candidates even with recordAnomaly (only an unknown name is kept as given)', () => {
  const twins = [founded, elected('ivan-1', { name: 'Ivan Petrov' }), elected('ivan-2', { name: 'Ivan Petrov' })];
  const error = given(twins).when({ kind: 'RecordMeeting', date: '2013-03-02', chair: 'Ivan Petrov', recordAnomaly: true }).error as NameResolutionError;
  expect(error).toBeInstanceOf(NameResolutionError);
  expect([error.field, error.candidates.map((c) => c.memberId).sort()]).toEqual(['chair', ['ivan-1', 'ivan-2']]);
});

it("an election's candidates: Ann in curia a and Anna without a curia are two; a candidate without a curia is no stray; rules without ballots", () => {
  const curiae = [{ key: 'left', seats: 5 }];
  // Curia "a" is not the council's: that is the only finding; "Ann" + "a" and "Anna" + no curia are not one name twice.
  const data = decided([founded], { kind: 'RecordElection', heldOn: '2012-10-20', candidates: [{ name: 'Ann', curia: 'a' }, { name: 'Anna' }], recordAnomaly: true }).events[0].data as {
    anomalies: Array<{ rule: string }>;
  };
  expect(data.anomalies.map((a) => a.rule)).toEqual(['unknown-curia']);
  expect(decided([founded], { kind: 'RecordElection', heldOn: '2012-10-20', curiae, candidates: [{ name: 'Ann', curia: 'left' }, { name: 'Bob' }] }).events).toHaveLength(1);
  expect(decided([founded], { kind: 'RecordElection', heldOn: '2012-10-20', rules: { voterVerification: 'none' } }).events[0].data).toMatchObject({ rules: { voterVerification: 'none' } });
});

it('a body without a name or count is named by its kind; its lifetime finding names it by id; a description replies with the council', () => {
  expect(decided(council, { kind: 'FormCouncilBody', bodyKind: 'committee', formedOn: '2013-02-01' }).reply).toEqual({ bodyId: 'committee' });
  const { error } = given(council).when({ kind: 'FormCouncilBody', bodyKind: 'forum', formedOn: '2012-10-01' });
  expect((error as Error).message).toBe('the body forum on 2012-10-01 is before the council was founded on 2012-10-22');
  expect(decided(council, { kind: 'DescribeCouncil', term: '2 years' }).reply).toEqual({ councilId: 'cs' });
});

it('two different non-members may both sign a statement', () => {
  expect(decided(council, { kind: 'RecordMembersStatement', title: 'T', issuedOn: '2013-02-01', signatories: ['A. Guest', 'B. Guest'] }).events[0].data).toMatchObject({
    signatories: [{ name: 'A. Guest' }, { name: 'B. Guest' }],
  });
});

it('unknown-curia lists every unknown curia; a candidate not marked elected is not counted as elected', () => {
  const { error } = given([founded]).when({ kind: 'RecordElection', heldOn: '2012-10-20', curiae: [{ key: 'right', seats: 1 }, { key: 'up', seats: 1 }] });
  expect((error as Error).message).toBe('the council has no curia right, up (it has general, left, liberal, nationalist)');
  expect(decided([founded], { kind: 'RecordElection', heldOn: '2012-10-20', electedCount: 1, candidates: [{ name: 'A', elected: true }, { name: 'B', elected: false }, { name: 'C' }] }).events).toHaveLength(1);
});

it('a statement whose title has no letters gets the id "statement"', () => {
  expect(decided(council, { kind: 'RecordMembersStatement', title: '!!!', issuedOn: '2013-02-01' }).reply).toEqual({ statementId: 'statement' });
});

it('a meeting not assembled with a number not yet taken passes', () => {
  expect(decided(council, { kind: 'RecordMeeting', date: '2013-03-02', number: 7, reportedOutcome: 'not-assembled' }).events[0].data).toMatchObject({ number: 7 });
});

it('scheduled-chair-chaired compares members by id: the same member named by name in both', () => {
  const ann = elected('ann', { name: 'Ann Lee' });
  const { error } = given([...council, ann]).when({ kind: 'RecordMeeting', date: '2013-03-02', chair: 'Ann Lee', scheduledChair: 'Ann Lee' });
  expect((error as { violations: Array<{ rule: string; figures: unknown }> }).violations).toEqual([
    { rule: 'scheduled-chair-chaired', message: 'Ann Lee is given both as the chair and as the scheduled chair who was replaced', figures: { chair: 'Ann Lee' } },
  ]);
});

it('a meeting on the first or last day of a month is no second meeting of a day beside one dated by that month', () => {
  const march: GivenEvent = { type: 'MeetingHeld', data: { meetingId: 'march', date: '2013-03' } } as GivenEvent;
  expect(decided([...council, march], { kind: 'RecordMeeting', date: '2013-03-01' }).events).toHaveLength(1);
  expect(decided([...council, march], { kind: 'RecordMeeting', date: '2013-03-31' }).events).toHaveLength(1);
});

it('proposer-not-in-office names the proposer', () => {
  const { error } = given(councilWithDepartures(1, '2013-01-10')).when({ kind: 'TableMotion', title: 'T', openedOn: '2013-02-01', proposers: ['general-1'] });
  expect((error as { violations: unknown[] }).violations).toEqual([
    { rule: 'proposer-not-in-office', message: 'proposer general-1 was not a member in office on 2013-02-01', figures: { memberId: 'general-1', on: '2013-02-01' } },
  ]);
});
