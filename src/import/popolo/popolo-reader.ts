import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isValidEdtf, parseValidDate } from '../../council/domain/valid-date';
import { InputError } from '../input-error';
import { voteOption } from '../model';
import { ImportReport } from '../report';
import { streamJson } from './json-stream';

type Obj = Record<string, unknown>;

/** A record of the input with where it was read (for messages naming file and record). */
export interface Located<T = Obj> {
  file: string;
  collection: string;
  index: number;
  value: T;
}

export const where = (r: Pick<Located, 'collection' | 'index' | 'value'>): string => {
  const id = (r.value as Obj | undefined)?.id;
  return `${r.collection}[${r.index}]${typeof id === 'string' || typeof id === 'number' ? ` (id ${JSON.stringify(id)})` : ''}`;
};

/** What the first pass keeps of a vote event: enough to plan, never its votes. */
export interface VoteEventInfo {
  file: string;
  index: number;
  id: string;
  motionId?: string;
  sessionId?: string;
  periodId?: string;
  organizationId?: string;
  /** EDTF day of the vote (start_date, else its sitting's date). */
  date: string;
  votes: number;
}

export interface PopoloDocument {
  files: string[];
  meta?: Obj;
  persons: Located[];
  organizations: Located[];
  memberships: Located[];
  events: Located[];
  motions: Located[];
  /** Areas (constituencies) the memberships name by `area_id`. */
  areas?: Located[];
  voteEvents: VoteEventInfo[];
  /** Per sitting (legislative_session_id, or the vote's date when it has none): who took part, who was absent. */
  attendance: Map<string, { present: Set<string>; absent: Set<string> }>;
  /** Vote events per motion id. */
  voteEventsPerMotion: Map<string, number>;
}

const COLLECTIONS = ['persons', 'organizations', 'memberships', 'events', 'motions', 'vote_events', 'areas'] as const;

/** The JSON files of the input: the file itself, or every *.json of the folder (by name). */
export function popoloFiles(input: string): string[] {
  if (!existsSync(input)) throw new InputError(input, undefined, 'no such file or folder');
  if (!statSync(input).isDirectory()) return [input];
  const files = readdirSync(input).filter((f) => f.endsWith('.json')).sort().map((f) => join(input, f));
  if (files.length === 0) throw new InputError(input, undefined, 'the folder holds no .json file');
  return files;
}

/**
 * A Popolo date as EDTF: `<field>_edtf` when the file has it (this service's export keeps the precise
 * EDTF there), else the Popolo field; a date-time keeps its day. Undefined when absent; an InputError when
 * it is no date.
 */
export function dateOf(record: Located, field: string): string | undefined {
  const value = record.value as Obj;
  const raw = value[`${field}_edtf`] ?? value[field];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string') throw new InputError(record.file, where(record), `${field} must be a date string`);
  const day = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? raw.slice(0, 10) : raw;
  if (!isValidEdtf(day)) throw new InputError(record.file, where(record), `${field} ${JSON.stringify(raw)} is not a date (ISO 8601 or EDTF)`);
  return day;
}

export const sessionKey = (sessionId: string | undefined, date: string): string => (sessionId !== undefined ? `session:${sessionId}` : `date:${date}`);

/**
 * First pass: reads every collection but the vote events whole (they are small), and checks each vote
 * event as it streams by, keeping only its id, motion, sitting, date and who took part in the sitting.
 * Everything that makes the input unusable is found here, before anything is written.
 */
