import { fromDay, inForceOn, InvalidDateError, isValidEdtf, parseDay, parseValidDate, toDay } from './valid-date';

/**
 * The edges of EDTF parsing: each refusal with its reason, the day bounds of the rarer forms, the flags of
 * qualified intervals, and the memo. The dates here are used by no other spec (the memo would otherwise
 * answer them before the parser runs).
 */
function reasonFor(value: unknown): string {
  try {
    parseValidDate(value as string);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDateError);
    return (error as Error).message;
  }
  throw new Error(`${String(value)} was accepted`);
}

const span = (value: string) => {
  const d = parseValidDate(value);
  return [fromDay(d.earliestDay), fromDay(d.latestDay)];
};

describe('parseValidDate refuses, saying why', () => {
  it.each<[unknown, string]>([
    // Not a string, blank, or longer than 100 characters: refused before the grammar runs.
    [19870314, '"19870314" is not a valid EDTF date: expected an EDTF string'],
    [undefined, '"undefined" is not a valid EDTF date: expected an EDTF string'],
    ['   ', '"   " is not a valid EDTF date: expected an EDTF string'],
    ['x'.repeat(101), `"${'x'.repeat(101)}" is not a valid EDTF date: expected an EDTF string`],
    // A day the calendar does not have; JavaScript's Date would roll 29 February 1987 over to 1 March.
    ['1987-02-29', '"1987-02-29" is not a valid EDTF date: 1987-02-29 is not a day of the calendar'],
    ['1986-11-02/1987-02-29', '"1986-11-02/1987-02-29" is not a valid EDTF date: 1987-02-29 is not a day of the calendar'],
    ['1987-06-31~', '"1987-06-31~" is not a valid EDTF date: 1987-06-31 is not a day of the calendar'],
    // Seasons, alone, qualified, at the end of an interval, in each range of codes.
    ['1987-21?', '"1987-21?" is not a valid EDTF date: seasons (YYYY-21 … YYYY-41) are not supported; give a month interval such as 2013-03/2013-05'],
    ['1986-01/1987-22', '"1986-01/1987-22" is not a valid EDTF date: seasons (YYYY-21 … YYYY-41) are not supported; give a month interval such as 2013-03/2013-05'],
    ['1987-33', '"1987-33" is not a valid EDTF date: seasons (YYYY-21 … YYYY-41) are not supported; give a month interval such as 2013-03/2013-05'],
    ['1987-41', '"1987-41" is not a valid EDTF date: seasons (YYYY-21 … YYYY-41) are not supported; give a month interval such as 2013-03/2013-05'],
    // Open or unbounded ends.
    ['1987-03-14/', '"1987-03-14/" is not a valid EDTF date: open-ended or unbounded dates are not supported'],
    ['../1987-03-14', '"../1987-03-14" is not a valid EDTF date: open-ended or unbounded dates are not supported'],
    // The grammar's own refusal: its first line only, without the error's class name.
    ['bogus-1987', '"bogus-1987" is not a valid EDTF date: Syntax error at line 1 col 1:'],
  ])('%j', (value, message) => {
    expect(reasonFor(value)).toBe(message);
  });

  it('accepts 100 characters: a list of nine days spans its first to its last', () => {
    const list = `{${Array.from({ length: 9 }, (_, i) => `1987-05-0${i + 1}`).join(',')}}`;
    expect(list).toHaveLength(100);
    expect(span(list)).toEqual(['1987-05-01', '1987-05-09']);
  });

  it('accepts 29 February in a leap year, and a month 42 is neither a season nor a month', () => {
    expect(parseValidDate('1988-02-29')).toMatchObject({ exact: true, uncertain: false, approximate: false });
    expect(span('1988-02-29')).toEqual(['1988-02-29', '1988-02-29']);
    expect(isValidEdtf('1987-42')).toBe(false);
    expect(reasonFor('1987-42')).not.toMatch(/seasons/);
  });
});

