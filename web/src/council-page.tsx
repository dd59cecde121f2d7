/** A council on a date, as the record stood at a time: seats, people, meetings, motions, sources, anomalies. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  ApiError,
  getAll,
  getJson,
  getOptional,
  query,
  type Anomaly,
  type Council,
  type CouncilState,
  type Meeting,
  type MemberTerm,
  type MembershipSeries,
  type Motion,
  type RecordedEvent,
  type Source,
  type TimelineEntry,
} from './api';
import { AttendanceChart, MembershipChart } from './charts';
import { dayFromNumber, dayNumber, edtfBounds, formatDay, formatInstant, isDay, today } from './dates';
import { Hemicycle } from './hemicycle';
import { buildSeats, groupKey, groupName } from './seats';
import { Link, type Route } from './router';
import { SecretaryPanel } from './secretary';
import { loadEventIndex, SourcesButton, SourceView } from './sources';

/** The rows dated (at the earliest) on or before the day: a filter that keeps the rows' order. */
function upTo<T>(rows: T[] | undefined, date: (row: T) => string | null | undefined, day: string): T[] {
  return (rows ?? []).filter((r) => (edtfBounds(date(r)).earliest ?? '') <= day);
}

/** GET .../inferences (issue 15): what the reported figures imply, derived on read, never recorded. */
interface DatedInference {
  memberId: string;
  name: string;
  recorded: string;
  inferred: string;
  narrowed?: boolean;
  narrowedBy?: Array<{ says?: string }>;
  /** Issue 25: what the narrowing assumes, and the interval under each explanation when they differ. */
  assumptions?: string[];
  alternatives?: Array<{ inferred: string; explanations: string[] }>;
}
interface InferencesView {
  derived?: string;
  departures?: DatedInference[];
  elections?: DatedInference[];
  figures?: Array<{ meetingId?: string; number?: number; date?: string; reportedMembership?: number; used?: boolean; setAside?: string; says?: string }>;
  clashes?: Array<{ why: string; figures?: Array<{ number?: number; date?: string; reportedMembership?: number }> }>;
  explanations?: Array<{ explanationId: string; says: string }>;
  fewestUnrecorded?: number;
}

