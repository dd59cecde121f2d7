import { MotionDecided, MotionRule } from '../events';
import { majority } from './quorum';

/**
 * Votes a choice needs. `majority-of-*`: more than half the base; `two-thirds-of-*`: at least two thirds
 * of it (rounded up); `{ atLeast: n }`: n. The base is the members in office on the date (`*-of-members`,
 * `atLeast`) or those present (`*-of-present`), see `ruleBase`.
 */
export function requiredVotes(rule: MotionRule, base: number): number {
  if (typeof rule === 'object') return rule.atLeast;
  if (rule === 'two-thirds-of-members' || rule === 'two-thirds-of-present') return Math.ceil((2 * base) / 3);
  return majority(base);
}

/** What a rule's votes are counted against. */
export function ruleBase(rule: MotionRule): 'members' | 'present' {
  return rule === 'majority-of-present' || rule === 'two-thirds-of-present' ? 'present' : 'members';
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
