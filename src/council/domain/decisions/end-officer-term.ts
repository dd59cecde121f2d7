import { parseValidDate } from '../valid-date';
import { EndOfficerTerm } from '../commands';
import { NotFoundError } from '../errors';
import { compact } from '../names';
import { checkLifetime } from '../rules/lifetime';
import { CouncilState } from '../state';
import { Findings } from '../violations';
import { Decision, requireCouncil } from './types';

export function endOfficerTerm(state: CouncilState, command: EndOfficerTerm): Decision {
  const council = requireCouncil(state);
  const term = state.officers.get(command.role)?.current;
  if (!term) throw new NotFoundError('officer', command.role);
  const to = parseValidDate(command.to);
  const findings = new Findings();
  checkLifetime(council, to, `the end of the ${command.role}'s term`, findings);
  if (to.latestDay < term.from.earliestDay) {
    findings.add('term-ends-before-start', `the ${command.role}'s term began on ${term.from.edtf} and cannot end on ${to.edtf}`, {
      role: command.role,
      from: term.from.edtf,
      to: to.edtf,
    });
  }
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'OfficerTermEnded',
        data: compact({
          role: command.role,
          memberId: term.memberId,
          name: term.name,
          to: command.to,
          reason: command.reason,
          note: command.note,
          anomalies,
        }),
      },
    ],
    reply: { role: command.role },
  };
}
