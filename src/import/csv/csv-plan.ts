import { parse } from 'csv-parse';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../input-error';
import { ImportPlan, voteOption } from '../model';
import { planDocument } from '../popolo/popolo-plan';
import { Located, PopoloDocument, VoteEventInfo, dateOf, sessionKey } from '../popolo/popolo-reader';

type Row = Record<string, string>;
type Obj = Record<string, unknown>;

const FILES = ['voters.csv', 'vote_events.csv', 'votes.csv'] as const;

async function* rows(file: string): AsyncGenerator<{ row: Row; line: number }> {
  const parser = createReadStream(file).pipe(parse({ columns: (header: string[]) => header.map((h) => h.trim()), info: true, bom: true, skip_empty_lines: true, trim: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Row; info: { lines: number } }>) yield { row: record, line: info.lines };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, undefined, `not a valid CSV file: ${(e as Error).message}`);
  }
}

const need = (file: string, line: number, row: Row, column: string): string => {
  const value = row[column];
  if (value === undefined || value === '') throw new InputError(file, `row at line ${line}`, `the column ${column} is empty or missing`);
  return value;
};

/**
 * A roll-call package (voters.csv, vote_events.csv, votes.csv) as a Popolo document: voters → persons
 * sitting on behalf of their party (→ groups), vote events with their sittings (legislative_session_id +
 * date), results and reported counts, votes. Then the Popolo planner does the rest, so both formats
 * follow one mapping.
 *
 * votes.csv is streamed twice (check, then write). When its rows are grouped by vote event (as exports
 * are), memory holds one vote event at a time; when they are not, the second pass gathers them per vote
 * event in memory (and says so).
 */
