import { ValidDate, fromDay } from '../valid-date';
import { AffiliationState, MemberState } from '../state';
import { Findings } from '../violations';

/** A period from `from` up to, not including, `to` (open without `to`); without `from` its start is unknown. */
export interface Period {
  from?: ValidDate;
  to?: ValidDate;
}

/**
 * The days certainly inside a period: from the last day `from` can mean up to, not including, the first
 * day `to` can mean. Empty (start >= end) when the dates are too imprecise to be sure of any day.
 * An unknown start (issue 25) makes no day certain: the period may have begun on any day before its end,
 * even its last one, so only a known start makes a day certain (docs/decisions.md 42).
 */
function certainDays(p: Period): { start: number; end: number } {
  return { start: p.from ? p.from.latestDay : Infinity, end: p.to ? p.to.earliestDay : Infinity };
}

/** How a start reads in a message: its EDTF, or that it is unknown. */
export const startText = (from: ValidDate | undefined): string => from?.edtf ?? 'an unknown date';

/** Whether two periods certainly share a day (only certain overlap counts against a record). */
export function certainlyOverlap(a: Period, b: Period): boolean {
  const x = certainDays(a);
  const y = certainDays(b);
  return Math.max(x.start, y.start) < Math.min(x.end, y.end);
}

/**
 * `affiliation-member-not-in-office`: the period may not certainly hold a day before the election or a
 * day on or after the departure. An open period (no `to`) ends with the departure, so it only breaks the
 * rule when it certainly begins after the member left.
 */
export function checkAffiliationInTerm(member: MemberState, period: Period, findings: Findings): void {
  const { start, end } = certainDays(period);
  const figures = { memberId: member.memberId, from: period.from?.edtf, to: period.to?.edtf, electedOn: member.electedOn.edtf, leftOn: member.leftOn?.edtf };
  if (start < Math.min(member.electedOn.earliestDay, end)) {
    findings.add('affiliation-member-not-in-office', `${member.name} was elected on ${member.electedOn.edtf}: not in office from ${startText(period.from)}`, figures);
    return;
  }
  if (!member.leftOn) return;
  const gone = member.leftOn.latestDay;
  if ((period.from !== undefined && period.from.earliestDay >= gone) || (period.to && Math.max(start, gone) < end)) {
    findings.add(
      'affiliation-member-not-in-office',
      `${member.name} left on ${member.leftOn.edtf}: not in office ${period.to ? `until ${period.to.edtf}` : `from ${startText(period.from)}`}`,
      { ...figures, notInOfficeFrom: fromDay(gone) },
    );
  }
}

/** `affiliation-overlap`: one member sits for one group at a time. */
export function checkAffiliationOverlap(existing: readonly AffiliationState[], period: Period, findings: Findings): void {
  for (const other of existing) {
    if (!certainlyOverlap(other, period)) continue;
    findings.add(
      'affiliation-overlap',
      `${other.memberId} already sits for ${other.groupId} from ${startText(other.from)}${other.to ? ` to ${other.to.edtf}` : ''}, which overlaps ${startText(period.from)}${period.to ? ` to ${period.to.edtf}` : ''}`,
      { memberId: other.memberId, groupId: other.groupId, from: other.from?.edtf, to: other.to?.edtf, eventId: other.eventId },
    );
  }
}

/** The group a member certainly sat for on `day`; 'unknown' when an imprecise date leaves it open. */
export function groupOn(affiliations: readonly AffiliationState[] | undefined, day: number): string | 'unknown' | undefined {
  let found: string | undefined;
  let unsure = false;
  for (const a of affiliations ?? []) {
    if ((a.from && a.from.earliestDay > day) || (a.to && a.to.latestDay <= day)) continue;
    if (a.from && a.from.latestDay <= day && (!a.to || a.to.earliestDay > day)) {
      if (found === undefined) found = a.groupId;
    } else unsure = true;
  }
  return found ?? (unsure ? 'unknown' : undefined);
}
