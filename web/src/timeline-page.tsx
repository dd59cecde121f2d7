/** What happened, in world order, filtered by kind of fact; each entry with its source and record time. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { getAll, getJson, query, type Council, type TimelineEntry } from './api';
import { formatInstant } from './dates';
import { Link, type Route } from './router';
import { SourceView } from './sources';

/** Kinds of fact, by event type prefix; anything else falls under "other". */
const KINDS: Array<{ key: string; label: string; match: RegExp }> = [
  { key: 'council', label: 'Council', match: /^Council/ },
  { key: 'membership', label: 'Membership', match: /^Member|Affiliation|^Group/ },
  { key: 'meetings', label: 'Meetings', match: /^Meeting|^Quorum/ },
  { key: 'motions', label: 'Motions and votes', match: /^Motion|^Vote|RollCall/ },
  { key: 'officers', label: 'Officers', match: /^Officer/ },
  { key: 'groups', label: 'Working groups', match: /^WorkingGroup/ },
  { key: 'elections', label: 'Elections', match: /^Election|^Voting/ },
  { key: 'corrections', label: 'Corrections', match: /Correct|Retract|Replace/ },
];
export function kindOf(type: string): string {
  return KINDS.find((k) => k.match.test(type))?.key ?? 'other';
}

const PAGE = 500;

export function TimelinePage(props: { route: Extract<Route, { page: 'timeline' }>; navigate: (to: string, push?: boolean) => void }) {
  const { councilId } = props.route;
  const id = encodeURIComponent(councilId);
  const [entries, setEntries] = useState<TimelineEntry[] | undefined>();
  const [council, setCouncil] = useState<Council | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [shown, setShown] = useState(PAGE);
  const active = new Set(props.route.types ?? KINDS.map((k) => k.key).concat('other'));
  useEffect(() => {
    getJson<Council>(`/councils/${id}`).then((c) => {
      setCouncil(c);
      document.title = `Timeline of ${c.name} — council-record`;
    }).catch((e: Error) => setError(e.message));
    getAll<TimelineEntry>(`/councils/${id}/timeline${query({ from: props.route.from, to: props.route.to })}`)
      .then(setEntries)
      .catch((e: Error) => setError(e.message));
  }, [councilId, props.route.from, props.route.to]);
  const filtered = useMemo(() => (entries ?? []).filter((e) => active.has(kindOf(e.type))), [entries, props.route.types]);
  const toggle = (key: string) => {
    const next = new Set(active);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    const all = KINDS.length + 1 === next.size;
    props.navigate(`/councils/${id}/timeline${query({ types: all ? undefined : [...next].join(',') || 'none', from: props.route.from, to: props.route.to })}`, false);
  };
  return (
    <main id="main">
      <nav class="crumbs" aria-label="Breadcrumb">
        <Link href="/">Councils</Link> / <Link href={`/councils/${id}`}>{council?.name ?? councilId}</Link> / <span>Timeline</span>
      </nav>
      <h1>Timeline{council ? ` of ${council.name}` : ''}</h1>
      <fieldset class="filters">
        <legend>Kinds of fact</legend>
        {[...KINDS, { key: 'other', label: 'Other' }].map((k) => (
          <label key={k.key}>
            <input type="checkbox" checked={active.has(k.key)} onChange={() => toggle(k.key)} /> {k.label}
          </label>
        ))}
      </fieldset>
      {error ? <p role="alert">{error}</p> : null}
      {!entries && !error ? <p>Loading…</p> : null}
      {entries ? <p class="muted">{filtered.length} of {entries.length} facts, in the order they happened in the world.</p> : null}
      <ol class="timeline">
        {filtered.slice(0, shown).map((e) => (
          <li key={e.eventId} data-testid="timeline-entry" data-type={e.type}>
            <p>
              <time>{e.date}</time> <span class={`kind kind-${kindOf(e.type)}`}>{e.type}</span> {e.description}
              {e.anomalies?.length ? <span class="flag" title={e.anomalies.map((a) => a.rule).join(', ')}> ⚠<span class="visually-hidden">anomaly: {e.anomalies.map((a) => a.rule).join(', ')}</span></span> : null}
            </p>
            <details>
              <summary>
                Source<span class="visually-hidden"> of the {e.type} of {e.date}</span>
              </summary>
              <SourceView source={e.source} />
              <p class="muted">Recorded {formatInstant(e.recordedAt)}{e.position ? ` at position ${e.position}` : ''}.</p>
            </details>
          </li>
        ))}
      </ol>
      {filtered.length > shown ? (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, filtered.length - shown)} more
        </button>
      ) : null}
    </main>
  );
}
