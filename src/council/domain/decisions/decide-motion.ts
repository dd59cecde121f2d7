import { parseValidDate, ValidDate } from '../valid-date';
import { DecideMotion } from '../commands';
import { NotFoundError } from '../errors';
import { CouncilState, MotionState } from '../state';
import { MotionDecided, MotionRule } from '../events';
import { compact } from '../names';
import { optionsWinner, requiredVotes, ruleBase, Tally, yesNoOutcome } from '../rules/decision';
import { checkLifetime } from '../rules/lifetime';
import { membershipOn } from '../rules/membership';
import { Findings } from '../violations';
import { canonicalChoice } from './cast-vote';
import { checkNotBeforeOpened } from '../rules/motion-dates';
import { Decision, requireCouncil } from './types';

/**
 * Closes a motion with the council's decision rule applied to the membership (or the meeting's
 * attendance) on the decision date. The tally comes from recorded votes, else from counts a source
 * gives, else the source's reported outcome/winner stands (tallyFrom 'none').
 */
export function decideMotion(state: CouncilState, command: DecideMotion): Decision {
  const council = requireCouncil(state);
  const motion = state.motions.get(command.motionId);
  if (!motion) throw new NotFoundError('motion', command.motionId);
  const decidedOn = parseValidDate(command.decidedOn);
  const findings = new Findings();
  checkLifetime(council, decidedOn, `the decision on ${motion.motionId}`, findings);
  checkNotBeforeOpened(motion, decidedOn, 'decided-before-opened', `the decision on ${motion.motionId}`, findings);
  if (motion.decided) {
    findings.add('motion-already-decided', `${motion.motionId} was already decided on ${motion.decided.decidedOn}`, {
      motionId: motion.motionId,
      decidedOn: motion.decided.decidedOn,
    });
  }

  const rule = motion.rule ?? council.rules.decision;
  const { base, known } = decisionBase(state, rule, motion, decidedOn, findings);
  const requirements = requirementsOnTheDay(rule, base);
  const [required] = requirements;
  const { tally, tallyFrom } = tallyOf(motion, command, findings);
  const total = Object.values(tally).reduce((sum, n) => sum + n, 0);
  if (known && total > base.count + base.uncertain) {
    findings.add('tally-exceeds-base', `${total} votes counted but only ${base.count + base.uncertain} ${base.of} on ${decidedOn.edtf}`, {
      votes: total,
      base: base.count + base.uncertain,
      of: base.of,
    });
  }

  const judged = judge(motion, command, rule, tally, tallyFrom, requirements, findings);

  const anomalies = findings.settle(command.recordAnomaly);
  const data: MotionDecided = compact({
    motionId: motion.motionId,
    decidedOn: command.decidedOn,
    tally,
    tallyFrom,
    rule,
    base,
    required,
    outcome: judged.outcome,
    winner: judged.winner,
    outcomeCertain: judged.certain,
    outcomeBasis: judged.basis,
    reportedOutcome: command.reportedOutcome,
    reportedWinner: command.reportedWinner,
    note: command.note,
    anomalies,
  });
  const reply = motion.options
    ? compact({ outcome: judged.outcome, winner: judged.winner, counts: tally, required, outcomeCertain: judged.certain, outcomeBasis: judged.basis })
    : { outcome: judged.outcome, yes: tally.yes, no: tally.no, abstain: tally.abstain, required, outcomeCertain: judged.certain, outcomeBasis: judged.basis };
  return { events: [{ type: 'MotionDecided', data }], reply: { ...reply, tallyFrom, base } };
}

function decisionBase(
  state: CouncilState,
  rule: MotionRule,
  motion: MotionState,
  decidedOn: ValidDate,
  findings: Findings,
): { base: MotionDecided['base']; known: boolean } {
  if (ruleBase(rule) === 'members') {
    const members = membershipOn(state, decidedOn);
    return { base: { of: 'members', count: members.certain.length, uncertain: members.uncertain.length }, known: true };
  }
  const meeting = motion.meetingId ? state.meetings.get(motion.meetingId) : undefined;
  if (meeting?.present === undefined) {
    findings.add(
      'majority-of-present-without-attendance',
      meeting
        ? `the rule is a majority of those present, but the attendance at ${meeting.meetingId} is unknown`
        : `the rule counts those present, but ${motion.motionId} was not decided at a recorded meeting`,
      { motionId: motion.motionId, meetingId: motion.meetingId },
    );
  }
  return { base: { of: 'present', count: meeting?.present ?? 0, uncertain: 0 }, known: meeting?.present !== undefined };
}

