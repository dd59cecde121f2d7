import { CouncilEventMap, CouncilEventType } from './events';
import { normalizeName } from './names';
import { CouncilState } from './state';

/**
 * The exact inverse of what evolve() (`applyFact` in evolve.ts) is about to do to `state` for one new fact,
 * taken before it is applied: calling the returned function after it puts every index back as it was.
 * Undoing a refused request's facts in reverse order costs what the request did, not what the council
 * holds (issue 26: a refused batch on a 650-member chamber took over a second to rebuild every index).
 *
 * Undefined for a correction or retraction (they rebuild every index: nothing cheap to undo). Keep it in
 * step with applyFact; test/council/batch-bounds.int.spec.ts checks the two against a fresh load.
 */
export function undoOfFact(state: CouncilState, type: CouncilEventType, data: unknown): (() => void) | undefined {
  switch (type) {
    case 'CouncilFounded': {
      const before = state.council;
      return () => {
        state.council = before;
      };
    }
    case 'CouncilDissolved': {
      const council = state.council;
      if (!council || council.dissolvedOn) return noop;
      return () => {
        delete council.dissolvedOn;
      };
    }
    case 'CouncilClassified': {
      const council = state.council;
      if (!council) return noop;
      const before = council.placement;
      return () => {
        council.placement = before;
      };
    }
    case 'MemberElected': {
      const d = data as CouncilEventMap['MemberElected'];
      if (state.members.has(d.memberId)) return noop;
      const names = [d.name, ...(d.aliases ?? [])].map((name) => {
        const key = normalizeName(name);
        const ids = state.nameIndex.get(key);
        return { key, existed: ids !== undefined, had: ids?.has(d.memberId) ?? false };
      });
      return () => {
        state.members.delete(d.memberId);
        for (const { key, existed, had } of names.reverse()) {
          if (!existed) state.nameIndex.delete(key);
          else if (!had) state.nameIndex.get(key)?.delete(d.memberId);
        }
      };
    }
    case 'MemberLeft': {
      const d = data as CouncilEventMap['MemberLeft'];
      const member = state.members.get(d.memberId);
      if (!member || member.leftOn) return noop;
      const reason = member.departureReason;
      return () => {
        delete member.leftOn;
        if (reason === undefined) delete member.departureReason;
        else member.departureReason = reason;
      };
    }
    case 'ElectionRecorded':
      return removeIfNew(state.elections, (data as CouncilEventMap['ElectionRecorded']).electionId);
    case 'WorkingGroupFormed':
      return removeIfNew(state.workingGroups, (data as CouncilEventMap['WorkingGroupFormed']).workingGroupId);
    case 'GroupFounded':
      return removeIfNew(state.groups, (data as CouncilEventMap['GroupFounded']).groupId);
    case 'MotionTabled':
      return removeIfNew(state.motions, (data as CouncilEventMap['MotionTabled']).motionId);
    case 'OfficerAppointed':
    case 'OfficerTermEnded': {
      const role = (data as CouncilEventMap['OfficerAppointed']).role;
      const terms = state.officers.get(role);
      if (!terms) return () => state.officers.delete(role);
      const { current } = terms;
      const past = terms.past.length;
      return () => {
        terms.current = current;
        if (current === undefined) delete terms.current;
        terms.past.length = past;
      };
    }
    case 'MeetingHeld':
    case 'QuorumFailed':
    case 'MeetingNotAssembled': {
      const d = data as CouncilEventMap['MeetingHeld'];
      const meeting = removeIfNew(state.meetings, d.meetingId);
      if (meeting === noop) return noop;
      const number = d.number !== undefined && !state.meetingNumbers.has(d.number) ? d.number : undefined;
      return () => {
        meeting();
        if (number !== undefined) state.meetingNumbers.delete(number);
      };
    }
    case 'VoteCast': {
      const d = data as CouncilEventMap['VoteCast'];
      const motion = state.motions.get(d.motionId);
      return motion ? removeIfNew(motion.votes, d.memberId ?? `name:${normalizeName(d.name)}`) : noop;
    }
    case 'VotePaired': {
      const d = data as CouncilEventMap['VotePaired'];
      const motion = state.motions.get(d.motionId);
      return motion ? removeIfNew(motion.pairs, d.memberId) : noop;
    }
    case 'MotionDecided': {
      const motion = state.motions.get((data as CouncilEventMap['MotionDecided']).motionId);
      if (!motion || motion.decided) return noop;
      return () => {
        delete motion.decided;
      };
    }
    case 'MemberAffiliated': {
      const memberId = (data as CouncilEventMap['MemberAffiliated']).memberId;
      const list = state.affiliations.get(memberId);
      if (!list) return () => state.affiliations.delete(memberId);
      const length = list.length;
      return () => {
        list.length = length;
      };
    }
    case 'MemberStatusChanged':
    case 'CouncilDescribed':
    case 'CouncilBodyFormed':
    case 'MembersStatementIssued':
      // Kept in `facts` only: no index to undo.
      return noop;
    case 'FactCorrected':
    case 'FactRetracted':
      return undefined;
    default: {
      // A type added to the record must say here how it is undone (the compiler asks).
      const unknown: never = type;
      return unknown;
    }
  }
}

const noop = (): void => undefined;

function removeIfNew<K>(map: Map<K, unknown>, key: K): () => void {
  if (map.has(key)) return noop;
  return () => {
    map.delete(key);
  };
}
