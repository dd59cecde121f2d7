/**
 * A Popolo validator-like check for the export (no validator package is installed: the checks follow the
 * Popolo JSON schemas, popolo-project/popolo-spec schemas/{organization,membership,person,event,motion,
 * vote_event}.json): the types of the fields Popolo defines, its date patterns, and that every *_id names an
 * object of the right collection. Extension fields (ending in `_edtf`, `seats`, `mode`, ...) are not Popolo's
 * and are not checked. Returns the problems, [] when the document is well formed.
 */
type Obj = Record<string, unknown>;

/** Popolo's reduced-precision dates (organization founding/dissolution, membership and person dates). */
const DATE = /^[0-9]{4}(-[0-9]{2}){0,2}$/;
/** Event dates may be date-times with a zone. */
const EVENT_DATE = /^[0-9]{4}((-[0-9]{2}){0,2}|(-[0-9]{2}){2}T[0-9]{2}(:[0-9]{2}){0,2}(Z|[+-][0-9]{2}(:[0-9]{2})?))$/;
const DATE_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:?[0-9]{2})$/;

export function popoloProblems(doc: { persons: Obj[]; organizations: Obj[]; memberships: Obj[]; events: Obj[]; motions: Obj[]; vote_events: Obj[]; areas?: Obj[] }): string[] {
  const problems: string[] = [];
  const ids = (list: Obj[]) => new Set(list.map((o) => o.id as string));
  const persons = ids(doc.persons);
  const organizations = ids(doc.organizations);
  const events = ids(doc.events);
  const motions = ids(doc.motions);
  const areas = ids(doc.areas ?? []);
  const where = (kind: string, o: Obj) => `${kind} ${String(o.id)}`;
  const string = (kind: string, o: Obj, field: string, required = false) => {
    if (o[field] === undefined) {
      if (required) problems.push(`${where(kind, o)}: ${field} is required`);
    } else if (typeof o[field] !== 'string' || o[field] === '') problems.push(`${where(kind, o)}: ${field} must be a non-empty string`);
  };
  const date = (kind: string, o: Obj, field: string, pattern = DATE) => {
    if (o[field] !== undefined && !(typeof o[field] === 'string' && pattern.test(o[field] as string))) problems.push(`${where(kind, o)}: ${field} ${JSON.stringify(o[field])} is not a Popolo date`);
  };
  const ref = (kind: string, o: Obj, field: string, target: Set<string>, targetKind: string) => {
    if (o[field] !== undefined && o[field] !== null && !target.has(o[field] as string)) problems.push(`${where(kind, o)}: ${field} ${String(o[field])} names no ${targetKind}`);
  };
  const unique = (kind: string, list: Obj[]) => {
    const seen = new Set<string>();
    for (const o of list) {
      if (seen.has(o.id as string)) problems.push(`${where(kind, o)}: id repeated`);
      seen.add(o.id as string);
    }
  };
  const names = (kind: string, o: Obj) => {
    if (o.other_names === undefined) return;
    if (!Array.isArray(o.other_names)) return problems.push(`${where(kind, o)}: other_names must be an array`);
    for (const n of o.other_names as Obj[]) {
      if (typeof n.name !== 'string' || n.name === '') problems.push(`${where(kind, o)}: an other_name without a name`);
      if (n.note !== undefined && typeof n.note !== 'string') problems.push(`${where(kind, o)}: other_name note must be a string`);
    }
  };
  for (const [kind, list] of [['person', doc.persons], ['organization', doc.organizations], ['membership', doc.memberships], ['event', doc.events], ['motion', doc.motions], ['vote_event', doc.vote_events]] as const) {
    unique(kind, list);
    for (const o of list) string(kind, o, 'id', true);
  }
  for (const p of doc.persons) {
    string('person', p, 'name', true);
    names('person', p);
    date('person', p, 'birth_date');
    date('person', p, 'death_date');
    // Popolo's identifier.json: { identifier, scheme } strings.
    if (p.identifiers !== undefined) {
      if (!Array.isArray(p.identifiers)) problems.push(`${where('person', p)}: identifiers must be an array`);
      else for (const i of p.identifiers as Obj[]) if (typeof i.scheme !== 'string' || typeof i.identifier !== 'string' || i.identifier === '') problems.push(`${where('person', p)}: an identifier needs a scheme and an identifier`);
    }
  }
  // Popolo's area.json (issue 21): an id, a name when given.
  for (const a of doc.areas ?? []) {
    string('area', a, 'id', true);
    string('area', a, 'name');
  }
  for (const o of doc.organizations) {
    string('organization', o, 'name', true);
    string('organization', o, 'classification');
    names('organization', o);
    date('organization', o, 'founding_date');
    date('organization', o, 'dissolution_date');
    ref('organization', o, 'parent_id', organizations, 'organization');
  }
  for (const m of doc.memberships) {
    ref('membership', m, 'person_id', persons, 'person');
    ref('membership', m, 'organization_id', organizations, 'organization');
    ref('membership', m, 'on_behalf_of_id', organizations, 'organization');
    ref('membership', m, 'area_id', areas, 'area');
    if (m.person_id === undefined || m.organization_id === undefined) problems.push(`${where('membership', m)}: needs person_id and organization_id`);
    string('membership', m, 'role');
    date('membership', m, 'start_date');
    date('membership', m, 'end_date');
  }
  for (const e of doc.events) {
    string('event', e, 'name', true);
    for (const field of ['classification', 'location', 'status']) string('event', e, field);
    date('event', e, 'start_date', EVENT_DATE);
    date('event', e, 'end_date', EVENT_DATE);
    ref('event', e, 'organization_id', organizations, 'organization');
    ref('event', e, 'parent_id', events, 'event');
  }
  for (const m of doc.motions) {
    ref('motion', m, 'organization_id', organizations, 'organization');
    ref('motion', m, 'legislative_session_id', events, 'event');
    ref('motion', m, 'creator_id', persons, 'person');
    for (const field of ['text', 'classification', 'requirement', 'result']) string('motion', m, field);
    date('motion', m, 'date', DATE_TIME);
  }
  for (const v of doc.vote_events) {
    ref('vote_event', v, 'motion_id', motions, 'motion');
    ref('vote_event', v, 'organization_id', organizations, 'organization');
    date('vote_event', v, 'start_date', DATE_TIME);
    for (const vote of (v.votes as Obj[] | undefined) ?? []) {
      if (vote.voter_id !== null) ref('vote_event', { id: v.id, voter_id: vote.voter_id }, 'voter_id', persons, 'person');
      // Popolo's vote.json: pair_id, the person with whom the voter is paired.
      ref('vote_event', { id: v.id, pair_id: vote.pair_id }, 'pair_id', persons, 'person');
    }
  }
  return problems;
}
