import type { Database } from 'better-sqlite3';
import { CouncilEventMap, CouncilPlacement, motionModeOf } from '../../council/domain/events';
import { CurrentFacts, DerivedProjector, FactChange, flag, int, json, touches } from './fact-change';
import { FactType, FactVersion, bounds, isType, subjectOf } from './facts';
import { Row, VersionedTable } from './versioned-table';

/**
 * Entities built from several facts (a member from an election and departures, an officer's terms from
 * appointments and ends, a motion from its tabling and decision, the council from its founding and
 * dissolution). Each change re-folds the subject's current facts in record order, the way the domain's
 * evolve() does, and reconciles the open versions with the result.
 */
function entityProjector(
  types: readonly FactType[],
  table: VersionedTable,
  keyOf: (councilId: string, subject: string) => string[],
  fold: (councilId: string, facts: FactVersion[]) => Row[],
  current: CurrentFacts,
): DerivedProjector {
  return (change: FactChange) => {
    if (!touches(change, types)) return;
    const subjects = new Set<string>();
    for (const fact of [change.before, change.after]) if (fact && types.includes(fact.type)) subjects.add(subjectOf(fact));
    for (const subject of subjects) {
      const rows = fold(change.councilId, current(change.councilId, subject));
      table.reconcile(keyOf(change.councilId, subject), rows, change.stamp);
    }
  };
}

const after = (subject: string) => subject.slice(subject.indexOf(':') + 1);

export function councilsProjector(db: Database, current: CurrentFacts, options: { rebuild?: boolean } = {}): DerivedProjector {
  const table = new VersionedTable(
    db,
    'councils',
    ['council_id', 'name', 'founded_edtf', 'founded_earliest', 'founded_latest', 'seats', 'curiae', 'quorum_rule', 'decision_rule',
      'election', 'dissolved_edtf', 'dissolved_earliest', 'dissolved_latest', 'dissolution_reason', 'founded_fact_id', 'dissolved_fact_id',
      'type', 'level', 'parent_council_id'],
    ['council_id'],
    { mirror: options.rebuild },
  );
  return entityProjector(['CouncilFounded', 'CouncilDissolved', 'CouncilClassified'], table, (c) => [c], (councilId, facts) => {
    let founded: FactVersion<'CouncilFounded'> | undefined;
    let dissolved: FactVersion<'CouncilDissolved'> | undefined;
    let placement: CouncilPlacement = {};
    const place = (p: CouncilPlacement) => {
      for (const key of ['type', 'level', 'parentCouncilId'] as const) if (p[key] !== undefined) placement = { ...placement, [key]: p[key] };
    };
    for (const fact of facts) {
      if (isType(fact, 'CouncilFounded')) {
        founded = fact;
        dissolved = undefined;
        placement = {};
        place(fact.data);
      } else if (isType(fact, 'CouncilDissolved') && founded && !dissolved) dissolved = fact;
      else if (isType(fact, 'CouncilClassified') && founded) place(fact.data);
    }
    if (!founded) return [];
    const f = founded.data;
    const from = bounds(f.foundedOn);
    const to = bounds(dissolved?.data.dissolvedOn);
    return [{
      council_id: councilId, name: f.name, founded_edtf: from.edtf, founded_earliest: from.earliest, founded_latest: from.latest,
      seats: f.seats ?? null, curiae: json(f.curiae ?? []), quorum_rule: json(f.rules?.quorum ?? 'majority-of-members'),
      decision_rule: f.rules?.decision ?? 'majority-of-members', election: json(f.election),
      dissolved_edtf: to.edtf, dissolved_earliest: to.earliest, dissolved_latest: to.latest,
      dissolution_reason: dissolved?.data.reason ?? null, founded_fact_id: founded.factId, dissolved_fact_id: dissolved?.factId ?? null,
      type: placement.type ?? null, level: placement.level ?? null, parent_council_id: placement.parentCouncilId ?? null,
    }];
  }, current);
}

/** The members' projector, and the name of a member as its open row says (`nameOf`). */
export function membersProjector(
  db: Database,
  current: CurrentFacts,
  options: { rebuild?: boolean } = {},
): DerivedProjector & { nameOf(councilId: string, memberId: string): string | undefined } {
  const table = new VersionedTable(
    db,
    'members',
    ['council_id', 'member_id', 'name', 'aliases', 'curia', 'votes', 'rank', 'elected_edtf', 'elected_earliest', 'elected_latest',
      'left_edtf', 'left_earliest', 'left_latest', 'left_reason', 'left_announced_edtf', 'departures', 'election_id', 'constituency', 'identifiers', 'election_fact_id', 'departure_fact_id'],
    ['council_id', 'member_id'],
    { mirror: options.rebuild },
  );
  const project = entityProjector(['MemberElected', 'MemberLeft'], table, (c, s) => [c, after(s)], (councilId, facts) => {
    // As evolve(): the first election counts, and the first departure recorded after it.
    let elected: FactVersion<'MemberElected'> | undefined;
    let left: FactVersion<'MemberLeft'> | undefined;
    let departures = 0;
    for (const fact of facts) {
      if (isType(fact, 'MemberElected') && !elected) elected = fact;
      else if (isType(fact, 'MemberLeft') && elected) {
        departures += 1;
        left ??= fact;
      }
    }
    if (!elected) return [];
    const e = elected.data;
    const from = bounds(e.electedOn);
    const to = bounds(left?.data.leftOn);
    return [{
      council_id: councilId, member_id: e.memberId, name: e.name, aliases: json(e.aliases ?? []), curia: e.curia,
      votes: int(e.votes), rank: int(e.rank), elected_edtf: from.edtf, elected_earliest: from.earliest, elected_latest: from.latest,
      left_edtf: to.edtf, left_earliest: to.earliest, left_latest: to.latest, left_reason: left?.data.reason ?? null, left_announced_edtf: left?.data.announcedOn ?? null,
      departures, election_id: e.electionId ?? null,
      constituency: e.constituency ? json(e.constituency) : null, identifiers: e.identifiers?.length ? json(e.identifiers) : null, election_fact_id: elected.factId, departure_fact_id: left?.factId ?? null,
    }];
  }, current);
  const nameOf = (councilId: string, memberId: string) => table.open([councilId, memberId])[0]?.name as string | undefined;
  return Object.assign(project, { nameOf });
}

