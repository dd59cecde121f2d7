import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * The shared real data (../shared/real-data beside the repository; README there). Never copied nor edited:
 * the tests read it where it is, and compute what they expect from it here, without the importer's code.
 */
export function realDataDir(): string {
  const repoRoot = resolve(__dirname, '..', '..');
  for (const dir of [resolve(repoRoot, '..', 'shared', 'real-data'), '/work/shared/real-data']) if (existsSync(join(dir, 'README.md'))) return dir;
  throw new Error(`the shared real data is not beside the repository (${resolve(repoRoot, '..', 'shared', 'real-data')}): see docs/testing.md`);
}

type Row = Record<string, string>;

/** A CSV file's rows by header, as a plain reader gives them (latin-1 when the bytes are not UTF-8). */
export function csvRows(file: string): Row[] {
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
  }
  return parse(text, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as Row[];
}

const CHOICE: Record<string, string> = { yes: 'yes', for: 'yes', no: 'no', against: 'no', abstain: 'abstain' };

/**
 * What a roll-call package says, counted straight from its files: each voter's first and last division
 * (the tenure the issue defines), their group at each division, each vote event's tally.
 */
export function packageFigures(folder: string) {
  const events = csvRows(join(folder, 'vote_events.csv'));
  const dateOf = new Map(events.map((e) => [e.id, (e.start_date ?? e.date).slice(0, 10)]));
  const days = [...new Set(dateOf.values())].sort();
  const span = new Map<string, { first: string; last: string }>();
  const groupAt = new Map<string, Array<[string, string]>>();
  const tallies = new Map<string, Record<string, number>>();
  for (const v of csvRows(join(folder, 'votes.csv'))) {
    const d = dateOf.get(v.vote_event_id)!;
    const s = span.get(v.voter_id);
    span.set(v.voter_id, { first: s && s.first < d ? s.first : d, last: s && s.last > d ? s.last : d });
    if (v.group_id) (groupAt.get(v.voter_id) ?? groupAt.set(v.voter_id, []).get(v.voter_id)!).push([d, v.group_id]);
    const choice = CHOICE[v.option];
    if (choice) {
      const t = tallies.get(v.vote_event_id) ?? {};
      t[choice] = (t[choice] ?? 0) + 1;
      tallies.set(v.vote_event_id, t);
    }
  }
  const voters = new Map(csvRows(join(folder, 'voters.csv')).map((v) => [v.id, v]));
  /** Voters in office on a day: listed at a division on or before it and at one on or after it. */
  const inOffice = (day: string) => [...span.entries()].filter(([, s]) => s.first <= day && day <= s.last).map(([id]) => id).sort();
  /** Who sat together on a day: with group_id, the group of their latest vote on or before it; else the voters.csv party/list. */
  const groupsOn = (day: string): string[][] => {
    const together = new Map<string, string[]>();
    for (const id of inOffice(day)) {
      const seen = (groupAt.get(id) ?? []).filter(([d]) => d <= day).sort((a, b) => (a[0] < b[0] ? -1 : 1));
      const voter = voters.get(id)!;
      const g = seen.length > 0 ? seen[seen.length - 1][1] : groupAt.has(id) ? undefined : voter.party ?? voter.group ?? voter.candidate_list;
      if (g !== undefined) together.set(g, [...(together.get(g) ?? []), id]);
    }
    return partition(together.values());
  };
  return { events, days, inOffice, groupsOn, tallies, span };
}

/** Groups as sorted lists of their members, sorted: comparable whatever the groups' ids. */
export const partition = (groups: Iterable<string[]>): string[][] => [...groups].map((g) => [...g].sort()).sort((a, b) => (a.join() < b.join() ? -1 : 1));

/** n items spread evenly over a list (its first, its last and between). */
export const spread = <T>(list: readonly T[], n: number): T[] =>
  list.length <= n ? [...list] : Array.from({ length: n }, (_, i) => list[Math.round((i * (list.length - 1)) / (n - 1))]);
