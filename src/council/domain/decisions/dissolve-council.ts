import { parseValidDate } from '../valid-date';
import { DissolveCouncil } from '../commands';
import { compact } from '../names';
import { factDate } from '../queries';
import { checkLifetime } from '../rules/lifetime';
import { CouncilState } from '../state';
import { Findings } from '../violations';
import { Decision, requireCouncil } from './types';

export function dissolveCouncil(state: CouncilState, command: DissolveCouncil): Decision {
  const council = requireCouncil(state);
  const dissolvedOn = parseValidDate(command.dissolvedOn);
  const findings = new Findings();
  if (council.dissolvedOn) {
    findings.add('already-dissolved', `the council was already dissolved on ${council.dissolvedOn.edtf}`, {
      dissolvedOn: council.dissolvedOn.edtf,
    });
  } else {
    checkLifetime(council, dissolvedOn, 'the dissolution', findings);
  }
  const later: Array<{ eventId: string; type: string; date: string }> = [];
  for (const [eventId, fact] of state.facts) {
    if (fact.type === 'CouncilFounded') continue;
    const date = factDate(fact.type, fact.data);
    if (parseValidDate(date).earliestDay > dissolvedOn.latestDay) later.push({ eventId, type: fact.type, date });
  }
  if (later.length > 0) {
    findings.add(
      'after-dissolution',
      `${later.length} recorded fact(s) are dated after ${dissolvedOn.edtf}, e.g. ${later[0].type} on ${later[0].date}`,
      { dissolvedOn: dissolvedOn.edtf, facts: later },
    );
  }
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'CouncilDissolved',
        data: compact({ dissolvedOn: command.dissolvedOn, reason: command.reason, note: command.note, anomalies }),
      },
    ],
    reply: { councilId: council.councilId, dissolvedOn: command.dissolvedOn },
  };
}
