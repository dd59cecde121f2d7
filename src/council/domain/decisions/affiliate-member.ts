import { parseValidDate } from '../valid-date';
import { AffiliateMember } from '../commands';
import { NotFoundError } from '../errors';
import { compact } from '../names';
import { checkAffiliationInTerm, checkAffiliationOverlap } from '../rules/affiliation';
import { checkLifetime } from '../rules/lifetime';
import { CouncilState } from '../state';
import { Findings, reject } from '../violations';
import { Decision, requireCouncil } from './types';

/**
 * A member sits for a group over a period. Needs an existing group and member (404); the member must be
 * in office for the period and may not sit for two groups at once (422, or anomalies with recordAnomaly).
 * Issue 25: `from` may be left out (the start is unknown: certain on no day, possible on every day before
 * `to`); `outside` records a membership of an organization outside the council (a party), which is bound
 * neither to the member's term nor to the council's life, and overlaps nothing the member sat for.
 */
export function affiliateMember(state: CouncilState, command: AffiliateMember): Decision {
  const council = requireCouncil(state);
  const member = state.members.get(command.memberId);
  if (!member) throw new NotFoundError('member', command.memberId);
  const group = state.groups.get(command.groupId);
  if (!group) throw new NotFoundError('group', command.groupId);
  const from = command.from !== undefined ? parseValidDate(command.from) : undefined;
  const to = command.to !== undefined ? parseValidDate(command.to) : undefined;
  if (from && to && to.latestDay < from.earliestDay) {
    reject('affiliation-ends-before-start', `an affiliation cannot end on ${to.edtf}, before it starts on ${from.edtf}`, { from: from.edtf, to: to.edtf });
  }
  const findings = new Findings();
  if (!command.outside) {
    if (from) checkLifetime(council, from, `${member.name}'s affiliation with ${group.name}`, findings);
    checkAffiliationInTerm(member, { from, to }, findings);
    checkAffiliationOverlap(state.affiliations.get(member.memberId) ?? [], { from, to }, findings);
  }
  if (from && group.foundedOn && from.latestDay < group.foundedOn.earliestDay) {
    findings.add('affiliation-before-group-founded', `${group.name} was founded on ${group.foundedOn.edtf}, after ${from.edtf}`, {
      groupId: group.groupId,
      foundedOn: group.foundedOn.edtf,
      from: from.edtf,
    });
  }
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'MemberAffiliated',
        data: compact({
          memberId: member.memberId,
          groupId: group.groupId,
          from: command.from,
          to: command.to,
          outside: command.outside ? (true as const) : undefined,
          note: command.note,
          anomalies,
        }),
      },
    ],
    reply: compact({ memberId: member.memberId, groupId: group.groupId, outside: command.outside ? true : undefined }),
  };
}
