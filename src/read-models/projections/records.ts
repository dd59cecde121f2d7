import type { Database } from 'better-sqlite3';
import { DerivedProjector, FactChange, flag, int, json, touches } from './fact-change';
import { FactType, FactVersion, bounds, isType } from './facts';
import { Value, VersionedTable } from './versioned-table';
import { MAX_INDEXED_DAY, MIN_INDEXED_DAY } from '../as-of-index';

/**
 * Tables whose rows come from a single fact each (a meeting and its named attendance, a vote, a working
 * group and its members): a change closes the rows of that fact and inserts those of its new version.
 */
function recordProjector(
  types: readonly FactType[],
  tables: VersionedTable[],
  insert: (change: FactChange, fact: FactVersion) => void,
  keyOf: (change: FactChange & { before: FactVersion }) => Value[] | undefined = (change) => [change.factId],
): DerivedProjector {
  return (change) => {
    if (!touches(change, types)) return;
    const key = change.before && keyOf(change as FactChange & { before: FactVersion });
    if (key) for (const table of tables) table.closeAll(key, change.stamp);
    if (change.after && types.includes(change.after.type)) insert(change, change.after);
  };
}

export function meetingsProjector(db: Database, options: { rebuild?: boolean } = {}): DerivedProjector {
  const meetings = new VersionedTable(
    db,
    'meetings',
    ['council_id', 'meeting_id', 'number', 'date_edtf', 'date_earliest', 'date_latest', 'kind', 'outcome', 'outcome_basis',
      'reported_outcome', 'chair_member_id', 'chair_name', 'present_count', 'named_present', 'remote_count', 'membership_certain',
      'membership_uncertain', 'reported_membership', 'quorum_rule', 'quorum_required', 'quorum_required_if_all_uncertain_in',
      'quorum_certain', 'agenda', 'place', 'start_time', 'scheduled_chair_member_id', 'scheduled_chair_name', 'decision_count',
      'not_assembled_reason', 'note', 'anomalies', 'fact_id', 'source_event_id'],
    ['fact_id'],
    options,
  );
  const attendance = new VersionedTable(db, 'meeting_attendance', ['council_id', 'meeting_id', 'member_id', 'name', 'fact_id'], ['fact_id'], options);
  return recordProjector(['MeetingHeld', 'QuorumFailed', 'MeetingNotAssembled'], [meetings, attendance], (change, fact) => {
    if (isType(fact, 'MeetingNotAssembled')) {
      const n = fact.data;
      const on = bounds(n.date);
      meetings.insert({
        council_id: change.councilId, meeting_id: n.meetingId, number: int(n.number), date_edtf: on.edtf, date_earliest: on.earliest, date_latest: on.latest,
        kind: n.kind ?? 'regular', outcome: 'not-assembled', outcome_basis: 'reported', reported_outcome: 'not-assembled', chair_member_id: null,
        chair_name: null, present_count: null, named_present: null, remote_count: null, membership_certain: null, membership_uncertain: null,
        reported_membership: null, quorum_rule: null, quorum_required: null, quorum_required_if_all_uncertain_in: null, quorum_certain: null,
        agenda: null, place: n.place ?? null, start_time: null, scheduled_chair_member_id: null, scheduled_chair_name: null, decision_count: null,
        not_assembled_reason: n.reason ?? null, note: n.note ?? null, anomalies: json(n.anomalies?.length ? n.anomalies : undefined),
        fact_id: fact.factId, source_event_id: fact.sourceEventId,
      }, change.stamp);
      return;
    }
    if (!isType(fact, 'MeetingHeld', 'QuorumFailed')) return;
    const m = fact.data;
    const date = bounds(m.date);
    meetings.insert({
      council_id: change.councilId, meeting_id: m.meetingId, number: int(m.number), date_edtf: date.edtf, date_earliest: date.earliest,
      date_latest: date.latest, kind: m.kind ?? 'regular', outcome: fact.type === 'MeetingHeld' ? 'held' : 'quorum-failed',
      outcome_basis: m.outcomeBasis ?? null, reported_outcome: m.reportedOutcome ?? null, chair_member_id: m.chair?.memberId ?? null,
      chair_name: m.chair?.name ?? null, present_count: int(m.presentCount ?? m.present?.length), named_present: int(m.present?.length),
      remote_count: int(m.remoteCount), membership_certain: int(m.membership?.certain), membership_uncertain: int(m.membership?.uncertain),
      reported_membership: int(m.reportedMembership), quorum_rule: json(m.quorum?.rule), quorum_required: int(m.quorum?.required),
      quorum_required_if_all_uncertain_in: int(m.quorum?.requiredIfAllUncertainIn),
      quorum_certain: m.quorumCertain === undefined ? null : flag(m.quorumCertain), agenda: json(m.agenda), place: m.place ?? null,
      start_time: m.startTime ?? null, scheduled_chair_member_id: m.scheduledChair?.memberId ?? null, scheduled_chair_name: m.scheduledChair?.name ?? null,
      decision_count: int(m.decisionCount), not_assembled_reason: null, note: m.note ?? null,
      anomalies: json(m.anomalies?.length ? m.anomalies : undefined), fact_id: fact.factId, source_event_id: fact.sourceEventId,
    }, change.stamp);
    for (const person of m.present ?? []) {
      attendance.insert({ council_id: change.councilId, meeting_id: m.meetingId, member_id: person.memberId ?? null, name: person.name, fact_id: fact.factId }, change.stamp);
    }
  });
}

