import { DecisionRule, MotionDecided } from '../events';
import { majority } from './quorum';

/** `majority-of-members`: yes must exceed half the members in office; `majority-of-present`: half those present. */
export function requiredVotes(_rule: DecisionRule, base: number): number {
  return majority(base);
}

export type Tally = Record<string, number>;

/** Yes/no question: adopted when yes reaches the votes required; undefined when yes is unknown. */
export function yesNoOutcome(tally: Tally, required: number): MotionDecided['outcome'] | undefined {
  if (tally.yes === undefined) return undefined;
  return tally.yes >= required ? 'adopted' : 'rejected';
}

/** Choice between options: the option that alone reaches the votes required wins. */
export function optionsWinner(tally: Tally, options: string[], required: number): string | undefined {
  const reaching = options.filter((o) => (tally[o] ?? 0) >= required);
  return reaching.length === 1 ? reaching[0] : undefined;
}
