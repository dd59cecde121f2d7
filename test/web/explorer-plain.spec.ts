/** The explorer's plain words (issue 27): EDTF for people, event and rule names, wiki markup, record times. */
import { edtfText, eventLabel, instantText, plainDates, ruleLabel, stripWiki } from '../../web/src/plain';

describe('EDTF dates written for people', () => {
  it.each([
    ['2013-01-20', '20 January 2013'],
    ['2013-07', 'July 2013'],
    ['2013', '2013'],
    ['2013-03-24?', '24 March 2013 (uncertain)'],
    ['2013-03~', 'about March 2013'],
    ['2013-03%', 'about March 2013 (uncertain)'],
    ['201X', 'the 2010s'],
    ['19XX', 'the 1900s'],
    ['2012-10-20/2012-10-22', '20–22 October 2012'],
    ['2012-12-17/2013-10-19', 'between 17 December 2012 and 19 October 2013'],
    ['2013-05/2013-07?', 'between May 2013 and July 2013 (uncertain)'],
    ['../2013-05-01', 'by 1 May 2013'],
    ['2013-05-01/..', 'on or after 1 May 2013'],
    ['2026-12-05T18:17:45.293Z', '5 December 2026'],
    ['2013-09-21T12:00:00+04:00', '21 September 2013'],
  ])('%s → %s', (edtf, text) => {
    expect(edtfText(edtf)).toBe(text);
  });

  it('leaves absent values empty and text that is not EDTF as it is', () => {
    expect(edtfText(undefined)).toBe('');
    expect(edtfText(null)).toBe('');
    expect(edtfText('soon')).toBe('soon');
  });

  it('rewrites the dates inside the service’s sentences, not numbers or times', () => {
    expect(plainDates('left 2012-12-17/2013-10-19, which may be on or before 2013-10-18')).toBe(
      'left between 17 December 2012 and 19 October 2013, which may be on or before 18 October 2013',
    );
    expect(plainDates('tabled on 2013-06-15?; no decision')).toBe('tabled on 15 June 2013 (uncertain); no decision');
    expect(plainDates('45 members in 2013, recorded 2026-12-05T18:17:45Z')).toBe('45 members in 2013, recorded 2026-12-05T18:17:45Z');
  });
});

describe('names for people', () => {
  it('says event types as phrases, unknown ones split at their capitals', () => {
    expect(eventLabel('MemberElected')).toBe('Member elected');
    expect(eventLabel('QuorumFailed')).toBe('Meeting failed for lack of a quorum');
    expect(eventLabel('CouncilClassified')).toBe('Council classified');
  });

  it('says anomaly rules as sentences, unknown ones with their dashes as spaces', () => {
    expect(ruleLabel('officer-not-a-member')).toBe('The officer is not a member');
    expect(ruleLabel('some-new-rule')).toBe('Some new rule');
  });

  it('names the outcome-undecided anomaly of decision 49', () => {
    expect(ruleLabel('outcome-undecided')).toBe('Neither the tally nor the source settles the outcome');
  });

  it('strips wiki markup from a source', () => {
    expect(stripWiki('== Meetings of the CS == / table, row 1; == Chronology == / === October 2012 ===')).toBe(
      'Meetings of the CS / table, row 1; Chronology / October 2012',
    );
    expect(stripWiki("'''[[Alexei Navalny|Navalny]]''' and [[Ilya Yashin]]{{citation needed}}")).toBe('Navalny and Ilya Yashin');
  });

  it('writes record times to the millisecond when they have one, so one before a correction differs from it', () => {
    expect(instantText('2026-12-05T18:17:45.293Z')).toBe('5 Dec 2026, 18:17:45.293 UTC');
    expect(instantText('2026-12-05T18:17:45.292Z')).not.toBe(instantText('2026-12-05T18:17:45.293Z'));
    expect(instantText('2026-12-05T18:17:45.000Z')).toBe('5 Dec 2026, 18:17:45 UTC');
  });
});