function tallyOf(motion: MotionState, command: DecideMotion, findings: Findings): { tally: Tally; tallyFrom: MotionDecided['tallyFrom'] } {
  if (motion.votes.size > 0) {
    if (command.counts) {
      findings.add('counts-with-votes', `${motion.motionId} has ${motion.votes.size} recorded votes: counts are only for motions whose votes are unknown`, {
        motionId: motion.motionId,
        votes: motion.votes.size,
      });
    }
    const tally: Tally = Object.fromEntries((motion.options ? [...motion.options, 'abstain'] : ['yes', 'no', 'abstain']).map((c) => [c, 0]));
    for (const vote of motion.votes.values()) tally[vote.choice] = (tally[vote.choice] ?? 0) + 1;
    return { tally, tallyFrom: 'votes' };
  }
  if (command.counts) {
    const tally: Tally = {};
    for (const [key, count] of Object.entries(command.counts)) {
      const choice = canonicalChoice(motion, key);
      if (choice === undefined) {
        findings.add('invalid-count-key', `${JSON.stringify(key)} is not a choice on ${motion.motionId}`, { key });
        tally[key] = count;
      } else tally[choice] = count;
    }
    return { tally, tallyFrom: 'reported' };
  }
  return { tally: {}, tallyFrom: 'none' };
}

type Outcome = MotionDecided['outcome'];

interface Judged {
  outcome: Outcome;
  winner?: string;
  /** `outcomeCertain` (decision 49): false when neither the tally nor the source settles the outcome. */
  certain: boolean;
  /** `outcomeBasis` (decision 49): 'reported' when the source's report is recorded where the tally does not decide the same. */
  basis: Basis;
}

type Basis = NonNullable<MotionDecided['outcomeBasis']>;

/** What a tally says under one number of votes required; no outcome when it cannot say (no yes count, no tally). */
interface Reading {
  outcome?: Outcome;
  winner?: string;
}

/**
 * The votes the rule may require on the day, lowest first: one for each membership from the members
 * certainly in office alone to all undecidable ones counted in (every one of them, not only the two ends:
 * between options, 22 to 21 has no winner with 21 or 23 required but one with 22).
 */
function requirementsOnTheDay(rule: MotionRule, base: MotionDecided['base']): number[] {
  const all: number[] = [];
  for (let n = base.count; n <= base.count + base.uncertain; n++) all.push(requiredVotes(rule, n));
  return all;
}

/**
 * The tally's reading when its outcome is the same under every requirement of the day, else undefined.
 * Between options the same outcome is the same winner: no two options can win (see judge's end).
 */
function certainReading(readings: Reading[]): Reading | undefined {
  const [first] = readings;
  return first.outcome !== undefined && readings.every((r) => r.outcome === first.outcome) ? first : undefined;
}

/**
 * Whether the tally rules out what a source claims, the one test of a reported outcome and a reported
 * winner (decisions 47, 50): every reading of the day has an outcome and none gives the claim. A tally
 * that decides rules out the other outcome and every winner but its own; one that does not rules out no
 * outcome (it reads both), but still every winner that no requirement of the day elects.
 */
function ruledOut(readings: Reading[], gives: (reading: Reading) => boolean): boolean {
  return readings.every((r) => r.outcome !== undefined && !gives(r));
}

/**
 * The one rule of both kinds of motion (docs/decisions.md 47; docs/dates.md, "Decisions"): a reported
 * outcome is recorded; when the tally rules it out (it decides: the same reading under every requirement
 * of the day, and says otherwise), that is the finding `contradicts` adds (kept as the source says with recordAnomaly);
 * without a report, the tally's reading under the lowest requirement, `required`. Undefined when neither
 * a report nor the tally says. `certain` (decision 49) is false when the outcome is that reading of an
 * undecided tally, or none: no reading and no report settles it. `basis` is 'reported' when the report
 * is recorded where the tally does not decide the same (undecided, none, or contradicting), else 'tally'.
 */
