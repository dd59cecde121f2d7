import { ImportReport } from './report';

/**
 * What an importer reads from a source file (Popolo JSON or a roll-call CSV package), in the API's own
 * terms: one council per legislature and legislative period, the facts to record in it, and the vote
 * events, which are streamed in a second pass so memory never holds them all.
 */
export interface BatchItem {
  path: string;
  body: Record<string, unknown>;
  /** Where the fact comes from in the input, for the summary of refused facts: `vote_events[12] (id "ve-12")`. */
  label: string;
}

export interface PlannedCouncil {
  councilId: string;
  /** The body of POST /api/councils. */
  founding: Record<string, unknown>;
  /** Groups, members and their departures, affiliations, officers, meetings, motions without votes: in order. */
  facts: BatchItem[];
  /** Recorded after every vote event (a dissolution checks no later fact is on record). */
  closing: BatchItem[];
  /** Events the vote events will produce (votes + decisions + motions), for the progress bar. */
  expectedVoteEvents: number;
  expectedVotes: number;
}

export interface ImportPlan {
  councils: PlannedCouncil[];
  /** Streams the vote events again, each as the batch items it becomes, routed to its council. */
  voteEvents(emit: (councilId: string, items: BatchItem[]) => Promise<void>): Promise<void>;
  /** What the reader had to leave out or infer, for the summary (e.g. "12 'paired' votes are not votes"). */
  notes: string[];
  /** The field mapping, every inference and every skip (printed; written whole by --report). */
  report: ImportReport;
}

/** Popolo vote options → what the API records. */
export type VoteOption = { kind: 'vote'; choice: string } | { kind: 'present' } | { kind: 'absent' };

export function voteOption(option: string, motionOptions?: readonly string[]): VoteOption | undefined {
  const o = option.trim().toLowerCase();
  if (motionOptions?.includes(option)) return { kind: 'vote', choice: option };
  if (o === 'yes' || o === 'aye' || o === 'yea' || o === 'for') return { kind: 'vote', choice: 'yes' };
  if (o === 'no' || o === 'nay' || o === 'against') return { kind: 'vote', choice: 'no' };
  if (o === 'abstain' || o === 'abstention' || o === 'abstained') return { kind: 'vote', choice: 'abstain' };
  if (o === 'absent' || o === 'excused' || o === 'paired') return { kind: 'absent' };
  if (o === 'not voting' || o === 'not-voting' || o === 'not_voting' || o === 'present') return { kind: 'present' };
  return undefined;
}

const SLUG = /^(?=.{1,100}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug for an id from the source: kept as is when it already is one. */
export function toSlug(text: string, fallback: string): string {
  if (SLUG.test(text)) return text;
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 90)
    .replace(/-+$/g, '');
  return slug || fallback;
}

/** Source ids → unique slugs, stable for a given input (the same file gives the same ids on every run). */
export class IdMap {
  private readonly ids = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly fallback: string) {}

  get(sourceId: string): string | undefined {
    return this.ids.get(sourceId);
  }

  add(sourceId: string): string {
    const known = this.ids.get(sourceId);
    if (known) return known;
    const base = toSlug(sourceId, this.fallback);
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base.slice(0, 90)}-${n}`;
    this.ids.set(sourceId, id);
    this.taken.add(id);
    return id;
  }
}
