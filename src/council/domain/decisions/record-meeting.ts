import { parseValidDate, ValidDate } from '../valid-date';
import { RecordMeeting } from '../commands';
import { AlreadyExistsError, ConflictError, NameResolutionError } from '../errors';
import { MeetingFacts, MeetingOutcome, MemberRef } from '../events';
import { compact, slugify, uniqueId } from '../names';
import { resolveMember } from '../resolve-member';
import { checkLifetime } from '../rules/lifetime';
import { inOffice, membershipOn } from '../rules/membership';
import { judgeQuorum, quorumFigures } from '../rules/quorum';
import { CouncilState } from '../state';
import { Findings } from '../violations';
import { Decision, requireCouncil } from './types';
import { recordNotAssembled } from './record-not-assembled';

/**
 * The outcome comes from the council's quorum rule and the membership on the meeting's own date:
 * below quorum the meeting is recorded as QuorumFailed instead of MeetingHeld.
 */
export function recordMeeting(state: CouncilState, command: RecordMeeting): Decision {
  const council = requireCouncil(state);
  if (command.meetingId && state.meetings.has(command.meetingId)) throw new AlreadyExistsError('meeting', command.meetingId);
  const date = parseValidDate(command.date);
  checkSecondMeetingOfTheDay(state, command, date);
  if (command.reportedOutcome === 'not-assembled') return recordNotAssembled(state, command);
  const meetingId =
    command.meetingId ??
    uniqueId(command.number !== undefined ? `meeting-${command.number}` : `meeting-${slugify(command.date, 'undated')}`, (id) =>
      state.meetings.has(id),
    );
  const findings = new Findings();
  checkLifetime(council, date, `meeting ${command.number ?? meetingId}`, findings);
  if (command.number !== undefined && state.meetingNumbers.has(command.number)) {
    findings.add('meeting-number-taken', `meeting number ${command.number} is already ${state.meetingNumbers.get(command.number)}`, {
      number: command.number,
      meetingId: state.meetingNumbers.get(command.number),
    });
  }

  const chair = command.chair === undefined ? undefined : resolvePerson(state, 'chair', command.chair, date, command, findings);
  // Issue 25: who was to chair it. Anyone may have been scheduled; the record resolves a member's name.
  const scheduledChair = command.scheduledChair === undefined ? undefined : scheduledPerson(state, command.scheduledChair, date);
  if (scheduledChair && chair && (scheduledChair.memberId ?? scheduledChair.name) === (chair.memberId ?? chair.name)) {
    findings.add('scheduled-chair-chaired', `${chair.name} is given both as the chair and as the scheduled chair who was replaced`, { chair: chair.name });
  }
  if (command.reason !== undefined) findings.add('reason-without-not-assembled', 'a reason is given only for a meeting that could not be assembled', { reason: command.reason });
  const present = command.present?.map((p) => resolvePerson(state, 'present', p, date, command, findings));
  const seen = new Set<string>();
  for (const p of present ?? []) {
    if (p.memberId && seen.has(p.memberId)) findings.add('participant-twice', `${p.name} is listed twice as present`, { memberId: p.memberId });
    if (p.memberId) seen.add(p.memberId);
  }

  const named = present?.length;
  if (command.presentCount !== undefined && named !== undefined && command.presentCount < named) {
    findings.add('present-count-below-named', `${named} participants are named but presentCount is ${command.presentCount}`, {
      presentCount: command.presentCount,
      named,
    });
  }
  const attendance = command.presentCount ?? named;
  if (command.remoteCount !== undefined && attendance !== undefined && command.remoteCount > attendance) {
    findings.add('remote-exceeds-present', `${command.remoteCount} took part remotely but only ${attendance} took part`, {
      remoteCount: command.remoteCount,
      present: attendance,
    });
  }

  const members = membershipOn(state, date);
  const membership = { certain: members.certain.length, uncertain: members.uncertain.length };
  checkPresentWithinMembership(attendance, membership, date, findings);
  const quorum = quorumFigures(council.rules.quorum, council.seats, membership);
  const reported = command.reportedOutcome as MeetingOutcome | undefined; // not-assembled returned above
  let outcome: MeetingOutcome;
  let quorumCertain = false;
  let outcomeBasis: MeetingFacts['outcomeBasis'] = 'attendance';
  if (attendance === undefined) {
    outcome = reported ?? 'held';
    if (reported) outcomeBasis = 'reported';
  } else {
    const judged = judgeQuorum(attendance, quorum);
    if (judged === 'undecidable') {
      outcome = reported ?? 'held';
      if (reported) outcomeBasis = 'reported';
    } else {
      outcome = judged;
      quorumCertain = true;
      if (reported && reported !== judged) {
        findings.add(
          'reported-outcome-contradicts-quorum',
          `the source says ${reported}, but ${attendance} present of ${membership.certain} members in office on ${date.edtf} is ${judged} (quorum ${quorum.required})`,
          { reportedOutcome: reported, derivedOutcome: judged, present: attendance, membership: membership.certain, quorum: quorum.required },
        );
        outcome = reported;
        outcomeBasis = 'reported';
      }
    }
  }

  const anomalies = findings.settle(command.recordAnomaly);
  const data: MeetingFacts = compact({
    meetingId,
    number: command.number,
    date: command.date,
    kind: command.meetingKind ?? 'regular',
    chair,
    agenda: command.agenda, // absent when the source gives no agenda: unknown, not none
    present,
    presentCount: command.presentCount,
    remoteCount: command.remoteCount,
    reportedMembership: command.reportedMembership,
    reportedOutcome: command.reportedOutcome,
    membership,
    quorum,
    quorumCertain,
    outcomeBasis,
    place: command.place,
    startTime: command.startTime,
    scheduledChair,
    decisionCount: command.decisionCount,
    note: command.note,
    anomalies,
  });
  const reportedMembershipDiffers =
    command.reportedMembership !== undefined &&
    (command.reportedMembership < membership.certain || command.reportedMembership > membership.certain + membership.uncertain);
  return {
    events: [{ type: outcome === 'held' ? 'MeetingHeld' : 'QuorumFailed', data }],
    reply: {
      meetingId,
      outcome,
      present: attendance ?? null,
      membership: membership.certain,
      quorum: quorum.required,
      membershipUncertain: membership.uncertain,
      quorumCertain,
      outcomeBasis,
      reportedMembershipDiffers,
    },
  };
}

