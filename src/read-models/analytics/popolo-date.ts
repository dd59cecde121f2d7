import { parseValidDate } from '../../council/domain/valid-date';
import { isoDay } from '../queries/known-at';

/**
 * Popolo dates are reduced-precision ISO 8601: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. An EDTF date becomes the
 * most precise of these that is certainly right: the day when it names one day; the month or the year that
 * contains every day it can mean (`2013-07` → `2013-07`; `2013-07-05/2013-07-20` → `2013-07`;
 * `2012-12-17/2013-10-19` → nothing); nothing when the source marks it uncertain or approximate
 * (`2013-09?`, `2013~`), since no part of such a date is certain. A time of day is dropped (the local day
 * is kept). Returns undefined when nothing is certain.
 */
export function reduceToPopoloDate(edtf: string | null | undefined): string | undefined {
  if (edtf === null || edtf === undefined) return undefined;
  let date;
  try {
    date = parseValidDate(edtf);
  } catch {
    return undefined;
  }
  if (date.uncertain || date.approximate) return undefined;
  const first = isoDay(date.earliestDay);
  const last = isoDay(date.latestDay);
  if (first === last) return first;
  if (first.slice(0, 7) === last.slice(0, 7)) return first.slice(0, 7);
  if (first.slice(0, 4) === last.slice(0, 4)) return first.slice(0, 4);
  return undefined;
}

/**
 * `{ [field]: reduced, [field_edtf]: edtf }`: the Popolo field when something is certain, and the EDTF as the
 * source gave it in an extension field whenever it says more (or other) than the reduced date.
 */
export function popoloDateFields(field: string, edtf: string | null | undefined): Record<string, string> {
  if (edtf === null || edtf === undefined) return {};
  const reduced = reduceToPopoloDate(edtf);
  const out: Record<string, string> = {};
  if (reduced !== undefined) out[field] = reduced;
  if (reduced !== edtf) out[`${field}_edtf`] = edtf;
  return out;
}

/**
 * For Popolo fields whose schema says `format: date-time` (`motions[].date`, `vote_events[].start_date`):
 * `YYYY-MM-DDT00:00:00Z` only when the EDTF names one exact day (not uncertain or approximate); otherwise
 * the field is left out. The EDTF is always kept in `<field>_edtf` (the time of day is a placeholder, not a
 * fact of the source).
 */
export function popoloDateTimeFields(field: string, edtf: string | null | undefined): Record<string, string> {
  if (edtf === null || edtf === undefined) return {};
  const out: Record<string, string> = {};
  try {
    const date = parseValidDate(edtf);
    if (!date.uncertain && !date.approximate && date.earliestDay === date.latestDay) out[field] = `${isoDay(date.earliestDay)}T00:00:00Z`;
  } catch {
    // Not a date we can read: only the EDTF as given.
  }
  out[`${field}_edtf`] = edtf;
  return out;
}
