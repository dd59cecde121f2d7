import { CorrectFact } from '../commands';
import { NotFoundError } from '../errors';
import { CouncilEventMap, CouncilEventType } from '../events';
import { stateFromFacts } from '../evolve';
import { CouncilState, FactType } from '../state';
import { reject } from '../violations';
import { Decision, requireCouncil } from './types';

type Replacement = NonNullable<CorrectFact['replacement']>;

/** The event types each replacement command may produce (a meeting may flip between held and failed). */
const PRODUCES: Record<Replacement['kind'], FactType[]> = {
  ElectMember: ['MemberElected'],
  RecordElection: ['ElectionRecorded'],
  RecordDeparture: ['MemberLeft'],
  AppointOfficer: ['OfficerAppointed'],
  EndOfficerTerm: ['OfficerTermEnded'],
  FormWorkingGroup: ['WorkingGroupFormed'],
  RecordMeeting: ['MeetingHeld', 'QuorumFailed', 'MeetingNotAssembled'],
  TableMotion: ['MotionTabled'],
  CastVote: ['VoteCast'],
  PairVote: ['VotePaired'],
  DecideMotion: ['MotionDecided'],
  DissolveCouncil: ['CouncilDissolved'],
  ClassifyCouncil: ['CouncilClassified'],
  FoundGroup: ['GroupFounded'],
  AffiliateMember: ['MemberAffiliated'],
  RecordMemberStatus: ['MemberStatusChanged'],
  DescribeCouncil: ['CouncilDescribed'],
  FormCouncilBody: ['CouncilBodyFormed'],
  RecordMembersStatement: ['MembersStatementIssued'],
};

/**
 * Retract: the fact stops counting. Replace: the replacement command is decided against the council
 * WITHOUT the original fact, so every rule is checked again (a corrected departure date re-checks the
 * departure rules), and must yield one fact of the original's type.
 */
export function correctFact(
  state: CouncilState,
  command: CorrectFact,
  decideReplacement: (state: CouncilState, replacement: Replacement) => Decision,
): Decision {
  requireCouncil(state);
  const fact = state.facts.get(command.eventId);
  if (!fact) {
    if (state.retracted.has(command.eventId)) {
      reject('fact-already-retracted', `event ${command.eventId} was retracted: there is nothing left to correct`, {
        eventId: command.eventId,
      });
    }
    throw new NotFoundError('event', command.eventId);
  }
  if (fact.type === 'CouncilFounded') {
    reject('correct-founding', 'correcting the founding of a council is not supported', { eventId: command.eventId });
  }
  const reply = { correctedEventId: command.eventId, action: command.action };
  if (command.action === 'retract') {
    return {
      events: [{ type: 'FactRetracted', data: { eventId: command.eventId, originalType: fact.recordedType, reason: command.reason } }],
      reply,
    };
  }
  if (!command.replacement) reject('replacement-missing', 'a replace correction needs a replacement', { eventId: command.eventId });
  const allowed = PRODUCES[command.replacement.kind] ?? [];
  if (!allowed.includes(fact.type)) {
    reject('replacement-type-mismatch', `event ${command.eventId} is a ${fact.type}; a ${command.replacement.kind} cannot replace it`, {
      eventId: command.eventId,
      type: fact.type,
      replacementKind: command.replacement.kind,
    });
  }
  const replacement = keepIdentity(command.replacement, fact.type, fact.data);
  const decision = decideReplacement(stateFromFacts(state, command.eventId), replacement);
  const [event, ...more] = decision.events;
  if (!event || more.length > 0 || !allowed.includes(event.type as FactType)) {
    reject('replacement-type-mismatch', `the replacement must produce one ${fact.type}`, { eventId: command.eventId });
  }
  return {
    events: [
      {
        type: 'FactCorrected',
        data: {
          eventId: command.eventId,
          originalType: fact.recordedType,
          replacement: { type: event.type as CouncilEventType, data: event.data as CouncilEventMap[FactType] },
          reason: command.reason,
        },
      },
    ],
    reply: { ...reply, replacement: decision.reply },
  };
}

/** Other facts refer to a member, meeting, motion or group by id: a correction keeps that id. */
function keepIdentity(replacement: Replacement, type: FactType, data: unknown): Replacement {
  const field = (
    { MemberElected: 'memberId', ElectionRecorded: 'electionId', WorkingGroupFormed: 'workingGroupId', MeetingHeld: 'meetingId', QuorumFailed: 'meetingId', MeetingNotAssembled: 'meetingId', MotionTabled: 'motionId', GroupFounded: 'groupId' } as Partial<
      Record<FactType, string>
    >
  )[type];
  if (!field) return replacement;
  const original = (data as Record<string, string>)[field];
  const given = (replacement as unknown as Record<string, string | undefined>)[field];
  if (given !== undefined && given !== original) {
    reject('replacement-changes-id', `a correction keeps the ${field} ${original} (got ${given}); retract and record anew instead`, {
      [field]: original,
      replacement: given,
    });
  }
  return { ...replacement, [field]: original } as Replacement;
}