export function votesProjector(db: Database, options: { rebuild?: boolean } = {}): DerivedProjector {
  const votes = new VersionedTable(
    db,
    'votes',
    ['council_id', 'motion_id', 'member_id', 'name', 'choice', 'cast_edtf', 'cast_earliest', 'cast_latest', 'anomalies', 'fact_id', 'source_event_id'],
    // Looked up (to close a corrected vote) through votes_by_motion: an index on fact_id alone would put each
    // vote at a random leaf. The rebuild's in-memory locator stays keyed by fact_id.
    ['council_id', 'motion_id', 'fact_id'],
    { ...options, locate: 'fact_id' },
  );
  return recordProjector(['VoteCast'], [votes], (change, fact) => {
    if (!isType(fact, 'VoteCast')) return;
    const v = fact.data;
    const on = bounds(v.castOn);
    votes.insert({
      council_id: change.councilId, motion_id: v.motionId, member_id: v.memberId ?? null, name: v.name, choice: v.choice,
      cast_edtf: on.edtf, cast_earliest: on.earliest, cast_latest: on.latest, anomalies: json(v.anomalies?.length ? v.anomalies : undefined),
      fact_id: fact.factId, source_event_id: fact.sourceEventId,
    }, change.stamp);
  }, (change) => (isType(change.before, 'VoteCast') ? [change.councilId, change.before.data.motionId, change.factId] : undefined));
}

/** Issue 21: pairings (not votes), one row per VotePaired, closed by a correction like a vote. */
export function votePairsProjector(db: Database, options: { rebuild?: boolean } = {}): DerivedProjector {
  const pairs = new VersionedTable(
    db,
    'vote_pairs',
    ['council_id', 'motion_id', 'member_id', 'name', 'paired_with', 'paired_with_name', 'cast_edtf', 'anomalies', 'fact_id', 'source_event_id'],
    ['council_id', 'motion_id', 'fact_id'],
    { ...options, locate: 'fact_id' },
  );
  return recordProjector(['VotePaired'], [pairs], (change, fact) => {
    if (!isType(fact, 'VotePaired')) return;
    const p = fact.data;
    pairs.insert({
      council_id: change.councilId, motion_id: p.motionId, member_id: p.memberId, name: p.name, paired_with: p.pairedWith, paired_with_name: p.pairedWithName,
      cast_edtf: p.castOn, anomalies: json(p.anomalies?.length ? p.anomalies : undefined), fact_id: fact.factId, source_event_id: fact.sourceEventId,
    }, change.stamp);
  }, (change) => (isType(change.before, 'VotePaired') ? [change.councilId, change.before.data.motionId, change.factId] : undefined));
}

