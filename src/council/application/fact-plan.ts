import { CouncilCommand } from '../domain/commands';
import { SourceCitation } from '../domain/events';
import { CouncilState } from '../domain/state';

/**
 * One command to decide. Most are known from the request alone; a few need the council as it stands
 * just before them (a correction's replacement is parsed by the original fact's type), so a step may be
 * a function of the state. `label` names the step in an error ("votes[3]").
 */
export interface FactStep {
  command: CouncilCommand | ((state: CouncilState) => CouncilCommand);
  label?: string;
}

/**
 * What one write request asks for: its steps, decided in order on one state and appended together, and
 * how their replies make the request's reply (the only step's reply when absent).
 */
export interface FactPlan {
  steps: FactStep[];
  reply?: (replies: Array<Record<string, unknown>>) => Record<string, unknown>;
  /** Stored in the metadata of this request's events (a batch item's own source). */
  source?: SourceCitation;
}

export function singleStep(command: CouncilCommand): FactPlan {
  return { steps: [{ command }] };
}

export { BatchItemError, StepError } from '../../api/wrapped-errors';
