import type { Statement } from 'better-sqlite3';
import type { MemberRef } from '../../council/domain/events';
import { KNOWN_AT, parseJson } from '../queries/known-at';
import { LifeFactsQuery } from '../queries/life-facts.query';
import { popoloDateFields } from './popolo-date';
import type { AnalyticsTables, MeetingRow, MotionRow, Snapshot } from './snapshot';

type Obj = Record<string, unknown>;

/**
 * Issue 25: the facts of a council's life that Popolo has a field for, added to the export.
 * - description: abbreviations → the council organization's `other_names` (`note: "abbreviation"`);
 *   a convocation → an event `classification: "legislative period"` of the council (no dates: the record
 *   gives the convocation's number, not its span);
 * - bodies with a name → organizations with `parent_id` the council, `classification` the body's kind,
 *   `founding_date`; their members, when known, → memberships;
 * - outside affiliations (a party membership) → memberships of the person in the group's organization,
 *   `start_date` absent when the start is unknown;
 * - a status `died` → the person's `death_date`;
 * - a motion's single proposer → `creator_id`; a meeting's place → the event's `location`.
 * What Popolo has no field for is listed in docs/analytics.md ("Popolo: fields the record has and Popolo
 * has not") and stays in the API reads.
 */
export interface PopoloIds {
  councilId: string;
  memberIds: ReadonlySet<string>;
  groupOrgId: (groupId: string) => string;
  /** The person id of someone the record names: the member, else an extra person (added once). */
  personOf: (ref: MemberRef) => string;
}

const slug = (text: string) => text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
const compact = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

interface Reads {
  life: LifeFactsQuery;
  outside: Statement;
}
const readsByDb = new WeakMap<object, Reads>();
function reads(t: AnalyticsTables): Reads {
  let r = readsByDb.get(t.db);
  if (!r) {
    r = {
      life: new LifeFactsQuery(t.db),
      outside: t.db.prepare(
        `SELECT member_id, group_id, from_edtf, to_edtf FROM affiliations WHERE council_id = @c AND outside = 1 AND ${KNOWN_AT()} ORDER BY member_id, fact_position`,
      ),
    };
    readsByDb.set(t.db, r);
  }
  return r;
}

export function councilLifeFields(t: AnalyticsTables, s: Snapshot): { other_names?: Obj[] } {
  const description = reads(t).life.description(s.councilId, s.position);
  const abbreviations = description?.abbreviations ?? [];
  return abbreviations.length ? { other_names: abbreviations.map((name) => ({ name, note: 'abbreviation' })) } : {};
}

export function lifeOrganizationsAndMemberships(t: AnalyticsTables, s: Snapshot, ids: PopoloIds): { organizations: Obj[]; memberships: Obj[]; events: Obj[] } {
  const c = ids.councilId;
  const r = reads(t);
  const organizations: Obj[] = [];
  const memberships: Obj[] = [];
  const events: Obj[] = [];
  const description = r.life.description(c, s.position);
  if (description?.convocation !== undefined) {
    events.push({
      id: `${c}-convocation-${description.convocation}`, name: `Convocation ${description.convocation}`, classification: 'legislative period',
      organization_id: c, identifiers: [{ scheme: 'convocation', identifier: String(description.convocation) }],
    });
  }
  for (const body of r.life.bodies(c, s.position)) {
    // A set of N bodies whose names are unknown is one fact, but N organizations Popolo could only name by invention.
    if (body.name === undefined) continue;
    const orgId = `${c}-body-${body.bodyId}`;
    organizations.push(compact({
      id: orgId, name: body.name, classification: body.kind, parent_id: c, identifiers: [{ scheme: 'body', identifier: body.bodyId }],
      ...popoloDateFields('founding_date', body.formedOn),
    }));
    (body.members ?? []).forEach((m, i) => {
      memberships.push(compact({ id: `${orgId}-membership-${i + 1}`, person_id: ids.personOf(m), organization_id: orgId, role: 'member', ...popoloDateFields('start_date', body.formedOn) }));
    });
  }
  type OutsideRow = { member_id: string; group_id: string; from_edtf: string | null; to_edtf: string | null };
  (r.outside.all({ c, p: s.position }) as OutsideRow[]).forEach((a, i) => {
    memberships.push(compact({
      id: `${c}-outside-${a.member_id}-${i + 1}`, person_id: a.member_id, organization_id: ids.groupOrgId(a.group_id), role: 'member',
      ...popoloDateFields('start_date', a.from_edtf), ...popoloDateFields('end_date', a.to_edtf),
    }));
  });
  return { organizations, memberships, events };
}

/** personId → Popolo `death_date` fields, from a status `died` (the only status Popolo has a field for). */
export function deathDates(t: AnalyticsTables, s: Snapshot): Map<string, Obj> {
  const dates = new Map<string, Obj>();
  for (const status of reads(t).life.statuses(s.councilId, s.position)) {
    if (status.status === 'died') dates.set(status.memberId, popoloDateFields('death_date', status.since));
  }
  return dates;
}

/** A motion's Popolo `creator_id`: its proposer when there is exactly one (Popolo's motion has one creator). */
export function creatorOf(motion: MotionRow & { proposers?: string | null }, ids: PopoloIds): string | undefined {
  const proposers = parseJson<MemberRef[]>(motion.proposers ?? null) ?? [];
  return proposers.length === 1 ? ids.personOf(proposers[0]) : undefined;
}

/** A meeting's Popolo `location`: its place as the source says it. */
export function locationOf(meeting: MeetingRow & { place?: string | null }): string | undefined {
  return meeting.place ?? undefined;
}

export const extraPersonId = (councilId: string, name: string): string => `${councilId}-person-${slug(name)}`;