export function workingGroupsProjector(db: Database, options: { rebuild?: boolean } = {}): DerivedProjector {
  const groups = new VersionedTable(
    db,
    'working_groups',
    ['council_id', 'working_group_id', 'name', 'formed_edtf', 'formed_earliest', 'formed_latest', 'members_known', 'fact_id', 'source_event_id'],
    ['fact_id'],
    options,
  );
  const members = new VersionedTable(db, 'working_group_members', ['council_id', 'working_group_id', 'member_id', 'name', 'fact_id'], ['fact_id'], options);
  return recordProjector(['WorkingGroupFormed'], [groups, members], (change, fact) => {
    if (!isType(fact, 'WorkingGroupFormed')) return;
    const g = fact.data;
    const formed = bounds(g.formedOn);
    groups.insert({
      council_id: change.councilId, working_group_id: g.workingGroupId, name: g.name, formed_edtf: formed.edtf,
      formed_earliest: formed.earliest, formed_latest: formed.latest, members_known: flag(g.members !== undefined), fact_id: fact.factId,
      source_event_id: fact.sourceEventId,
    }, change.stamp);
    for (const m of g.members ?? []) {
      members.insert({ council_id: change.councilId, working_group_id: g.workingGroupId, member_id: m.memberId ?? null, name: m.name, fact_id: fact.factId }, change.stamp);
    }
  });
}

export function groupsProjector(db: Database, options: { rebuild?: boolean } = {}): DerivedProjector {
  const groups = new VersionedTable(
    db,
    'political_groups',
    ['council_id', 'group_id', 'name', 'classification', 'founded_edtf', 'founded_earliest', 'founded_latest', 'fact_id', 'source_event_id'],
    ['fact_id'],
    options,
  );
  const affiliations = new VersionedTable(
    db,
    'affiliations',
    ['council_id', 'member_id', 'group_id', 'outside', 'from_edtf', 'from_earliest', 'from_latest', 'to_edtf', 'to_earliest', 'to_latest', 'anomalies',
      'fact_id', 'fact_position', 'source_event_id'],
    ['fact_id'],
    options,
  );
  return recordProjector(['GroupFounded', 'MemberAffiliated'], [groups, affiliations], (change, fact) => {
    if (isType(fact, 'GroupFounded')) {
      const g = fact.data;
      const founded = bounds(g.foundedOn);
      groups.insert({
        council_id: change.councilId, group_id: g.groupId, name: g.name, classification: g.classification ?? null, founded_edtf: founded.edtf,
        founded_earliest: founded.earliest, founded_latest: founded.latest, fact_id: fact.factId, source_event_id: fact.sourceEventId,
      }, change.stamp);
    } else if (isType(fact, 'MemberAffiliated')) {
      const a = fact.data;
      // An unknown start (issue 25) takes the widest bounds: possible from the first indexed day, certain on none.
      const from = a.from !== undefined ? bounds(a.from) : { edtf: null, earliest: MIN_INDEXED_DAY, latest: MAX_INDEXED_DAY };
      const to = bounds(a.to);
      affiliations.insert({
        council_id: change.councilId, member_id: a.memberId, group_id: a.groupId, outside: a.outside ? 1 : 0, from_edtf: from.edtf,
        from_earliest: from.earliest, from_latest: from.latest, to_edtf: to.edtf, to_earliest: to.earliest, to_latest: to.latest,
        anomalies: json(a.anomalies?.length ? a.anomalies : undefined), fact_id: fact.factId, fact_position: fact.factPosition,
        source_event_id: fact.sourceEventId,
      }, change.stamp);
    }
  });
}

/** Elections as facts: one row per election, the figures the source gives and NULL for the rest. */
export function electionsProjector(db: Database, options: { rebuild?: boolean } = {}): DerivedProjector {
  const elections = new VersionedTable(
    db,
    'elections',
    ['council_id', 'election_id', 'held_edtf', 'held_earliest', 'held_latest', 'seats', 'candidate_count', 'elected_count', 'voters', 'curiae', 'candidates',
      'committee', 'rules', 'note', 'anomalies', 'fact_id', 'source_event_id'],
    ['fact_id'],
    options,
  );
  return recordProjector(['ElectionRecorded'], [elections], (change, fact) => {
    if (!isType(fact, 'ElectionRecorded')) return;
    const e = fact.data;
    const held = bounds(e.heldOn);
    elections.insert({
      council_id: change.councilId, election_id: e.electionId, held_edtf: held.edtf, held_earliest: held.earliest, held_latest: held.latest,
      seats: int(e.seats), candidate_count: int(e.candidateCount), elected_count: int(e.electedCount), voters: int(e.voters), curiae: json(e.curiae), candidates: json(e.candidates),
      committee: json(e.committee), rules: json(e.rules), note: e.note ?? null, anomalies: json(e.anomalies?.length ? e.anomalies : undefined),
      fact_id: fact.factId, source_event_id: fact.sourceEventId,
    }, change.stamp);
  });
}
