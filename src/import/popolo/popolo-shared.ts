import { basename } from 'node:path';
import { parseValidDate } from '../../council/domain/valid-date';
import { BatchItem, toSlug } from '../model';
import { ImportReport } from '../report';
import { Located, PopoloDocument, dateOf, where } from './popolo-reader';

/**
 * What the steps of the Popolo planner share (popolo-plan.ts runs them in order): the council being planned
 * for each legislature and legislative period (a Context), and the document with its lookups (a Planning).
 * The steps: popolo-periods (councils, founding, seats, dated as of), popolo-elections, popolo-memberships
 * (groups, members, departures, affiliations, officers), popolo-sittings (meetings, motions) and
 * popolo-vote-events (roll calls, streamed).
 */
export type Obj = Record<string, unknown>;

export const LEGISLATURE = /^(legislature|council|chamber|parliament|assembly|house|lower house|upper house|senate|congress)$/i;
export const PERIOD = /legislative[ _-]?period|^term$/i;
export const ELECTION = /election/i;
export const KINDS = ['statement', 'resolution', 'appointment', 'procedural'];
export const MEMBER_ROLES = /^(member|mp|deputy|representative|senator|councillor|councilor|)$/i;
export const REASONS = ['resigned', 'expelled', 'died', 'imprisoned', 'other'];

export interface Context {
  councilId: string;
  /** Why the founding date is what it is, when the source does not state it. */
  foundingNote?: string;
  legislature: Located;
  period?: Located;
  start?: number;
  end?: number;
  founding: Obj;
  /** Person id → member id in this council. */
  members: Map<string, string>;
  meetings: Map<string, string>;
  items: BatchItem[];
  /** Its elections (recorded before its other facts). */
  elections: BatchItem[];
  closing: BatchItem[];
  voteEvents: number;
  votes: number;
  dissolvedOn?: string;
}

export const early = (edtf: string) => parseValidDate(edtf).earliestDay;
export const late = (edtf: string) => parseValidDate(edtf).latestDay;
export const source = (r: Located) => ({ title: basename(r.file), locator: where(r) });
export const compact = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** A vote event stream: each vote event whole, as a Popolo vote event, with where it was read. */
export type VoteEventStream = (visit: (record: Located) => Promise<void>) => Promise<void>;

export interface PlanOptions {
  council?: string;
  report?: ImportReport;
  /** Refuse the whole input at the first unusable record (the old behaviour). */
  strict?: boolean;
  /** A file without dates: its councils and members are "in office as of" this day (YYYY-MM-DD). */
  asOf?: string;
}

/** A placement hint: where a record says it belongs. */
export interface PlaceHints {
  periodId?: string;
  organizationId?: string;
  sessionId?: string;
  date?: string;
}

/** The document and the councils planned for it, shared by every step. */
export interface Planning {
  doc: PopoloDocument;
  report: ImportReport;
  options: PlanOptions;
  persons: Map<string, Located>;
  events: Map<string, Located>;
  contexts: Context[];
  curiaOrgs: Map<string, Located>;
  groupOrgs: Map<string, Located>;
  /** Whether a membership is of this council's legislature (and period). */
  inPeriod(c: Context, m: Located): boolean;
  /** The council a record belongs to; undefined (skipped with the reason) when none can be told. */
  placed(record: Located, hints: PlaceHints): Context | undefined;
}

export function startDay(m: Located): number {
  const d = dateOf(m, 'start_date');
  return d === undefined ? -Infinity : early(d);
}

export function curiaKey(o: Located): string {
  const id = ((o.value.identifiers as Obj[] | undefined) ?? []).find((i) => i?.scheme === 'curia')?.identifier;
  return toSlug(String(id ?? o.value.id), 'curia');
}

export function groupKey(o: Located | undefined): string | undefined {
  const id = ((o?.value.identifiers as Obj[] | undefined) ?? []).find((i) => i?.scheme === 'group')?.identifier;
  return id === undefined ? undefined : String(id);
}

export function reported(result: unknown): 'adopted' | 'rejected' | undefined {
  const r = String(result ?? '').trim().toLowerCase();
  if (['pass', 'passed', 'adopted', 'carried', 'approved', 'agreed'].includes(r)) return 'adopted';
  if (['fail', 'failed', 'rejected', 'defeated', 'lost', 'not adopted'].includes(r)) return 'rejected';
  return undefined;
}

