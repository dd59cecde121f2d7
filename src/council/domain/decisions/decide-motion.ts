import { parseValidDate, ValidDate } from '../valid-date';
import { DecideMotion } from '../commands';
import { NotFoundError } from '../errors';
import { CouncilState, MotionState } from '../state';
import { MotionDecided, MotionRule } from '../events';
import { compact } from '../names';
import { ruleBase, Tally } from '../rules/decision';
import { certainReading, notGiven, Outcome, Reading, readingsOf, ruledOut, tallysOwn, unknownCountFigures } from './tally-readings';
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
  const { tally, tallyFrom } = tallyOf(motion, command, findings);
  const readings = readingsOf(motion, tally, tallyFrom, rule, base, known);
  const [{ required }] = readings;
  const total = Object.values(tally).reduce((sum, n) => sum + n, 0);
  if (known && total > base.count + base.uncertain) {
    findings.add('tally-exceeds-base', `${total} votes counted but only ${base.count + base.uncertain} ${base.of} on ${decidedOn.edtf}`, {
      votes: total,
      base: base.count + base.uncertain,
      of: base.of,
    });
  }

  const judged = judge(motion, command, rule, tally, tallyFrom, readings, findings);

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
    /** The key each choice was given under, and the choices given twice (as "Yes" and "yes", say). */
    const keyOf = new Map<string, string>();
    const twice = new Set<string>();
    for (const [key, count] of Object.entries(command.counts)) {
      const choice = canonicalChoice(motion, key);
      if (choice === undefined) {
        findings.add('invalid-count-key', `${JSON.stringify(key)} is not a choice on ${motion.motionId}`, { key });
        tally[key] = count;
      } else if (keyOf.has(choice)) {
        const first = keyOf.get(choice) as string;
        findings.add('duplicate-count-key', `${JSON.stringify(first)} and ${JSON.stringify(key)} both count ${choice} on ${motion.motionId}: ${command.counts[first]} and ${count}`, {
          choice,
          keys: [first, key],
          counts: [command.counts[first], count],
        });
        twice.add(choice);
      } else {
        keyOf.set(choice, key);
        tally[choice] = count;
      }
    }
    // Kept with recordAnomaly: two figures for one choice, neither known to be right: its count is unknown,
    // as if left out (decision 52).
    for (const choice of twice) delete tally[choice];
    return { tally, tallyFrom: 'reported' };
  }
  return { tally: {}, tallyFrom: 'none' };
}

interface Judged {
  outcome: Outcome;
  winner?: string;
  /** `outcomeCertain` (decision 49): false when neither the tally nor the source settles the outcome. */
  certain: boolean;
  /** `outcomeBasis` (decision 49): 'reported' when the source's report is recorded where the tally does not decide the same. */
  basis: Basis;
}

type Basis = NonNullable<MotionDecided['outcomeBasis']>;

/**
 * The one rule of both kinds of motion (docs/decisions.md 47, 52; docs/dates.md, "Decisions"): a reported
 * outcome is recorded; when the tally rules it out (`ruledOut`: no reading of the day allows it), that is
 * the finding `contradicts` adds (kept as the source says with recordAnomaly); without a report, the
 * tally's own result (`tallysOwn`: the first reading that decides, the one under `required` when it does).
 * Undefined when neither a report nor the tally says. `certain` (decision 49) is false when there is no
 * report and the readings disagree or do not decide. `basis` is 'reported' when the report is recorded
 * where the tally does not decide the same (undecided, none, or contradicting), else 'tally'.
 */