export async function readPopolo(input: string, report: ImportReport = new ImportReport(input)): Promise<PopoloDocument> {
  const files = popoloFiles(input);
  const doc: PopoloDocument = {
    files, persons: [], organizations: [], memberships: [], events: [], motions: [], areas: [], voteEvents: [], attendance: new Map(), voteEventsPerMotion: new Map(),
  };
  const pendingVoters = new Map<string, string>();
  const fieldsSeen = new Set<string>();
  // Options that are no Popolo vote option: valid only as one of their motion's options (checked at the end).
  const pendingOptions: Array<{ file: string; record: string; motionId?: string; option: string }> = [];
  // Vote events without a start_date wait for their sitting's date (the events may come later in the file).
  const undated: Array<{ info: Omit<VoteEventInfo, 'date'> & { date?: string }; record: Located; voters: Array<[string, string]> }> = [];
  const attend = (info: VoteEventInfo, voters: Array<[string, string]>) => {
    if (voters.length === 0) return;
    const key = sessionKey(info.sessionId, info.date);
    const sitting = doc.attendance.get(key) ?? { present: new Set<string>(), absent: new Set<string>() };
    for (const [voter, option] of voters) {
      const o = option.trim().toLowerCase();
      if (o === 'absent' || o === 'excused' || o === 'paired') sitting.absent.add(voter);
      else sitting.present.add(voter);
    }
    doc.attendance.set(key, sitting);
  };
  for (const file of files) {
    const fileCollection = basename(file, '.json');
    await streamJson(file, {
      value: (key, value) => {
        if (key === 'meta' && value && typeof value === 'object') doc.meta = value as Obj;
      },
      element: (key, index, value) => {
        const collection = key ?? fileCollection;
        if (!(COLLECTIONS as readonly string[]).includes(collection)) return;
        const record: Located = { file, collection, index, value: value as Obj };
        if (value && typeof value === 'object') for (const k of Object.keys(value)) fieldsSeen.add(`${file}\u0000${collection}.${k}`);
        if (!value || typeof value !== 'object' || Array.isArray(value)) return report.skip(file, where(record), 'not an object');
        if (collection !== 'vote_events') {
          (doc[collection as 'persons' | 'organizations' | 'memberships' | 'events' | 'motions' | 'areas'] as Located[]).push(record);
          return;
        }
        const ve = value as Obj;
        if (typeof ve.id !== 'string' && typeof ve.id !== 'number') return report.skip(file, where(record), 'a vote event needs an id');
        const motionId = str(ve.motion_id) ?? str((ve.motion as Obj | undefined)?.id);
        const info = {
          file, index, id: String(ve.id), motionId, sessionId: str(ve.legislative_session_id), periodId: str(ve.legislative_period_id),
          organizationId: str(ve.organization_id), date: dateOf(record, 'start_date'), votes: 0,
        };
        const votes = ve.votes === undefined ? [] : ve.votes;
        if (!Array.isArray(votes)) return report.skip(file, where(record), 'votes must be an array');
        const voters: Array<[string, string]> = [];
        votes.forEach((v, k) => {
          const vote = v as Obj;
          const voter = str(vote?.voter_id) ?? str((vote?.voter as Obj | undefined)?.id);
          const name = str((vote?.voter as Obj | undefined)?.name);
          if (typeof vote?.option !== 'string') return report.skip(file, `${where(record)} votes[${k}]`, 'a vote needs an option');
          const known = voteOption(vote.option);
          if (!known) pendingOptions.push({ file, record: `${where(record)} votes[${k}]`, motionId, option: vote.option });
          else if (known.kind !== 'vote') report.attendance(vote.option.trim().toLowerCase());
          if (voter === undefined && name === undefined) return report.skip(file, `${where(record)} votes[${k}]`, 'a vote needs a voter_id (or a voter with a name)');
          if (voter !== undefined) {
            if (!pendingVoters.has(voter)) pendingVoters.set(voter, `${file}, ${where(record)} votes[${k}]`);
            voters.push([voter, vote.option]);
          }
          info.votes++;
        });
        if (motionId) doc.voteEventsPerMotion.set(motionId, (doc.voteEventsPerMotion.get(motionId) ?? 0) + 1);
        if (info.date !== undefined) {
          attend(info as VoteEventInfo, voters);
          doc.voteEvents.push(info as VoteEventInfo);
        } else undated.push({ info, record: { ...record, value: { id: ve.id } }, voters });
      },
    });
  }

  doc.persons = doc.persons.filter((p) => {
    if (typeof p.value.id === 'string' && typeof p.value.name === 'string') return true;
    report.skip(p.file, where(p), 'a person needs an id and a name');
    return false;
  });
  const persons = new Set(doc.persons.map((p) => String(p.value.id)));
  for (const [voter, location] of pendingVoters) {
    if (!persons.has(voter)) report.skip(location.split(', ')[0], location.slice(location.indexOf(', ') + 2), `unknown person ${JSON.stringify(voter)}: no person in the file has that id (their votes are left out)`);
  }
  const motionOptions = new Map(doc.motions.map((m) => [String(m.value.id), Array.isArray(m.value.options) ? (m.value.options as string[]) : []]));
  for (const p of pendingOptions) {
    if (p.motionId === undefined || !(motionOptions.get(p.motionId) ?? []).includes(p.option)) {
      // An option the importer does not know is attendance of its own kind, never fatal (unless --strict).
      if (report.strict) throw new InputError(p.file, p.record, `unknown option ${JSON.stringify(p.option)}: not yes, no, abstain, absent, not voting or paired, nor one of the motion's options`);
      report.attendance(p.option.trim().toLowerCase());
    }
  }
  expandLegislativePeriods(doc);
  for (const key of [...fieldsSeen].sort()) {
    const [file, field] = key.split('\u0000');
    report.field(file, field, POPOLO_FIELDS[field] ?? 'not used (no API field for it)');
  }
  const organizations = new Set(doc.organizations.map((o) => String(o.value.id)));
  doc.memberships = doc.memberships.filter((m) => {
    const v = m.value;
    const member = v.member as Obj | undefined;
    if (v.person_id === undefined && member !== undefined && (/organi[sz]ation/i.test(String(member['@type'] ?? member.type ?? '')) || organizations.has(String(member.id ?? member.organization_id)))) {
      report.skips.push({ file: m.file, record: where(m), reason: 'the member is an organization (a coalition, a government), not a person: no member to record' });
      return false;
    }
    if (!persons.has(String(v.person_id))) {
      if (organizations.has(String(v.person_id))) {
        report.skips.push({ file: m.file, record: where(m), reason: 'the member is an organization (a coalition, a government), not a person: no member to record' });
        return false;
      }
      report.skip(m.file, where(m), `unknown person ${JSON.stringify(v.person_id ?? member?.id)}`);
      return false;
    }
    if (!organizations.has(String(v.organization_id))) {
      report.skip(m.file, where(m), `unknown organization ${JSON.stringify(v.organization_id)}`);
      return false;
    }
    if (v.on_behalf_of_id !== undefined && v.on_behalf_of_id !== null && !organizations.has(String(v.on_behalf_of_id))) {
      report.skip(m.file, where(m), `unknown organization ${JSON.stringify(v.on_behalf_of_id)} (on_behalf_of_id): the membership is kept without it`);
      m.value = { ...v, on_behalf_of_id: undefined };
    }
    const start = dateOf(m, 'start_date');
    const end = dateOf(m, 'end_date');
    if (start && end && parseValidDate(end).latestDay < parseValidDate(start).earliestDay) {
      report.skip(m.file, where(m), `end_date ${end} is before start_date ${start}`);
      return false;
    }
    return true;
  });
  const sittingDates = new Map<string, string | undefined>();
  for (const e of doc.events) sittingDates.set(String(e.value.id), dateOf(e, 'start_date'));
  for (const o of doc.organizations) {
    dateOf(o, 'founding_date');
    dateOf(o, 'dissolution_date');
  }
  for (const { info, record, voters } of undated) {
    const date = info.sessionId !== undefined ? sittingDates.get(info.sessionId) : undefined;
    if (date === undefined) {
      report.skip(info.file, where(record), 'the vote event has no date: no start_date, and no sitting (legislative_session_id) with a start_date');
      continue;
    }
    const dated = { ...info, date };
    attend(dated, voters);
    doc.voteEvents.push(dated);
  }
  return doc;
}

