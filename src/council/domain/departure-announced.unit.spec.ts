import { councilWithDepartures } from './fixtures';
import { given } from './given-when-then';

describe("a departure's announced date beside its effective date (issue 25)", () => {
  it('keeps both', () => {
    given(councilWithDepartures(0))
      .when({ kind: 'RecordDeparture', memberId: 'general-1', leftOn: '2013-09', announcedOn: '2013-09', reason: 'resigned' })
      .then([{ type: 'MemberLeft', data: { memberId: 'general-1', leftOn: '2013-09', announcedOn: '2013-09' } }]);
  });

  it('announced-before-election; an announcement outside the council lifetime is before-founding', () => {
    given(councilWithDepartures(0)).when({ kind: 'RecordDeparture', memberId: 'general-1', leftOn: '2013-09', announcedOn: '2012-10-01' }).thenViolates('announced-before-election', 'before-founding');
  });
});
