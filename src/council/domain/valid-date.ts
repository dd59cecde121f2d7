import edtf from 'edtf';

/**
 * A date in the world (valid time), parsed from EDTF. Rules and read models work on whole days:
 * `earliestDay`..`latestDay` are the first and last day the date can mean (days since 1970-01-01, UTC
 * calendar), so "2013-07" spans 1 to 31 July, and "2012-10-22/2013-10-19" every day in between.
 */
export interface ValidDate {
  edtf: string;
  earliestDay: number;
  latestDay: number;
  /** A single day, stated without uncertainty. */
  exact: boolean;
  uncertain: boolean;
  approximate: boolean;
}

export class InvalidDateError extends Error {
  constructor(
    readonly value: string,
    reason: string,
  ) {
    super(`${JSON.stringify(value)} is not a valid EDTF date: ${reason}`);
    this.name = 'InvalidDateError';
  }

  /** How it is answered (see ProblemHint in errors.ts): 400 invalid-date. */
  problemHint(): { status: number; slug: string; title: string } {
    return { status: 400, slug: 'invalid-date', title: 'Invalid date' };
  }
}

const MS_PER_DAY = 86_400_000;
const DATETIME = /^(\d{4}-\d{2}-\d{2})T/;

const CACHE_LIMIT = 10_000;
const cache = new Map<string, ValidDate>();

/**
 * Parses an EDTF string. Results are frozen and memoised (a council's record repeats the same few
 * hundred dates; the EDTF grammar is comparatively slow), so callers must not mutate them.
 */
export function parseValidDate(value: string): ValidDate {
  const cached = typeof value === 'string' ? cache.get(value) : undefined;
  if (cached) return cached;
  const parsed = Object.freeze(parseUncached(value));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, parsed);
  return parsed;
}

const PLAIN_DAY = /^[1-9]\d{3}-\d{2}-\d{2}$/;

function parseUncached(value: string): ValidDate {
  // A plain calendar day (the common case) needs no EDTF grammar: it is its own bounds.
  if (typeof value === 'string' && value.length === 10 && PLAIN_DAY.test(value)) {
    const day = toDay(value);
    if (Number.isFinite(day) && fromDay(day) === value) {
      return { edtf: value, earliestDay: day, latestDay: day, exact: true, uncertain: false, approximate: false };
    }
  }
  if (typeof value !== 'string' || value.trim() === '' || value.length > 100) {
    throw new InvalidDateError(String(value), 'expected an EDTF string');
  }
  for (const [day] of value.matchAll(/\d{4}-\d{2}-\d{2}/g)) {
    const time = Date.parse(`${day}T00:00:00Z`);
    if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) {
      throw new InvalidDateError(value, `${day} is not a day of the calendar`);
    }
  }
  // EDTF seasons (YYYY-21 … YYYY-41) come out of the parser as calendar quarters, which would make a
  // "spring 2013" departure certain on days it is not; they are refused rather than misread.
  const season = /(?:^|[^\d])\d{4}-(2[1-9]|3\d|4[01])(?![\d-])/.exec(value);
  if (season) {
    throw new InvalidDateError(value, 'seasons (YYYY-21 … YYYY-41) are not supported; give a month interval such as 2013-03/2013-05');
  }
  let parsed: { min: number; max: number; type: string; uncertain?: unknown; approximate?: unknown };
  try {
    parsed = edtf(value) as typeof parsed;
  } catch (error) {
    const first = String((error as Error).message ?? error).split('\n')[0];
    throw new InvalidDateError(value, first);
  }
  if (!Number.isFinite(parsed.min) || !Number.isFinite(parsed.max)) {
    throw new InvalidDateError(value, 'open-ended or unbounded dates are not supported');
  }
  // A timestamp with an offset names a day on the local calendar where it happened; in an interval, each
  // end that is a timestamp names its own local day.
  const ends = parsed.type === 'Interval' ? value.split('/') : [value];
  const localDay = (end: string) => {
    const datetime = DATETIME.exec(end);
    return datetime ? toDay(datetime[1]) : undefined;
  };
  const earliestDay = localDay(ends[0]) ?? Math.floor(parsed.min / MS_PER_DAY);
  const latestDay = localDay(ends[ends.length - 1]) ?? Math.floor(parsed.max / MS_PER_DAY);
  const uncertain = flagged(parsed.uncertain) || /\?|%/.test(value);
  const approximate = flagged(parsed.approximate) || /~|%/.test(value);
  return {
    edtf: value,
    earliestDay,
    latestDay,
    exact: earliestDay === latestDay && !uncertain && !approximate,
    uncertain,
    approximate,
  };
}

function flagged(bitmask: unknown): boolean {
  if (!bitmask || typeof bitmask !== 'object') return false;
  const v = (bitmask as { value?: number }).value;
  return typeof v === 'number' && v !== 0;
}

export function isValidEdtf(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    parseValidDate(value);
    return true;
  } catch {
    return false;
  }
}

/** 'YYYY-MM-DD' → days since 1970-01-01. */
export function toDay(isoDay: string): number {
  return Math.floor(Date.parse(`${isoDay}T00:00:00Z`) / MS_PER_DAY);
}

/** days since 1970-01-01 → 'YYYY-MM-DD'. */
export function fromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Parses a query's `at`: a single EDTF day, e.g. 2013-01-20. */
export function parseDay(value: string): number {
  const date = parseValidDate(value);
  if (date.earliestDay !== date.latestDay) {
    throw new InvalidDateError(value, 'a single day (YYYY-MM-DD) is required here');
  }
  return date.earliestDay;
}

export type Certainty = 'yes' | 'no' | 'unknown';

/**
 * Is a span that starts at `start` (e.g. an election) and ends before `end` (e.g. a departure) in force
 * on day `day`? In office from the day of election up to, not including, the day of departure.
 * 'unknown' when the dates are too imprecise to decide.
 */
export function inForceOn(start: ValidDate, end: ValidDate | undefined, day: number): Certainty {
  if (start.earliestDay > day) return 'no';
  if (end && end.latestDay <= day) return 'no';
  const startedCertainly = start.latestDay <= day;
  const notEndedCertainly = !end || end.earliestDay > day;
  return startedCertainly && notEndedCertainly ? 'yes' : 'unknown';
}
