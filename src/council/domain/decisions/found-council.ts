import { parseValidDate } from '../valid-date';
import { FoundCouncil } from '../commands';
import { DEFAULT_RULES } from '../commands';
import { AlreadyExistsError } from '../errors';
import { Curia } from '../events';
import { compact } from '../names';
import { CouncilState } from '../state';
import { Findings } from '../violations';
import { rejectSeatsUnknown } from '../rules/quorum';
import { checkPlacement } from './classify-council';
import { Decision } from './types';

export function foundCouncil(state: CouncilState, command: FoundCouncil): Decision {
  if (state.council) throw new AlreadyExistsError('council', state.council.councilId);
  // EDTF "XXXX" (an unspecified year) says the same as no date: the founding date is unknown (issue 25).
  const foundedOn = command.foundedOn === 'XXXX' ? undefined : command.foundedOn;
  if (foundedOn !== undefined) parseValidDate(foundedOn);
  const findings = new Findings();
  const curiae: Curia[] = command.curiae?.length
    ? command.curiae
    : [compact({ key: 'general', name: 'General list', seats: command.seats })];
  // Curiae given with their seats say the council's seats even when `seats` is left out; without either,
  // the seat count is unknown and stays absent (issue 25), so no rule may lean on it.
  const curiaSeats = curiae.every((c) => c.seats !== undefined) ? curiae.reduce((total, c) => total + (c.seats ?? 0), 0) : undefined;
  const seats = command.seats ?? (command.curiae?.length ? curiaSeats : undefined);
  if (seats !== undefined && curiaSeats !== undefined && curiaSeats !== seats) {
    findings.add(
      'curiae-seats-sum',
      `the curiae hold ${curiaSeats} seats (${curiae.map((c) => `${c.key} ${c.seats}`).join(', ')}) but the council has ${seats}`,
      { seats, curiaeSeats: curiaSeats },
    );
  }
  const rules = { ...DEFAULT_RULES, ...compact(command.rules ?? {}) };
  if (rules.quorum === 'majority-of-seats' && seats === undefined) rejectSeatsUnknown('the quorum rule majority-of-seats');
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
          foundedOn,
          seats,
          curiae,
          rules,
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
