import { parseValidDate, ValidDate } from '../valid-date';
import { DescribeCouncil, FormCouncilBody, RecordMemberStatus, RecordMembersStatement } from '../commands';
import { AlreadyExistsError, NotFoundError } from '../errors';
import { MemberRef } from '../events';
import { compact, normalizeName, slugify, uniqueId } from '../names';
import { resolveMember } from '../resolve-member';
import { checkLifetime } from '../rules/lifetime';
import { inOffice } from '../rules/membership';
import { CouncilState, FactType } from '../state';
import { Findings, reject } from '../violations';
import { Decision, requireCouncil } from './types';

/**
 * Issue 25: facts of a council's life the first model had no place for — a member's status that is not a
 * departure, what the council was (abbreviations, ideology, term, convocation), its bodies other than a
 * named working group, and statements by part of its members.
 */

/** `status-before-election`: a status is about a member; one dated before the election is refused. */
export function recordMemberStatus(state: CouncilState, command: RecordMemberStatus): Decision {
  requireCouncil(state);
  const member = state.members.get(command.memberId);
  if (!member) throw new NotFoundError('member', command.memberId);
  const on = parseValidDate(command.on);
  const findings = new Findings();
  if (on.latestDay < member.electedOn.earliestDay) {
    findings.add('status-before-election', `${member.name}: a status of ${on.edtf} is before the election (${member.electedOn.edtf})`, {
      memberId: member.memberId,
      on: on.edtf,
      electedOn: member.electedOn.edtf,
    });
  }
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [{ type: 'MemberStatusChanged', data: compact({ memberId: member.memberId, status: command.status, on: command.on, note: command.note, anomalies }) }],
    reply: { memberId: member.memberId, status: command.status },
  };
}

/** `description-empty`: a description says at least one thing; `describedOn` defaults to the founding. */
export function describeCouncil(state: CouncilState, command: DescribeCouncil): Decision {
  const council = requireCouncil(state);
  const fields = { abbreviations: command.abbreviations, ideology: command.ideology, term: command.term, convocation: command.convocation };
  if (Object.values(fields).every((v) => v === undefined)) {
    reject('description-empty', 'a description needs at least one of abbreviations, ideology, term, convocation', {});
  }
  const describedOn = command.describedOn ?? council.foundedOn?.edtf;
  if (describedOn === undefined) {
    reject('description-date-unknown', 'the council\'s founding date is unknown, so a description needs its own describedOn', { foundedOn: null });
  }
  const findings = new Findings();
  checkLifetime(council, parseValidDate(describedOn), 'the description', findings);
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [{ type: 'CouncilDescribed', data: compact({ describedOn, ...fields, note: command.note, anomalies }) }],
    reply: { councilId: council.councilId },
  };
}

/** `body-count-mismatch`: a set of working groups with named members is not a set of unknown names; ids are unique. */
export function formCouncilBody(state: CouncilState, command: FormCouncilBody): Decision {
  const council = requireCouncil(state);
  const taken = idTaken(state, 'CouncilBodyFormed', 'bodyId');
  if (command.bodyId !== undefined && taken(command.bodyId)) throw new AlreadyExistsError('body', command.bodyId);
  const bodyId = command.bodyId ?? uniqueId(slugify(command.name ?? `${command.count ?? ''} ${command.bodyKind}`, 'body'), taken);
  const formedOn = parseValidDate(command.formedOn);
  const findings = new Findings();
  checkLifetime(council, formedOn, `the body ${command.name ?? bodyId}`, findings);
  if (command.bodyKind === 'working-groups' && command.count === undefined) {
    findings.add('body-count-missing', 'a set of working groups needs its count (how many the source says there were)', { bodyId });
  }
  if (command.count !== undefined && command.bodyKind !== 'working-groups') {
    findings.add('body-count-mismatch', `a count belongs to a set of working groups, not to a ${command.bodyKind}`, { bodyId, count: command.count });
  }
  const members = command.members?.map((m) => person(state, m, formedOn, 'body-member', findings));
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'CouncilBodyFormed',
        data: compact({ bodyId, kind: command.bodyKind, name: command.name, count: command.count, formedOn: command.formedOn, members, note: command.note, anomalies }),
      },
    ],
    reply: { bodyId },
  };
}

/**
 * `signatories-exceed-count`: named signatories cannot outnumber the count; `signatory-twice`. A statement
 * by part of the members is no act of the council: it needs no meeting, quorum or vote.
 */
export function recordMembersStatement(state: CouncilState, command: RecordMembersStatement): Decision {
  const council = requireCouncil(state);
  const taken = idTaken(state, 'MembersStatementIssued', 'statementId');
  if (command.statementId !== undefined && taken(command.statementId)) throw new AlreadyExistsError('statement', command.statementId);
  const statementId = command.statementId ?? uniqueId(slugify(command.title, 'statement'), taken);
  const issuedOn = parseValidDate(command.issuedOn);
  const findings = new Findings();
  checkLifetime(council, issuedOn, `the statement ${JSON.stringify(command.title)}`, findings);
  const signatories = command.signatories?.map((s) => person(state, s, issuedOn, 'signatory', findings));
  const seen = new Set<string>();
  for (const s of signatories ?? []) {
    const key = s.memberId ?? `name:${normalizeName(s.name)}`;
    if (seen.has(key)) findings.add('signatory-twice', `${s.name} is listed twice as a signatory`, { name: s.name });
    seen.add(key);
  }
  if (signatories && command.signatoryCount !== undefined && signatories.length > command.signatoryCount) {
    findings.add('signatories-exceed-count', `${signatories.length} signatories are named but the count is ${command.signatoryCount}`, {
      named: signatories.length,
      signatoryCount: command.signatoryCount,
    });
  }
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'MembersStatementIssued',
        data: compact({ statementId, title: command.title, issuedOn: command.issuedOn, signatories, signatoryCount: command.signatoryCount, note: command.note, anomalies }),
      },
    ],
    reply: { statementId },
  };
}

/** Whether an id is already used by an effective fact of the type (these facts are rare: a scan will do). */
function idTaken(state: CouncilState, type: FactType, field: string): (id: string) => boolean {
  return (id) => [...state.facts.values()].some((f) => f.type === type && (f.data as unknown as Record<string, unknown>)[field] === id);
}

/**
 * A person named on a fact that does not require membership (proposer, signatory, body member): a member
 * when the name resolves to one, else the name as the source gives it. A member not in office on the date
 * is a finding (`<role>-not-in-office`).
 */
export function person(state: CouncilState, reference: string, on: ValidDate, role: string, findings: Findings): MemberRef {
  const resolution = resolveMember(state, reference, on);
  if (resolution.kind !== 'member') return { name: reference };
  const { member } = resolution;
  if (inOffice(member, on) === 'no') findings.add(`${role}-not-in-office`, `${role} ${member.name} was not a member in office on ${on.edtf}`, { memberId: member.memberId, on: on.edtf });
  return { memberId: member.memberId, name: member.name };
}
