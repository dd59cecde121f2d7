import { MotionDecided, MotionRule } from '../events';
import { MotionState } from '../state';
import { choicesNotGiven, possibleOutcomes, possibleWinners, requiredVotes, Tally } from '../rules/decision';

export type Outcome = MotionDecided['outcome'];

/** One way a motion can have ended: its outcome and the choice that won (between options none when rejected; on a question yes or no). */
export interface Result {
  outcome: Outcome;
  winner?: string;
}

/**
 * What the tally allows under one membership of the day (decisions 47, 52): `results`, every result some
 * completion of the counts the source leaves out gives, each once; the reading is decided when there is
 * one, and `outcome`/`winner` are then that one (absent otherwise). `asGiven` is between options the result
 * of the counts as given, a left-out option at 0 (what is recorded, uncertain, when no reading decides);
 * absent on a question without a yes count and without any tally.
 */
export interface Reading {
  required: number;
  /** The votes nobody accounts for: the membership less the counts given, never below 0; absent when unbounded (attendance unknown) or all is known. */
  unaccountedAtMost?: number;
  results: Result[];
  outcome?: Outcome;
  winner?: string;
  asGiven?: Result;
  /** The votes required are unknown (a rule counted against those present, the attendance unknown): `required` is no figure then. */
  requiredUnknown?: true;
}

/**
 * The memberships of the day (decision 47): each number from the members certainly in office alone to all
 * undecidable ones counted in (every one of them, not only the two ends: between options, 22 to 21 has no
 * winner with 21 or 23 required but one with 22); for a rule counted against those present, the attendance.
 */
function membershipsOnTheDay(base: MotionDecided['base']): number[] {
  const all: number[] = [];
  for (let n = base.count; n <= base.count + base.uncertain; n++) all.push(n);
  return all;
}

/** The choices the tally does not give (`choicesNotGiven`, decision 52). */
export function notGiven(motion: MotionState, tally: Tally, tallyFrom: MotionDecided['tallyFrom']): string[] {
  return choicesNotGiven(motion.options, tally, tallyFrom);
}

function reading(required: number, results: Result[], unaccountedAtMost: number | undefined, asGiven?: Result): Reading {
  const [only] = results;
  const decided = results.length === 1 ? only : undefined;
  return { required, unaccountedAtMost, results, outcome: decided?.outcome, winner: decided?.winner, asGiven };
}

const won = (winner: string | null): Result => (winner === null ? { outcome: 'rejected' } : { outcome: 'adopted', winner });

/**
 * The tally under each membership of the day, lowest first (decisions 47, 52). A count the source gives is
 * what it says; a choice it leaves out (`notGiven`) may have anything from 0 to the votes nobody accounts
 * for under that membership (the membership, or the attendance, less every count given, never below 0; no
 * bound when the attendance is unknown). Between options the choice that wins is the one that alone reaches
 * the requirement (none: rejected); on a question yes when adopted, no when rejected. Without any tally
 * (`tallyFrom: 'none'`), readings that allow every result, on both kinds.
 */
export function readingsOf(
  motion: MotionState,
  tally: Tally,
  tallyFrom: MotionDecided['tallyFrom'],
  rule: MotionRule,
  base: MotionDecided['base'],
  baseKnown: boolean,
): Reading[] {
  const options = motion.options;
  const unknown = notGiven(motion, tally, tallyFrom);
  // Votes the counts account for: their choices and abstentions, not a key that is no choice (kept with
  // recordAnomaly as `invalid-count-key`): what it counts is not known, so it bounds nothing.
  const choices = [...(options ?? ['yes', 'no']), 'abstain'];
  const given = choices.reduce((sum, c) => sum + (tally[c] ?? 0), 0);
  // A rule counted against those present, with the attendance unknown (kept with recordAnomaly as
  // `majority-of-present-without-attendance`): the votes required are unknown, so no count decides anything.
  const requirementUnknown = base.of === 'present' && !baseKnown;
  const all: Result[] = options ? [null, ...options].map(won) : [{ outcome: 'rejected', winner: 'no' }, { outcome: 'adopted', winner: 'yes' }];
  return membershipsOnTheDay(base).map((members) => {
    const required = requiredVotes(rule, members);
    if (tallyFrom === 'none' || requirementUnknown) return { ...reading(required, all, undefined), ...(requirementUnknown && { requiredUnknown: true as const }) };
    const bounded = unknown.length > 0 && baseKnown ? Math.max(0, members - given) : undefined;
    const unaccounted = unknown.length === 0 ? 0 : bounded ?? Infinity;
    if (!options) {
      const results = possibleOutcomes(tally, unaccounted, required).map((outcome) => ({ outcome, winner: outcome === 'adopted' ? 'yes' : 'no' }));
      return reading(required, results, bounded);
    }
    const asGiven = won(possibleWinners(tally, options, [], 0, required)[0]);
    return reading(required, possibleWinners(tally, options, unknown, unaccounted, required).map(won), bounded, asGiven);
  });
}

/** The result every reading of the day decides alike (the tally decides), else undefined. */
export function certainReading(readings: Reading[]): Result | undefined {
  const [first] = readings;
  return first.outcome !== undefined && readings.every((r) => r.outcome === first.outcome && r.winner === first.winner)
    ? { outcome: first.outcome, winner: first.winner }
    : undefined;
}

/**
 * Whether the tally rules out what a source claims, the one test of a reported outcome and a reported
 * winner (decisions 47, 50, 52): no reading of the day allows it, that is, under no membership does any
 * completion of the counts the source leaves out give it. A tally that decides rules out the other outcome
 * and every winner but its own; one that does not rules out what none of its readings allows.
 */
export function ruledOut(readings: Reading[], gives: (result: Result) => boolean): boolean {
  return readings.every((r) => !r.results.some(gives));
}

/**
 * Without a report, what the tally says (decisions 49, 52): the first reading that decides, lowest
 * requirement first (so the reading under `required` when it decides), else between options the counts as
 * given under `required`; undefined when nothing says (no tally, or a question's yes unknown and no reading
 * decided), which is `no-tally`.
 */
export function tallysOwn(readings: Reading[]): Result | undefined {
  const decided = readings.find((r) => r.outcome !== undefined);
  return decided ? { outcome: decided.outcome as Outcome, winner: decided.winner } : readings[0].asGiven;
}

/**
 * The figures that show what the unknown counts allow (decision 52), for a finding's figures and message:
 * the choices not given and the votes unaccounted for under each membership (absent when unbounded).
 */
export function unknownCountFigures(unknown: string[], readings: Reading[]): { figures: Record<string, unknown>; words: string } {
  if (unknown.length === 0) return { figures: {}, words: '' };
  const bounds = readings.map((r) => r.unaccountedAtMost);
  const known = bounds.every((b): b is number => b !== undefined);
  const lo = known ? Math.min(...bounds) : undefined;
  const hi = known ? Math.max(...bounds) : undefined;
  const range = lo === hi ? `${lo}` : `${lo} to ${hi}`;
  const counts = `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not given`;
  return {
    figures: known ? { notGiven: unknown, unaccountedAtMost: bounds } : { notGiven: unknown },
    words: known ? `; ${counts}, and at most ${range} votes are unaccounted for` : `; ${counts}, and the attendance is unknown`,
  };
}
