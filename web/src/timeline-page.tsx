/**
 * What happened, in world order, filtered by kind of fact and by a date range, as the record stood at
 * `knownAt`; each entry in plain words, with its source, its record time, a mark when it was corrected,
 * and a link to the council on that date.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, getAll, getJson, query, type Council, type TimelineEntry } from './api';
import { edtfBounds, isDay } from './dates';
import { edtfText, eventLabel, instantText, plainDates, ruleLabel } from './plain';
import { When } from './when';
import { Link, type Route } from './router';
import { SourceView } from './sources';

/** Kinds of fact, by event type; a corrected fact (its current version comes from a correction) is also under "corrections". */
const KINDS: Array<{ key: string; label: string; match: RegExp }> = [
  { key: 'council', label: 'Council', match: /^Council/ },
  { key: 'membership', label: 'Membership', match: /^Member|Affiliation|^Group/ },
  { key: 'meetings', label: 'Meetings', match: /^Meeting|^Quorum/ },
  { key: 'motions', label: 'Motions and votes', match: /^Motion|^Vote|RollCall/ },
  { key: 'officers', label: 'Officers', match: /^Officer/ },
  { key: 'groups', label: 'Working groups', match: /^WorkingGroup/ },
  { key: 'elections', label: 'Elections', match: /^Election|^Voting/ },
];
export function kindOf(type: string): string {
  return KINDS.find((k) => k.match.test(type))?.key ?? 'other';
}
const ALL_KINDS = [...KINDS.map((k) => k.key), 'other', 'corrections'];

/** A fact whose current version was written by a correction (its event is not the fact's first event). */
export function isCorrected(e: TimelineEntry): boolean {
  return !!e.factId && e.factId !== e.eventId;
}

function kindsOf(e: TimelineEntry): string[] {
  return isCorrected(e) ? [kindOf(e.type), 'corrections'] : [kindOf(e.type)];
}

const PAGE = 100;