function settleOutcome(
  readings: Reading[],
  reported: Outcome | undefined,
  contradicts: (derived: Outcome) => void,
): { outcome: Outcome | undefined; winner?: string; certain: boolean; basis: Basis } {
  const certain = certainReading(readings);
  // Ruled out, every reading allows only the other outcome: each decides it.
  if (reported && ruledOut(readings, (r) => r.outcome === reported)) contradicts(readings[0].outcome as Outcome);
  const own = reported === undefined ? tallysOwn(readings) : undefined;
  return {
    outcome: reported ?? own?.outcome,
    winner: own?.winner,
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

/** What the tally gives, in words: between options the winner or "no winner"; on a question the outcome, with the choice that won. */
function givesInWords(motion: MotionState, winner: string | null): string {
  if (motion.options) return winner ?? 'no winner';
  return winner === 'yes' ? 'an adoption (yes won)' : 'a rejection (no won)';
}

/** "21" or "21 to 23": the votes required on the day. */
function requiredInWords(requirements: number[]): string {
  const [lowest, highest] = [Math.min(...requirements), Math.max(...requirements)];
  return lowest === highest ? `${lowest}` : `${lowest} to ${highest}`;
}

/**
 * The reported winner's rule against the tally, one check for a decided and an undecided tally and for
 * both kinds of motion (decisions 50, 52): the source contradicts the tally when it rules the winner out
 * (`ruledOut`: no reading allows it), that is, under no membership of the day does that choice win, whatever
 * the counts the source leaves out were. When the tally decides this is "the winner differs from the
 * tally's" (decision 47); when it does not, the choice can still be out of reach under every requirement
 * (fewer votes than the lowest, never alone in reaching one, or, left out of the counts, more votes than
 * anyone accounts for).
 */
function checkReportedWinner(motion: MotionState, winner: string, readings: Reading[], tally: Tally, unknown: string[], findings: Findings): boolean {
  if (!ruledOut(readings, (r) => r.winner === winner)) return true;
  const derived = [...new Set(readings.flatMap((r) => r.results.map((result) => result.winner ?? null)))];
  const requirements = readings.map((r) => r.required);
  const slack = unknownCountFigures(unknown, readings);
  const [first] = readings;
  findings.add(
    'reported-winner-contradicts-tally',
    `the source says ${winner} won, but with ${requiredInWords(requirements)} votes required the tally gives ${derived.map((d) => givesInWords(motion, d)).join(' or ')}${slack.words}`,
    {
      reportedWinner: winner,
      ...(first.outcome !== undefined ? { derivedWinner: first.winner ?? null } : {}),
      derivedWinners: derived,
      tally,
      required: requirements[0],
      requiredIfAllUncertainIn: Math.max(...requirements),
      ...slack.figures,
    },
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
  readings: Reading[],
  findings: Findings,
): Judged {
  const requirements = readings.map((r) => r.required);
  const [required] = requirements;
  const unknown = notGiven(motion, tally, tallyFrom);
  const reportedWinner = reportedWinnerOf(motion, command, findings);
  // A question records no winner: its outcome says it.
  const onlyOptions = (winner: string | undefined) => (motion.options ? winner : undefined);
  if (reportedWinner !== undefined && !checkReportedWinner(motion, reportedWinner, readings, tally, unknown, findings)) {
    // Kept with recordAnomaly: recorded as the source says it.
    return { outcome: outcomeWon(motion, reportedWinner), winner: onlyOptions(reportedWinner), certain: true, basis: 'reported' };
  }
  // A reported winner says the outcome (`outcomeWon`).
  const reported = command.reportedOutcome ?? (reportedWinner === undefined ? undefined : outcomeWon(motion, reportedWinner));
  const { outcome, winner, certain, basis } = settleOutcome(readings, reported, (derived) => {
    const slack = unknownCountFigures(unknown, readings);
    const among = `with ${requiredInWords(requirements)} votes required`;
    findings.add(
      'reported-outcome-contradicts-tally',
      motion.options
        ? `the source says ${reported}, but ${unknown.length > 0 ? `${among} ` : ''}the tally gives ${derived}${slack.words}`
        : tally.yes === undefined
          ? `the source says ${reported}, but ${among} (${ruleName(rule)}) the tally gives ${derived}: yes cannot reach it${slack.words}`
          : `the source says ${reported}, but ${tally.yes} yes with ${required} required (${ruleName(rule)}) is ${derived}`,
      motion.options
        ? { reportedOutcome: reported, derivedOutcome: derived, tally, required, requiredIfAllUncertainIn: Math.max(...requirements), rule: ruleName(rule), ...slack.figures }
        : {
            reportedOutcome: reported, derivedOutcome: derived, yes: tally.yes, no: tally.no, abstain: tally.abstain, required, rule: ruleName(rule),
            ...(tally.yes === undefined ? { requiredIfAllUncertainIn: Math.max(...requirements) } : {}), ...slack.figures,
          },
    );
  });
  if (outcome === undefined) {
    if (command.reportedWinner === undefined) {
      // Counts without yes that decide under no membership (decision 52): say what leaves yes open.
      const slack = unknownCountFigures(unknown, readings);
      // With the votes required unknown (the attendance is), no count decides: `majority-of-present-without-attendance`
      // already says why, so no second finding.
      if (!readings[0].requiredUnknown) {
        findings.add(
          'no-tally',
          motion.options
            ? `neither votes, counts, a reported winner nor a reported outcome decide ${motion.motionId}`
            : `neither votes, counts with yes, nor a reported outcome decide the motion (tally from ${tallyFrom})${slack.words}`,
          unknown.length > 0 ? { required, requiredIfAllUncertainIn: Math.max(...requirements), ...slack.figures } : {},
        );
      }
    }
    return { outcome: 'rejected', certain: false, basis };
  }
  // Rejected: no winner, even where the tally certainly elects one and a reported rejection is kept as an
  // anomaly (its figures say what the tally gives): the record claims what the source says.
  if (outcome === 'rejected') return { outcome, certain, basis };
  // Adopted: the reported winner; else without a report the tally's own (`tallysOwn`, as uncertain as the
  // outcome: `certain` covers both); else, for a reported adoption, the one option any reading allows to
  // win, and none when two can (decision 52: with counts left out, more than one may). With every count
  // known there is at most one: if A alone has r votes or more, every other option has fewer than r, so
  // none reaches a higher requirement alone, and at a lower one A reaches it too, so no other is alone
  // there; the source's outcome and the tally together then make it certain. A question records no winner.
  const allowed = [...new Set(readings.flatMap((r) => r.results.flatMap((result) => (result.winner === undefined ? [] : [result.winner]))))];
  return { outcome, winner: onlyOptions(reportedWinner ?? winner ?? (reported !== undefined && allowed.length === 1 ? allowed[0] : undefined)), certain, basis };
}

function ruleName(rule: MotionRule): string {
  return typeof rule === 'object' ? `at least ${rule.atLeast}` : rule;
}
