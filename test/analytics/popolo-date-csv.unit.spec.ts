import { csvCell, toCsv } from '../../src/read-models/analytics/csv';
import { popoloDateFields, popoloDateTimeFields, reduceToPopoloDate } from '../../src/read-models/analytics/popolo-date';

describe('reduceToPopoloDate: the most precise ISO 8601 date that is certainly right', () => {
  it.each([
    ['2012-10-27', '2012-10-27'],
    ['2013-07', '2013-07'],
    ['2013', '2013'],
    ['2013-07-05/2013-07-20', '2013-07'],
    ['2013-03-18/2013-04-20', '2013'],
    ['2013-06-15/2013-07', '2013'],
    ['2012-12-17/2013-10-19', undefined],
    ['201X', undefined],
    ['2013-09?', undefined],
    ['2013-03-24?', undefined],
    ['2013~', undefined],
    ['2013-09-21T12:00:00+04:00', '2013-09-21'],
  ])('%s → %s', (edtf, iso) => {
    expect(reduceToPopoloDate(edtf)).toBe(iso);
  });

  it('keeps the EDTF in <field>_edtf when it says more than the reduced date', () => {
    expect(popoloDateFields('end_date', '2013-07')).toEqual({ end_date: '2013-07' });
    expect(popoloDateFields('end_date', '2013-07-05/2013-07-20')).toEqual({ end_date: '2013-07', end_date_edtf: '2013-07-05/2013-07-20' });
    expect(popoloDateFields('end_date', '2013-09?')).toEqual({ end_date_edtf: '2013-09?' });
    expect(popoloDateFields('end_date', null)).toEqual({});
  });
});

describe('popoloDateTimeFields: format date-time only for one exact day', () => {
  it.each([
    ['2012-11-01', '2012-11-01T00:00:00Z'],
    ['2013-09-21T12:00:00+04:00', '2013-09-21T00:00:00Z'],
    ['2013-07', undefined],
    ['2013', undefined],
    ['2013-07-05/2013-07-20', undefined],
    ['2013-03-24?', undefined],
    ['2013-03-24~', undefined],
    ['not a date', undefined],
  ])('%s → %s, EDTF kept', (edtf, dateTime) => {
    const out = popoloDateTimeFields('date', edtf);
    expect(out.date).toBe(dateTime);
    expect(out.date_edtf).toBe(edtf);
    if (out.date !== undefined) expect(out.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('gives nothing without a date', () => {
    expect(popoloDateTimeFields('start_date', null)).toEqual({});
  });
});

describe('CSV (RFC 4180 with formula neutralisation)', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A2)', `"'=SUM(A1:A2)"`],
    ['+1', `"'+1"`],
    ['-1', `"'-1"`],
    ['@cmd', `"'@cmd"`],
  ])('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers, booleans and empty cells as they are, with a header and CRLF', () => {
    expect(toCsv(['n', 'b', 'x'], [[-5, true, null]])).toBe('n,b,x\r\n-5,true,\r\n');
  });
});
