import { ClassifyCouncil } from '../commands';
import { CouncilPlacement } from '../events';
import { compact } from '../names';
import { CouncilState } from '../state';
import { Findings, reject } from '../violations';
import { Decision, requireCouncil } from './types';

/**
 * `council-parent-self` (never overridable): a council cannot sit under itself. Whether the parent is
 * recorded is not checked: it is another council's stream (outside this one's consistency boundary), and
 * a regional council may well be imported before its national one.
 */
export function checkPlacement(councilId: string, placement: CouncilPlacement): void {
  if (placement.parentCouncilId === councilId) {
    reject('council-parent-self', `council ${councilId} cannot sit under itself`, { councilId, parentCouncilId: placement.parentCouncilId });
  }
}

/** The council's type, level or parent as a source states them; the fields given replace earlier ones. */
export function classifyCouncil(state: CouncilState, command: ClassifyCouncil): Decision {
  const council = requireCouncil(state);
  if (command.type === undefined && command.level === undefined && command.parentCouncilId === undefined) {
    reject('classification-empty', 'a classification states at least one of type, level and parentCouncilId', {});
  }
  const findings = new Findings();
  checkPlacement(council.councilId, command);
  const anomalies = findings.settle(command.recordAnomaly);
  const placement = compact({ type: command.type, level: command.level, parentCouncilId: command.parentCouncilId });
  return {
    events: [{ type: 'CouncilClassified', data: compact({ ...placement, note: command.note, anomalies }) }],
    reply: { councilId: council.councilId, ...placement },
  };
}
