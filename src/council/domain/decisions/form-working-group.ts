import { parseValidDate } from '../valid-date';
import { FormWorkingGroup } from '../commands';
import { AlreadyExistsError } from '../errors';
import { MemberRef } from '../events';
import { compact, slugify, uniqueId } from '../names';
import { resolveOrThrow } from '../resolve-member';
import { checkLifetime } from '../rules/lifetime';
import { inOffice } from '../rules/membership';
import { CouncilState } from '../state';
import { Findings } from '../violations';
import { Decision, requireCouncil } from './types';

export function formWorkingGroup(state: CouncilState, command: FormWorkingGroup): Decision {
  const council = requireCouncil(state);
  if (command.workingGroupId && state.workingGroups.has(command.workingGroupId)) {
    throw new AlreadyExistsError('working group', command.workingGroupId);
  }
  const workingGroupId =
    command.workingGroupId ?? uniqueId(slugify(command.name, 'working-group'), (id) => state.workingGroups.has(id));
  const formedOn = parseValidDate(command.formedOn);
  const findings = new Findings();
  checkLifetime(council, formedOn, `the working group ${command.name}`, findings);
  // Absent members mean the source does not give the composition: kept absent, never an empty list.
  const members: MemberRef[] | undefined = command.members ? [] : undefined;
  for (const reference of command.members ?? []) {
    const member = resolveOrThrow(state, 'members', reference, formedOn);
    if (members!.some((m) => m.memberId === member.memberId)) continue;
    members!.push({ memberId: member.memberId, name: member.name });
    if (inOffice(member, formedOn) === 'no') {
      findings.add('working-group-member-not-in-office', `${member.name} was not a member in office on ${formedOn.edtf}`, {
        memberId: member.memberId,
        on: formedOn.edtf,
      });
    }
  }
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'WorkingGroupFormed',
        data: compact({ workingGroupId, name: command.name, formedOn: command.formedOn, members, note: command.note, anomalies }),
      },
    ],
    reply: { workingGroupId },
  };
}