/** What each Popolo field becomes (docs/import.md has the whole mapping). */
const POPOLO_FIELDS: Record<string, string> = {
  'persons.id': 'the member (memberId from it)', 'persons.name': 'member name', 'persons.other_names': 'member aliases',
  'persons.identifiers': 'member identifiers (scheme, identifier: wikidata, …)',
  'organizations.id': 'council (legislature), group (party) or curia id', 'organizations.name': 'council or group name',
  'organizations.classification': 'legislature → council; party, faction, … → group; curia → curia', 'organizations.seats': 'council seats',
  'organizations.legislative_periods': 'legislative periods: one council each', 'organizations.founding_date': 'council foundedOn / group foundedOn',
  'organizations.dissolution_date': 'council dissolution', 'organizations.quorum_rule': 'council quorum rule', 'organizations.decision_rule': 'council decision rule',
  'organizations.parent_id': 'curia of its legislature', 'organizations.identifiers': 'group / curia key (scheme group, curia)',
  'memberships.person_id': 'the member', 'memberships.organization_id': 'the council (legislature) or an affiliation (party)',
  'memberships.legislative_period_id': 'the council of that period', 'memberships.on_behalf_of_id': 'affiliation (group over time)',
  'memberships.start_date': 'member electedOn / affiliation from (absent: the period\'s start, inferred)', 'memberships.end_date': 'member departure leftOn / affiliation to',
  'memberships.end_reason': 'departure reason', 'memberships.role': 'member (member, councillor, …) or officer (any other role)', 'memberships.area_id': 'member constituency (id; name from areas[])',
  'memberships.area': 'member constituency (id, name)', 'memberships.member': 'an organization as member: skipped with a note', 'memberships.rank': 'member rank', 'memberships.votes': 'member votes',
  'events.id': 'period, election or meeting id', 'events.classification': 'legislative period → council; election → POST .../elections; otherwise a sitting → meeting',
  'events.start_date': 'period start (council foundedOn) / election heldOn / meeting date', 'events.end_date': 'period end (dissolution)', 'events.name': 'council name suffix / election note',
  'events.organization_id': 'which council', 'events.legislative_period_id': 'which council', 'events.identifiers': 'election note / meeting number (scheme meeting-number)',
  'motions.id': 'motion id', 'motions.text': 'motion title', 'motions.date': 'motion openedOn', 'motions.result': 'reportedOutcome', 'motions.options': 'motion options',
  'vote_events.id': 'the motion (one per vote event)', 'vote_events.start_date': 'decidedOn / the sitting\'s date', 'vote_events.result': 'reportedOutcome',
  'vote_events.counts': 'roll call note: reported counts', 'vote_events.votes': 'the roll call\'s votes (absent, not voting, unknown options: attendance; "paired" with pair_id: the roll call\'s pairs)',
  'vote_events.legislative_session_id': 'the sitting (meeting)', 'vote_events.motion_id': 'the motion', 'vote_events.motion': 'the motion (text → title)',
  'areas.id': 'member constituency id', 'areas.name': 'member constituency name',
};

