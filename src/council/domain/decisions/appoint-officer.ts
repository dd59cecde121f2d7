import { parseValidDate } from '../valid-date';
import { AppointOfficer } from '../commands';
import { compact } from '../names';
import { resolveOrThrow } from '../resolve-member';
import { checkLifetime } from '../rules/lifetime';
import { inOffice } from '../rules/membership';
import { CouncilState } from '../state';
import { Findings } from '../violations';
import { Decision, requireCouncil } from './types';

/** An officer is a member in office on `from` (or, with `nonMember`, a person named as given). */
export function appointOfficer(state: CouncilState, command: AppointOfficer): Decision {
  const council = requireCouncil(state);
  const from = parseValidDate(command.from);
  const findings = new Findings();
  checkLifetime(council, from, `the appointment of the ${command.role}`, findings);
  let memberId: string | undefined;
  let name = command.member;
  if (!command.nonMember) {
    const member = resolveOrThrow(state, 'member', command.member, from);
    memberId = member.memberId;
    name = member.name;
    if (inOffice(member, from) === 'no') {
      findings.add('officer-not-in-office', `${member.name} was not a member in office on ${from.edtf}`, {
        memberId,
        on: from.edtf,
      });
    }
  }
  const current = state.officers.get(command.role)?.current;
  if (current) {
    findings.add(
      'officer-role-occupied',
      `${current.name} holds the role ${command.role} since ${current.from.edtf}: end that term first`,
      { role: command.role, holder: current.name, since: current.from.edtf },
    );
  }
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'OfficerAppointed',
        data: compact({
          role: command.role,
          memberId,
          name,
          from: command.from,
          nonMember: command.nonMember ? true : undefined,
          note: command.note,
          anomalies,
        }),
      },
    ],
    reply: compact({ role: command.role, memberId, name }),
  };
}
