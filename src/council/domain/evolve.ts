import { parseValidDate } from './valid-date';
import { CouncilEvent, CouncilEventMap, CouncilFactData, EventMetadataV1, motionModeOf } from './events';
import { compact, normalizeName } from './names';
import { CouncilState, FactEntry, FactType, claimName, initialState } from './state';

/**
 * Applies one recorded (already upcast) event to the state and returns it.
 *
 * For speed this MUTATES `state` and returns the same object: the command handler keeps one state per
 * council and feeds it each appended event. decide() never mutates; a caller that needs the state as it
 * was must build another one (e.g. `stateFromFacts`).
 *
 * Facts are indexed as they come. Corrections are rare, so a FactRetracted / FactCorrected updates the
 * effective fact in `facts` (keeping its place in record order) and rebuilds the derived indexes from
 * all effective facts.
 */
export function evolve(state: CouncilState, event: CouncilEvent): CouncilState {
  rememberRequest(state, event);
  state.revision = event.revision;
  state.position = event.position;
  switch (event.type) {
    case 'FactRetracted': {
      const fact = state.facts.get(event.data.eventId);
      if (fact) {
        state.facts.delete(event.data.eventId);
        state.retracted.set(event.data.eventId, fact);
        rebuildIndexes(state);
      }
      return state;
    }
    case 'FactCorrected': {
      const fact = state.facts.get(event.data.eventId);
      if (fact) {
        fact.type = event.data.replacement.type as FactType;
        fact.data = event.data.replacement.data;
        fact.corrections.push(event.id);
        rebuildIndexes(state);
      }
      return state;
    }
    default: {
      const entry: FactEntry = { type: event.type, data: event.data, recordedType: event.type, corrections: [] };
      state.facts.set(event.id, entry);
      applyFact(state, event.id, entry);
      return state;
    }
  }
}

/** A fresh state holding the given effective facts (in their order), minus `without`. Does not touch `from`. */
export function stateFromFacts(from: CouncilState, without?: string): CouncilState {
  const state = initialState();
  for (const [eventId, fact] of from.facts) {
    if (eventId === without) continue;
    state.facts.set(eventId, { ...fact, corrections: [...fact.corrections] });
  }
  rebuildIndexes(state);
  state.revision = from.revision;
  state.position = from.position;
  return state;
}

function rebuildIndexes(state: CouncilState): void {
  state.council = undefined;
  state.members.clear();
  state.nameIndex.clear();
  state.officers.clear();
  state.elections.clear();
  state.workingGroups.clear();
  state.meetings.clear();
  state.meetingNumbers.clear();
  state.motions.clear();
  state.groups.clear();
  state.affiliations.clear();
  for (const [eventId, fact] of state.facts) applyFact(state, eventId, fact);
}

/**
 * Remembers the request an event's metadata claims (its Idempotency-Key, or its request id). A keyed request
 * names its key and hash on every event and its reply on the last; a keyless request names its request id,
 * hash, reply and event count on its last event only (its ids are derived from the claim, so the count
 * is enough to name them). The council writer calls this for a request it has just decided, too.
 */
export function rememberRequest(state: CouncilState, event: { id: string; metadata: EventMetadataV1; position: bigint; revision: bigint }): void {
  const { requestHash, reply, requestEvents } = event.metadata;
  const claim = claimName(event.metadata);
  if (!claim) return;
  if (event.metadata.idempotencyKey === undefined) {
    // A request id's claim: one event says it all; its reply stays in the record (read back on a resend).
    state.requests.set(claim, { requestHash: requestHash ?? '', reply: undefined, eventIds: [], events: requestEvents ?? 1, position: event.position, revision: event.revision });
    return;
  }
  const known = state.requests.get(claim);
  if (known && known.requestHash === (requestHash ?? '')) {
    if (known.eventIds[known.eventIds.length - 1] !== event.id) known.eventIds.push(event.id);
    known.position = event.position;
    // Older records carry the reply on every event; newer ones on the last event of the request only.
    if (reply !== undefined) known.reply = reply;
    return;
  }
  state.requests.set(claim, {
    requestHash: requestHash ?? '',
    reply,
    eventIds: [event.id],
    position: event.position,
  });
}

