/**
 * RFC 4180 CSV: CRLF line ends, a header row, fields quoted when they hold a comma, a quote, CR or LF, and
 * quotes doubled. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is
 * neutralised with a leading apostrophe and quoted (OWASP "CSV injection"); numbers are written as they are.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = String(value);
  let quote = /[",\r\n]/.test(text);
  if (FORMULA.test(text)) {
    text = `'${text}`;
    quote = true;
  }
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
