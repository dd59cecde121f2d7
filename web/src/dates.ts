/** Day arithmetic on ISO days (YYYY-MM-DD) and the day bounds of the EDTF forms the record uses. */

const DAY_MS = 86_400_000;

export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const boundsCache = new Map<string, { earliest?: string; latest?: string }>();

/** Earliest and latest day an EDTF date (day, month, year, X-digits, interval, ?/~ qualifiers) may mean. */
export function edtfBounds(value: string | null | undefined): { earliest?: string; latest?: string } {
  if (!value) return {};
  let cached = boundsCache.get(value);
  if (!cached) {
    cached = computeBounds(value);
    if (boundsCache.size > 50_000) boundsCache.clear();
    boundsCache.set(value, cached);
  }
  return cached;
}

function computeBounds(value: string): { earliest?: string; latest?: string } {
  const v = value.replace(/[?~%]/g, '').trim();
  if (v.includes('/')) {
    const [a, b] = v.split('/');
    return { earliest: computeBounds(a).earliest, latest: computeBounds(b).latest };
  }
  const m = /^(\d[\dX]{3})(?:-(\d[\dX]|X{2}))?(?:-(\d[\dX]|X{2}))?/.exec(v);
  if (!m) return {};
  const yLow = Number(m[1].replace(/X/g, '0'));
  const yHigh = Number(m[1].replace(/X/g, '9'));
  const month = m[2] && !m[2].includes('X') ? Number(m[2]) : undefined;
  const day = m[3] && !m[3].includes('X') ? Number(m[3]) : undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const earliest = `${yLow}-${pad(month ?? 1)}-${pad(day ?? 1)}`;
  const lm = month ?? 12;
  const latest = `${yHigh}-${pad(lm)}-${pad(day ?? lastDayOfMonth(yHigh, lm))}`;
  return { earliest, latest };
}

/** A JS Date at midnight UTC of the earliest day an EDTF value may mean (for chart x positions). */
export function edtfDate(value: string | null | undefined): Date | undefined {
  const e = edtfBounds(value).earliest;
  return e ? new Date(`${e}T00:00:00Z`) : undefined;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function formatDay(day: string): string {
  if (!isDay(day)) return day;
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

export function formatInstant(instant: string | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? instant : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
