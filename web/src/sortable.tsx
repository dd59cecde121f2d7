/** Sortable tables: a header button per column; the sort lives in component state, rows keep their order otherwise. */
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';

export type SortValue = string | number | null | undefined;

export interface Sort {
  key: string;
  dir: 'ascending' | 'descending';
}

/** Sorted copies of the rows by the chosen column's value (absent values last, whatever the direction). */
export function useSorted<T>(rows: T[], values: Record<string, (row: T) => SortValue>, initial?: Sort) {
  const [sort, setSort] = useState<Sort | undefined>(initial);
  const sorted = useMemo(() => {
    if (!sort || !values[sort.key]) return rows;
    const get = values[sort.key];
    const sign = sort.dir === 'ascending' ? 1 : -1;
    return rows
      .map((row, i) => ({ row, i, v: get(row) }))
      .sort((a, b) => {
        const av = a.v;
        const bv = b.v;
        if (av == null || av === '') return bv == null || bv === '' ? a.i - b.i : 1;
        if (bv == null || bv === '') return -1;
        const c = typeof av === 'number' && typeof bv === 'number' ? av - bv : String(av).localeCompare(String(bv), 'en', { numeric: true });
        return c === 0 ? a.i - b.i : sign * c;
      })
      .map((x) => x.row);
  }, [rows, sort?.key, sort?.dir]);
  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === 'ascending' ? 'descending' : 'ascending' } : { key, dir: 'ascending' }));
  return { sorted, sort, toggle };
}

/** A column header that sorts its table: `aria-sort` on the cell, a button inside. */
export function SortHeader(props: { col: string; sort?: Sort; toggle: (key: string) => void; children: ComponentChildren }) {
  const active = props.sort?.key === props.col;
  return (
    <th scope="col" aria-sort={active ? props.sort!.dir : undefined}>
      <button type="button" class="sort" data-sort={props.col} onClick={() => props.toggle(props.col)}>
        {props.children}
        <span aria-hidden="true" class="sort-mark">{active ? (props.sort!.dir === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    </th>
  );
}

/** A table in a box of its own that scrolls sideways on a narrow screen (the page itself never does). */
export function TableBox(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-box" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}