function InferenceList(props: { title: string; items?: DatedInference[]; verb: string }) {
  if (!props.items?.length) return null;
  const narrowed = props.items.filter((d) => d.narrowed || d.alternatives?.length);
  const rest = props.items.filter((d) => !d.narrowed && !d.alternatives?.length);
  return (
    <>
      <h3>{props.title}</h3>
      {rest.length ? (
        <p class="muted">
          Nothing narrows the recorded {rest.length === 1 ? 'date' : 'dates'} of {rest.length} {rest.length === 1 ? 'member' : 'members'}
          {narrowed.length ? '' : '.'}
          {narrowed.length ? '; the figures narrow these:' : ''}
        </p>
      ) : null}
      <ul>
        {narrowed.map((d) => (
          <li key={d.memberId}>
            <strong>{d.name}</strong> {props.verb} — recorded <code>{d.recorded}</code>;{' '}
            {d.narrowed ? (
              <>
                the figures imply <code class="inferred">{d.inferred}</code>
              </>
            ) : (
              <span class="muted">nothing certain narrows it</span>
            )}
            {d.alternatives?.length ? (
              <ul class="alternatives" aria-label={`${d.name}: by explanation`}>
                {d.alternatives.map((a, i) => (
                  <li key={i}>
                    under {a.explanations.join(', ')}: <code class="inferred">{a.inferred}</code>
                  </li>
                ))}
              </ul>
            ) : null}
            {d.assumptions?.length ? <p class="muted">Assuming: {d.assumptions.join('; ')}.</p> : null}
            {d.narrowedBy?.length ? (
              <ul class="because">
                {d.narrowedBy.map((n, i) => (
                  <li key={i}>{n.says}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function InferencesSection(props: { inferences: InferencesView }) {
  const inf = props.inferences;
  return (
    <section aria-labelledby="inferences-h" class="derived lazy-section" data-testid="inferences">
      <h2 id="inferences-h">
        What the figures imply <span class="badge">derived, not recorded</span>
      </h2>
      <p class="muted">
        {inf.derived ??
          'Inferred by the service from the reported figures and dated facts. They are not facts of the record and change no answer above.'}
      </p>
      {inf.explanations && inf.explanations.length > 1 ? (
        <>
          <h3>Explanations the figures allow</h3>
          <p class="muted">
            The record as it is, and the record plus the fewest ({inf.fewestUnrecorded ?? '?'}) departures or arrivals it does not hold that make every
            figure fit. Only what holds under all of them is stated as implied; the rest is given per explanation.
          </p>
          <ul data-testid="explanations">
            {inf.explanations.map((e) => (
              <li key={e.explanationId}>
                <strong>{e.explanationId}</strong>: {e.says}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <InferenceList title="Imprecise departures" items={inf.departures} verb="left (first day out of office)" />
      <InferenceList title="Imprecise elections" items={inf.elections} verb="was elected" />
      {inf.figures?.length ? (
        <>
          <h3>Reported “out of N” figures</h3>
          <ul>
            {inf.figures.map((f, i) => (
              <li key={i}>
                {f.number ? `Meeting ${f.number}` : 'Meeting'} of {f.date}: {f.reportedMembership} — {f.says}
                {f.setAside && !f.says?.includes(f.setAside) ? <em> (set aside: {f.setAside})</em> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {inf.clashes?.length ? (
        <>
          <h3>Figures no explanation fits</h3>
          <ul>
            {inf.clashes.map((c, i) => (
              <li key={i}>
                {(c.figures ?? []).map((f) => `${f.number ? `meeting ${f.number}` : 'a meeting'} of ${f.date} (${f.reportedMembership})`).join(', ')}: {c.why}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export interface CouncilData {
  council: Council;
  terms: Map<string, MemberTerm>;
  meetings?: Meeting[];
  motions?: Motion[];
  membership?: MembershipSeries['series'];
  anomalies?: Anomaly[];
  inferences?: unknown;
  elections?: unknown;
  timeline?: TimelineEntry[];
}

function Flag(props: { anomalies?: Array<{ rule: string; message?: string }> }) {
  if (!props.anomalies?.length) return null;
  const text = props.anomalies.map((a) => `${a.rule}${a.message ? `: ${a.message}` : ''}`).join('\n');
  return (
    <span class="flag" title={text}>
      <span aria-hidden="true">⚠</span>
      <span class="visually-hidden">Anomaly: {text}</span>
    </span>
  );
}

function chairName(chair: Meeting['chair']): string {
  if (!chair) return '';
  return typeof chair === 'string' ? chair : chair.name;
}

function tallyText(m: Motion): string {
  const t = m.tally ?? {};
  const keys = Object.keys(t);
  if (!keys.length) return m.tallyFrom === 'none' ? 'no figures' : '';
  return keys.map((k) => `${k} ${t[k]}`).join(', ');
}

function ruleText(rule: unknown): string {
  if (!rule) return '';
  if (typeof rule === 'string') return rule;
  if (typeof rule === 'object' && rule && 'atLeast' in rule) return `at least ${(rule as { atLeast: number }).atLeast}`;
  return JSON.stringify(rule);
}

function listOf(body: unknown, key: string): Array<Record<string, unknown>> {
  if (Array.isArray(body)) return body as Array<Record<string, unknown>>;
  if (body && typeof body === 'object' && Array.isArray((body as Record<string, unknown>)[key])) {
    return (body as Record<string, unknown>)[key] as Array<Record<string, unknown>>;
  }
  return [];
}

function DateControls(props: { at: string; min: string; max: string; onDate: (d: string, push: boolean) => void }) {
  const [draft, setDraft] = useState(props.at);
  const [error, setError] = useState<string | undefined>();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => setDraft(props.at), [props.at]);
  const lo = dayNumber(props.min);
  const hi = Math.max(lo, dayNumber(props.max));
  const apply = (e: Event) => {
    e.preventDefault();
    // The field itself, not the last rendered draft: a value typed or pasted just before Enter counts.
    const d = (field.current?.value ?? draft).trim();
    if (!isDay(d)) {
      setError('Enter a day as YYYY-MM-DD, e.g. 2013-01-20.');
      return;
    }
    setError(undefined);
    props.onDate(d, true);
  };
  return (
    <div class="date-controls">
      <form onSubmit={apply} class="inline-form">
        <label for="date-field">Date (valid time)</label>
        <input
          id="date-field"
          ref={field}
          data-testid="date"
          value={draft}
          inputMode="numeric"
          pattern="\d{4}-\d{2}-\d{2}"
          placeholder="YYYY-MM-DD"
          size={11}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'date-field-error' : 'date-field-hint'}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        />
        <button type="submit">Show</button>
        <span id="date-field-hint" class="visually-hidden">Type a day and press Enter</span>
        {error ? <span id="date-field-error" class="field-error" role="alert">{error}</span> : null}
      </form>
      <div class="slider">
        <label for="date-slider">{formatDay(props.min)}</label>
        <input
          id="date-slider"
          type="range"
          min={0}
          max={hi - lo}
          step={1}
          value={Math.min(hi - lo, Math.max(0, dayNumber(props.at) - lo))}
          aria-valuetext={formatDay(props.at)}
          aria-label="Date over the council's life (arrow keys move a day, Page Up/Down faster)"
          onInput={(e) => props.onDate(dayFromNumber(lo + Number((e.target as HTMLInputElement).value)), false)}
        />
        <span aria-hidden="true">{formatDay(props.max)}</span>
      </div>
    </div>
  );
}

/** The corrections in the record, each with a way to see the council as it stood just before and after it. */
function Corrections(props: { councilId: string; onKnownAt: (k: string | undefined) => void }) {
  const [list, setList] = useState<RecordedEvent[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const load = () => {
    setOpen(true);
    if (list) return;
    loadEventIndex(props.councilId)
      .then((index) => setList([...index.byId.values()].filter((e) => /^Fact(Corrected|Retracted)$/.test(e.type))))
      .catch((e: Error) => setError(e.message));
  };
  return (
    <details class="corrections" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && load()}>
      <summary>Corrections in the record</summary>
      {error ? <p role="alert">{error}</p> : null}
      {open && !list && !error ? <p>Loading…</p> : null}
      {list && !list.length ? <p class="muted">No fact of this council has been corrected or retracted.</p> : null}
      <ul>
        {list?.map((e) => {
          const before = new Date(Date.parse(e.recordedAt) - 1).toISOString();
          return (
            <li key={e.eventId}>
              {formatInstant(e.recordedAt)}: {e.type === 'FactRetracted' ? 'retracted' : 'corrected'} a {String(e.data.originalType ?? 'fact')}
              {typeof e.data.reason === 'string' ? ` (${e.data.reason})` : ''}{' '}
              <button type="button" class="link-button" onClick={() => props.onKnownAt(before)}>
                as before
              </button>{' '}
              <button type="button" class="link-button" onClick={() => props.onKnownAt(e.recordedAt)}>
                as after
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function KnownAtControl(props: { knownAt?: string; shownKnownAt?: string; onKnownAt: (k: string | undefined) => void }) {
  const [draft, setDraft] = useState(props.knownAt ?? '');
  const [error, setError] = useState<string | undefined>();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => setDraft(props.knownAt ?? ''), [props.knownAt]);
  const apply = (e: Event) => {
    e.preventDefault();
    const v = (field.current?.value ?? draft).trim();
    if (v && Number.isNaN(Date.parse(v))) {
      setError('Enter an instant such as 2026-01-01T00:00:00Z, or leave empty for now.');
      return;
    }
    setError(undefined);
    props.onKnownAt(v ? new Date(v).toISOString() : undefined);
  };
  return (
    <form onSubmit={apply} class="inline-form known-at">
      <label for="known-at-field">As the record stood at (record time)</label>
      <input
        id="known-at-field"
        ref={field}
        data-testid="known-at"
        value={draft}
        placeholder="now"
        size={26}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'known-at-error' : undefined}
        onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Apply</button>
      {props.knownAt ? (
        <button type="button" onClick={() => props.onKnownAt(undefined)}>
          Now
        </button>
      ) : null}
      {error ? <span id="known-at-error" class="field-error" role="alert">{error}</span> : null}
      {props.shownKnownAt ? <span class="muted">showing the record as of {formatInstant(props.shownKnownAt)}</span> : null}
    </form>
  );
}

const stateCache = new Map<string, Promise<CouncilState>>();

function loadState(councilId: string, at: string, knownAt: string | undefined, minPosition: string | undefined): Promise<CouncilState> {
  const key = `${councilId}|${at}|${knownAt ?? ''}|${minPosition ?? ''}`;
  let p = stateCache.get(key);
  if (!p) {
    // Without knownAt the answer is "now": cache it only for this record position.
    p = getJson<CouncilState>(`/councils/${encodeURIComponent(councilId)}/state${query({ at, knownAt, minPosition })}`);
    p.catch(() => stateCache.delete(key));
    stateCache.set(key, p);
  }
  return p;
}

export function CouncilPage(props: { route: Extract<Route, { page: 'council' }>; navigate: (to: string, push?: boolean) => void }) {
  const { councilId, knownAt } = props.route;
  const id = encodeURIComponent(councilId);
  const [data, setData] = useState<CouncilData | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [state, setState] = useState<CouncilState | undefined>();
  const [minPosition, setMinPosition] = useState<string | undefined>();
  const [loadingState, setLoadingState] = useState(false);

  const [primed, setPrimed] = useState(false);

  // The council itself: with the state on the date, all the seat diagram needs.
  useEffect(() => {
    let live = true;
    setError(undefined);
    getJson<Council>(`/councils/${id}${query({ minPosition })}`)
      .then((council) => live && setData((d) => (d && d.council.councilId === councilId ? { ...d, council } : { council, terms: new Map() })))
      .catch((e: Error) => live && setError(e instanceof ApiError && e.status === 404 ? `There is no council "${councilId}".` : e.message));
    return () => {
      live = false;
    };
  }, [councilId, minPosition]);

  // Everything that does not depend on the chosen date, requested once the seats are drawn so that the
  // first answers (council, state) never queue behind the longer lists in the browser's connection pool.
  const lifeDays = data?.council
    ? dayNumber(edtfBounds(data.council.dissolvedOn).latest ?? today()) - dayNumber(edtfBounds(data.council.foundedOn).earliest ?? today())
    : undefined;
  useEffect(() => {
    if (!primed || lifeDays === undefined) return;
    let live = true;
    const k = query({ knownAt, minPosition });
    const patch = (p: Partial<CouncilData>) => live && setData((d) => (d ? { ...d, ...p } : d));
    getAll<MemberTerm>(`/councils/${id}/members${k}`, { pick: (b) => listOf(b, 'members') as unknown as MemberTerm[] })
      .then((terms) => patch({ terms: new Map(terms.map((m) => [m.memberId, m])) }))
      .catch(() => undefined);
    getAll<Meeting>(`/councils/${id}/meetings${k}`).then((meetings) => patch({ meetings })).catch(() => patch({ meetings: [] }));
    getJson<MembershipSeries>(`/councils/${id}/analytics/membership${query({ step: lifeDays > 5 * 365 ? 'month' : 'week', knownAt, minPosition })}`)
      .then((m) => patch({ membership: m.series }))
      .catch(() => patch({ membership: [] }));
    getAll<Motion>(`/councils/${id}/motions${k}`).then((motions) => patch({ motions })).catch(() => patch({ motions: [] }));
    getAll<Anomaly>(`/councils/${id}/anomalies${query({ minPosition })}`).then((anomalies) => patch({ anomalies })).catch(() => patch({ anomalies: [] }));
    getOptional<unknown>(`/councils/${id}/inferences${k}`).then((inferences) => patch({ inferences: inferences ?? null })).catch(() => patch({ inferences: null }));
    getOptional<unknown>(`/councils/${id}/elections${k}`).then((elections) => patch({ elections: elections ?? null })).catch(() => patch({ elections: null }));
    getAll<TimelineEntry>(`/councils/${id}/timeline${k}`).then((timeline) => patch({ timeline })).catch(() => patch({ timeline: [] }));
    return () => {
      live = false;
    };
  }, [councilId, knownAt, minPosition, primed, lifeDays === undefined]);

  const council = data?.council;
  const min = edtfBounds(council?.foundedOn).earliest ?? '2000-01-01';
  const max = edtfBounds(council?.dissolvedOn).latest ?? today();
  const at = props.route.at ?? (today() > max ? max : today());

  // The state on the chosen date: re-fetched (or taken from the cache) whenever the date changes.
  useEffect(() => {
    let live = true;
    setLoadingState(true);
    loadState(councilId, at, knownAt, minPosition)
      .then((s) => {
        if (!live) return;
        setState(s);
        setLoadingState(false);
        setPrimed(true);
      })
      .catch((e: Error) => live && (setError(e.message), setLoadingState(false)));
    return () => {
      live = false;
    };
  }, [councilId, at, knownAt, minPosition]);

  const setDate = (d: string, push: boolean) => props.navigate(`/councils/${id}${query({ at: d, knownAt })}`, push);
  const setKnownAt = (k: string | undefined) => props.navigate(`/councils/${id}${query({ at, knownAt: k })}`, true);

  const seatModel = useMemo(
    () => (council && state ? buildSeats(council, state, data?.terms ?? new Map()) : undefined),
    [council, state, data?.terms],
  );
  const anomaliesBy = useMemo(() => {
    const map = new Map<string, Anomaly[]>();
    for (const a of data?.anomalies ?? []) {
      for (const k of [a.subject, a.eventId].filter(Boolean) as string[]) map.set(k, [...(map.get(k) ?? []), a]);
    }
    return map;
  }, [data?.anomalies]);
  const meetingsUpTo = useMemo(() => upTo(data?.meetings, (m) => m.date, at), [data?.meetings, at]);
  const motionsUpTo = useMemo(() => upTo(data?.motions, (m) => m.openedOn ?? m.decidedOn, at), [data?.motions, at]);
  // Long councils: the most recent rows only, unless asked, so a date change re-renders a bounded page.
  const [showAll, setShowAll] = useState<Record<string, boolean>>({});
  const recent = <T,>(key: string, rows: T[], n = 50): T[] => (showAll[key] || rows.length <= n ? rows : rows.slice(-n));
  const moreButton = (key: string, total: number, n = 50) =>
    total > n ? (
      <p>
        {showAll[key] ? `All ${total} shown. ` : `The last ${n} of ${total} are shown. `}
        <button type="button" onClick={() => setShowAll({ ...showAll, [key]: !showAll[key] })}>
          {showAll[key] ? `Show the last ${n}` : `Show all ${total}`}
        </button>
      </p>
    ) : null;
  const inferredLeft = useMemo(
    () => new Map(((data?.inferences as InferencesView | null | undefined)?.departures ?? []).filter((d) => d.narrowed).map((d) => [d.memberId, d.inferred])),
    [data?.inferences],
  );
  const formed = useMemo(() => (data?.timeline ?? []).filter((t) => t.type === 'WorkingGroupFormed'), [data?.timeline]);
  const groups = useMemo(() => upTo(formed, (t) => t.date, at), [formed, at]);

  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (council) document.title = `${council.name} on ${at} — council-record`;
  }, [council?.name, at]);

  if (error && !council) {
    return (
      <main id="main">
        <h1>Council</h1>
        <p role="alert">{error}</p>
        <p>
          <Link href="/">All councils</Link>
        </p>
      </main>
    );
  }
  if (!council) return <main id="main" aria-busy="true"><p>Loading…</p></main>;

  const src = (entity: string, label: string) => <SourcesButton councilId={councilId} entity={entity} label={label} minPosition={minPosition} />;
  const curiaName = (key?: string | null) => council.curiae?.find((c) => c.key === key)?.name ?? key ?? '';

  // Every section has its answer (a signal for tests and benchmarks; sections load independently).
  const loaded =
    !!state &&
    [data?.meetings, data?.motions, data?.membership, data?.anomalies, data?.timeline, data?.inferences, data?.elections].every((x) => x !== undefined);
  return (
    <main id="main" data-loaded={loaded ? 'true' : 'false'}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <Link href="/">Councils</Link> / <span>{council.name}</span> /{' '}
        <Link href={`/councils/${id}/timeline`}>Timeline</Link>
      </nav>
      <h1 ref={headingRef}>{council.name}</h1>
      <p class="muted">
        Founded {council.foundedOn ?? 'on an unknown date'}
        {council.dissolvedOn ? `, dissolved ${council.dissolvedOn}` : ''}; {council.seats} seats. {src('council', 'the council')}
      </p>

      <section class="controls" aria-label="Date and record time">
        <DateControls at={at} min={min} max={max} onDate={setDate} />
        <div>
          <KnownAtControl knownAt={knownAt} shownKnownAt={state?.knownAt} onKnownAt={setKnownAt} />
          <Corrections councilId={councilId} onKnownAt={setKnownAt} />
        </div>
      </section>

      <section aria-labelledby="on-date" aria-busy={loadingState ? 'true' : 'false'}>
        <h2 id="on-date">On {formatDay(at)}</h2>
        {error ? <p role="alert">{error}</p> : null}
        {state ? (
          <p class="headline">
            Status <strong data-testid="status" class={`status status-${state.status}`}>{state.status}</strong>
            {state.statusCertain === false ? <span class="muted"> (uncertain on this date)</span> : null}
            {' · '}
            <strong data-testid="member-count">{state.memberCount}</strong> members certainly in office
            {state.uncertainMembers.length ? (
              <>
                {' '}
                and <strong data-testid="uncertain-count">{state.uncertainMembers.length}</strong> uncertain
              </>
            ) : null}
            {' · '}
            {state.meetingsHeld ?? 0} meetings held, {state.quorumFailures ?? 0} failed for lack of a quorum by then
          </p>
        ) : null}
        <div class="split">
          {seatModel && state ? (
            <div>
              {state.status !== 'active' ? (
                <p class="notice">{state.status === 'dissolved' ? 'The council was dissolved by this date: no one sits.' : 'The council was not yet founded on this date.'}</p>
              ) : null}
              <Hemicycle at={state.at} seats={seatModel.seats} blocks={seatModel.blocks} blockKind={seatModel.blockKind} title={`Seats of ${council.name} on ${at}`} />
            </div>
          ) : (
            <p>Loading the seats…</p>
          )}
          {state ? (
            <div class="people">
              <h3>Members in office ({state.memberCount})</h3>
              <table class="compact">
                <caption class="visually-hidden">Members certainly in office on {at}</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">{state.members.some((m) => groupKey(m.group)) ? 'Group' : 'Curia'}</th>
                    <th scope="col">Since</th>
                    <th scope="col"><span class="visually-hidden">Source</span></th>
                  </tr>
                </thead>
                <tbody>
                  {state.members.map((m) => (
                    <tr key={m.memberId}>
                      <th scope="row">
                        {m.name} <Flag anomalies={anomaliesBy.get(`member:${m.memberId}`)} />
                      </th>
                      <td>{groupName(m.group) ?? curiaName(m.curia)}</td>
                      <td>{m.since}</td>
                      <td>{src(`member:${m.memberId}`, m.name)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {state.uncertainMembers.length ? (
                <>
                  <h3>Uncertain ({state.uncertainMembers.length})</h3>
                  <p class="muted">The record cannot tell whether they were in office on this date; they are not counted.</p>
                  <ul class="uncertain" data-testid="uncertain-members">
                    {state.uncertainMembers.map((u) => (
                      <li key={u.memberId}>
                        <strong>{u.name}</strong> — {u.why}
                        {inferredLeft.get(u.memberId) ? (
                          <span class="inferred-note">
                            {' '}
                            (<span class="badge">derived</span> the figures imply left <code>{inferredLeft.get(u.memberId)}</code>)
                          </span>
                        ) : null}{' '}
                        {src(`member:${u.memberId}`, u.name)}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <h3>Officers</h3>
              {state.officers.length || state.uncertainOfficers?.length ? (
                <ul>
                  {state.officers.map((o) => (
                    <li key={o.role}>
                      {o.role}: {o.name} (since {o.since}) <Flag anomalies={anomaliesBy.get(`officer:${o.role}`)} /> {src(`officer:${o.role}`, `the ${o.role}`)}
                    </li>
                  ))}
                  {state.uncertainOfficers?.map((o) => (
                    <li key={`u-${o.role}`}>
                      {o.role}: {o.name} <em>uncertain</em> — {o.why} {src(`officer:${o.role}`, `the ${o.role}`)}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted">No officer on this date.</p>
              )}
              <h3>Working groups</h3>
              {data?.timeline === undefined ? (
                <p class="muted">Loading…</p>
              ) : groups.length ? (
                <ul>
                  {groups.map((g) => (
                    <li key={g.eventId}>
                      {g.description} <span class="muted">({g.date})</span>
                      <details class="inline-source">
                        <summary>
                          source<span class="visually-hidden"> of this working group</span>
                        </summary>
                        <SourceView source={g.source} />
                        <p class="muted">Recorded {formatInstant(g.recordedAt)}.</p>
                      </details>
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted">None formed by this date.</p>
              )}
            </div>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="meetings-h" class="lazy-section">
        <h2 id="meetings-h">Meetings up to {formatDay(at)}</h2>
        {data?.meetings ? (
          <>
            <AttendanceChart meetings={data.meetings} at={at} />
            <table class="meetings">
              <caption class="visually-hidden">Meetings up to {at}: attendance, membership and quorum</caption>
              <thead>
                <tr>
                  <th scope="col">No.</th>
                  <th scope="col">Date</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Present</th>
                  <th scope="col">Members (derived)</th>
                  <th scope="col">“Out of N” (reported)</th>
                  <th scope="col">Quorum</th>
                  <th scope="col">Chair</th>
                  <th scope="col">Agenda</th>
                  <th scope="col"><span class="visually-hidden">Source</span></th>
                </tr>
              </thead>
              <tbody>
                {recent('meetings', meetingsUpTo).map((m) => {
                  const flags = [...(m.anomalies ?? []), ...(anomaliesBy.get(`meeting:${m.meetingId}`) ?? [])];
                  const unique = [...new Map(flags.map((f) => [`${f.rule}|${f.message ?? ''}`, f])).values()];
                  const differs = m.reportedMembership != null && m.membership != null && m.reportedMembership !== m.membership;
                  return (
                    <tr key={m.meetingId} data-testid="meeting" data-meeting-id={m.meetingId} class={m.outcome === 'quorum-failed' ? 'failed' : undefined}>
                      <td data-col="number">{m.number ?? ''}</td>
                      <td data-col="date">{m.date}</td>
                      <td data-col="outcome">
                        {m.outcome === 'quorum-failed' ? <strong class="failed-label">quorum failed</strong> : 'held'}
                        {m.kind === 'extraordinary' ? <span class="muted"> (extraordinary)</span> : null} <Flag anomalies={unique} />
                      </td>
                      <td data-col="present">
                        {m.present ?? '—'}
                        {m.remoteCount ? <span class="muted"> ({m.remoteCount} remote)</span> : null}
                      </td>
                      <td data-col="membership">
                        {m.membership ?? '—'}
                        {m.membershipUncertain ? <span class="muted"> (+{m.membershipUncertain} uncertain)</span> : null}
                      </td>
                      <td data-col="reported" class={differs ? 'differs' : undefined}>
                        {m.reportedMembership != null ? (
                          <>
                            {m.present != null ? `${m.present} out of ${m.reportedMembership}` : `out of ${m.reportedMembership}`}
                            {differs ? <span class="visually-hidden"> (differs from the derived membership)</span> : null}
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td data-col="quorum">{m.quorum ?? '—'}</td>
                      <td data-col="chair">{chairName(m.chair)}</td>
                      <td data-col="agenda">{m.agenda?.length ? `${m.agenda.length} item${m.agenda.length > 1 ? 's' : ''}: ${m.agenda[0]}${m.agenda.length > 1 ? '…' : ''}` : ''}</td>
                      <td>{src(`meeting:${m.meetingId}`, `the meeting of ${m.date}`)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {moreButton('meetings', meetingsUpTo.length)}
          </>
        ) : (
          <p>Loading meetings…</p>
        )}
      </section>

      <section aria-labelledby="membership-h" class="lazy-section">
        <h2 id="membership-h">Membership over time</h2>
        {data?.membership ? (
          data.membership.length ? (
            <MembershipChart series={data.membership} at={at} seats={council.seats} />
          ) : (
            <p class="muted">No membership series is available.</p>
          )
        ) : (
          <p>Loading…</p>
        )}
      </section>

      <section aria-labelledby="motions-h" class="lazy-section">
        <h2 id="motions-h">Motions up to {formatDay(at)}</h2>
        {data?.motions ? (
          motionsUpTo.length ? (
            <>
            <table class="motions">
              <caption class="visually-hidden">Motions opened up to {at}, with tallies and outcomes</caption>
              <thead>
                <tr>
                  <th scope="col">Opened</th>
                  <th scope="col">Motion</th>
                  <th scope="col">Tally</th>
                  <th scope="col">Required</th>
                  <th scope="col">Outcome</th>
                  <th scope="col"><span class="visually-hidden">Source</span></th>
                </tr>
              </thead>
              <tbody>
                {recent('motions', motionsUpTo).map((m) => (
                  <tr key={m.motionId}>
                    <td>{m.openedOn}</td>
                    <th scope="row">
                      {m.title}
                      {m.online ? <span class="muted"> (online vote)</span> : null} <Flag anomalies={anomaliesBy.get(`motion:${m.motionId}`)} />
                    </th>
                    <td>{tallyText(m)}</td>
                    <td>
                      {m.required ?? ''} <span class="muted">{ruleText(m.rule)}</span>
                    </td>
                    <td class={`outcome-${m.outcome ?? 'open'}`}>
                      {m.outcome ?? 'open'}
                      {m.winner ? `: ${m.winner}` : ''}
                    </td>
                    <td>{src(`motion:${m.motionId}`, m.title)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {moreButton('motions', motionsUpTo.length)}
            </>
          ) : (
            <p class="muted">No motion by this date.</p>
          )
        ) : (
          <p>Loading…</p>
        )}
      </section>

      <section aria-labelledby="anomalies-h" class="lazy-section">
        <h2 id="anomalies-h">Anomalies</h2>
        {data?.anomalies?.length ? (
          <>
          <ul class="anomalies">
            {recent('anomalies', data.anomalies, 100).map((a, i) => (
              <li key={i}>
                <span class={`severity severity-${a.severity ?? 'info'}`}>{a.severity ?? 'anomaly'}</span> <code>{a.rule}</code> {a.date ? `(${a.date})` : ''} — {a.message}
                {a.basis ? <span class="muted"> [{a.basis}]</span> : null}
                {a.sources?.length ? (
                  <details class="inline-source">
                    <summary>
                      sources<span class="visually-hidden"> of this anomaly</span>
                    </summary>
                    {a.sources.map((src, j) => (
                      <SourceView key={j} source={src} />
                    ))}
                    {a.recordedAt ? <p class="muted">Recorded {formatInstant(a.recordedAt)}.</p> : null}
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
          {moreButton('anomalies', data.anomalies.length, 100)}
          </>
        ) : (
          <p class="muted">{data?.anomalies ? 'None recorded.' : 'Loading…'}</p>
        )}
      </section>

      {data?.inferences ? <InferencesSection inferences={data.inferences as InferencesView} /> : null}

      {data?.elections && listOf(data.elections, 'elections').length ? (
        <section aria-labelledby="elections-h" class="lazy-section">
          <h2 id="elections-h">Elections</h2>
          <ul class="elections">
            {listOf(data.elections, 'elections').map((e, i) => {
              const figures: Array<[string, unknown]> = [
                ['seats', e.seats],
                ['candidates', e.candidateCount ?? (Array.isArray(e.candidates) ? e.candidates.length : undefined)],
                ['elected', e.electedCount ?? (Array.isArray(e.members) ? e.members.length : undefined)],
                ['voters', e.voters],
              ];
              return (
                <li key={String(e.electionId ?? i)}>
                  <strong>{String(e.heldOn ?? 'undated')}</strong>{' '}
                  {figures
                    .filter(([, v]) => typeof v === 'number')
                    .map(([k, v]) => `${v as number} ${k}`)
                    .join(' · ') || <span class="muted">no figures in the record</span>}
                  {Array.isArray(e.curiae) && e.curiae.length ? (
                    <span class="muted">
                      {' '}
                      — {(e.curiae as Array<Record<string, unknown>>).map((c) => `${String(c.key)}: ${String(c.seats ?? '?')} seats`).join(', ')}
                    </span>
                  ) : null}{' '}
                  {typeof e.votingId === 'string' ? <Link href={`/votings/${encodeURIComponent(e.votingId)}`}>the voting</Link> : null}
                  {typeof e.note === 'string' ? <p class="note">{e.note}</p> : null}
                  {e.source ? (
                    <details class="inline-source">
                      <summary>
                        source<span class="visually-hidden"> of the election of {String(e.heldOn ?? '')}</span>
                      </summary>
                      <SourceView source={e.source as Source} />
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <SecretaryPanel
        councilId={councilId}
        at={at}
        state={state}
        meetings={data?.meetings ?? []}
        motions={data?.motions ?? []}
        onRecorded={(position) => {
          stateCache.clear();
          setMinPosition(position);
        }}
      />
    </main>
  );
}
