import { parseValidDate } from '../valid-date';
import { RecordDeparture } from '../commands';
import { NotFoundError } from '../errors';
import { compact } from '../names';
import { checkLifetime } from '../rules/lifetime';
import { CouncilState } from '../state';
import { Findings } from '../violations';
import { Decision, requireCouncil } from './types';

export function recordDeparture(state: CouncilState, command: RecordDeparture): Decision {
  const council = requireCouncil(state);
  const member = state.members.get(command.memberId);
  if (!member) throw new NotFoundError('member', command.memberId);
  const leftOn = parseValidDate(command.leftOn);
  const findings = new Findings();
  checkLifetime(council, leftOn, `the departure of ${member.name}`, findings);
  if (member.leftOn) {
    findings.add('departure-twice', `${member.name} already left on ${member.leftOn.edtf}`, {
      memberId: member.memberId,
      leftOn: member.leftOn.edtf,
    });
  }
  if (leftOn.latestDay < member.electedOn.earliestDay) {
    findings.add(
      'departure-before-election',
      `${member.name} cannot leave on ${leftOn.edtf}: elected on ${member.electedOn.edtf}`,
      { memberId: member.memberId, leftOn: leftOn.edtf, electedOn: member.electedOn.edtf },
    );
  }
  if (command.announcedOn !== undefined) {
    const announcedOn = parseValidDate(command.announcedOn);
    checkLifetime(council, announcedOn, `the announcement of ${member.name}'s departure`, findings);
    if (announcedOn.latestDay < member.electedOn.earliestDay) {
      findings.add('announced-before-election', `${member.name} cannot announce a departure on ${announcedOn.edtf}: elected on ${member.electedOn.edtf}`, {
        memberId: member.memberId,
        announcedOn: announcedOn.edtf,
        electedOn: member.electedOn.edtf,
      });
    }
  }
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'MemberLeft',
        data: compact({ memberId: member.memberId, leftOn: command.leftOn, reason: command.reason, announcedOn: command.announcedOn, note: command.note, anomalies }),
      },
    ],
    reply: { memberId: member.memberId },
  };
}