export function officersProjector(db: Database, current: CurrentFacts, options: { rebuild?: boolean } = {}): DerivedProjector {
  const table = new VersionedTable(
    db,
    'officers',
    ['council_id', 'role', 'member_id', 'name', 'non_member', 'from_edtf', 'from_earliest', 'from_latest', 'to_edtf', 'to_earliest',
      'to_latest', 'end_reason', 'appointed_fact_id', 'ended_fact_id'],
    ['council_id', 'role'],
    { mirror: options.rebuild },
  );
  return entityProjector(['OfficerAppointed', 'OfficerTermEnded'], table, (c, s) => [c, after(s)], (councilId, facts) => {
    // As evolve(): an appointment succeeds the current holder (whose term ends when the successor's
    // begins); an end closes the current term.
    const rows: Row[] = [];
    let open: { fact: FactVersion<'OfficerAppointed'> } | undefined;
    const push = (appointed: FactVersion<'OfficerAppointed'>, to: string | undefined, reason: string | null, endedBy: string | null) => {
      const a = appointed.data;
      const from = bounds(a.from);
      const end = bounds(to);
      rows.push({
        council_id: councilId, role: a.role, member_id: a.memberId ?? null, name: a.name, non_member: flag(a.nonMember),
        from_edtf: from.edtf, from_earliest: from.earliest, from_latest: from.latest, to_edtf: end.edtf, to_earliest: end.earliest,
        to_latest: end.latest, end_reason: reason, appointed_fact_id: appointed.factId, ended_fact_id: endedBy,
      });
    };
    for (const fact of facts) {
      if (isType(fact, 'OfficerAppointed')) {
        if (open) push(open.fact, fact.data.from, 'succeeded', fact.factId);
        open = { fact };
      } else if (isType(fact, 'OfficerTermEnded') && open) {
        push(open.fact, fact.data.to, fact.data.reason ?? null, fact.factId);
        open = undefined;
      }
    }
    if (open) push(open.fact, undefined, null, null);
    return rows;
  }, current);
}

export function motionsProjector(db: Database, current: CurrentFacts, options: { rebuild?: boolean } = {}): DerivedProjector {
  const table = new VersionedTable(
    db,
    'motions',
    ['council_id', 'motion_id', 'title', 'kind', 'meeting_id', 'online', 'mode', 'options', 'proposers', 'opened_edtf', 'opened_earliest', 'opened_latest',
      'decided_edtf', 'decided_earliest', 'decided_latest', 'tally', 'tally_from', 'decision_rule', 'base_of', 'base_count',
      'base_uncertain', 'required', 'outcome', 'winner', 'reported_outcome', 'reported_winner', 'outcome_certain', 'outcome_basis', 'tabled_fact_id', 'decided_fact_id'],
    ['council_id', 'motion_id'],
    { mirror: options.rebuild },
  );
  return entityProjector(['MotionTabled', 'MotionDecided'], table, (c, s) => [c, after(s)], (councilId, facts) => {
    let tabled: FactVersion<'MotionTabled'> | undefined;
    let decided: FactVersion<'MotionDecided'> | undefined;
    for (const fact of facts) {
      if (isType(fact, 'MotionTabled') && !tabled) tabled = fact;
      else if (isType(fact, 'MotionDecided') && tabled && !decided) decided = fact;
    }
    if (!tabled) return [];
    const t = tabled.data;
    const d: Partial<CouncilEventMap['MotionDecided']> = decided?.data ?? {};
    const opened = bounds(t.openedOn);
    const on = bounds(d.decidedOn);
    return [{
      council_id: councilId, motion_id: t.motionId, title: t.title, kind: t.kind, meeting_id: t.meetingId ?? null, online: flag(t.online), mode: motionModeOf(t),
      options: json(t.options), proposers: json(t.proposers), opened_edtf: opened.edtf, opened_earliest: opened.earliest, opened_latest: opened.latest,
      decided_edtf: on.edtf, decided_earliest: on.earliest, decided_latest: on.latest, tally: json(d.tally), tally_from: d.tallyFrom ?? null,
      decision_rule: ruleText(d.rule ?? t.rule), base_of: d.base?.of ?? null, base_count: int(d.base?.count), base_uncertain: int(d.base?.uncertain),
      required: int(d.required), outcome: d.outcome ?? null, winner: d.winner ?? null, reported_outcome: d.reportedOutcome ?? null,
      reported_winner: d.reportedWinner ?? null, outcome_certain: d.outcomeCertain === undefined ? null : flag(d.outcomeCertain),
      outcome_basis: d.outcomeBasis ?? null, tabled_fact_id: tabled.factId, decided_fact_id: decided?.factId ?? null,
    }];
  }, current);
}

/** A decision rule as the read model keeps it: its name, or the JSON of `{ atLeast }`. */
function ruleText(rule: CouncilEventMap['MotionDecided']['rule'] | undefined): string | null {
  if (rule === undefined) return null;
  return typeof rule === 'object' ? JSON.stringify(rule) : rule;
}