function settleOutcome(
  readings: Reading[],
  reported: Outcome | undefined,
  contradicts: (derived: Outcome) => void,
): { outcome: Outcome | undefined; certain: boolean; basis: Basis } {
  const certain = certainReading(readings);
  if (reported && ruledOut(readings, (r) => r.outcome === reported)) contradicts(readings[0].outcome as Outcome);
  return {
    outcome: reported ?? readings[0].outcome,
    certain: reported !== undefined || certain !== undefined,
    basis: reported !== undefined && reported !== certain?.outcome ? 'reported' : 'tally',
  };
}

/**
 * The choices that can win a motion (decision 50): its options, or on a yes/no question yes and no ("the
 * ayes have it", "the noes have it"). Abstaining wins nothing.
 */
function winnable(motion: MotionState): string[] {
  return motion.options ?? ['yes', 'no'];
}

/** The outcome a winner says: an option, or yes, carries the motion; no rejects it. */
function outcomeWon(motion: MotionState, winner: string): Outcome {
  return motion.options || winner === 'yes' ? 'adopted' : 'rejected';
}

/**
 * The tally under each requirement of the day, with the choice that wins under it: between options the one
 * that alone reaches it (none: rejected); on a question yes when adopted, no when rejected. One reading with
 * nothing in it when there is no tally between options; readings without an outcome on a question without
 * a yes count.
 */
function readingsOf(motion: MotionState, tally: Tally, tallyFrom: MotionDecided['tallyFrom'], requirements: number[]): Reading[] {
  const options = motion.options;
  if (!options) {
    return requirements.map((r): Reading => {
      const outcome = yesNoOutcome(tally, r);
      return { outcome, winner: outcome && (outcome === 'adopted' ? 'yes' : 'no') };
    });
  }
  if (tallyFrom === 'none') return [{}];
  return requirements.map((r): Reading => {
    const winner = optionsWinner(tally, options, r);
    return { outcome: winner ? 'adopted' : 'rejected', winner };
  });
}

/**
 * The source's reported winner as one of the choices that can win (`invalid-reported-winner` otherwise),
 * undefined when absent, invalid, or beside a reported outcome it contradicts
 * (`reported-winner-contradicts-reported-outcome`: the outcome is then what is recorded, as the source
 * reports it, and the named winner stays in `reportedWinner`, not judged against the tally).
 */
function reportedWinnerOf(motion: MotionState, command: DecideMotion, findings: Findings): string | undefined {
  const named = command.reportedWinner;
  if (named === undefined) return undefined;
  const choices = winnable(motion);
  const winner = choices.find((c) => c === canonicalChoice(motion, named));
  if (winner === undefined) {
    findings.add('invalid-reported-winner', `${JSON.stringify(named)} is not one of the options (${choices.join(', ')})`, { reportedWinner: named, options: choices });
  }
  // Any option named between options says adopted, valid or not; an invalid choice on a question says nothing.
  const says = winner !== undefined ? outcomeWon(motion, winner) : motion.options ? 'adopted' : undefined;
  if (command.reportedOutcome !== undefined && says !== undefined && says !== command.reportedOutcome) {
    findings.add('reported-winner-contradicts-reported-outcome', `the source says ${motion.motionId} was ${command.reportedOutcome}, but names ${named} as its winner`, {
      motionId: motion.motionId,
      reportedOutcome: command.reportedOutcome,
      reportedWinner: named,
    });
    return undefined;
  }
  return winner;
}

/**
 * The reported winner's rule against the tally, one check for a decided and an undecided tally and for
 * both kinds of motion (decision 50): the source contradicts the tally when it rules the winner out
 * (`ruledOut`: every reading has an outcome and none elects it), that is, no membership of the day lets
 * that choice win. When the tally
 * decides this is "the winner differs from the tally's" (decision 47); when it does not, the choice can
 * still be out of reach under every requirement (fewer votes than the lowest, or never alone in reaching one).
 */
