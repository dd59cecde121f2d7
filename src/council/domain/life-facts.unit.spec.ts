import { AlreadyExistsError, NotFoundError } from './errors';
import { councilWithDepartures, elected, founded } from './fixtures';
import { given } from './given-when-then';

const council = councilWithDepartures(0);

describe('member statuses that are not departures (issue 25)', () => {
  it('records a status on a date', () => {
    given(council)
      .when({ kind: 'RecordMemberStatus', memberId: 'general-1', status: 'house-arrest', on: '2012-10-22/2013-02-15' })
      .then([{ type: 'MemberStatusChanged', data: { memberId: 'general-1', status: 'house-arrest', on: '2012-10-22/2013-02-15' } }])
      .thenReply({ memberId: 'general-1', status: 'house-arrest' });
  });

  it('an unknown member is NotFoundError; status-before-election', () => {
    given(council).when({ kind: 'RecordMemberStatus', memberId: 'nobody', status: 'arrested', on: '2013-01' }).then(NotFoundError);
    given(council).when({ kind: 'RecordMemberStatus', memberId: 'general-1', status: 'arrested', on: '2011-01' }).thenViolates('status-before-election');
  });
});

describe('what the council was: abbreviations, ideology, term, convocation (issue 25)', () => {
  it('records a description dated from the founding unless told otherwise', () => {
    given(council)
      .when({ kind: 'DescribeCouncil', abbreviations: ['CS', 'CSO'], ideology: ['Liberalism (Russian)'], term: 'P1Y', convocation: 1 })
      .then([{ type: 'CouncilDescribed', data: { describedOn: '2012-10-22', abbreviations: ['CS', 'CSO'], ideology: ['Liberalism (Russian)'], term: 'P1Y', convocation: 1 } }]);
  });

  it('description-empty: it says at least one thing', () => {
    given(council).when({ kind: 'DescribeCouncil' }).thenViolates('description-empty');
  });

  it('before-founding: a description dated before the founding is refused like any fact outside the lifetime', () => {
    given(council).when({ kind: 'DescribeCouncil', describedOn: '2011-01-01', ideology: ['x'] }).thenViolates('before-founding');
  });
});

describe('council bodies: a committee, a set of N working groups whose names are unknown (issue 25)', () => {
  it('nine working groups, names unknown, as one fact', () => {
    given(council)
      .when({ kind: 'FormCouncilBody', bodyId: 'nine', bodyKind: 'working-groups', count: 9, formedOn: '2012-12-16/2013-01-20' })
      .then([{ type: 'CouncilBodyFormed', data: { bodyId: 'nine', kind: 'working-groups', count: 9, formedOn: '2012-12-16/2013-01-20' } }])
      .thenReply({ bodyId: 'nine' });
  });

  it('a committee with members resolved by name, a non-member kept by name', () => {
    given(council)
      .when({ kind: 'FormCouncilBody', bodyKind: 'committee', name: 'Budget committee', formedOn: '2012-11-24', members: ['GENERAL-1', 'Someone Outside'] })
      .then([{ type: 'CouncilBodyFormed', data: { bodyId: 'budget-committee', members: [{ memberId: 'general-1', name: 'general-1' }, { name: 'Someone Outside' }] } }]);
  });

  it('body-count-missing, body-count-mismatch, and an id taken is AlreadyExistsError', () => {
    given(council).when({ kind: 'FormCouncilBody', bodyKind: 'working-groups', formedOn: '2013-01-20' }).thenViolates('body-count-missing');
    given(council).when({ kind: 'FormCouncilBody', bodyKind: 'committee', name: 'x', count: 2, formedOn: '2013-01-20' }).thenViolates('body-count-mismatch');
    const formed = { type: 'CouncilBodyFormed' as const, data: { bodyId: 'b', kind: 'committee' as const, formedOn: '2013-01-20' } };
    given([...council, formed]).when({ kind: 'FormCouncilBody', bodyId: 'b', bodyKind: 'committee', formedOn: '2013-01-20' }).then(AlreadyExistsError);
  });
});

describe('statements by part of the members, with signatories (issue 25)', () => {
  it('a count without names, or the names the source gives', () => {
    given(council)
      .when({ kind: 'RecordMembersStatement', statementId: 'appeal', title: 'Appeal', issuedOn: '2012-10-26', signatoryCount: 21 })
      .then([{ type: 'MembersStatementIssued', data: { statementId: 'appeal', signatoryCount: 21 } }]);
    given(council)
      .when({ kind: 'RecordMembersStatement', title: 'Against Repression', issuedOn: '2012-10-24', signatories: ['general-1', 'left-1'] })
      .then([{ type: 'MembersStatementIssued', data: { statementId: 'against-repression', signatories: [{ memberId: 'general-1' }, { memberId: 'left-1' }] } }]);
  });

  it('signatories-exceed-count, signatory-twice, signatory-not-in-office', () => {
    given(council).when({ kind: 'RecordMembersStatement', title: 'x', issuedOn: '2012-10-24', signatories: ['general-1', 'general-2'], signatoryCount: 1 }).thenViolates('signatories-exceed-count');
    given(council).when({ kind: 'RecordMembersStatement', title: 'x', issuedOn: '2012-10-24', signatories: ['general-1', 'GENERAL-1'] }).thenViolates('signatory-twice');
    given(councilWithDepartures(1, '2013-01-01')).when({ kind: 'RecordMembersStatement', title: 'x', issuedOn: '2013-02-01', signatories: ['general-1'] }).thenViolates('signatory-not-in-office');
  });
});

describe("a motion's proposers: members or named non-members (issue 25)", () => {
  it('resolves members by name and keeps a non-member by name', () => {
    given([founded, elected('anton-dolgih', { name: 'Anton Dolgih', aliases: ['A. Dolgih'] })])
      .when({ kind: 'TableMotion', title: 'Alternative', openedOn: '2012-12-16', proposers: ['A. Dolgih', 'I. Konstantinov'] })
      .then([{ type: 'MotionTabled', data: { proposers: [{ memberId: 'anton-dolgih', name: 'Anton Dolgih' }, { name: 'I. Konstantinov' }] } }]);
  });
});