export function TimelinePage(props: { route: Extract<Route, { page: 'timeline' }>; navigate: (to: string, push?: boolean) => void }) {
  const { councilId, from, to, knownAt } = props.route;
  const id = encodeURIComponent(councilId);
  const [entries, setEntries] = useState<TimelineEntry[] | undefined>();
  const [council, setCouncil] = useState<Council | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [shown, setShown] = useState(PAGE);
  const active = new Set(props.route.types ?? ALL_KINDS);
  const badRange = [from, to].find((d) => d !== undefined && !isDay(d));
  const badKnownAt = knownAt !== undefined && Number.isNaN(Date.parse(knownAt));
  useEffect(() => {
    getJson<Council>(`/councils/${id}`)
      .then((c) => {
        setCouncil(c);
        document.title = `Timeline of ${c.name} — council-record`;
      })
      .catch((e: Error) => setError(e instanceof ApiError && e.status === 404 ? `There is no council “${councilId}” in the record.` : e.message));
  }, [councilId]);
  useEffect(() => {
    if (badRange || badKnownAt) return;
    let live = true;
    setEntries(undefined);
    setShown(PAGE);
    getAll<TimelineEntry>(`/councils/${id}/timeline${query({ from, to, knownAt })}`)
      .then((e) => live && setEntries(e))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [councilId, from, to, knownAt]);
  const filtered = useMemo(() => (entries ?? []).filter((e) => kindsOf(e).some((k) => active.has(k))), [entries, props.route.types]);
  const href = (q: { types?: string; from?: string; to?: string; knownAt?: string }) => `/councils/${id}/timeline${query(q)}`;
  const typesParam = props.route.types?.join(',');
  const toggle = (key: string) => {
    const next = new Set(active);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    const all = ALL_KINDS.every((k) => next.has(k));
    props.navigate(href({ types: all ? undefined : [...next].join(',') || 'none', from, to, knownAt }), false);
  };
  const onRange = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim() || undefined;
    props.navigate(href({ types: typesParam, from: value('from'), to: value('to'), knownAt }), true);
  };
  const councilOn = (e: TimelineEntry) => `/councils/${id}${query({ at: edtfBounds(e.date).latest ?? undefined, knownAt })}`;
  return (
    <main id="main" data-loaded={entries || error || badRange || badKnownAt ? 'true' : 'false'}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <Link href="/">Councils</Link> / <Link href={`/councils/${id}${query({ knownAt })}`}>{council?.name ?? councilId}</Link> / <span>Timeline</span>
      </nav>
      <h1>Timeline{council ? ` of ${council.name}` : ''}</h1>
      {knownAt && !badKnownAt ? (
        <p class="notice">
          As the record stood at {instantText(knownAt)}. <Link href={href({ types: typesParam, from, to })}>As it stands now</Link>
        </p>
      ) : null}
      <form class="inline-form range" onSubmit={onRange} data-testid="timeline-range">
        <label for="tl-from">From</label>
        <input id="tl-from" name="from" defaultValue={from ?? ''} placeholder="YYYY-MM-DD" size={11} key={`f${from}`} />
        <label for="tl-to">to</label>
        <input id="tl-to" name="to" defaultValue={to ?? ''} placeholder="YYYY-MM-DD" size={11} key={`t${to}`} />
        <button type="submit">Show</button>
        {from || to ? <Link href={href({ types: typesParam, knownAt })}>Whole life</Link> : null}
      </form>
      <fieldset class="filters">
        <legend>Kinds of fact</legend>
        {[...KINDS, { key: 'other', label: 'Other' }, { key: 'corrections', label: 'Corrected facts' }].map((k) => (
          <label key={k.key}>
            <input type="checkbox" checked={active.has(k.key)} onChange={() => toggle(k.key)} /> {k.label}
          </label>
        ))}
      </fieldset>
      {badRange || badKnownAt ? (
        <div class="problem" role="alert" data-testid="url-problem">
          <p>
            {badRange ? `“${badRange}” is not a day: the range takes days written YYYY-MM-DD.` : `“${knownAt}” is not an instant such as 2026-01-01T00:00:00Z.`}
          </p>
          <p>
            <Link href={href({ types: typesParam })} testid="way-back">The whole timeline, as the record stands now</Link>
          </p>
        </div>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
      {!entries && !error && !badRange && !badKnownAt ? <p class="loading" role="status">Loading…</p> : null}
      {entries ? (
        <p class="muted">
          {filtered.length} of {entries.length} facts{from || to ? ` ${from ? `from ${edtfText(from)} ` : ''}${to ? `to ${edtfText(to)}` : ''}` : ''}, in the order they happened in the world.
        </p>
      ) : null}
      <ol class="timeline">
        {filtered.slice(0, shown).map((e) => (
          <li key={e.eventId} data-testid="timeline-entry" data-type={e.type} data-corrected={isCorrected(e) ? 'true' : undefined}>
            <p>
              <When value={e.date} /> <span class={`kind kind-${kindOf(e.type)}`}>{eventLabel(e.type)}</span> {plainDates(e.description)}
              {isCorrected(e) ? (
                <span class="corrected-mark" title="The record of this fact has been corrected" data-testid="corrected-mark">
                  corrected
                </span>
              ) : null}
              {e.anomalies?.length ? (
                <span class="flag" title={e.anomalies.map((a) => ruleLabel(a.rule)).join(', ')}>
                  {' '}
                  ⚠<span class="visually-hidden">anomaly: {e.anomalies.map((a) => ruleLabel(a.rule)).join(', ')}</span>
                </span>
              ) : null}
            </p>
            <div class="entry-links">
              <Link href={councilOn(e)} testid="council-on-date">
                View the council on this date<span class="visually-hidden"> ({edtfText(e.date)})</span>
              </Link>
              <details class="inline-source">
                <summary>
                  Source<span class="visually-hidden"> of the {eventLabel(e.type).toLowerCase()} of {edtfText(e.date)}</span>
                </summary>
                <SourceView source={e.source} />
                <p class="muted">Recorded {instantText(e.recordedAt)}{e.position ? ` at position ${e.position}` : ''}.</p>
              </details>
            </div>
          </li>
        ))}
      </ol>
      {filtered.length > shown ? (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, filtered.length - shown)} more of {filtered.length - shown}
        </button>
      ) : null}
    </main>
  );
}