function checkReportedWinner(winner: string, readings: Reading[], tally: Tally, requirements: number[], findings: Findings): boolean {
  if (!ruledOut(readings, (r) => r.winner === winner)) return true;
  const derived = [...new Set(readings.map((r) => r.winner ?? null))];
  const [lowest, highest] = [Math.min(...requirements), Math.max(...requirements)];
  findings.add(
    'reported-winner-contradicts-tally',
    `the source says ${winner} won, but with ${lowest === highest ? lowest : `${lowest} to ${highest}`} votes required the tally gives ${derived.map((d) => d ?? 'no winner').join(' or ')}`,
    { reportedWinner: winner, derivedWinner: readings[0].winner ?? null, derivedWinners: derived, tally, required: requirements[0], requiredIfAllUncertainIn: highest },
  );
  return false;
}

/**
 * Both kinds of motion through the same rules: the reported winner (`reportedWinnerOf`, `checkReportedWinner`),
 * then the outcome (`settleOutcome`), then between options the winner of an adoption.
 */
function judge(
  motion: MotionState,
  command: DecideMotion,
  rule: MotionRule,
  tally: Tally,
  tallyFrom: MotionDecided['tallyFrom'],
  requirements: number[],
  findings: Findings,
): Judged {
  const [required] = requirements;
  const readings = readingsOf(motion, tally, tallyFrom, requirements);
  const reportedWinner = reportedWinnerOf(motion, command, findings);
  // A question records no winner: its outcome says it.
  const onlyOptions = (winner: string | undefined) => (motion.options ? winner : undefined);
  if (reportedWinner !== undefined && !checkReportedWinner(reportedWinner, readings, tally, requirements, findings)) {
    // Kept with recordAnomaly: recorded as the source says it.
    return { outcome: outcomeWon(motion, reportedWinner), winner: onlyOptions(reportedWinner), certain: true, basis: 'reported' };
  }
  // A reported winner says the outcome (`outcomeWon`).
  const reported = command.reportedOutcome ?? (reportedWinner === undefined ? undefined : outcomeWon(motion, reportedWinner));
  const { outcome, certain, basis } = settleOutcome(readings, reported, (derived) =>
    findings.add(
      'reported-outcome-contradicts-tally',
      motion.options
        ? `the source says ${reported}, but the tally gives ${derived}`
        : `the source says ${reported}, but ${tally.yes} yes with ${required} required (${ruleName(rule)}) is ${derived}`,
      motion.options
        ? { reportedOutcome: reported, derivedOutcome: derived }
        : { reportedOutcome: reported, derivedOutcome: derived, yes: tally.yes, no: tally.no, abstain: tally.abstain, required, rule: ruleName(rule) },
    ),
  );
  if (outcome === undefined) {
    if (command.reportedWinner === undefined) {
      findings.add(
        'no-tally',
        motion.options
          ? `neither votes, counts, a reported winner nor a reported outcome decide ${motion.motionId}`
          : `neither votes, counts with yes, nor a reported outcome decide the motion (tally from ${tallyFrom})`,
        {},
      );
    }
    return { outcome: 'rejected', certain: false, basis };
  }
  // Rejected: no winner, even where the tally certainly elects one and a reported rejection is kept as an
  // anomaly (its figures say what the tally gives): the record claims what the source says.
  if (outcome === 'rejected') return { outcome, certain, basis };
  // Adopted: the reported winner, else the one option any reading elects. There is at most one: if A alone
  // has r votes or more, every other option has fewer than r, so none reaches a higher requirement alone,
  // and at a lower one A reaches it too, so no other is alone there. Without a report it is the winner under `required`;
  // with a reported adoption the tally cannot decide, it is the only option that can have won on the day,
  // so the source's outcome and the tally together make it certain. Without a report and with an undecided
  // tally, the winner is as uncertain as the outcome: `certain` covers both. A question records no winner.
  return { outcome, winner: onlyOptions(reportedWinner ?? readings.find((r) => r.winner !== undefined)?.winner), certain, basis };
}

function ruleName(rule: MotionRule): string {
  return typeof rule === 'object' ? `at least ${rule.atLeast}` : rule;
}
