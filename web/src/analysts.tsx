/**
 * The analyst's views in the page: attendance and cohesion by curia or by group (from the public analytics
 * endpoints), with the service's reason when the record cannot support a figure; and the downloads.
 */
import { useEffect, useState } from 'preact/hooks';
import { getJson, query } from './api';
import { SortHeader, TableBox, useSorted } from './sortable';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const pct = (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 1000) / 10}%` : '—');

interface Row {
  key: string;
  name: string;
  members?: number;
  attended?: number;
  eligible?: number;
  rate?: number;
  motions?: number;
  rice?: number;
}

function blocksOf(body: Json | undefined, by: 'curia' | 'group'): Json[] {
  if (!body) return [];
  const list = by === 'curia' ? body.curiae : body.groups;
  return Array.isArray(list) ? (list as Json[]) : [];
}

/** The CSV of one analyst table (the API's `format=csv` of the same read): there is no Popolo form of analytics. */
function TableCsv(props: { councilId: string; kind: 'attendance' | 'cohesion'; by: 'curia' | 'group'; knownAt?: string }) {
  const href = `/api/councils/${encodeURIComponent(props.councilId)}/analytics/${props.kind}${query({ by: props.by, format: 'csv', knownAt: props.knownAt })}`;
  return (
    <p class="downloads" data-testid={`downloads-${props.kind}-by-${props.by}`}>
      Download:{' '}
      <a href={href} download={`${props.councilId}-${props.kind}-by-${props.by}.csv`}>
        CSV<span class="visually-hidden"> of the {props.kind} by {props.by}</span>
      </a>
    </p>
  );
}

function BlockTable(props: { kind: 'attendance' | 'cohesion'; by: 'curia' | 'group'; rows: Row[] }) {
  const { sorted, sort, toggle } = useSorted(props.rows, {
    name: (r) => r.name,
    rate: (r) => (props.kind === 'attendance' ? r.rate : r.rice),
    n: (r) => (props.kind === 'attendance' ? r.eligible : r.motions),
  });
  const label = `${props.kind === 'attendance' ? 'Attendance' : 'Cohesion'} by ${props.by}`;
  return (
    <TableBox label={label}>
      <table class="compact" data-testid={`${props.kind}-by-${props.by}`}>
        <caption class="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <SortHeader col="name" sort={sort} toggle={toggle}>{props.by === 'curia' ? 'Curia' : 'Group'}</SortHeader>
            <SortHeader col="rate" sort={sort} toggle={toggle}>{props.kind === 'attendance' ? 'Attendance rate' : 'Rice index (mean)'}</SortHeader>
            <SortHeader col="n" sort={sort} toggle={toggle}>{props.kind === 'attendance' ? 'Attended / eligible' : 'Motions with votes'}</SortHeader>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              <td>{props.kind === 'attendance' ? pct(r.rate) : r.rice === undefined ? '—' : r.rice.toFixed(2)}</td>
              <td>{props.kind === 'attendance' ? (r.eligible ? `${r.attended ?? '—'} / ${r.eligible}` : <span class="muted">none counted</span>) : (r.motions ?? '—')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}

function View(props: { councilId: string; kind: 'attendance' | 'cohesion'; by: 'curia' | 'group'; knownAt?: string }) {
  const [body, setBody] = useState<Json | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    setBody(undefined);
    setError(undefined);
    getJson<Json>(`/councils/${encodeURIComponent(props.councilId)}/analytics/${props.kind}${query({ by: props.by, knownAt: props.knownAt })}`)
      .then((b) => live && setBody(b))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.councilId, props.kind, props.by, props.knownAt]);
  if (error) return <p role="alert">Could not load the {props.kind} figures: {error}</p>;
  if (!body) return <p>Loading…</p>;
  const rows: Row[] = blocksOf(body, props.by).map((b) => ({
    key: String(b.key ?? b.curia ?? b.groupId ?? b.name),
    name: String(b.name ?? b.key ?? b.curia ?? b.groupId ?? 'unnamed'),
    attended: num(b.attended),
    eligible: num(b.eligible),
    rate: num(b.rate),
    motions: num(b.motions),
    rice: num(b.rice),
  }));
  // The record supports a figure when some block has one; otherwise the service's note says why not.
  const supported = rows.some((r) => (props.kind === 'attendance' ? r.rate !== undefined : r.rice !== undefined));
  const note = typeof body.note === 'string' ? body.note : undefined;
  return (
    <div data-testid={`${props.kind}-view`}>
      {!supported ? (
        <p class="notice" data-testid={`${props.kind}-reason`}>
          <strong>The record cannot support this view.</strong>{' '}
          {note ?? (rows.length ? 'No block has a figure on record.' : `No member carries a ${props.by} on record.`)}
        </p>
      ) : note ? (
        <p class="muted">{note}</p>
      ) : null}
      {rows.length && supported ? (
        <>
          <BlockTable kind={props.kind} by={props.by} rows={rows} />
          <TableCsv councilId={props.councilId} kind={props.kind} by={props.by} knownAt={props.knownAt} />
        </>
      ) : null}
    </div>
  );
}

/** Attendance and cohesion, by curia or by group (a toggle), loaded when the section is opened. */
export function AnalystViews(props: { councilId: string; knownAt?: string }) {
  const [open, setOpen] = useState(false);
  const [by, setBy] = useState<'curia' | 'group'>('curia');
  return (
    <section aria-labelledby="analysis-h" class="lazy-section" data-testid="analysis">
      <h2 id="analysis-h">Attendance and cohesion</h2>
      <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>Show attendance and cohesion by curia or by group</summary>
        {open ? (
          <>
            <fieldset class="segmented">
              <legend>Group the members by</legend>
              <label>
                <input type="radio" name="analysis-by" checked={by === 'curia'} onChange={() => setBy('curia')} /> curia
              </label>
              <label>
                <input type="radio" name="analysis-by" checked={by === 'group'} onChange={() => setBy('group')} /> political group
              </label>
            </fieldset>
            <h3>Attendance</h3>
            <View councilId={props.councilId} kind="attendance" by={by} knownAt={props.knownAt} />
            <h3>Cohesion (how alike the members voted)</h3>
            <View councilId={props.councilId} kind="cohesion" by={by} knownAt={props.knownAt} />
            <p class="muted" data-testid="analysis-formats">
              These tables download as CSV only: Popolo, the format of the whole council's download, has no vocabulary for
              attendance or cohesion figures. A figure the record cannot give is an empty cell, never 0.
            </p>
          </>
        ) : null}
      </details>
    </section>
  );
}

/** Download links for a table: the CSV of that table and the whole council as Popolo JSON. */
export function Downloads(props: { councilId: string; table?: 'members' | 'meetings' | 'votes' | 'motions'; knownAt?: string }) {
  const base = `/api/councils/${encodeURIComponent(props.councilId)}/export/popolo`;
  return (
    <p class="downloads" data-testid={`downloads${props.table ? `-${props.table}` : ''}`}>
      Download:{' '}
      {props.table ? (
        <>
          <a href={`${base}${query({ format: 'csv', table: props.table, knownAt: props.knownAt })}`} download={`${props.councilId}-${props.table}.csv`}>
            CSV<span class="visually-hidden"> of the {props.table}</span>
          </a>{' '}
        </>
      ) : null}
      <a href={`${base}${query({ knownAt: props.knownAt })}`} download={`${props.councilId}.popolo.json`}>
        Popolo JSON<span class="visually-hidden"> of the whole council</span>
      </a>
    </p>
  );
}
