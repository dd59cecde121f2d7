import { CouncilCommand, CorrectFact } from './commands';
import { appointOfficer } from './decisions/appoint-officer';
import { pairVote } from './decisions/pair-vote';
import { castVote } from './decisions/cast-vote';
import { correctFact } from './decisions/correct-fact';
import { decideMotion } from './decisions/decide-motion';
import { dissolveCouncil } from './decisions/dissolve-council';
import { classifyCouncil } from './decisions/classify-council';
import { electMember } from './decisions/elect-member';
import { endOfficerTerm } from './decisions/end-officer-term';
import { foundCouncil } from './decisions/found-council';
import { formWorkingGroup } from './decisions/form-working-group';
import { foundGroup } from './decisions/found-group';
import { affiliateMember } from './decisions/affiliate-member';
import { recordDeparture } from './decisions/record-departure';
import { recordElection } from './decisions/record-election';
import { recordMeeting } from './decisions/record-meeting';
import { tableMotion } from './decisions/table-motion';
import { Decision } from './decisions/types';
import { describeCouncil, formCouncilBody, recordMemberStatus, recordMembersStatement } from './decisions/record-life-facts';
import { CouncilState } from './state';

export type { Decision } from './decisions/types';

/**
 * The council's business logic: given the state and a command, the events to append and the reply.
 * Pure: no I/O, no clock; never mutates `state`. Throws the errors of errors.ts (RuleViolationError
 * lists every rule broken, unless the command says `recordAnomaly`).
 */
export function decide(state: CouncilState, command: CouncilCommand): Decision {
  switch (command.kind) {
    case 'FoundCouncil':
      return foundCouncil(state, command);
    case 'CorrectFact':
      return correctFact(state, command, decideFact);
    default:
      return decideFact(state, command);
  }
}

function decideFact(state: CouncilState, command: Exclude<CouncilCommand, CorrectFact | { kind: 'FoundCouncil' }>): Decision {
  switch (command.kind) {
    case 'ElectMember':
      return electMember(state, command);
    case 'RecordElection':
      return recordElection(state, command);
    case 'RecordDeparture':
      return recordDeparture(state, command);
    case 'AppointOfficer':
      return appointOfficer(state, command);
    case 'EndOfficerTerm':
      return endOfficerTerm(state, command);
    case 'FormWorkingGroup':
      return formWorkingGroup(state, command);
    case 'RecordMeeting':
      return recordMeeting(state, command);
    case 'TableMotion':
      return tableMotion(state, command);
    case 'CastVote':
      return castVote(state, command);
    case 'PairVote':
      return pairVote(state, command);
    case 'DecideMotion':
      return decideMotion(state, command);
    case 'DissolveCouncil':
      return dissolveCouncil(state, command);
    case 'ClassifyCouncil':
      return classifyCouncil(state, command);
    case 'FoundGroup':
      return foundGroup(state, command);
    case 'AffiliateMember':
      return affiliateMember(state, command);
    case 'RecordMemberStatus':
      return recordMemberStatus(state, command);
    case 'DescribeCouncil':
      return describeCouncil(state, command);
    case 'FormCouncilBody':
      return formCouncilBody(state, command);
    case 'RecordMembersStatement':
      return recordMembersStatement(state, command);
  }
}
