import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportReport } from '../report';

/**
 * The dialects of roll-call packages: each publisher names its columns its own way. A column is known by
 * its role; the aliases below are the names publishers use for it (first found wins). `datapackage.json`,
 * when present, says which columns each resource has (its schema); the file's own header is what is read.
 */
export const ROLES = {
  voters: {
    id: ['id'],
    name: ['name'],
    givenName: ['given_name'],
    familyName: ['family_name'],
    group: ['group', 'party', 'candidate_list', 'party:member', 'party:suggesting'],
    constituency: ['area', 'constituency', 'district', 'state', 'region'],
  },
  vote_events: {
    id: ['id'],
    date: ['start_date', 'date'],
    title: ['motion:title', 'motion:name', 'title', 'motion', 'name'],
    text: ['motion:text'],
    result: ['result', 'motion:result'],
    requirement: ['counts:requirement', 'motion:requirement', 'requirement', 'motion:classification'],
    session: ['legislative_session_id', 'motion:legislative_session'],
  },
  votes: {
    voteEventId: ['vote_event_id'],
    voterId: ['voter_id'],
    option: ['option'],
    groupId: ['group_id'],
    pairedId: ['paired_id'],
  },
  groups: {
    id: ['id'],
    name: ['name'],
    abbreviation: ['abbreviation'],
  },
} as const;

export type Resource = keyof typeof ROLES;
export type Columns<R extends Resource> = { [K in keyof (typeof ROLES)[R]]?: string };

/** What each column of a resource becomes in the API's terms (for the report's field mapping). */
const BECOMES: Record<string, string> = {
  'voters.id': 'the member (memberId from it)',
  'voters.name': 'member name',
  'voters.givenName': 'member name (with family_name, when there is no name)',
  'voters.familyName': 'member name (with given_name, when there is no name)',
  'voters.group': 'group (POST /groups) and the member\'s affiliation, for the whole tenure',
  'voters.constituency': 'member constituency (name)',
  'vote_events.id': 'the motion (motionId from it)',
  'vote_events.date': 'motion openedOn, roll call decidedOn, the sitting (meeting) of that day',
  'vote_events.title': 'motion title',
  'vote_events.text': 'motion note (the motion\'s text)',
  'vote_events.result': 'roll call reportedOutcome (pass → adopted, fail → rejected)',
  'vote_events.requirement': 'motion rule (see decision-rule in the report)',
  'vote_events.session': 'motion note: legislative session',
  'vote_events.counts': 'roll call note: reported counts (the tally is counted from the votes)',
  'votes.voteEventId': 'the roll call it belongs to',
  'votes.voterId': 'the member who voted',
  'votes.option': 'vote choice (yes/no/abstain), or attendance of its kind',
  'votes.groupId': 'affiliations over time (groups-from-votes)',
  'votes.pairedId': 'roll call pairs (memberId paired with pairedWith; not votes)',
  'groups.id': 'groupId',
  'groups.name': 'group name',
  'groups.abbreviation': 'group name in brackets',
};

/** Counts columns: `count:yes`, `counts:option:yes`, `counts:yes` (not counts:requirement, counts:present, …). */
export const COUNT_COLUMN = /^counts?:(?:option:)?(yes|no|abstain|abstention|[a-z_ ]+)$/;
const NOT_COUNTS = new Set(['requirement', 'present', 'number_of_people', 'quorum']);

export function countOption(column: string): string | undefined {
  const option = COUNT_COLUMN.exec(column)?.[1];
  return option !== undefined && !NOT_COUNTS.has(option) ? option : undefined;
}

/** The schema of a datapackage.json, per resource name: its field names. Unreadable metadata is a note, never fatal. */
export function readDatapackage(folder: string, report: ImportReport): Map<string, string[]> | undefined {
  const file = join(folder, 'datapackage.json');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  let parsed: { resources?: Array<{ name?: string; path?: string; schema?: { fields?: Array<{ name?: string }> } }> };
  try {
    parsed = JSON.parse(text);
  } catch {
    try {
      // A publisher's quirk: trailing commas before } or ] (not JSON, but what they wrote).
      parsed = JSON.parse(text.replace(/,(\s*[}\]])/g, '$1'));
      report.notes.push('datapackage.json has trailing commas (not strict JSON): read leniently');
    } catch (e) {
      report.notes.push(`datapackage.json could not be read (${(e as Error).message}): columns mapped by the files' headers alone`);
      return undefined;
    }
  }
  const out = new Map<string, string[]>();
  for (const r of parsed.resources ?? []) {
    const name = r.name ?? r.path?.split('/').pop()?.replace(/\.csv$/, '');
    if (name) out.set(name, (r.schema?.fields ?? []).map((f) => String(f.name)));
  }
  return out;
}

/**
 * Maps a resource's header to roles by the aliases, and lists in the report what each column became; a
 * schema field the header does not have is noted with the column read in its place.
 */
export function mapColumns<R extends Resource>(resource: R, file: string, header: readonly string[], schema: string[] | undefined, report: ImportReport): Columns<R> {
  const roles = ROLES[resource] as Record<string, readonly string[]>;
  const out: Record<string, string> = {};
  const used = new Set<string>();
  for (const [role, aliases] of Object.entries(roles)) {
    const column = aliases.find((a) => header.includes(a) && !used.has(a));
    if (column === undefined) continue;
    out[role] = column;
    used.add(column);
  }
  // motion:text is the title when there is no title column; beside one, it is the motion's text.
  if (out.text !== undefined && out.title === undefined) {
    out.title = out.text;
    delete out.text;
  }
  for (const column of header) {
    const role = Object.entries(out).find(([, c]) => c === column)?.[0];
    if (role !== undefined) report.field(file, column, BECOMES[`${resource}.${role}`] ?? role);
    else if (resource === 'vote_events' && countOption(column) !== undefined) report.field(file, column, BECOMES['vote_events.counts']);
    else report.field(file, column, 'not used (no API field for it)');
  }
  for (const field of schema ?? []) {
    if (header.includes(field)) continue;
    const role = Object.entries(roles).find(([, aliases]) => aliases.includes(field))?.[0];
    const read = role !== undefined ? out[role] : undefined;
    report.notes.push(`datapackage.json names ${resource}.${field}, which ${file.split('/').pop()} does not have${read ? `: its ${read} column was read in its place` : ''}`);
  }
  return out as Columns<R>;
}