export async function planCsv(folder: string, options: { council?: string } = {}): Promise<ImportPlan> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError(folder, undefined, 'no such folder (a roll-call package is a folder with voters.csv, vote_events.csv and votes.csv)');
  const [votersFile, eventsFile, votesFile] = FILES.map((f) => join(folder, f));
  for (const f of [votersFile, eventsFile, votesFile]) if (!existsSync(f)) throw new InputError(f, undefined, `missing: a roll-call package needs ${FILES.join(', ')}`);
  const name = options.council ?? basename(resolve(folder));
  const legislatureId = name;
  const doc: PopoloDocument = {
    files: [votesFile], persons: [], organizations: [], memberships: [], events: [], motions: [], voteEvents: [], attendance: new Map(), voteEventsPerMotion: new Map(),
  };
  const parties = new Map<string, string>();
  const voters = new Set<string>();
  for await (const { row, line } of rows(votersFile)) {
    const id = need(votersFile, line, row, 'id');
    if (voters.has(id)) throw new InputError(votersFile, `row at line ${line}`, `voter ${JSON.stringify(id)} appears twice`);
    voters.add(id);
    const index = doc.persons.length;
    doc.persons.push({ file: votersFile, collection: 'voters', index, value: { id, name: need(votersFile, line, row, 'name') } });
    const party = row.party || row.group || undefined;
    if (party !== undefined && !parties.has(party)) {
      parties.set(party, `party:${party}`);
      doc.organizations.push({ file: votersFile, collection: 'parties', index: parties.size - 1, value: { id: `party:${party}`, name: party, classification: 'party' } });
    }
    doc.memberships.push({
      file: votersFile, collection: 'voters', index, value: { person_id: id, organization_id: legislatureId, role: 'member', ...(party !== undefined ? { on_behalf_of_id: `party:${party}` } : {}) },
    });
  }

  const events = new Map<string, { line: number; value: Obj; date: string }>();
  let legislatureStart: string | undefined;
  for await (const { row, line } of rows(eventsFile)) {
    const id = need(eventsFile, line, row, 'id');
    if (events.has(id)) throw new InputError(eventsFile, `row at line ${line} (id ${JSON.stringify(id)})`, 'a vote event id appears twice');
    const record: Located = { file: eventsFile, collection: 'vote_events', index: line, value: { id, start_date: row.start_date || row.date } };
    const date = dateOf(record, 'start_date');
    if (date === undefined) throw new InputError(eventsFile, `row at line ${line} (id ${JSON.stringify(id)})`, 'the vote event has no date (start_date)');
    const counts = Object.entries(row)
      .map(([column, value]) => [/^counts:(?:option:)?(.+)$/.exec(column)?.[1], value] as const)
      .filter(([option, value]) => option !== undefined && value !== '')
      .map(([option, value]) => {
        if (!/^\d+$/.test(value)) throw new InputError(eventsFile, `row at line ${line} (id ${JSON.stringify(id)})`, `counts:${option} must be a whole number (got ${JSON.stringify(value)})`);
        return { option, value: Number(value) };
      });
    events.set(id, {
      line,
      date,
      value: {
        id, start_date: date, legislative_session_id: row.legislative_session_id || undefined, result: row.result || undefined, counts,
        motion: { text: row['motion:text'] || row['motion:name'] || row.motion || row.title || `Vote ${id}` },
      },
    });
    if (legislatureStart === undefined || date < legislatureStart) legislatureStart = date;
  }
  doc.organizations.unshift({ file: votersFile, collection: 'package', index: 0, value: { id: legislatureId, name, classification: 'legislature', ...(legislatureStart ? { founding_date: legislatureStart } : {}) } });

  // First pass over the votes: every reference checked, attendance per sitting, grouping detected.
  const seenGroups = new Set<string>();
  let current: string | undefined;
  let grouped = true;
  const votesPer = new Map<string, number>();
  for await (const { row, line } of rows(votesFile)) {
    const eventId = need(votesFile, line, row, 'vote_event_id');
    const voter = need(votesFile, line, row, 'voter_id');
    const option = need(votesFile, line, row, 'option');
    const event = events.get(eventId);
    if (!event) throw new InputError(votesFile, `row at line ${line}`, `unknown vote event ${JSON.stringify(eventId)}: not in vote_events.csv`);
    if (!voters.has(voter)) throw new InputError(votesFile, `row at line ${line}`, `unknown person ${JSON.stringify(voter)}: not in voters.csv`);
    const parsed = voteOption(option);
    if (!parsed) throw new InputError(votesFile, `row at line ${line}`, `unknown option ${JSON.stringify(option)} (yes, no, abstain, absent, not voting, paired)`);
    if (eventId !== current) {
      if (seenGroups.has(eventId)) grouped = false;
      seenGroups.add(eventId);
      current = eventId;
    }
    votesPer.set(eventId, (votesPer.get(eventId) ?? 0) + 1);
    const key = sessionKey(event.value.legislative_session_id as string | undefined, event.date);
    const sitting = doc.attendance.get(key) ?? { present: new Set<string>(), absent: new Set<string>() };
    if (parsed.kind === 'absent') sitting.absent.add(voter);
    else sitting.present.add(voter);
    doc.attendance.set(key, sitting);
  }
  for (const [id, e] of events) {
    const info: VoteEventInfo = {
      file: eventsFile, index: e.line, id, sessionId: e.value.legislative_session_id as string | undefined, date: e.date, votes: votesPer.get(id) ?? 0,
    };
    doc.voteEvents.push(info);
  }
  const notes = grouped ? [] : ['votes.csv is not grouped by vote_event_id: its votes were gathered per vote event in memory (sort it by vote_event_id to stream it)'];

  const plan = planDocument(doc, async (visit) => {
    const emitted = new Set<string>();
    const emit = async (id: string, votes: Obj[]) => {
      const e = events.get(id)!;
      emitted.add(id);
      await visit({ file: eventsFile, collection: 'vote_events', index: e.line, value: { ...e.value, votes } });
    };
    if (grouped) {
      let id: string | undefined;
      let votes: Obj[] = [];
      for await (const { row } of rows(votesFile)) {
        if (row.vote_event_id !== id) {
          if (id !== undefined) await emit(id, votes);
          id = row.vote_event_id;
          votes = [];
        }
        votes.push({ voter_id: row.voter_id, option: row.option });
      }
      if (id !== undefined) await emit(id, votes);
    } else {
      const all = new Map<string, Obj[]>();
      for await (const { row } of rows(votesFile)) {
        const list = all.get(row.vote_event_id) ?? [];
        list.push({ voter_id: row.voter_id, option: row.option });
        all.set(row.vote_event_id, list);
      }
      for (const [id, votes] of all) await emit(id, votes);
    }
    for (const id of events.keys()) if (!emitted.has(id)) await emit(id, []);
  }, { council: options.council ?? slugOr(name) });
  plan.notes.push(...notes);
  return plan;
}

const slugOr = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'roll-call';
