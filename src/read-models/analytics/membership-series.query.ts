import { BadRequestException } from '@nestjs/common';
import { problem } from '../../api/problem';
import { parseValidDate } from '../../council/domain/valid-date';
import { isoDay } from '../queries/known-at';
import { AnalyticsTables, Snapshot, curiaeOf, groupOn, memberInOffice } from './snapshot';

export type Step = 'day' | 'week' | 'month' | 'year';
export const STEPS: readonly Step[] = ['day', 'week', 'month', 'year'];
/** More steps than this is a 400: ask for a coarser step or a shorter range. */
export const MAX_SERIES_STEPS = 5000;

const badRequest = (field: string, message: string) =>
  new BadRequestException(problem(400, 'validation', 'Invalid request', `${field}: ${message}`, { errors: [{ field, message }] }));

/** GET .../analytics/membership: members in office over time. */
export interface MembershipPoint {
  date: string;
  /** Members certainly in office on the day. */
  certain: number;
  /** Members whose dates are too imprecise to decide: neither counted nor dropped. */
  uncertain: number;
  uncertainMembers: string[];
  byCuria: Record<string, { certain: number; uncertain: number }>;
  /**
   * Per political group: members certainly in office and certainly sitting for it; `uncertain` counts
   * those whose term or affiliation dates leave it open (a member may be uncertain for two groups).
   */
  byGroup: Record<string, { certain: number; uncertain: number }>;
  /** not-founded | active | dissolved on the day (members are only counted while the council exists). */
  status: 'not-founded' | 'active' | 'dissolved';
}

export interface MembershipSeries {
  councilId: string;
  step: Step;
  from: string;
  to: string;
  knownAt: string;
  series: MembershipPoint[];
}

function addStep(step: Step, start: number, k: number): number {
  if (step === 'day') return start + k;
  if (step === 'week') return start + 7 * k;
  const d = new Date(start * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const dom = d.getUTCDate();
  const months = step === 'month' ? k : 12 * k;
  const target = new Date(Date.UTC(y, m + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(dom, last));
  return Math.floor(target.getTime() / 86_400_000);
}

/**
 * Members in office at each step from `from` to `to` (both EDTF; `from` is read at its earliest day, `to` at
 * its latest). Defaults: from the founding to the dissolution (or today); when the founding date is unknown
 * (issue 25), from the first day a member may have been in office (else today). Month and year steps keep
 * the day of the month (clamped to the month's end). Before an unknown founding no day is `not-founded`.
 */
export function membershipSeries(t: AnalyticsTables, s: Snapshot, q: { from?: string; to?: string; step?: Step }): MembershipSeries {
  const council = t.council(s);
  const step = q.step ?? 'month';
  const today = s.today ?? Math.floor(Date.now() / 86_400_000);
  const firstElected = () => Math.min(today, ...t.members(s).map((m) => m.elected_earliest));
  const from = q.from !== undefined ? parseValidDate(q.from).earliestDay : council ? (council.founded_earliest ?? firstElected()) : today;
  const to = q.to !== undefined ? parseValidDate(q.to).latestDay : council?.dissolved_earliest ?? today;
  if (to < from) throw badRequest('to', 'must not be before from');
  const days: number[] = [];
  for (let k = 0; ; k++) {
    const day = addStep(step, from, k);
    if (day > to) break;
    days.push(day);
    if (days.length > MAX_SERIES_STEPS) {
      throw badRequest('step', `more than ${MAX_SERIES_STEPS} steps from ${isoDay(from)} to ${isoDay(to)}: use a coarser step or a shorter range`);
    }
  }
  const members = t.members(s);
  const curiae = curiaeOf(council).map((c) => c.key);
  for (const m of members) if (!curiae.includes(m.curia)) curiae.push(m.curia);
  const groups = t.groups(s).map((g) => g.group_id);
  const affiliations = t.affiliations(s);
  const series = days.map((day): MembershipPoint => {
    const status = !council || (council.founded_earliest !== null && council.founded_earliest > day) ? 'not-founded'
      : council.dissolved_latest !== null && council.dissolved_latest <= day ? 'dissolved' : 'active';
    const point: MembershipPoint = { date: isoDay(day), certain: 0, uncertain: 0, uncertainMembers: [], byCuria: {}, byGroup: {}, status };
    for (const key of curiae) point.byCuria[key] = { certain: 0, uncertain: 0 };
    for (const key of groups) point.byGroup[key] = { certain: 0, uncertain: 0 };
    if (status !== 'active') return point;
    for (const m of members) {
      const answer = memberInOffice(m, { earliest: day, latest: day });
      if (answer === 'no') continue;
      const group = groupOn(affiliations.get(m.member_id), { earliest: day, latest: day });
      for (const g of group.possible) {
        const counts = (point.byGroup[g] ??= { certain: 0, uncertain: 0 });
        if (answer === 'yes' && group.certain === g) counts.certain++;
        else counts.uncertain++;
      }
      const bucket = point.byCuria[m.curia];
      if (answer === 'yes') {
        point.certain++;
        bucket.certain++;
      } else {
        point.uncertain++;
        bucket.uncertain++;
        point.uncertainMembers.push(m.member_id);
      }
    }
    return point;
  });
  return { councilId: s.councilId, step, from: isoDay(from), to: isoDay(to), knownAt: s.knownAt, series };
}
