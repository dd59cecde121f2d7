import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { validateBody } from '../../api/validation';
import { CorrectFact } from '../domain/commands';
import { CouncilEventType } from '../domain/events';
import { WriteBody } from '../http/common.dto';
import { ElectMemberDto, toElectMember } from '../members/elect-member.dto';
import { RecordDepartureDto, toRecordDeparture } from '../members/record-departure.dto';
import { AppointOfficerDto, EndOfficerTermDto, toAppointOfficer, toEndOfficerTerm } from '../officers/officer.dto';
import { FormWorkingGroupDto, toFormWorkingGroup } from '../working-groups/working-group.dto';
import { RecordMeetingDto, toRecordMeeting } from '../meetings/record-meeting.dto';
import { CastVoteDto, DecideMotionDto, TableMotionDto, toCastVote, toDecideMotion, toTableMotion } from '../motions/motion.dto';
import { RollCallPairDto, toPairVote } from '../motions/roll-call.dto';
import { DissolveCouncilDto, toDissolveCouncil } from '../found-council/dissolve-council.dto';
import { CouncilPlacementDto, toClassifyCouncil } from '../found-council/classify-council.dto';
import { AffiliateMemberDto, FoundGroupDto, toAffiliateMember, toFoundGroup } from '../groups/group.dto';
import { RecordElectionDto, toRecordElection } from '../elections/election.dto';
import {
  DescribeCouncilDto,
  FormCouncilBodyDto,
  RecordMemberStatusDto,
  RecordMembersStatementDto,
  toDescribeCouncil,
  toFormCouncilBody,
  toRecordMemberStatus,
  toRecordMembersStatement,
} from '../life-facts/life-facts.dto';

type Replacement = NonNullable<CorrectFact['replacement']>;
type OriginalData = Record<string, unknown>;

interface ReplacementForm<T extends WriteBody> {
  dto: new () => T;
  toCommand(dto: T, original: OriginalData): Replacement;
}

const form = <T extends WriteBody>(dto: new () => T, toCommand: (dto: T, original: OriginalData) => Replacement) =>
  ({ dto, toCommand }) as ReplacementForm<WriteBody>;

/**
 * A replacement is "the body the original write would take": the same DTO validates it. Ids that the
 * original write took from its path (member, motion, role) come from the original fact.
 */
const FORMS: Partial<Record<CouncilEventType, ReplacementForm<WriteBody>>> = {
  MemberElected: form(ElectMemberDto, (d) => toElectMember(d)),
  ElectionRecorded: form(RecordElectionDto, (d) => toRecordElection(d)),
  MemberLeft: form(RecordDepartureDto, (d, o) => toRecordDeparture(d, String(o.memberId))),
  OfficerAppointed: form(AppointOfficerDto, (d) => toAppointOfficer(d)),
  OfficerTermEnded: form(EndOfficerTermDto, (d, o) => toEndOfficerTerm(d, String(o.role))),
  WorkingGroupFormed: form(FormWorkingGroupDto, (d) => toFormWorkingGroup(d)),
  MeetingHeld: form(RecordMeetingDto, (d) => toRecordMeeting(d)),
  QuorumFailed: form(RecordMeetingDto, (d) => toRecordMeeting(d)),
  MeetingNotAssembled: form(RecordMeetingDto, (d) => toRecordMeeting(d)),
  MotionTabled: form(TableMotionDto, (d) => toTableMotion(d)),
  VoteCast: form(CastVoteDto, (d, o) => toCastVote(d, String(o.motionId))),
  VotePaired: form(RollCallPairDto, (d, o) => toPairVote(d as RollCallPairDto, String(o.motionId), 'replacement')),
  MotionDecided: form(DecideMotionDto, (d, o) => toDecideMotion(d, String(o.motionId))),
  CouncilDissolved: form(DissolveCouncilDto, (d) => toDissolveCouncil(d)),
  CouncilClassified: form(CouncilPlacementDto, (d) => toClassifyCouncil(d)),
  GroupFounded: form(FoundGroupDto, (d) => toFoundGroup(d)),
  MemberAffiliated: form(AffiliateMemberDto, (d, o) => toAffiliateMember(d, String(o.memberId))),
  MemberStatusChanged: form(RecordMemberStatusDto, (d, o) => toRecordMemberStatus(d, String(o.memberId))),
  CouncilDescribed: form(DescribeCouncilDto, (d) => toDescribeCouncil(d)),
  CouncilBodyFormed: form(FormCouncilBodyDto, (d) => toFormCouncilBody(d)),
  MembersStatementIssued: form(RecordMembersStatementDto, (d) => toRecordMembersStatement(d)),
};

export function parseReplacement(originalType: CouncilEventType, original: OriginalData, body: Record<string, unknown>): Replacement {
  const replacementForm = FORMS[originalType];
  if (!replacementForm) {
    throw new ProblemException(
      problem(422, 'rule-violation', 'This fact cannot be replaced', `A ${originalType} event cannot be replaced; retract it or record a new fact.`, {
        rule: 'correction-not-supported',
      }),
    );
  }
  const dto = validateBody(replacementForm.dto, body, 'replacement');
  return replacementForm.toCommand(dto, original);
}
