import { parseValidDate } from '../valid-date';
import { PairVote } from '../commands';
import { NotFoundError } from '../errors';
import { compact } from '../names';
import { resolveOrThrow } from '../resolve-member';
import { CouncilState } from '../state';
import { Findings } from '../violations';
import { checkVotingDay, motionDate } from './cast-vote';
import { Decision, requireCouncil } from './types';

/**
 * Issue 21: a member paired with another on a motion (Popolo's option "paired" with pair_id). A pairing is
 * an agreement not to vote, so it is no vote and never counts in the tally; the rules are a vote's where
 * they apply (both in office on the motion's date, the motion still open), and a pairing must be one:
 * `paired-with-self`, `paired-and-voted` (the spec: a pair is stated only when respected), `paired-twice`.
 */
export function pairVote(state: CouncilState, command: PairVote): Decision {
  const council = requireCouncil(state);
  const motion = state.motions.get(command.motionId);
  if (!motion) throw new NotFoundError('motion', command.motionId);
  const castOn = motionDate(state, motion);
  const date = parseValidDate(castOn);
  const member = resolveOrThrow(state, 'member', command.member, date);
  const partner = resolveOrThrow(state, 'member', command.pairedWith, date);
  const findings = new Findings();
  checkVotingDay(council, motion, castOn, member.memberId === partner.memberId ? [member] : [member, partner], 'pairing', findings);
  if (member.memberId === partner.memberId) {
    findings.add('paired-with-self', `${member.name} cannot be paired with themselves on ${motion.motionId}`, { memberId: member.memberId });
  }
  const vote = motion.votes.get(member.memberId);
  if (vote) {
    findings.add('paired-and-voted', `${member.name} voted ${vote.choice} on ${motion.motionId}: a pairing is an agreement not to vote`, {
      memberId: member.memberId,
      motionId: motion.motionId,
      choice: vote.choice,
    });
  }
  const earlier = motion.pairs.get(member.memberId);
  if (earlier) {
    findings.add('paired-twice', `${member.name} is already paired on ${motion.motionId} (with ${earlier.pairedWith})`, {
      memberId: member.memberId,
      motionId: motion.motionId,
      pairedWith: earlier.pairedWith,
    });
  }
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'VotePaired',
        data: compact({
          motionId: motion.motionId,
          memberId: member.memberId,
          name: member.name,
          pairedWith: partner.memberId,
          pairedWithName: partner.name,
          castOn,
          note: command.note,
          anomalies,
        }),
      },
    ],
    reply: { motionId: motion.motionId, memberId: member.memberId, pairedWith: partner.memberId },
  };
}
