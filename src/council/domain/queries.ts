import { CouncilEventMap, CouncilFactData } from './events';
import { fromDay, inForceOn, parseDay, ValidDate } from './valid-date';
import { membershipOn, MembersOn } from './rules/membership';
import { CouncilState, FactType } from './state';

/** A day as days since 1970-01-01, or an ISO day 'YYYY-MM-DD'. */
export type Day = number | string;

function dayOf(day: Day): number {
  return typeof day === 'number' ? day : parseDay(day);
}

function asDate(day: number): ValidDate {
  const edtf = fromDay(day);
  return { edtf, earliestDay: day, latestDay: day, exact: true, uncertain: false, approximate: false };
}

/** Members certainly in office on the day, and those whose dates are too imprecise to decide (with why). */
export function membersOn(state: CouncilState, day: Day): MembersOn {
  return membershipOn(state, asDate(dayOf(day)));
}

/**
 * 'not-founded' before the first day the founding date can mean; 'dissolved' from the last day the
 * dissolution date can mean (so a fact dated within either date is never judged outside the council's life).
 */
export function statusOn(state: CouncilState, day: Day): 'not-founded' | 'active' | 'dissolved' {
  const d = dayOf(day);
  const council = state.council;
  if (!council) return 'not-founded';
  // An unknown founding date: the council may have existed on any day before its dissolution.
  if (council.foundedOn && d < council.foundedOn.earliestDay) return 'not-founded';
  if (council.dissolvedOn && d >= council.dissolvedOn.latestDay) return 'dissolved';
  return 'active';
}

export interface OfficerOn {
  role: string;
  memberId?: string;
  name: string;
  since: string;
  /** False when the term's start or end is too imprecise to say whether it covered the day. */
  certain: boolean;
}

/** Officers whose term covers the day (from `from` up to, not including, `to`). */
export function officersOn(state: CouncilState, day: Day): OfficerOn[] {
  const d = dayOf(day);
  const result: OfficerOn[] = [];
  for (const role of state.officers.values()) {
    for (const term of [...role.past, ...(role.current ? [role.current] : [])]) {
      const answer = inForceOn(term.from, term.to, d);
      if (answer === 'no') continue;
      result.push({ role: term.role, memberId: term.memberId, name: term.name, since: term.from.edtf, certain: answer === 'yes' });
    }
  }
  return result;
}

/** The valid-time date of a fact (its EDTF string), for ordering facts in the world's order; undefined for an undated group. */
export function factDate(type: FactType, data: CouncilFactData): string | undefined {
  switch (type) {
    case 'CouncilFounded':
      return (data as CouncilEventMap['CouncilFounded']).foundedOn;
    case 'MemberElected':
      return (data as CouncilEventMap['MemberElected']).electedOn;
    case 'MemberLeft':
      return (data as CouncilEventMap['MemberLeft']).leftOn;
    case 'ElectionRecorded':
      return (data as CouncilEventMap['ElectionRecorded']).heldOn;
    case 'OfficerAppointed':
      return (data as CouncilEventMap['OfficerAppointed']).from;
    case 'OfficerTermEnded':
      return (data as CouncilEventMap['OfficerTermEnded']).to;
    case 'WorkingGroupFormed':
      return (data as CouncilEventMap['WorkingGroupFormed']).formedOn;
    case 'MeetingHeld':
    case 'QuorumFailed':
      return (data as CouncilEventMap['MeetingHeld']).date;
    case 'MeetingNotAssembled':
      return (data as CouncilEventMap['MeetingNotAssembled']).date;
    case 'MotionTabled':
      return (data as CouncilEventMap['MotionTabled']).openedOn;
    case 'VoteCast':
      return (data as CouncilEventMap['VoteCast']).castOn;
    case 'VotePaired':
      return (data as CouncilEventMap['VotePaired']).castOn;
    case 'MotionDecided':
      return (data as CouncilEventMap['MotionDecided']).decidedOn;
    case 'CouncilDissolved':
      return (data as CouncilEventMap['CouncilDissolved']).dissolvedOn;
    case 'CouncilClassified':
      return undefined; // a description of the council, not a dated event of its life
    case 'GroupFounded':
      return (data as CouncilEventMap['GroupFounded']).foundedOn;
    case 'MemberAffiliated':
      return (data as CouncilEventMap['MemberAffiliated']).from;
    case 'MemberStatusChanged':
      return (data as CouncilEventMap['MemberStatusChanged']).on;
    case 'CouncilDescribed':
      return (data as CouncilEventMap['CouncilDescribed']).describedOn;
    case 'CouncilBodyFormed':
      return (data as CouncilEventMap['CouncilBodyFormed']).formedOn;
    case 'MembersStatementIssued':
      return (data as CouncilEventMap['MembersStatementIssued']).issuedOn;
  }
}
