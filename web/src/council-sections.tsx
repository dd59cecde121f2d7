/**
 * What the council page's sections share: rows up to the chosen day, the page context, paged lists and
 * tables, the "corrected" mark. The sections themselves: people-sections.tsx (members, officers, working
 * groups), record-tables.tsx (meetings, motions), elections-section.tsx (elections and votings).
 */
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { Anomaly, Council } from './api';
import { edtfBounds } from './dates';
import { TableBox } from './sortable';

/** The rows dated (at the earliest) on or before the day: a filter that keeps the rows' order. */
export function upTo<T>(rows: T[] | undefined, date: (row: T) => string | null | undefined, day: string): T[] {
  return (rows ?? []).filter((r) => (edtfBounds(date(r)).earliest ?? '') <= day);
}

/**
 * `upTo` that keeps the same array while the day moves without adding or removing a row: the set of rows
 * dated by a day only grows with the day, so its size identifies it. Memoized sections then skip re-rendering.
 */
export function useUpTo<T>(rows: T[] | undefined, date: (row: T) => string | null | undefined, day: string): T[] {
  const count = useMemo(() => {
    let n = 0;
    for (const r of rows ?? []) if ((edtfBounds(date(r)).earliest ?? '') <= day) n++;
    return n;
  }, [rows, day]);
  return useMemo(() => upTo(rows, date, day), [rows, count]);
}

/** What the sections share; nothing in it changes with the date, so date changes leave them alone. */
export interface PageContext {
  councilId: string;
  council: Council;
  knownAt?: string;
  anomaliesBy: Map<string, Anomaly[]>;
  /** `member:<id>` of the members whose record has been corrected (from the members list's `corrections`). */
  corrected: Set<string>;
  src: (entity: string, label: string) => ComponentChildren;
  /** A member's page (without the date: lists that do not change with it link there). */
  memberHref: (memberId: string) => string;
  curiaName: (key?: string | null) => string;
}

/** Rows shown at first in a long table (the rest behind "Show all"): what a date change re-renders at most. */
export const ROWS = 30;

/** Long lists: the first (or last) `n` rows and a button for the rest, so a date change renders a bounded page. */
export function Paged<T>(props: { rows: T[]; n?: number; showAll: boolean; onToggle: () => void; fromEnd?: boolean; render: (rows: T[]) => ComponentChildren; noun: string }) {
  const n = props.n ?? ROWS;
  const rows = props.showAll || props.rows.length <= n ? props.rows : props.fromEnd ? props.rows.slice(-n) : props.rows.slice(0, n);
  return (
    <>
      {props.render(rows)}
      {props.rows.length > n ? (
        <p>
          {props.showAll ? `All ${props.rows.length} ${props.noun} shown. ` : `${props.fromEnd ? 'The last' : 'The first'} ${n} of ${props.rows.length} ${props.noun} are shown. `}
          <button type="button" onClick={props.onToggle}>
            {props.showAll ? `Show ${n}` : `Show all ${props.rows.length}`}
          </button>
        </p>
      ) : null}
    </>
  );
}


/**
 * A long table in its own scroll box (`TableBox`), paged like `Paged`: the caption (for screen readers),
 * the header cells, and a row per item. The members, meetings and motions tables are each one of these.
 */
export function PagedTable<T>(props: {
  rows: T[];
  n?: number;
  fromEnd?: boolean;
  showAll: boolean;
  onToggle: () => void;
  noun: string;
  label: string;
  tableClass: string;
  testid?: string;
  caption: ComponentChildren;
  head: ComponentChildren;
  row: (row: T) => ComponentChildren;
}) {
  return (
    <Paged
      rows={props.rows}
      n={props.n}
      fromEnd={props.fromEnd}
      showAll={props.showAll}
      onToggle={props.onToggle}
      noun={props.noun}
      render={(rows) => (
        <TableBox label={props.label}>
          <table class={props.tableClass} data-testid={props.testid}>
            <caption class="visually-hidden">{props.caption}</caption>
            <thead>
              <tr>{props.head}</tr>
            </thead>
            <tbody>{rows.map(props.row)}</tbody>
          </table>
        </TableBox>
      )}
    />
  );
}

/** The mark of a row whose record has been corrected (as known at the page's record time). */
export function CorrectedMark(props: { on: boolean }) {
  return props.on ? (
    <span class="corrected-mark" title="This record has been corrected: see Corrections in the record" data-testid="corrected-mark">
      corrected
    </span>
  ) : null;
}
