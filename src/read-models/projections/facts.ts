import { CouncilEventMap, CouncilEventType, MemberRef, motionModeOf } from '../../council/domain/events';
import { parseValidDate } from '../../council/domain/valid-date';
import { factDate } from '../../council/domain/queries';

export type FactType = Exclude<CouncilEventType, 'FactCorrected' | 'FactRetracted'>;

/** A fact as one version of the record states it. */
export interface FactVersion<T extends FactType = FactType> {
  factId: string;
  /** Where the fact first entered the record; corrections keep it, so folds keep record order. */
  factPosition: number;
  sourceEventId: string;
  type: T;
  data: CouncilEventMap[T];
}

export function isFactType(type: string): type is FactType {
  return type !== 'FactCorrected' && type !== 'FactRetracted';
}

export function isType<T extends FactType>(fact: FactVersion | undefined, ...types: T[]): fact is FactVersion<T> {
  return fact !== undefined && (types as string[]).includes(fact.type);
}

/** What a fact is about; facts with the same subject are folded together into one read-model entity. */
export function subjectOf(fact: Pick<FactVersion, 'type' | 'data'>): string {
  const d = fact.data as unknown as Record<string, string | undefined>;
  switch (fact.type) {
    case 'CouncilFounded':
    case 'CouncilDissolved':
    case 'CouncilClassified':
      return 'council';
    case 'MemberElected':
    case 'MemberLeft':
      return `member:${d.memberId}`;
    case 'ElectionRecorded':
      return `election:${d.electionId}`;
    case 'OfficerAppointed':
    case 'OfficerTermEnded':
      return `officer:${d.role}`;
    case 'MotionTabled':
    case 'MotionDecided':
      return `motion:${d.motionId}`;
    case 'VoteCast':
      return `motion-votes:${d.motionId}`;
    case 'VotePaired':
      return `motion-pairs:${d.motionId}`;
    case 'MeetingHeld':
    case 'QuorumFailed':
    case 'MeetingNotAssembled':
      return `meeting:${d.meetingId}`;
    case 'WorkingGroupFormed':
      return `working-group:${d.workingGroupId}`;
    case 'GroupFounded':
      return `group:${d.groupId}`;
    case 'MemberAffiliated':
      return `member-affiliations:${d.memberId}`;
    case 'MemberStatusChanged':
      return `member-status:${d.memberId}`;
    case 'CouncilDescribed':
      return 'council-description';
    case 'CouncilBodyFormed':
      return `body:${d.bodyId}`;
    case 'MembersStatementIssued':
      return `members-statement:${d.statementId}`;
  }
}

/** The EDTF date at which the fact was true in the world. */
export function validDateOf(fact: Pick<FactVersion, 'type' | 'data'>): string | undefined {
  const value = factDate(fact.type, fact.data);
  return typeof value === 'string' ? value : undefined;
}

export interface Bounds {
  edtf: string | null;
  earliest: number | null;
  latest: number | null;
}

// Bounds are looked up for every fact a projection writes; parseValidDate memoises the parsing, and this
// keeps the row-shaped result too, so the hot path allocates nothing (bounded, cleared when full).
const parsed = new Map<string, Bounds>();
const MAX_CACHED_DATES = 50_000;

const NO_DATE: Bounds = Object.freeze({ edtf: null, earliest: null, latest: null });

export function bounds(edtf: string | undefined | null): Bounds {
  if (!edtf) return NO_DATE;
  let known = parsed.get(edtf);
  if (!known) {
    const date = parseValidDate(edtf);
    known = { edtf, earliest: date.earliestDay, latest: date.latestDay };
    if (parsed.size >= MAX_CACHED_DATES) parsed.clear();
    parsed.set(edtf, known);
  }
  return known;
}

function ref(member: MemberRef | undefined): string {
  return member ? member.name : 'someone';
}

