import { councilWithDepartures } from './fixtures';
import { given } from './given-when-then';

describe('election rules: ballots, candidate registration, voter verification (issue 25)', () => {
  it('keeps the rules the source states', () => {
    given(councilWithDepartures(0))
      .when({
        kind: 'RecordElection',
        electionId: 'e',
        heldOn: '2012-10-20/2012-10-22',
        rules: { ballots: [{ key: 'general', maxMarks: 30 }, { key: 'left', maxMarks: 5 }], registration: { signatures: 20, requirements: ['answer questions'] }, voterVerification: 'committee' },
      })
      .then([{ type: 'ElectionRecorded', data: { rules: { ballots: [{ key: 'general', maxMarks: 30 }, { key: 'left', maxMarks: 5 }], registration: { signatures: 20 }, voterVerification: 'committee' } } }]);
  });

  it('election-ballot-repeated: a ballot listed twice', () => {
    given(councilWithDepartures(0))
      .when({ kind: 'RecordElection', heldOn: '2012-10-20/2012-10-22', rules: { ballots: [{ key: 'general' }, { key: 'general', maxMarks: 5 }] } })
      .thenViolates('election-ballot-repeated');
  });
});
