/**
 * Issue 22, the last survivors of the first re-measure of decisions/: the council required by every
 * decision, an ambiguous name never kept by name, a meeting's default kind, candidates told apart by their
 * curia, an election's rules without ballots, a body's id and name from its kind alone, and non-members
 * as signatories.
 */
import { CouncilCommand } from '../commands';
import { NameResolutionError, NotFoundError } from '../errors';
import { councilWithDepartures, elected, founded } from '../fixtures';
import { GivenEvent, given } from '../given-when-then';

function decided(events: GivenEvent[], command: CouncilCommand) {
  const { result, error } = given(events).when(command);
  if (error) throw error;
  return result!;
}
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