/**
 * Legislative periods given inside their organization (`legislative_periods[]`, as some publishers write
 * them) become events classified "legislative period" of that organization, as EveryPolitician writes them.
 */
function expandLegislativePeriods(doc: PopoloDocument): void {
  const known = new Set(doc.events.map((e) => String(e.value.id)));
  for (const o of doc.organizations) {
    const periods = o.value.legislative_periods;
    if (!Array.isArray(periods)) continue;
    periods.forEach((p, k) => {
      const period = p as Obj;
      if (!period || typeof period !== 'object' || period.id === undefined || known.has(String(period.id))) return;
      known.add(String(period.id));
      doc.events.push({ file: o.file, collection: `${where(o)} legislative_periods`, index: k, value: { classification: 'legislative period', organization_id: o.value.id, ...period } });
    });
  }
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** Second pass: streams the vote events again, whole, in file order. */
export async function streamVoteEvents(files: readonly string[], visit: (record: Located) => Promise<void>): Promise<void> {
  for (const file of files) {
    const fileCollection = basename(file, '.json');
    await streamJson(file, {
      element: async (key, index, value) => {
        if ((key ?? fileCollection) !== 'vote_events') return;
        await visit({ file, collection: 'vote_events', index, value: value as Obj });
      },
    });
  }
}
