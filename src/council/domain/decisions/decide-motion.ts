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
  const required = requiredVotes(rule, base.count);
  const requiredIfAllUncertainIn = requiredVotes(rule, base.count + base.uncertain);
  const { tally, tallyFrom } = tallyOf(motion, command, findings);
  const total = Object.values(tally).reduce((sum, n) => sum + n, 0);
  if (known && total > base.count + base.uncertain) {
    findings.add('tally-exceeds-base', `${total} votes counted but only ${base.count + base.uncertain} ${base.of} on ${decidedOn.edtf}`, {
      votes: total,
      base: base.count + base.uncertain,
      of: base.of,
    });
  }

  const judged = motion.options
    ? judgeOptions(motion, motion.options, command, tally, tallyFrom, required, requiredIfAllUncertainIn, findings)
    : judgeYesNo(command, rule, tally, tallyFrom, required, requiredIfAllUncertainIn, findings);

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
    reportedOutcome: command.reportedOutcome,
    reportedWinner: command.reportedWinner,
    note: command.note,
    anomalies,
  });
  const reply = motion.options
    ? compact({ outcome: judged.outcome, winner: judged.winner, counts: tally, required })
    : { outcome: judged.outcome, yes: tally.yes, no: tally.no, abstain: tally.abstain, required };
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

interface Judged {
  outcome: MotionDecided['outcome'];
  winner?: string;
}

function judgeYesNo(
  command: DecideMotion,
  rule: MotionRule,
  tally: Tally,
  tallyFrom: MotionDecided['tallyFrom'],
  required: number,
  requiredIfAllUncertainIn: number,
  findings: Findings,
): Judged {
  const derived = yesNoOutcome(tally, required);
  const certain = derived === yesNoOutcome(tally, requiredIfAllUncertainIn) ? derived : undefined;
  if (certain) {
    if (command.reportedOutcome && command.reportedOutcome !== certain) {
      findings.add(
        'reported-outcome-contradicts-tally',
        `the source says ${command.reportedOutcome}, but ${tally.yes} yes with ${required} required (${ruleName(rule)}) is ${certain}`,
        { reportedOutcome: command.reportedOutcome, derivedOutcome: certain, yes: tally.yes, no: tally.no, abstain: tally.abstain, required, rule: ruleName(rule) },
      );
      return { outcome: command.reportedOutcome };
    }
    return { outcome: certain };
  }
  if (command.reportedOutcome) return { outcome: command.reportedOutcome };
  if (derived) return { outcome: derived };
  findings.add('no-tally', `neither votes, counts with yes, nor a reported outcome decide the motion (tally from ${tallyFrom})`, {});
  return { outcome: 'rejected' };
}

function judgeOptions(
  motion: MotionState,
  options: string[],
  command: DecideMotion,
  tally: Tally,
  tallyFrom: MotionDecided['tallyFrom'],
  required: number,
  requiredIfAllUncertainIn: number,
  findings: Findings,
): Judged {
  let reportedWinner: string | undefined;
  if (command.reportedWinner !== undefined) {
    reportedWinner = options.find((o) => o === canonicalChoice(motion, command.reportedWinner as string));
    if (reportedWinner === undefined) {
      findings.add('invalid-reported-winner', `${JSON.stringify(command.reportedWinner)} is not one of the options (${options.join(', ')})`, {
        reportedWinner: command.reportedWinner,
        options,
      });
    }
  }
  if (tallyFrom === 'none') {
    if (command.reportedWinner === undefined && !command.reportedOutcome) {
      findings.add('no-tally', `neither votes, counts, a reported winner nor a reported outcome decide ${motion.motionId}`, {});
    }
    return { outcome: command.reportedOutcome ?? (reportedWinner ? 'adopted' : 'rejected'), winner: reportedWinner };
  }
  const winner = optionsWinner(tally, options, required);
  const certain = winner === optionsWinner(tally, options, requiredIfAllUncertainIn);
  if (certain && reportedWinner !== undefined && reportedWinner !== winner) {
    findings.add(
      'reported-winner-contradicts-tally',
      `the source says ${reportedWinner} won, but with ${required} votes required the tally gives ${winner ?? 'no winner'}`,
      { reportedWinner, derivedWinner: winner ?? null, tally, required },
    );
    return { outcome: 'adopted', winner: reportedWinner };
  }
  const chosen = certain ? winner : (reportedWinner ?? winner);
  const outcome = chosen ? 'adopted' : 'rejected';
  if (command.reportedOutcome && command.reportedOutcome !== outcome && certain) {
    findings.add('reported-outcome-contradicts-tally', `the source says ${command.reportedOutcome}, but the tally gives ${outcome}`, {
      reportedOutcome: command.reportedOutcome,
      derivedOutcome: outcome,
    });
    return { outcome: command.reportedOutcome, winner: chosen };
  }
  return { outcome, winner: chosen };
}

function ruleName(rule: MotionRule): string {
  return typeof rule === 'object' ? `at least ${rule.atLeast}` : rule;
}
