import { parseJson } from '../queries/known-at';
import { CsvValue, toCsv } from './csv';
import { popoloDateFields, popoloDateTimeFields } from './popolo-date';
import { PopoloIds, councilLifeFields, creatorOf, deathDates, extraPersonId, lifeOrganizationsAndMemberships, locationOf } from './popolo-life';
import { parseValidDate } from '../../council/domain/valid-date';
import { AffiliationRow, AnalyticsTables, MeetingRow, MotionRow, Snapshot, curiaeOf, meetingFiguresOf } from './snapshot';

type Obj = Record<string, unknown>;

export interface PopoloExport {
  meta: { councilId: string; knownAt: string; generator: string; dates: string };
  persons: Obj[];
  organizations: Obj[];
  memberships: Obj[];
  events: Obj[];
  motions: Obj[];
  vote_events: Obj[];
  /** The constituencies members were elected for (Popolo Area: id and name), each once; memberships name them by `area_id`. */
  areas: Obj[];
}

export const CSV_TABLES = ['members', 'meetings', 'motions', 'votes'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

const slug = (text: string) => text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
export const curiaOrgId = (councilId: string, key: string) => `${councilId}-curia-${key}`;
export const groupOrgId = (councilId: string, groupId: string) => `${councilId}-group-${groupId}`;
const result = (outcome: string | null) => (outcome === 'adopted' ? 'pass' : outcome === 'rejected' ? 'fail' : undefined);

function meetingName(m: MeetingRow): string {
  const base = m.kind === 'extraordinary' ? 'Extraordinary meeting' : 'Meeting';
  const name = m.number !== null ? `${base} ${m.number}` : `${base} of ${m.date_edtf}`;
  return m.outcome === 'quorum-failed' ? `${name} (no quorum)` : name;
}

/** Drops undefined fields, so absent facts are absent rather than null. */
const compact = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * The council as Popolo JSON (https://www.popoloproject.com/specs/): the council and its curiae as
 * organizations, members as persons with memberships on behalf of their curia, officers as memberships with
 * their role, meetings as events, motions, and vote events with counts and individual votes. Dates follow
 * popolo-date.ts; extension fields end in `_edtf` or are named in docs/analytics.md.
 */
export function popoloExport(t: AnalyticsTables, s: Snapshot): PopoloExport {
  const council = t.council(s);
  const c = s.councilId;
  const out: PopoloExport = {
    meta: {
      councilId: c, knownAt: s.knownAt, generator: 'council-record',
      dates: 'Popolo dates are reduced-precision ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD) that are certainly right; motions[].date and vote_events[].start_date are date-times (YYYY-MM-DDT00:00:00Z), given only for one exact day; the EDTF the sources give is kept in <field>_edtf.',
    },
    persons: [], organizations: [], memberships: [], events: [], motions: [], vote_events: [], areas: [],
  };
  if (!council) return out;
  const members = t.members(s);
  const memberIds = new Set(members.map((m) => m.member_id));
  out.organizations.push(compact({
    id: c, name: council.name, classification: 'council',
    ...popoloDateFields('founding_date', council.founded_edtf), ...popoloDateFields('dissolution_date', council.dissolved_edtf),
    seats: council.seats ?? undefined, quorum_rule: parseJson(council.quorum_rule), decision_rule: council.decision_rule,
    // Popolo's own link to the organization this one sits under (a regional council's national council).
    parent_id: council.parent_council_id ?? undefined, level: council.level ?? undefined, council_type: council.type ?? undefined,
    ...councilLifeFields(t, s),
  }));
  for (const curia of curiaeOf(council)) {
    out.organizations.push({ id: curiaOrgId(c, curia.key), name: curia.name, classification: 'curia', parent_id: c, identifiers: [{ scheme: 'curia', identifier: curia.key }], seats: curia.seats });
  }
  for (const g of t.groups(s)) {
    out.organizations.push(compact({
      id: groupOrgId(c, g.group_id), name: g.name, classification: g.classification ?? undefined,
      identifiers: [{ scheme: 'group', identifier: g.group_id }], ...popoloDateFields('founding_date', g.founded_edtf),
    }));
  }
  const affiliations = t.affiliations(s);
  const areas = new Map<string, Obj>();
  const deaths = deathDates(t, s);
  for (const m of members) {
    const aliases = parseJson<string[]>(m.aliases) ?? [];
    const identifiers = parseJson<Array<{ scheme: string; identifier: string }>>(m.identifiers);
    out.persons.push(compact({ id: m.member_id, name: m.name, other_names: aliases.map((name) => ({ name })), identifiers, ...deaths.get(m.member_id) }));
    // The constituency: `area_id` naming an entry of `areas` when the record has its id, else the area inline by name.
    const constituency = parseJson<{ id?: string; name?: string }>(m.constituency);
    if (constituency?.id !== undefined && areas.get(constituency.id)?.name === undefined) areas.set(constituency.id, compact({ id: constituency.id, name: constituency.name }));
    const area = constituency?.id !== undefined ? { area_id: constituency.id } : constituency?.name !== undefined ? { area: { name: constituency.name } } : {};
    const end = m.left_edtf !== null
      ? { edtf: m.left_edtf, reason: m.left_reason ?? 'left' }
      : council.dissolved_edtf !== null ? { edtf: council.dissolved_edtf, reason: 'dissolution' } : undefined;
    const periods = membershipPeriods(m.elected_edtf, end?.edtf, affiliations.get(m.member_id) ?? []);
    for (const [i, period] of periods.entries()) {
      const last = i === periods.length - 1 && period.to === end?.edtf;
      out.memberships.push(compact({
        id: i === 0 ? `${c}-membership-${m.member_id}` : `${c}-membership-${m.member_id}-${i + 1}`, person_id: m.member_id, organization_id: c,
        on_behalf_of_id: period.groupId !== undefined ? groupOrgId(c, period.groupId) : curiaOrgId(c, m.curia),
        curia_id: period.groupId !== undefined ? curiaOrgId(c, m.curia) : undefined, role: 'member',
        ...popoloDateFields('start_date', period.from), ...popoloDateFields('end_date', period.to),
        end_reason: last && end ? end.reason : undefined, rank: m.rank ?? undefined, votes: m.votes ?? undefined, ...area,
      }));
    }
  }
  out.areas.push(...areas.values());
  const extraPersons = new Map<string, string>();
  const ids: PopoloIds = {
    councilId: c, memberIds, groupOrgId: (groupId) => groupOrgId(c, groupId),
    personOf: (ref) => {
      if (ref.memberId !== undefined && memberIds.has(ref.memberId)) return ref.memberId;
      const personId = extraPersonId(c, ref.name);
      extraPersons.set(personId, ref.name);
      return personId;
    },
  };
  const life = lifeOrganizationsAndMemberships(t, s, ids);
  out.organizations.push(...life.organizations);
  out.memberships.push(...life.memberships);
  out.events.push(...life.events);
  t.officers(s).forEach((o, i) => {
    const personId = ids.personOf({ memberId: o.member_id ?? undefined, name: o.name });
    out.memberships.push(compact({
      id: `${c}-officer-${slug(o.role)}-${i + 1}`, person_id: personId, organization_id: c, role: o.role,
      ...popoloDateFields('start_date', o.from_edtf), ...popoloDateFields('end_date', o.to_edtf),
    }));
  });
  for (const m of t.meetings(s)) {
    out.events.push(compact({
      id: m.meeting_id, name: meetingName(m), classification: 'meeting', organization_id: c, ...popoloDateFields('start_date', m.date_edtf), location: locationOf(m),
      status: m.outcome === 'held' ? 'confirmed' : 'cancelled', outcome: m.outcome,
      identifiers: m.number !== null ? [{ scheme: 'meeting-number', identifier: String(m.number) }] : undefined,
      present_count: m.present_count ?? undefined, remote_count: m.remote_count ?? undefined, reported_membership: m.reported_membership ?? undefined,
    }));
  }
  const votes = new Map<string, ReturnType<AnalyticsTables['votes']>>();
  for (const v of t.votes(s)) votes.set(v.motion_id, [...(votes.get(v.motion_id) ?? []), v]);
  // Pairings are Popolo votes with option "paired" and pair_id (the spec's Vote: "the person with whom the voter is paired").
  const pairs = new Map<string, ReturnType<AnalyticsTables['pairs']>>();
  for (const p of t.pairs(s)) pairs.set(p.motion_id, [...(pairs.get(p.motion_id) ?? []), p]);
  for (const mo of t.motions(s)) {
    out.motions.push(compact({
      id: mo.motion_id, organization_id: c, legislative_session_id: mo.meeting_id ?? undefined, text: mo.title, classification: mo.kind,
      ...popoloDateTimeFields('date', mo.opened_edtf), requirement: requirement(mo), result: result(mo.outcome), online: mo.online === 1, mode: mo.mode,
      creator_id: creatorOf(mo, ids),
      options: parseJson<string[]>(mo.options) ?? undefined,
    }));
    const cast = votes.get(mo.motion_id) ?? [];
    const paired = pairs.get(mo.motion_id) ?? [];
    if (mo.outcome === null && cast.length === 0 && paired.length === 0) continue;
    const tally = parseJson<Record<string, number>>(mo.tally) ?? {};
    out.vote_events.push(compact({
      id: `${mo.motion_id}-vote`, motion_id: mo.motion_id, organization_id: c, legislative_session_id: mo.meeting_id ?? undefined,
      ...popoloDateTimeFields('start_date', mo.decided_edtf ?? mo.opened_edtf), result: result(mo.outcome), winner: mo.winner ?? undefined,
      // Decision 49: Popolo has no certainty field; false when neither the tally nor the source settles the result (absent when unknown).
      result_certain: mo.outcome_certain === null ? undefined : mo.outcome_certain === 1,
      counts: Object.entries(tally).map(([option, value]) => ({ option, value })),
      counts_from: mo.tally_from ?? undefined,
      votes: [
        ...cast.map((v) => (v.member_id !== null ? { voter_id: v.member_id, option: v.choice } : { voter_id: null, voter: { name: v.name }, option: v.choice })),
        ...paired.map((p) => ({ voter_id: p.member_id, option: 'paired', pair_id: p.paired_with })),
      ],
    }));
  }
  for (const [id, name] of extraPersons) out.persons.push({ id, name, other_names: [] });
  return out;
}

interface Period {
  /** Absent for an affiliation whose start is unknown (issue 25): Popolo's start_date is left out. */
  from?: string;
  to?: string;
  groupId?: string;
}

/**
 * A member's term cut at each affiliation's dates: one period per affiliation (on behalf of its group)
 * and one per stretch of the term without a group (on behalf of the curia), each as the EDTF its source
 * gave. An affiliation without `to` runs to the end of the term. An affiliation whose start is unknown
 * (issue 25) is a period without `from`, and no stretch without a group is claimed before it.
 */
export function membershipPeriods(electedEdtf: string, endEdtf: string | undefined, affiliations: readonly AffiliationRow[]): Period[] {
  if (affiliations.length === 0) return [{ from: electedEdtf, to: endEdtf }];
  const sorted = [...affiliations].sort((a, b) => a.from_earliest - b.from_earliest || a.from_latest - b.from_latest);
  const periods: Period[] = [];
  // Where the next stretch without a group would begin (undefined: the last affiliation runs to the end).
  let cursor: string | undefined = electedEdtf;
  for (const a of sorted) {
    if (a.from_edtf !== null && cursor !== undefined && cursor !== a.from_edtf && parseValidDate(cursor).latestDay < a.from_earliest) periods.push({ from: cursor, to: a.from_edtf });
    periods.push({ from: a.from_edtf ?? undefined, to: a.to_edtf ?? endEdtf, groupId: a.group_id });
    cursor = a.to_edtf ?? undefined;
  }
  if (cursor !== undefined && cursor !== endEdtf) periods.push({ from: cursor, to: endEdtf });
  return periods;
}

function requirement(mo: MotionRow): string | undefined {
  if (mo.decision_rule === null) return undefined;
  return mo.required !== null ? `${mo.decision_rule} (${mo.required} votes)` : mo.decision_rule;
}

/** One table of the export as CSV (RFC 4180, formula-looking text neutralised). */
export function csvExport(t: AnalyticsTables, s: Snapshot, table: CsvTable): string {
  const council = t.council(s);
  const members = t.members(s);
  if (table === 'members') {
    return toCsv(
      ['member_id', 'name', 'aliases', 'curia', 'rank', 'votes', 'elected_on', 'left_on', 'left_reason', 'start_date', 'end_date'],
      members.map((m) => [
        m.member_id, m.name, (parseJson<string[]>(m.aliases) ?? []).join('; '), m.curia, m.rank, m.votes, m.elected_edtf, m.left_edtf, m.left_reason,
        popoloDateFields('d', m.elected_edtf).d, popoloDateFields('d', m.left_edtf).d,
      ]),
    );
  }
  if (table === 'meetings') {
    const figures = meetingFiguresOf(council, members);
    return toCsv(
      ['meeting_id', 'number', 'date', 'kind', 'outcome', 'chair', 'chair_member_id', 'present', 'remote', 'membership_certain', 'membership_uncertain',
        'reported_membership', 'quorum_required', 'agenda'],
      t.meetings(s).map((m): CsvValue[] => {
        const { membership, quorum } = figures(m);
        return [m.meeting_id, m.number, m.date_edtf, m.kind, m.outcome, m.chair_name, m.chair_member_id, m.present_count, m.remote_count,
          membership.certain, membership.uncertain, m.reported_membership, quorum.required, (parseJson<string[]>(m.agenda) ?? []).join(' | ')];
      }),
    );
  }
  if (table === 'motions') return motionsCsv(t.motions(s));
  const byId = new Map(members.map((m) => [m.member_id, m]));
  const motions = new Map(t.motions(s).map((mo) => [mo.motion_id, mo]));
  return toCsv(
    ['motion_id', 'motion_title', 'meeting_id', 'date', 'member_id', 'name', 'curia', 'choice'],
    t.votes(s).map((v) => [v.motion_id, motions.get(v.motion_id)?.title, motions.get(v.motion_id)?.meeting_id, v.cast_edtf, v.member_id, v.name,
      v.member_id ? byId.get(v.member_id)?.curia : undefined, v.choice]),
  );
}

const YES_NO = ['yes', 'no', 'abstain'] as const;

/**
 * One row per motion, its tally in columns: `yes`, `no`, `abstain`, then `option:<name>` for every option
 * of the motions with options (first seen first). A figure the record does not hold is an empty cell,
 * never 0: an undecided motion, a result without figures, or a source that gave only `yes`.
 */
function motionsCsv(motions: MotionRow[]): string {
  const options: string[] = [];
  for (const mo of motions) for (const o of parseJson<string[]>(mo.options) ?? []) if (!options.includes(o)) options.push(o);
  return toCsv(
    ['motion_id', 'title', 'kind', 'meeting_id', 'online', 'opened_on', 'decided_on', ...YES_NO, ...options.map((o) => `option:${o}`),
      'tally_from', 'rule', 'required', 'outcome', 'winner', 'outcome_certain', 'outcome_basis'],
    motions.map((mo) => {
      const tally = parseJson<Record<string, number>>(mo.tally) ?? {};
      const mine = new Set(parseJson<string[]>(mo.options) ?? []);
      return [mo.motion_id, mo.title, mo.kind, mo.meeting_id, mo.online === 1, mo.opened_edtf, mo.decided_edtf,
        ...YES_NO.map((c) => tally[c]), ...options.map((o) => (mine.has(o) ? tally[o] : undefined)),
        mo.tally_from, mo.decision_rule, mo.required, mo.outcome, mo.winner,
        // Decision 49: empty when unknown (open, or decided before the fields), never false.
        mo.outcome_certain === null ? undefined : mo.outcome_certain === 1, mo.outcome_basis];
    }),
  );
}
