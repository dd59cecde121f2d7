/** Anomalies in plain words: the ⚠ flag on the rows they concern, and the list up to the chosen date. */
import { useMemo } from 'preact/hooks';
import { edtfBounds } from './dates';
import type { Anomaly } from './api';
import { plainDates, ruleLabel } from './plain';
import { When } from './when';
import { memo } from './memo';
import { SourceView } from './sources';

/**
 * The keys an anomaly flags: its subject and event. An officer's anomaly names the officer, so it flags
 * that person's term in the role only (the role's later holder is someone else).
 */
export function anomalyKeys(a: Anomaly): string[] {
  const keys: string[] = [];
  const name = typeof a.figures?.name === 'string' ? a.figures.name : undefined;
  if (a.subject) keys.push(a.subject.startsWith('officer:') && name ? `${a.subject}:${name}` : a.subject);
  if (a.eventId) keys.push(a.eventId);
  return keys;
}

export function indexAnomalies(anomalies: Anomaly[]): Map<string, Anomaly[]> {
  const map = new Map<string, Anomaly[]>();
  for (const a of anomalies) for (const k of anomalyKeys(a)) map.set(k, [...(map.get(k) ?? []), a]);
  return map;
}

/** The anomalies dated on or before the chosen day (at the earliest), and the undated ones. */
export function anomaliesUpTo(anomalies: Anomaly[] | undefined, day: string): { dated: Anomaly[]; undated: Anomaly[] } {
  const dated: Anomaly[] = [];
  const undated: Anomaly[] = [];
  for (const a of anomalies ?? []) {
    const e = edtfBounds(a.date).earliest;
    if (!e) undated.push(a);
    else if (e <= day) dated.push(a);
  }
  return { dated, undated };
}

export function Flag(props: { anomalies?: Array<{ rule: string; message?: string }> }) {
  if (!props.anomalies?.length) return null;
  const text = props.anomalies.map((a) => `${ruleLabel(a.rule)}${a.message ? `: ${plainDates(a.message)}` : ''}`).join('\n');
  return (
    <span class="flag" title={text} data-testid="flag">
      <span aria-hidden="true">⚠</span>
      <span class="visually-hidden">Anomaly: {text}</span>
    </span>
  );
}

/** The list itself re-renders only when the anomalies dated by the day change, not on every date. */
const AnomalyList = memo(function AnomalyList(props: { items: Anomaly[] }) {
  return (
    <ul class="anomalies">
      {props.items.map((a, i) => (
        <AnomalyItem key={`${a.eventId ?? ''}${a.rule}${i}`} a={a} />
      ))}
    </ul>
  );
});

function AnomalyItem(props: { a: Anomaly }) {
  const a = props.a;
  return (
    <li data-testid="anomaly" data-rule={a.rule}>
      <span class={`severity severity-${a.severity ?? 'info'}`}>{a.severity ?? 'note'}</span> <strong>{ruleLabel(a.rule)}</strong>
      {a.date ? (
        <>
          {' '}
          (<When value={a.date} />)
        </>
      ) : null}{' '}
      — {plainDates(a.message)}
      {a.basis ? <span class="muted"> [{a.basis === 'derived' ? 'derived by the service' : a.basis}]</span> : null}{' '}
      <code class="rule-code" title="the rule's code in the API">{a.rule}</code>
      {a.sources?.length ? (
        <details class="inline-source">
          <summary>
            sources<span class="visually-hidden"> of this anomaly</span>
          </summary>
          {a.sources.map((src, j) => (
            <SourceView key={j} source={src} />
          ))}
        </details>
      ) : null}
    </li>
  );
}

const SHOWN = 50;

export function AnomaliesSection(props: { anomalies?: Anomaly[]; dated: Anomaly[]; undated: Anomaly[]; atText: string; showAll: boolean; onShowAll: () => void }) {
  const { dated, undated } = props;
  const shown = useMemo(() => (props.showAll || dated.length <= SHOWN ? dated : dated.slice(-SHOWN)), [dated, props.showAll]);
  const later = (props.anomalies?.length ?? 0) - dated.length - undated.length;
  return (
    <section aria-labelledby="anomalies-h" class="lazy-section">
      <h2 id="anomalies-h">Anomalies up to {props.atText}</h2>
      {!props.anomalies ? (
        <p>Loading…</p>
      ) : dated.length + undated.length === 0 ? (
        <p class="muted">None by this date.</p>
      ) : (
        <>
          <p class="muted">
            Facts that break a rule or disagree with a reported figure, as the service finds them. {dated.length} dated up to this day
            {later ? `; ${later} later ones are not shown` : ''}.
          </p>
          <AnomalyList items={shown} />
          {dated.length > SHOWN ? (
            <p>
              <button type="button" onClick={props.onShowAll}>
                {props.showAll ? `Show the last ${SHOWN}` : `Show all ${dated.length}`}
              </button>
            </p>
          ) : null}
          {undated.length ? (
            <>
              <h3>Not tied to a date</h3>
              <AnomalyList items={undated} />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
