import { parseValidDate } from '../valid-date';
import { CastVote } from '../commands';
import { NotFoundError } from '../errors';
import { compact, normalizeName } from '../names';
import { resolveOrThrow } from '../resolve-member';
import { checkLifetime } from '../rules/lifetime';
import { inOffice } from '../rules/membership';
import { checkNotBeforeOpened } from '../rules/motion-dates';
import { CouncilInfo, CouncilState, MemberState, MotionState } from '../state';
import { Findings } from '../violations';
import { Decision, requireCouncil } from './types';

const YES_NO = ['yes', 'no', 'abstain'];

/** The date a motion is voted on: its meeting's date or, online, the day it was opened. */
export function motionDate(state: CouncilState, motion: MotionState): string {
  const meeting = motion.meetingId ? state.meetings.get(motion.meetingId) : undefined;
  return meeting ? meeting.date.edtf : motion.openedOn.edtf;
}

/** The motion's spelling of a choice: yes/no/abstain, or one of its options (case-insensitive). */
export function canonicalChoice(motion: MotionState, choice: string): string | undefined {
  const key = normalizeName(choice);
  const allowed = motion.options ? [...motion.options, 'abstain'] : YES_NO;
  return allowed.find((c) => normalizeName(c) === key);
}

/**
 * The rules a vote and a pairing share, in one place: the council existed that day, the motion is still
 * open and was opened by then, and each member named was in office on the motion's date.
 */
export function checkVotingDay(
  council: CouncilInfo,
  motion: MotionState,
  castOn: string,
  members: MemberState[],
  what: 'vote' | 'pairing',
  findings: Findings,
): void {
  const date = parseValidDate(castOn);
  checkLifetime(council, date, `a ${what} on ${motion.motionId}`, findings);
  if (motion.decided) {
    findings.add('motion-already-decided', `${motion.motionId} was decided on ${motion.decided.decidedOn}: no more ${what}s`, {
      motionId: motion.motionId,
      decidedOn: motion.decided.decidedOn,
    });
  }
  for (const member of members) {
    if (inOffice(member, date) === 'no') {
      findings.add('voter-not-in-office', `${member.name} was not a member in office on ${castOn}`, { memberId: member.memberId, on: castOn });
    }
  }
  checkNotBeforeOpened(motion, date, 'vote-before-opened', `a ${what} on ${motion.motionId}`, findings);
}

export function castVote(state: CouncilState, command: CastVote): Decision {
  const council = requireCouncil(state);
  const motion = state.motions.get(command.motionId);
  if (!motion) throw new NotFoundError('motion', command.motionId);
  const castOn = motionDate(state, motion);
  const date = parseValidDate(castOn);
  const member = resolveOrThrow(state, 'member', command.member, date);
  const findings = new Findings();
  checkVotingDay(council, motion, castOn, [member], 'vote', findings);
  const earlier = motion.votes.get(member.memberId);
  if (earlier) {
    findings.add('vote-twice', `${member.name} already voted ${earlier.choice} on ${motion.motionId}`, {
      memberId: member.memberId,
      motionId: motion.motionId,
      earlierChoice: earlier.choice,
    });
  }
  const pair = motion.pairs.get(member.memberId);
  if (pair) {
    findings.add('paired-and-voted', `${member.name} is paired with ${pair.pairedWith} on ${motion.motionId}: a pairing is an agreement not to vote`, {
      memberId: member.memberId,
      motionId: motion.motionId,
      pairedWith: pair.pairedWith,
    });
  }
  let choice = canonicalChoice(motion, command.choice);
  if (choice === undefined) {
    const allowed = motion.options ? [...motion.options, 'abstain'] : YES_NO;
    findings.add('invalid-choice', `${JSON.stringify(command.choice)} is not a choice on ${motion.motionId} (${allowed.join(', ')})`, {
      choice: command.choice,
      allowed,
    });
    choice = command.choice;
  }
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'VoteCast',
        data: compact({
          motionId: motion.motionId,
          memberId: member.memberId,
          name: member.name,
          choice,
          castOn,
          note: command.note,
          anomalies,
        }),
      },
    ],
    reply: { motionId: motion.motionId, memberId: member.memberId, choice },
  };
}
