import { Certainty, fromDay, inForceOn, ValidDate } from '../valid-date';
import { Curia } from '../events';
import { CouncilState, MemberState } from '../state';
import { Findings } from '../violations';

/**
 * Was the member in office on `date`? In office from the day of election up to, not including, the day
 * of departure. For a single day this is `inForceOn`; for an imprecise date (some day in July) it is
 * 'yes' only when the member was in office on every day the date can mean, 'no' when on none.
 */
export function inOffice(member: MemberState, date: ValidDate): Certainty {
  if (date.earliestDay === date.latestDay) return inForceOn(member.electedOn, member.leftOn, date.earliestDay);
  const { electedOn, leftOn } = member;
  if (electedOn.latestDay <= date.earliestDay && (!leftOn || leftOn.earliestDay > date.latestDay)) return 'yes';
  const lastPossibleDay = leftOn ? leftOn.latestDay - 1 : Infinity;
  if (electedOn.earliestDay > date.latestDay || lastPossibleDay < date.earliestDay) return 'no';
  return 'unknown';
}

export interface UncertainMember {
  member: MemberState;
  /** Which imprecise date makes it undecidable, e.g. "left 2013-07: may or may not have left by 2013-07-15". */
  why: string;
}

export interface MembersOn {
  certain: MemberState[];
  uncertain: UncertainMember[];
}

/** The members in office on `date` (optionally only those matching `filter`), certain and undecidable. */
export function membershipOn(
  state: CouncilState,
  date: ValidDate,
  filter: (member: MemberState) => boolean = () => true,
): MembersOn {
  const certain: MemberState[] = [];
  const uncertain: UncertainMember[] = [];
  for (const member of state.members.values()) {
    if (!filter(member)) continue;
    const answer = inOffice(member, date);
    if (answer === 'yes') certain.push(member);
    else if (answer === 'unknown') uncertain.push({ member, why: whyUncertain(member, date) });
  }
  return { certain, uncertain };
}

function whyUncertain(member: MemberState, date: ValidDate): string {
  const on = date.earliestDay === date.latestDay ? fromDay(date.earliestDay) : date.edtf;
  if (member.electedOn.latestDay > date.earliestDay) {
    return `elected ${member.electedOn.edtf}: may or may not have been elected by ${on}`;
  }
  return `left ${member.leftOn?.edtf}: may or may not have left by ${on}`;
}

/**
 * `curia-seats`: electing a member must not make the curia hold more members than seats, on the election
 * day or on any later day another member of the curia takes office while the new one is (still) in
 * office. Only certain excess counts: undecidable members are counted as possibly out.
 */
export function checkCuriaSeats(
  state: CouncilState,
  curia: Curia,
  electedOn: ValidDate,
  leftOn: ValidDate | undefined,
  findings: Findings,
): void {
  const others = [...state.members.values()].filter((m) => m.curia === curia.key);
  const start = electedOn.latestDay;
  const days = [start, ...others.map((m) => m.electedOn.latestDay).filter((d) => d > start)]
    .filter((d) => !leftOn || d < leftOn.earliestDay)
    .sort((a, b) => a - b);
  for (const day of new Set(days)) {
    const inOfficeThen = others.filter((m) => inForceOn(m.electedOn, m.leftOn, day) === 'yes').length;
    if (curia.seats !== undefined && inOfficeThen + 1 > curia.seats) {
      findings.add(
        'curia-seats',
        `curia ${curia.key} has ${curia.seats} seats and ${inOfficeThen} members in office on ${fromDay(day)}; electing another makes ${inOfficeThen + 1}`,
        { curia: curia.key, seats: curia.seats, inOffice: inOfficeThen, on: fromDay(day), after: inOfficeThen + 1 },
      );
      return;
    }
  }
}