/** A sentence a historian can read in a timeline. `names` resolves member ids to names. */
export function describe(fact: Pick<FactVersion, 'type' | 'data'>, names: (memberId: string) => string | undefined): string {
  switch (fact.type) {
    case 'CouncilFounded': {
      const d = fact.data as CouncilEventMap['CouncilFounded'];
      const when = d.foundedOn === undefined ? ' (the date is unknown)' : '';
      return d.seats !== undefined
        ? `The council "${d.name}" was founded${when} with ${d.seats} seats.`
        : `The council "${d.name}" was founded${when}; its number of seats is unknown.`;
    }
    case 'MemberElected': {
      const d = fact.data as CouncilEventMap['MemberElected'];
      const votes = d.votes !== undefined ? ` with ${d.votes} votes` : '';
      return `${d.name} was elected to the council (curia ${d.curia})${votes}.`;
    }
    case 'ElectionRecorded': {
      const d = fact.data as CouncilEventMap['ElectionRecorded'];
      const figures = [
        d.seats !== undefined ? `${d.seats} seats` : undefined,
        d.electedCount !== undefined ? `${d.electedCount} elected` : undefined,
        d.candidateCount !== undefined ? `${d.candidateCount} candidates` : undefined,
        d.voters !== undefined ? `${d.voters} voters` : undefined,
      ].filter((f) => f !== undefined);
      return `An election was held${figures.length ? ` (${figures.join(', ')})` : ''}.`;
    }
    case 'MemberLeft': {
      const d = fact.data as CouncilEventMap['MemberLeft'];
      const reason = d.reason && d.reason !== 'other' ? ` (${d.reason})` : '';
      return `${names(d.memberId) ?? d.memberId} left the council${reason}.`;
    }
    case 'OfficerAppointed': {
      const d = fact.data as CouncilEventMap['OfficerAppointed'];
      return `${d.name} became ${d.role}.`;
    }
    case 'OfficerTermEnded': {
      const d = fact.data as CouncilEventMap['OfficerTermEnded'];
      return `${d.name}'s term as ${d.role} ended${d.reason ? ` (${d.reason})` : ''}.`;
    }
    case 'WorkingGroupFormed': {
      const d = fact.data as CouncilEventMap['WorkingGroupFormed'];
      return d.members
        ? `The working group "${d.name}" was formed with ${d.members.length} members.`
        : `The working group "${d.name}" was formed; its members are unknown.`;
    }
    case 'MeetingHeld':
    case 'QuorumFailed': {
      const d = fact.data as CouncilEventMap['MeetingHeld'];
      const which = d.number !== undefined ? `Meeting ${d.number}` : 'A meeting';
      const present = d.presentCount ?? d.present?.length;
      const figures = present !== undefined ? ` with ${present} present of ${d.reportedMembership ?? d.membership.certain} members` : '';
      return fact.type === 'MeetingHeld'
        ? `${heldMeeting(d.kind, d.number)} was held${figures}${d.chair ? `, chaired by ${ref(d.chair)}` : ''}.`
        : `${which} did not take place for lack of a quorum${figures}.`;
    }
    case 'MeetingNotAssembled': {
      const d = fact.data as CouncilEventMap['MeetingNotAssembled'];
      return `${d.number !== undefined ? `Meeting ${d.number}` : 'A meeting'} could not be assembled${d.reason ? ` (${d.reason})` : ''}.`;
    }
    case 'MotionTabled': {
      const d = fact.data as CouncilEventMap['MotionTabled'];
      return `The motion "${d.title}" was tabled${motionModeOf(d) === 'online' ? ' for an online vote' : ''}.`;
    }
    case 'VoteCast': {
      const d = fact.data as CouncilEventMap['VoteCast'];
      return `${d.memberId ? names(d.memberId) ?? d.name : d.name} voted ${d.choice} on motion ${d.motionId}.`;
    }
    case 'VotePaired': {
      const d = fact.data as CouncilEventMap['VotePaired'];
      return `${names(d.memberId) ?? d.name} did not vote on motion ${d.motionId}, paired with ${names(d.pairedWith) ?? d.pairedWithName}.`;
    }
    case 'MotionDecided': {
      const d = fact.data as CouncilEventMap['MotionDecided'];
      const tally = Object.entries(d.tally).map(([k, v]) => `${v} ${k}`).join(', ');
      const winner = d.winner ? `, won by ${d.winner}` : '';
      // Decision 49: an outcome that neither the tally nor the source settles says so.
      const uncertain = d.outcomeCertain === false ? '; uncertain: neither the tally on the day nor the source settles it' : '';
      return `Motion ${d.motionId} was ${d.outcome}${winner} (${tally || 'no tally'}; ${d.required} required${uncertain}).`;
    }
    case 'CouncilDissolved': {
      const d = fact.data as CouncilEventMap['CouncilDissolved'];
      return `The council was dissolved${d.reason ? ` (${d.reason})` : ''}.`;
    }
    case 'CouncilClassified': {
      const d = fact.data as CouncilEventMap['CouncilClassified'];
      const what = [d.level ? `a ${d.level} council` : undefined, d.type ? `a ${d.type}` : undefined, d.parentCouncilId ? `under ${d.parentCouncilId}` : undefined];
      return `The council is recorded as ${what.filter((w) => w !== undefined).join(', ')}.`;
    }
    case 'GroupFounded': {
      const d = fact.data as CouncilEventMap['GroupFounded'];
      return `The ${d.classification ?? 'group'} "${d.name}" is on record${d.foundedOn ? ` (founded ${d.foundedOn})` : ''}.`;
    }
    case 'MemberAffiliated': {
      const d = fact.data as CouncilEventMap['MemberAffiliated'];
      // The start may be unknown (issue 25), and a membership outside the council is not a seat for the group.
      const span = `${d.from ? ` from ${d.from}` : ''}${d.to ? ` to ${d.to}` : ''}`;
      const who = names(d.memberId) ?? d.memberId;
      return d.outside ? `${who} belonged to ${d.groupId}${span}, outside the council.` : `${who} sat for ${d.groupId}${span}.`;
    }
    case 'MemberStatusChanged': {
      const d = fact.data as CouncilEventMap['MemberStatusChanged'];
      return `${names(d.memberId) ?? d.memberId}: ${d.status.replace(/-/g, ' ')}.`;
    }
    case 'CouncilDescribed': {
      const d = fact.data as CouncilEventMap['CouncilDescribed'];
      const parts = [
        d.abbreviations ? `also called ${d.abbreviations.join(', ')}` : undefined,
        d.ideology ? `ideology: ${d.ideology.join(', ')}` : undefined,
        d.term ? `term ${d.term}` : undefined,
        d.convocation !== undefined ? `convocation ${d.convocation}` : undefined,
      ].filter((p) => p !== undefined);
      return `The council is described (${parts.join('; ')}).`;
    }
    case 'CouncilBodyFormed': {
      const d = fact.data as CouncilEventMap['CouncilBodyFormed'];
      if (d.kind === 'working-groups') return `${d.count ?? 'Some'} working groups were formed${d.name ? ` (${d.name})` : ''}; their names are unknown.`;
      return `The ${d.kind} ${d.name ? `"${d.name}" ` : ''}was formed${d.members ? ` with ${d.members.length} members` : ''}.`;
    }
    case 'MembersStatementIssued': {
      const d = fact.data as CouncilEventMap['MembersStatementIssued'];
      const who = d.signatories ? `${d.signatories.length} named members` : d.signatoryCount !== undefined ? `${d.signatoryCount} people` : 'part of the members';
      return `"${d.title}" was issued by ${who}, not by the council.`;
    }
  }
}

/** "Meeting 5", "Extraordinary meeting 7", "A meeting", "An extraordinary meeting". */
export function heldMeeting(kind: string | undefined, number: number | undefined): string {
  const extraordinary = kind === 'extraordinary';
  if (number !== undefined) return `${extraordinary ? 'Extraordinary meeting' : 'Meeting'} ${number}`;
  return extraordinary ? 'An extraordinary meeting' : 'A meeting';
}
