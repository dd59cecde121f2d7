import { fromDay, inForceOn, parseValidDate, toDay } from './valid-date';

/** EDTF → day bounds, checked against a hand-written table (independent of the parser's own figures). */
describe('parseValidDate', () => {
  it.each([
    ['2012-10-27', '2012-10-27', '2012-10-27', true],
    ['2013-07', '2013-07-01', '2013-07-31', false],
    ['2013', '2013-01-01', '2013-12-31', false],
    ['2013-09?', '2013-09-01', '2013-09-30', false],
    ['2013~', '2013-01-01', '2013-12-31', false],
    ['2012-10-22/2013-10-19', '2012-10-22', '2013-10-19', false],
    ['2013-06-15/2013-07', '2013-06-15', '2013-07-31', false],
    ['2012-02', '2012-02-01', '2012-02-29', false],
    // A timestamp names the day on its own local calendar, whatever the offset.
    ['2013-09-21T23:30:00-05:00', '2013-09-21', '2013-09-21', true],
    ['2013-09-21T01:00:00+04:00', '2013-09-21', '2013-09-21', true],
    // ... also at either end of an interval.
    ['2013-01-01T12:00:00Z/2013-12-31', '2013-01-01', '2013-12-31', false],
    ['2013-01-01T02:00:00+04:00/2013-03-01T23:00:00-05:00', '2013-01-01', '2013-03-01', false],
  ])('%s spans %s … %s', (value, earliest, latest, exact) => {
    const d = parseValidDate(value);
    expect([fromDay(d.earliestDay), fromDay(d.latestDay), d.exact]).toEqual([earliest, latest, exact]);
  });

  it.each(['2013-02-30', '2013-13', 'bogus', '', '2012-10-22/..', '2013-21', '2013-24', '2013-21/2013-24', '1921-25'])('refuses %j', (value) => {
    expect(() => parseValidDate(value)).toThrow(/not a valid EDTF date/);
  });

  it('keeps days that merely contain 21-41 after a month', () => {
    expect(fromDay(parseValidDate('2013-12-21').earliestDay)).toBe('2013-12-21');
    expect(fromDay(parseValidDate('2013-03-31').latestDay)).toBe('2013-03-31');
  });

  it('marks uncertain and approximate dates', () => {
    expect(parseValidDate('2013-09?')).toMatchObject({ uncertain: true, approximate: false, exact: false });
    expect(parseValidDate('2013-09-21~')).toMatchObject({ approximate: true, exact: false });
  });
});

describe('inForceOn', () => {
  const day = (d: string) => toDay(d);
  it('is in office from the day of election up to, not including, the day of departure', () => {
    expect(inForceOn(parseValidDate('2012-10-22'), parseValidDate('2013-04-04'), day('2012-10-22'))).toBe('yes');
    expect(inForceOn(parseValidDate('2012-10-22'), parseValidDate('2013-04-04'), day('2013-04-03'))).toBe('yes');
    expect(inForceOn(parseValidDate('2012-10-22'), parseValidDate('2013-04-04'), day('2013-04-04'))).toBe('no');
    expect(inForceOn(parseValidDate('2012-10-22'), undefined, day('2012-10-21'))).toBe('no');
  });

  it('is undecidable when an imprecise date straddles the day', () => {
    expect(inForceOn(parseValidDate('2012-10-22'), parseValidDate('2013-07'), day('2013-07-15'))).toBe('unknown');
    expect(inForceOn(parseValidDate('2012-10-22'), parseValidDate('2013-07'), day('2013-06-30'))).toBe('yes');
    // Leaving on any day of July means being out of office on 31 July at the latest.
    expect(inForceOn(parseValidDate('2012-10-22'), parseValidDate('2013-07'), day('2013-07-31'))).toBe('no');
    expect(inForceOn(parseValidDate('2012-10-22'), parseValidDate('2013-07'), day('2013-07-30'))).toBe('unknown');
    expect(inForceOn(parseValidDate('2012-10-22'), parseValidDate('2013-07'), day('2013-08-01'))).toBe('no');
    expect(inForceOn(parseValidDate('2012-10'), undefined, day('2012-10-15'))).toBe('unknown');
  });
});