/**
 * `present-exceeds-membership`: no more can take part than the members in office on the meeting's date
 * (the undecidable ones counted as possibly in office, so only a certain excess counts).
 */
function checkPresentWithinMembership(
  present: number | undefined,
  membership: { certain: number; uncertain: number },
  date: ValidDate,
  findings: Findings,
): void {
  const atMost = membership.certain + membership.uncertain;
  if (present === undefined || present <= atMost) return;
  findings.add(
    'present-exceeds-membership',
    `${present} present, but the council had ${atMost === membership.certain ? atMost : `at most ${atMost}`} members in office on ${date.edtf}`,
    { present, membership: membership.certain, membershipUncertain: membership.uncertain, on: date.edtf },
  );
}

/**
 * `second-meeting-same-day` (409): a day that already has a meeting gets a second one only when the
 * request tells them apart with a `number` or a `kind`; otherwise it is most likely the same meeting
 * sent twice (a form submitted again), and the answer names the meeting on record. Only exact days
 * compare: two meetings "in July 2013" are not known to share a day.
 */
function checkSecondMeetingOfTheDay(state: CouncilState, command: RecordMeeting, date: ValidDate): void {
  if (command.number !== undefined || command.meetingKind !== undefined) return;
  if (date.earliestDay !== date.latestDay) return;
  for (const meeting of state.meetings.values()) {
    if (meeting.date.earliestDay !== date.earliestDay || meeting.date.latestDay !== date.latestDay) continue;
    const label = meeting.number !== undefined ? `meeting ${meeting.number} (${meeting.meetingId})` : meeting.meetingId;
    throw new ConflictError(
      'second-meeting-same-day',
      `${date.edtf} already has ${meeting.kind === 'extraordinary' ? 'an extraordinary ' : 'a '}meeting on record: ${label}. To record another meeting that day, give its number or kind.`,
      { date: date.edtf, meetingId: meeting.meetingId, number: meeting.number, kind: meeting.kind, outcome: meeting.outcome },
    );
  }
}

/** A scheduled chair: a member when the name resolves to exactly one, else the name as the source gives it. */
function scheduledPerson(state: CouncilState, reference: string, date: ValidDate): MemberRef {
  const resolution = resolveMember(state, reference, date);
  return resolution.kind === 'member' ? { memberId: resolution.member.memberId, name: resolution.member.name } : { name: reference };
}

/**
 * A chair or participant must be a member in office on the date. With recordAnomaly, an unknown name
 * is kept as the source gives it (`chair-not-a-member` / `participant-not-a-member`).
 */
function resolvePerson(
  state: CouncilState,
  field: 'chair' | 'present',
  reference: string,
  date: ValidDate,
  command: RecordMeeting,
  findings: Findings,
): MemberRef {
  const role = field === 'chair' ? 'chair' : 'participant';
  const resolution = resolveMember(state, reference, date);
  if (resolution.kind === 'member') {
    const { member } = resolution;
    if (inOffice(member, date) === 'no') {
      findings.add(`${role}-not-in-office`, `${role} ${member.name} was not a member in office on ${date.edtf}`, {
        memberId: member.memberId,
        on: date.edtf,
      });
    }
    return { memberId: member.memberId, name: member.name };
  }
  if (resolution.kind === 'unknown' && command.recordAnomaly) {
    findings.add(`${role}-not-a-member`, `${role} ${reference} is not a member of the council`, {
      name: reference,
      candidates: resolution.candidates,
    });
    return { name: reference };
  }
  throw new NameResolutionError(field, reference, resolution.candidates);
}
