import { parseValidDate } from '../valid-date';
import { FoundCouncil } from '../commands';
import { DEFAULT_RULES } from '../commands';
import { AlreadyExistsError } from '../errors';
import { Curia } from '../events';
import { compact } from '../names';
import { CouncilState } from '../state';
import { Findings } from '../violations';
import { checkPlacement } from './classify-council';
import { Decision } from './types';

export function foundCouncil(state: CouncilState, command: FoundCouncil): Decision {
  if (state.council) throw new AlreadyExistsError('council', state.council.councilId);
  parseValidDate(command.foundedOn);
  const findings = new Findings();
  const curiae: Curia[] = command.curiae?.length
    ? command.curiae
    : [{ key: 'general', name: 'General list', seats: command.seats }];
  const sum = curiae.reduce((total, c) => total + c.seats, 0);
  if (sum !== command.seats) {
    findings.add(
      'curiae-seats-sum',
      `the curiae hold ${sum} seats (${curiae.map((c) => `${c.key} ${c.seats}`).join(', ')}) but the council has ${command.seats}`,
      { seats: command.seats, curiaeSeats: sum },
    );
  }
  const keys = curiae.map((c) => c.key);
  const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (repeated.length > 0) {
    findings.add('curia-key-repeated', `curia ${repeated[0]} is listed twice`, { curia: repeated[0] });
  }
  checkPlacement(command.councilId, command);
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'CouncilFounded',
        data: compact({
          councilId: command.councilId,
          name: command.name,
          foundedOn: command.foundedOn,
          seats: command.seats,
          curiae,
          rules: { ...DEFAULT_RULES, ...compact(command.rules ?? {}) },
          election: command.election,
          type: command.type,
          level: command.level,
          parentCouncilId: command.parentCouncilId,
          note: command.note,
          anomalies,
        }),
      },
    ],
    reply: { councilId: command.councilId },
  };
}
