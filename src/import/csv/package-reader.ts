import { parse as parseSync } from 'csv-parse/sync';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isValidEdtf } from '../../council/domain/valid-date';
import { InputError } from '../input-error';
import { voteOption } from '../model';
import { ImportReport } from '../report';
import { Columns, countOption, mapColumns, readDatapackage } from './columns';

type Row = Record<string, string>;

/**
 * A roll-call package in the neutral model every dialect is read into: voters, groups, vote events with
 * their motions, and what one pass over votes.csv shows (who is listed when, in which group, who took
 * part in each day's sitting). The votes themselves are streamed again when written, never all held.
 */
export interface RollCallPackage {
  folder: string;
  name: string;
  files: { voters: string; voteEvents: string; votes: string; groups?: string };
  voters: Map<string, Voter>;
  groups: Map<string, { id: string; name: string; line: number }>;
  voteEvents: Map<string, VoteEventRow>;
  /** Distinct division days, ascending (YYYY-MM-DD). */
  days: string[];
  /** Per voter: the first and last vote event listing them (any option, absent included). */
  listed: Map<string, { first: VoteEventRow; last: VoteEventRow }>;
  /** Per voter: their group_id on each division day (when votes.csv has group_id). */
  groupOnDay: Map<string, Map<string, string>>;
  /** Per division day: who took part (any option but absent/excused/paired), who was absent. */
  attendance: Map<string, { present: Set<string>; absent: Set<string> }>;
  votesPer: Map<string, number>;
  /** Whether votes.csv lists each vote event's votes together (then it streams one vote event at a time). */
  grouped: boolean;
  streamVotes(visit: (voteEventId: string, votes: PackageVote[]) => Promise<void>): Promise<void>;
}

export interface Voter {
  id: string;
  name: string;
  line: number;
  group?: string;
  constituency?: string;
}

export interface VoteEventRow {
  id: string;
  line: number;
  /** The day of the vote (a date-time keeps its day). */
  date: string;
  title?: string;
  text?: string;
  result?: string;
  requirement?: string;
  session?: string;
  counts: Array<{ option: string; value: number }>;
}

export interface PackageVote {
  voter_id: string;
  option: string;
  paired_id?: string;
}

const FILES = ['voters.csv', 'vote_events.csv', 'votes.csv'] as const;