describe('parseValidDate: bounds and flags', () => {
  it('a plain day is exact, neither uncertain nor approximate, its own first and last day', () => {
    expect(parseValidDate('1987-03-14')).toEqual({ edtf: '1987-03-14', earliestDay: toDay('1987-03-14'), latestDay: toDay('1987-03-14'), exact: true, uncertain: false, approximate: false });
  });

  it('a month or an interval without qualifier is neither uncertain nor approximate', () => {
    expect(parseValidDate('1987-07')).toMatchObject({ exact: false, uncertain: false, approximate: false });
    expect(parseValidDate('1986-10-22/1987-10-19')).toMatchObject({ exact: false, uncertain: false, approximate: false });
  });

  it('an interval is uncertain or approximate when one of its ends is (the parser flags only single dates)', () => {
    expect(parseValidDate('1986-09?/1987-10')).toMatchObject({ uncertain: true, approximate: false, exact: false });
    expect(span('1986-09?/1987-10')).toEqual(['1986-09-01', '1987-10-31']);
    expect(parseValidDate('1986-09-21~/1987-10')).toMatchObject({ uncertain: false, approximate: true });
    expect(parseValidDate('1986-09-21%/1987-10')).toMatchObject({ uncertain: true, approximate: true });
  });

  it('a qualified single day spans that day but is not exact', () => {
    expect(parseValidDate('1987-09-21?')).toMatchObject({ earliestDay: toDay('1987-09-21'), latestDay: toDay('1987-09-21'), exact: false, uncertain: true, approximate: false });
    expect(parseValidDate('1987-09-22%')).toMatchObject({ exact: false, uncertain: true, approximate: true });
  });
});

describe('parseValidDate memoises', () => {
  function freshModule(): typeof import('./valid-date') {
    let module: typeof import('./valid-date') | undefined;
    jest.isolateModules(() => {
      module = require('./valid-date');
    });
    return module as typeof import('./valid-date');
  }

  it('gives the same frozen result for the same string', () => {
    const first = parseValidDate('1987-08');
    expect(parseValidDate('1987-08')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('keeps up to 10,000 dates, then starts again; a fresh module reads dates as the shared one', () => {
    const { parseValidDate: parse, fromDay: day } = freshModule();
    const kept = parse('1960-01-01');
    for (let i = 1; i <= 9_999; i += 1) parse(day(i)); // 1970-01-02 onwards: 10,000 dates held
    expect(parse('1960-01-01')).toBe(kept);
    parse(day(10_000)); // the 10,001st: the memo is emptied first
    const again = parse('1960-01-01');
    expect(again).not.toBe(kept);
    expect(again).toEqual(kept);
    // The fresh module reads as the shared one: a timestamp names its local day, a plain day is exact.
    const late = parse('1960-01-01T23:30:00-05:00');
    expect([day(late.earliestDay), day(late.latestDay), late.exact]).toEqual(['1960-01-01', '1960-01-01', true]);
    expect(parse('1960-01-02')).toMatchObject({ earliestDay: -3652, latestDay: -3652, exact: true });
  });
});

describe('isValidEdtf, parseDay, inForceOn', () => {
  it('isValidEdtf: true for a date, false for a refused string or a non-string', () => {
    expect(isValidEdtf('1987-03-15')).toBe(true);
    expect(isValidEdtf('1987-02-30')).toBe(false);
    expect(isValidEdtf(19870315)).toBe(false);
    expect(isValidEdtf(undefined)).toBe(false);
  });

  it('parseDay: the day number of a single day; a month is refused', () => {
    expect(parseDay('1987-03-16')).toBe(toDay('1987-03-16'));
    expect(parseDay('1970-01-02')).toBe(1);
    expect(reasonForDay('1987-07')).toBe('"1987-07" is not a valid EDTF date: a single day (YYYY-MM-DD) is required here');
  });

  it('inForceOn: a departure some day in July is undecidable on 1 July (leaving that day means out of office)', () => {
    expect(inForceOn(parseValidDate('1986-10-22'), parseValidDate('1987-07'), toDay('1987-07-01'))).toBe('unknown');
    expect(inForceOn(parseValidDate('1986-10-22'), parseValidDate('1987-07'), toDay('1987-06-30'))).toBe('yes');
  });
});

function reasonForDay(value: string): string {
  try {
    parseDay(value);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${value} was accepted`);
}
