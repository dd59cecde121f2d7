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

/**
 * Choice between options: the option that alone reaches the votes required wins. An option the tally
 * leaves out counts 0 here: right for recorded votes, and for counts a source gives only as "the counts as
 * given" (`possibleWinners` says what an unknown count allows, decision 52).
 */
export function optionsWinner(tally: Tally, options: string[], required: number): string | undefined {
  const reaching = options.filter((o) => (tally[o] ?? 0) >= required);
  return reaching.length === 1 ? reaching[0] : undefined;
}

/**
 * Choice between options whose counts are partly unknown (decision 52): every winner (`null`: none, the
 * motion rejected) that some completion of the unknown counts gives, when each option in `unknown` may
 * have anything from 0 votes up, together at most `unaccounted` (Infinity when nothing bounds them), and
 * every other option has its count in `tally`. Exhaustive over the number of unknown options that reach
 * `required`: none (possible when `required` > 0, or there are none), exactly one (it needs `required`
 * votes of the unaccounted, and the others stay below, impossible when `required` ≤ 0 and there are
 * others), two or more (twice `required` of them; always, when `required` ≤ 0 and there are two or more).
 * The winner is the option that alone reaches `required`, as in `optionsWinner`. Without unknown options it
 * is `[optionsWinner(...) ?? null]`.
 */
export function possibleWinners(tally: Tally, options: string[], unknown: string[], unaccounted: number, required: number): (string | null)[] {
  const reaching = options.filter((o) => !unknown.includes(o) && (tally[o] ?? 0) >= required);
  const need = Math.max(required, 0);
  const found: (string | null)[] = [];
  const add = (w: string | null) => {
    if (!found.includes(w)) found.push(w);
  };
  if (required > 0 || unknown.length === 0) add(reaching.length === 1 ? reaching[0] : null);
  if (need <= unaccounted && (required > 0 || unknown.length === 1)) {
    for (const u of unknown) add(reaching.length === 0 ? u : null);
  }
  if (unknown.length >= 2 && 2 * need <= unaccounted) add(null);
  return found;
}

/**
 * Yes/no question (decision 52): the outcomes the tally allows, `yes` unknown meaning anything from 0 to
 * `unaccounted` votes: rejected when it may stay below `required`, adopted when it may reach it.
 */
export function possibleOutcomes(tally: Tally, unaccounted: number, required: number): MotionDecided['outcome'][] {
  const known = yesNoOutcome(tally, required);
  if (known !== undefined) return [known];
  const found: MotionDecided['outcome'][] = [];
  if (required > 0) found.push('rejected');
  if (Math.max(required, 0) <= unaccounted) found.push('adopted');
  return found;
}

/**
 * The choices a tally does not give (decision 52): with counts from a source (`reported`), the options it
 * leaves out, or on a question (no `options`) a missing `yes` (only yes decides a question); none for
 * recorded votes (they are the tally: a choice nobody voted has 0) and none without a tally.
 */
export function choicesNotGiven(options: readonly string[] | undefined, tally: Tally, tallyFrom: MotionDecided['tallyFrom'] | undefined): string[] {
  if (tallyFrom !== 'reported') return [];
  return (options ?? ['yes']).filter((c) => tally[c] === undefined);
}