/**
 * Indexes one effective fact. Facts that refer to something no longer in the record (a departure of a
 * retracted election) are ignored; a duplicate that a historian recorded anyway (`recordAnomaly`) does
 * not displace the first one in the indexes.
 */
function applyFact(state: CouncilState, eventId: string, fact: { type: FactType; data: CouncilFactData }): void {
  const data = fact.data;
  switch (fact.type) {
    case 'CouncilFounded': {
      const d = data as CouncilEventMap['CouncilFounded'];
      state.council = {
        councilId: d.councilId,
        name: d.name,
        foundedOn: d.foundedOn !== undefined ? parseValidDate(d.foundedOn) : undefined,
        seats: d.seats,
        curiae: new Map(d.curiae.map((c) => [c.key, c])),
        rules: d.rules,
        placement: compact({ type: d.type, level: d.level, parentCouncilId: d.parentCouncilId }),
      };
      return;
    }
    case 'MemberElected': {
      const d = data as CouncilEventMap['MemberElected'];
      if (state.members.has(d.memberId)) return;
      state.members.set(d.memberId, {
        memberId: d.memberId,
        name: d.name,
        aliases: d.aliases ?? [],
        curia: d.curia,
        electedOn: parseValidDate(d.electedOn),
        rank: d.rank,
        votes: d.votes,
        electionId: d.electionId,
        constituency: d.constituency,
        identifiers: d.identifiers,
      });
      for (const name of [d.name, ...(d.aliases ?? [])]) {
        const key = normalizeName(name);
        const ids = state.nameIndex.get(key) ?? new Set<string>();
        ids.add(d.memberId);
        state.nameIndex.set(key, ids);
      }
      return;
    }
    case 'ElectionRecorded': {
      const d = data as CouncilEventMap['ElectionRecorded'];
      if (state.elections.has(d.electionId)) return;
      state.elections.set(d.electionId, { electionId: d.electionId, heldOn: d.heldOn !== undefined ? parseValidDate(d.heldOn) : undefined, data: d });
      return;
    }
    case 'MemberLeft': {
      const d = data as CouncilEventMap['MemberLeft'];
      const member = state.members.get(d.memberId);
      if (!member || member.leftOn) return;
      member.leftOn = parseValidDate(d.leftOn);
      member.departureReason = d.reason;
      return;
    }
    case 'OfficerAppointed': {
      const d = data as CouncilEventMap['OfficerAppointed'];
      const role = state.officers.get(d.role) ?? { past: [] };
      if (role.current) role.past.push(role.current);
      role.current = {
        role: d.role,
        memberId: d.memberId,
        name: d.name,
        from: parseValidDate(d.from),
        nonMember: d.nonMember === true,
      };
      state.officers.set(d.role, role);
      return;
    }
    case 'OfficerTermEnded': {
      const d = data as CouncilEventMap['OfficerTermEnded'];
      const role = state.officers.get(d.role);
      if (!role?.current) return;
      role.past.push({ ...role.current, to: parseValidDate(d.to) });
      role.current = undefined;
      return;
    }
    case 'WorkingGroupFormed': {
      const d = data as CouncilEventMap['WorkingGroupFormed'];
      if (state.workingGroups.has(d.workingGroupId)) return;
      state.workingGroups.set(d.workingGroupId, {
        workingGroupId: d.workingGroupId,
        name: d.name,
        formedOn: parseValidDate(d.formedOn),
        members: d.members,
      });
      return;
    }
    case 'MeetingHeld':
    case 'QuorumFailed': {
      const d = data as CouncilEventMap['MeetingHeld'];
      if (state.meetings.has(d.meetingId)) return;
      state.meetings.set(d.meetingId, {
        meetingId: d.meetingId,
        number: d.number,
        date: parseValidDate(d.date),
        kind: d.kind,
        outcome: fact.type === 'MeetingHeld' ? 'held' : 'quorum-failed',
        present: d.presentCount ?? d.present?.length,
      });
      if (d.number !== undefined && !state.meetingNumbers.has(d.number)) state.meetingNumbers.set(d.number, d.meetingId);
      return;
    }
    case 'MeetingNotAssembled': {
      const d = data as CouncilEventMap['MeetingNotAssembled'];
      if (state.meetings.has(d.meetingId)) return;
      state.meetings.set(d.meetingId, { meetingId: d.meetingId, number: d.number, date: parseValidDate(d.date), kind: d.kind, outcome: 'not-assembled' });
      if (d.number !== undefined && !state.meetingNumbers.has(d.number)) state.meetingNumbers.set(d.number, d.meetingId);
      return;
    }
    case 'MotionTabled': {
      const d = data as CouncilEventMap['MotionTabled'];
      if (state.motions.has(d.motionId)) return;
      state.motions.set(d.motionId, {
        motionId: d.motionId,
        title: d.title,
        kind: d.kind,
        options: d.options,
        meetingId: d.meetingId,
        openedOn: parseValidDate(d.openedOn),
        mode: motionModeOf(d),
        online: d.online,
        rule: d.rule,
        votes: new Map(),
        pairs: new Map(),
      });
      return;
    }
    case 'VoteCast': {
      const d = data as CouncilEventMap['VoteCast'];
      const motion = state.motions.get(d.motionId);
      if (!motion) return;
      const key = d.memberId ?? `name:${normalizeName(d.name)}`;
      if (!motion.votes.has(key)) {
        motion.votes.set(key, { memberId: d.memberId, name: d.name, choice: d.choice, eventId });
      }
      return;
    }
    case 'VotePaired': {
      const d = data as CouncilEventMap['VotePaired'];
      const motion = state.motions.get(d.motionId);
      if (motion && !motion.pairs.has(d.memberId)) motion.pairs.set(d.memberId, { pairedWith: d.pairedWith, eventId });
      return;
    }
    case 'MotionDecided': {
      const d = data as CouncilEventMap['MotionDecided'];
      const motion = state.motions.get(d.motionId);
      if (motion && !motion.decided) motion.decided = d;
      return;
    }
    case 'GroupFounded': {
      const d = data as CouncilEventMap['GroupFounded'];
      if (state.groups.has(d.groupId)) return;
      state.groups.set(d.groupId, {
        groupId: d.groupId,
        name: d.name,
        classification: d.classification,
        foundedOn: d.foundedOn !== undefined ? parseValidDate(d.foundedOn) : undefined,
      });
      return;
    }
    case 'MemberAffiliated': {
      const d = data as CouncilEventMap['MemberAffiliated'];
      // An outside affiliation (a party membership, issue 25) is not a group the member sat for: no rule of
      // the council reads it, so the state keeps only the council's own.
      if (d.outside) return;
      const list = state.affiliations.get(d.memberId) ?? [];
      list.push({
        memberId: d.memberId,
        groupId: d.groupId,
        from: d.from !== undefined ? parseValidDate(d.from) : undefined,
        to: d.to !== undefined ? parseValidDate(d.to) : undefined,
        eventId,
      });
      state.affiliations.set(d.memberId, list);
      return;
    }
    case 'CouncilDissolved': {
      const d = data as CouncilEventMap['CouncilDissolved'];
      if (state.council && !state.council.dissolvedOn) state.council.dissolvedOn = parseValidDate(d.dissolvedOn);
      return;
    }
    case 'CouncilClassified': {
      const d = data as CouncilEventMap['CouncilClassified'];
      if (state.council) state.council.placement = { ...state.council.placement, ...compact({ type: d.type, level: d.level, parentCouncilId: d.parentCouncilId }) };
      return;
    }
  }
}