/** A small CSV file whole, in UTF-8, or in Latin-1 when it is not UTF-8 (a publisher's quirk, noted). */
function readSmall(file: string, report: ImportReport): { header: string[]; rows: Array<{ row: Row; line: number }> } {
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
    report.notes.push(`${basename(file)} is not UTF-8: read as Latin-1 (ISO 8859-1)`);
  }
  let records: string[][];
  try {
    records = parseSync(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (e) {
    throw new InputError(file, undefined, `not a valid CSV file: ${(e as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  const rows = records.slice(1).map((cells, i) => ({ row: Object.fromEntries(header.map((h, k) => [h, (cells[k] ?? '').trim()])), line: i + 2 }));
  return { header, rows };
}

/**
 * votes.csv row by row. A small RFC 4180 reader of its own rather than csv-parse's stream: with rows
 * shorter than the header (Chile's paired_id is only on paired votes) csv-parse builds an Error per row,
 * which made 200,000 rows take 15 s. Quoted fields ("" for a quote, a newline inside quotes) are read.
 */
async function* streamRows(file: string): AsyncGenerator<{ row: Row; line: number }> {
  const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let header: string[] | undefined;
  let line = 0;
  let pending = '';
  let startLine = 0;
  for await (const text of lines) {
    line++;
    const record = pending === '' ? text : `${pending}\n${text}`;
    if (pending === '') startLine = line;
    const cells = splitRecord(record);
    if (cells === undefined) {
      pending = record;
      continue;
    }
    pending = '';
    if (header === undefined) {
      header = cells.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
      continue;
    }
    if (cells.length === 1 && cells[0].trim() === '') continue;
    const row: Row = {};
    for (let i = 0; i < header.length; i++) row[header[i]] = (cells[i] ?? '').trim();
    yield { row, line: startLine };
  }
  if (pending !== '') throw new InputError(file, `row at line ${startLine}`, 'not a valid CSV file: a quoted field is never closed');
}

/** One CSV record's fields; undefined when a quoted field runs on past the end of the text (a newline inside quotes). */
export function splitRecord(text: string): string[] | undefined {
  if (!text.includes('"')) return text.split(',');
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return undefined;
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const comma = text.indexOf(',', i);
      cells.push(value + (comma < 0 ? text.slice(i) : text.slice(i, comma)));
      if (comma < 0) return cells;
      i = comma + 1;
    } else {
      const comma = text.indexOf(',', i);
      if (comma < 0) {
        cells.push(text.slice(i));
        return cells;
      }
      cells.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}

async function headerOf(file: string): Promise<string[]> {
  const lines = createInterface({ input: createReadStream(file, { end: 64 * 1024 }), crlfDelay: Infinity });
  for await (const text of lines) {
    lines.close();
    return (splitRecord(text) ?? []).map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  }
  return [];
}

const ABSENT = /^(absent|excused|paired)$/i;

/** Reads a roll-call package: the small files whole, votes.csv once (checked, summarised); nothing written. */
export async function readPackage(folder: string, report: ImportReport): Promise<RollCallPackage> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError(folder, undefined, 'no such folder (a roll-call package is a folder with voters.csv, vote_events.csv and votes.csv)');
  const [voters, voteEvents, votes] = FILES.map((f) => join(folder, f));
  for (const f of [voters, voteEvents, votes]) if (!existsSync(f)) throw new InputError(f, undefined, `missing: a roll-call package needs ${FILES.join(', ')}`);
  const groupsFile = existsSync(join(folder, 'groups.csv')) ? join(folder, 'groups.csv') : undefined;
  const schema = readDatapackage(folder, report);
  report.dialect = `roll-call package${schema ? ' (datapackage.json)' : ''}`;
  const pkg: RollCallPackage = {
    folder, name: basename(resolve(folder)), files: { voters, voteEvents, votes, groups: groupsFile }, voters: new Map(), groups: new Map(), voteEvents: new Map(), days: [],
    listed: new Map(), groupOnDay: new Map(), attendance: new Map(), votesPer: new Map(), grouped: true, streamVotes: async () => undefined,
  };

  const v = readSmall(voters, report);
  const vc = mapColumns('voters', voters, v.header, schema?.get('voters'), report);
  if (vc.id === undefined) throw new InputError(voters, undefined, 'no id column');
  for (const { row, line } of v.rows) {
    const id = row[vc.id];
    const name = (vc.name ? row[vc.name] : undefined) || [vc.givenName ? row[vc.givenName] : '', vc.familyName ? row[vc.familyName] : ''].join(' ').trim();
    if (!id || !name) {
      report.skip(voters, `row at line ${line}`, 'a voter needs an id and a name');
      continue;
    }
    if (pkg.voters.has(id)) {
      report.skip(voters, `row at line ${line} (id ${JSON.stringify(id)})`, 'a voter id appears twice (the first row is kept)');
      continue;
    }
    pkg.voters.set(id, { id, name, line, group: (vc.group && row[vc.group]) || undefined, constituency: (vc.constituency && row[vc.constituency]) || undefined });
  }

  if (groupsFile) {
    const g = readSmall(groupsFile, report);
    const gc = mapColumns('groups', groupsFile, g.header, schema?.get('groups'), report);
    for (const { row, line } of g.rows) {
      const id = gc.id ? row[gc.id] : '';
      if (!id) {
        report.skip(groupsFile, `row at line ${line}`, 'a group needs an id');
        continue;
      }
      const name = (gc.name && row[gc.name]) || (gc.abbreviation && row[gc.abbreviation]) || id;
      const abbreviation = gc.abbreviation ? row[gc.abbreviation] : '';
      pkg.groups.set(id, { id, line, name: abbreviation && abbreviation !== name ? `${name} (${abbreviation})` : name });
    }
  }

  const e = readSmall(voteEvents, report);
  const ec = mapColumns('vote_events', voteEvents, e.header, schema?.get('vote_events'), report);
  const countColumns = e.header.map((c) => [c, countOption(c)] as const).filter((x): x is readonly [string, string] => x[1] !== undefined);
  if (ec.id === undefined) throw new InputError(voteEvents, undefined, 'no id column');
  const days = new Set<string>();
  for (const { row, line } of e.rows) {
    const id = row[ec.id];
    const record = `row at line ${line}${id ? ` (id ${JSON.stringify(id)})` : ''}`;
    if (!id) {
      report.skip(voteEvents, record, 'a vote event needs an id');
      continue;
    }
    if (pkg.voteEvents.has(id)) {
      report.skip(voteEvents, record, 'a vote event id appears twice (the first row is kept)');
      continue;
    }
    const raw = ec.date ? row[ec.date] : '';
    const date = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? raw.slice(0, 10) : raw;
    if (!date || !isValidEdtf(date) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      report.skip(voteEvents, record, `a vote event needs a day (start_date or date), got ${JSON.stringify(raw)}`);
      continue;
    }
    const counts: Array<{ option: string; value: number }> = [];
    for (const [column, option] of countColumns) {
      const value = row[column];
      if (value === '' || value === undefined) continue;
      if (!/^\d+$/.test(value)) report.notes.push(`${basename(voteEvents)} ${record}: ${column} ${JSON.stringify(value)} is no count (left out)`);
      else counts.push({ option, value: Number(value) });
    }
    const text = ec.text ? row[ec.text] || undefined : undefined;
    pkg.voteEvents.set(id, {
      id, line, date, counts, text, title: (ec.title ? row[ec.title] || undefined : undefined), result: (ec.result && row[ec.result]) || undefined,
      requirement: (ec.requirement && row[ec.requirement]) || undefined, session: (ec.session && row[ec.session]) || undefined,
    });
    days.add(date);
  }
  pkg.days = [...days].sort();

  const vh = await headerOf(votes);
  const votesColumns = mapColumns('votes', votes, vh, schema?.get('votes'), report);
  for (const role of ['voteEventId', 'voterId', 'option'] as const) if (votesColumns[role] === undefined) throw new InputError(votes, undefined, `no ${role === 'voteEventId' ? 'vote_event_id' : role === 'voterId' ? 'voter_id' : 'option'} column`);
  await firstPass(pkg, votesColumns, report);
  pkg.streamVotes = (visit) => streamVotes(pkg, votesColumns, visit);
  return pkg;
}

/** One pass over votes.csv: each row checked (unusable rows skipped with their reason), tenure and groups seen. */
async function firstPass(pkg: RollCallPackage, c: Columns<'votes'>, report: ImportReport): Promise<void> {
  const file = pkg.files.votes;
  const seen = new Set<string>();
  let current: string | undefined;
  for await (const { row, line } of streamRows(file)) {
    const eventId = row[c.voteEventId!];
    const voterId = row[c.voterId!];
    const option = row[c.option!];
    const event = pkg.voteEvents.get(eventId);
    if (!eventId || !voterId || !option) {
      report.skip(file, `row at line ${line}`, 'a vote needs vote_event_id, voter_id and option');
      continue;
    }
    if (!event) {
      report.skip(file, `row at line ${line}`, `the vote event is not in vote_events.csv (or was skipped)`);
      continue;
    }
    if (!pkg.voters.has(voterId)) {
      report.skip(file, `row at line ${line} (voter_id ${JSON.stringify(voterId)})`, 'unknown person: not in voters.csv');
      continue;
    }
    if (eventId !== current) {
      if (seen.has(eventId)) pkg.grouped = false;
      seen.add(eventId);
      current = eventId;
    }
    pkg.votesPer.set(eventId, (pkg.votesPer.get(eventId) ?? 0) + 1);
    const known = voteOption(option);
    if (known?.kind !== 'vote') report.attendance(option.trim().toLowerCase());
    const listed = pkg.listed.get(voterId);
    if (!listed) pkg.listed.set(voterId, { first: event, last: event });
    else {
      if (event.date < listed.first.date) listed.first = event;
      if (event.date >= listed.last.date) listed.last = event;
    }
    const groupId = c.groupId ? row[c.groupId] : '';
    if (groupId) {
      const byDay = pkg.groupOnDay.get(voterId) ?? new Map<string, string>();
      byDay.set(event.date, groupId);
      pkg.groupOnDay.set(voterId, byDay);
    }
    const sitting = pkg.attendance.get(event.date) ?? { present: new Set<string>(), absent: new Set<string>() };
    if (ABSENT.test(option.trim())) sitting.absent.add(voterId);
    else sitting.present.add(voterId);
    pkg.attendance.set(event.date, sitting);
  }
}

/** Second pass: each vote event's votes (rows skipped in the first pass are left out again). */
async function streamVotes(pkg: RollCallPackage, c: Columns<'votes'>, visit: (voteEventId: string, votes: PackageVote[]) => Promise<void>): Promise<void> {
  const usable = (row: Row) => pkg.voteEvents.has(row[c.voteEventId!]) && pkg.voters.has(row[c.voterId!]) && row[c.option!] !== '';
  const vote = (row: Row): PackageVote => ({ voter_id: row[c.voterId!], option: row[c.option!], ...(c.pairedId && row[c.pairedId] ? { paired_id: row[c.pairedId] } : {}) });
  const emitted = new Set<string>();
  if (pkg.grouped) {
    let id: string | undefined;
    let votes: PackageVote[] = [];
    for await (const { row } of streamRows(pkg.files.votes)) {
      if (!usable(row)) continue;
      if (row[c.voteEventId!] !== id) {
        if (id !== undefined) await visit(id, votes);
        if (id !== undefined) emitted.add(id);
        id = row[c.voteEventId!];
        votes = [];
      }
      votes.push(vote(row));
    }
    if (id !== undefined) {
      await visit(id, votes);
      emitted.add(id);
    }
  } else {
    const all = new Map<string, PackageVote[]>();
    for await (const { row } of streamRows(pkg.files.votes)) {
      if (!usable(row)) continue;
      const list = all.get(row[c.voteEventId!]) ?? [];
      list.push(vote(row));
      all.set(row[c.voteEventId!], list);
    }
    for (const [id, votes] of all) {
      await visit(id, votes);
      emitted.add(id);
    }
  }
  for (const id of pkg.voteEvents.keys()) if (!emitted.has(id)) await visit(id, []);
}
