/** A council on a date, as the record stood at a time: seats, people, meetings, motions, sources, anomalies. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, getJson, query, type Anomaly, type Council, type CouncilState, type Meeting, type MemberTerm, type Motion } from './api';
import { AnalystViews, Downloads } from './analysts';
import { AnomaliesSection, indexAnomalies } from './anomalies';
import { Corrections } from './corrections';
import { loadCouncilLists, type CouncilData } from './council-lists';
import { defaultDay, loadState, stateAnswers, stateKey } from './council-state';
import { useCharts } from './charts-loader';
import { Problem, urlProblem } from './url-problem';
import { useUpTo, type PageContext } from './council-sections';
import { ElectionsAndVotings } from './elections-section';
import { MembersTable, PeopleLists } from './people-sections';
import { MeetingsTable, MotionsTable } from './record-tables';
import { DateControls, KnownAtControl } from './date-controls';
import { dayNumber, edtfBounds, isDay, today } from './dates';
import { Hemicycle } from './hemicycle';
import { InferencesSection, type InferencesView } from './inferences';
import { memo } from './memo';
import { edtfText } from './plain';
import { When } from './when';
import { Link, type Route } from './router';
import { buildSeats } from './seats';
import { RecordButton } from './secretary';
import { SourcesButton } from './sources';

// Sections whose props do not change with the date: a date change leaves them alone.
const Inferences = memo(InferencesSection);
const Analysts = memo(AnalystViews);
const DownloadLinks = memo(Downloads);
const CorrectionsList = memo(Corrections);

const EMPTY_TERMS = new Map<string, MemberTerm>();
const meetingDate = (m: Meeting) => m.date;
const motionDate = (m: Motion) => m.openedOn ?? m.decidedOn;
// An undated anomaly is never "dated by" a day (it is listed apart).
const anomalyDate = (a: Anomaly) => a.date || '9999';

export function CouncilPage(props: { route: Extract<Route, { page: 'council' }>; navigate: (to: string, push?: boolean) => void }) {
  const { councilId } = props.route;
  const id = encodeURIComponent(councilId);
  const problem = urlProblem(props.route.at, props.route.knownAt);
  const knownAt = problem?.field === 'knownAt' ? undefined : props.route.knownAt;
  const [data, setData] = useState<CouncilData | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [stateError, setStateError] = useState<string | undefined>();
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
      .catch((e: Error) => live && setError(e instanceof ApiError && e.status === 404 ? `There is no council “${councilId}” in the record.` : e.message));
    return () => {
      live = false;
    };
  }, [councilId, minPosition]);

  const council = data?.council;
  const at = problem ? undefined : (props.route.at ?? (council ? defaultDay(council) : undefined));

  // Everything that does not depend on the chosen date, requested once the seats are drawn (or the state
  // failed) so that the first answers never queue behind the longer lists. The timeline is not among
  // them: it is fetched by the timeline page only.
  const lifeDays = council
    ? dayNumber(edtfBounds(council.dissolvedOn).latest ?? today()) - dayNumber(edtfBounds(council.foundedOn).earliest ?? today())
    : undefined;
  useEffect(() => {
    if (!primed || lifeDays === undefined || problem) return;
    let live = true;
    loadCouncilLists(id, { knownAt, minPosition, lifeDays }, (p) => live && setData((d) => (d ? { ...d, ...p } : d)));
    return () => {
      live = false;
    };
  }, [councilId, knownAt, minPosition, primed, lifeDays === undefined, !!problem]);

  // The state on the chosen date: re-fetched (or taken from the cache) whenever the date changes; the
  // figures shown stay those of the last answer, marked as loading, until the new one arrives.
  useEffect(() => {
    if (!at) return;
    let live = true;
    const answered = stateAnswers.get(stateKey(councilId, at, knownAt, minPosition));
    if (answered) {
      setState(answered);
      setLoadingState(false);
      setStateError(undefined);
      setPrimed(true);
      return;
    }
    setLoadingState(true);
    setStateError(undefined);
    loadState(councilId, at, knownAt, minPosition)
      .then((s) => {
        if (!live) return;
        setState(s);
        setLoadingState(false);
        setPrimed(true);
      })
      .catch((e: Error) => {
        if (!live) return;
        setStateError(e.message);
        setLoadingState(false);
        setPrimed(true);
      });
    return () => {
      live = false;
    };
  }, [councilId, at, knownAt, minPosition]);

  const [showAll, setShowAll] = useState<Record<string, boolean>>({});
  // Stable callbacks and lists, so that the memoized sections re-render only when what they show changes.
  const toggles = useMemo(() => {
    const t = (key: string) => () => setShowAll((s) => ({ ...s, [key]: !s[key] }));
    return { members: t('members'), meetings: t('meetings'), motions: t('motions'), anomalies: t('anomalies') };
  }, []);
  const anomaliesBy = useMemo(() => indexAnomalies(data?.anomalies ?? []), [data?.anomalies]);
  // The lists below the seats follow the date one task later: a date change first draws the seats and the
  // people on the new date (the frame budget), then the meetings, motions, charts and anomalies.
  const [listsAt, setListsAt] = useState<string | undefined>();
  useEffect(() => {
    if (!state) return;
    if (listsAt === undefined) {
      setListsAt(state.at);
      return;
    }
    const timer = setTimeout(() => setListsAt(state.at), 0);
    return () => clearTimeout(timer);
  }, [state?.at]);
  const day = listsAt ?? at ?? '';
  const meetingsUpTo = useUpTo(data?.meetings, meetingDate, day);
  const motionsUpTo = useUpTo(data?.motions, motionDate, day);
  const datedAnomalies = useUpTo(data?.anomalies, anomalyDate, day);
  const undatedAnomalies = useMemo(() => (data?.anomalies ?? []).filter((a) => !edtfBounds(a.date).earliest), [data?.anomalies]);
  const inferredLeft = useMemo(
    () => new Map(((data?.inferences as InferencesView | null | undefined)?.departures ?? []).filter((d) => d.narrowed).map((d) => [d.memberId, d.inferred])),
    [data?.inferences],
  );
  // Members whose record has been corrected, as known at knownAt: the list read counts it per row, at any
  // length of the record (meetings and motions carry their own count).
  const corrected = useMemo(() => new Set([...(data?.terms ?? EMPTY_TERMS).values()].filter((m) => (m.corrections ?? 0) > 0).map((m) => `member:${m.memberId}`)), [data?.terms]);
  const charts = useCharts(primed);
  const seatModel = useMemo(() => (council && state ? buildSeats(council, state, data?.terms ?? new Map()) : undefined), [council, state, data?.terms]);
  const atRef = useRef(at);
  atRef.current = at;
  const setKnownAt = useCallback(
    (k: string | undefined) => props.navigate(`/councils/${id}${query({ at: atRef.current, knownAt: k })}`, true),
    [councilId],
  );
  const ctx = useMemo<PageContext | undefined>(
    () =>
      council && {
        councilId,
        council,
        knownAt,
        anomaliesBy,
        corrected,
        src: (entity: string, label: string) => <SourcesButton councilId={councilId} entity={entity} label={label} minPosition={minPosition} />,
        memberHref: (memberId: string) => `/councils/${id}/members/${encodeURIComponent(memberId)}${query({ knownAt })}`,
        curiaName: (key?: string | null) => council.curiae?.find((c) => c.key === key)?.name ?? key ?? '',
      },
    [council, knownAt, anomaliesBy, corrected, minPosition],
  );

  useEffect(() => {
    if (council) document.title = `${council.name}${at ? ` on ${edtfText(at)}` : ''} — council-record`;
  }, [council?.name, at]);

  if (error && !council) {
    return (
      <main id="main">
        <h1>Council not found</h1>
        <Problem title="Nothing to show" message={error} back={[{ href: '/', label: 'All councils' }]} />
      </main>
    );
  }
  if (!council || !ctx) {
    return (
      <main id="main" aria-busy="true">
        <p class="loading" role="status">Loading the council…</p>
      </main>
    );
  }

  const councilHref = (q: Record<string, string | undefined>) => `/councils/${id}${query(q)}`;
  if (problem || !at) {
    const message = problem?.message ?? '';
    return (
      <main id="main" data-loaded="true">
        <nav class="crumbs" aria-label="Breadcrumb">
          <Link href="/">Councils</Link> / <span>{council.name}</span>
        </nav>
        <h1>{council.name}</h1>
        <Problem
          title={problem?.field === 'knownAt' ? 'The record time in the link cannot be read' : 'The date in the link cannot be read'}
          message={message}
          back={[
            { href: councilHref({ knownAt: problem?.field === 'knownAt' ? undefined : props.route.knownAt }), label: `${council.name} on ${edtfText(defaultDay(council))}${problem?.field === 'knownAt' ? ', as the record stands now' : ''}` },
            ...(problem?.field === 'knownAt' && props.route.at && isDay(props.route.at) ? [{ href: councilHref({ at: props.route.at }), label: `${council.name} on ${edtfText(props.route.at)}, as the record stands now` }] : []),
            { href: '/', label: 'All councils' },
          ]}
        />
      </main>
    );
  }

  const min = edtfBounds(council.foundedOn).earliest ?? '2000-01-01';
  const max = edtfBounds(council.dissolvedOn).latest ?? today();
  const setDate = (d: string, push: boolean) => {
    // The state's request leaves now, not after the next frame (when the effect that reads it runs).
    if (isDay(d)) void loadState(councilId, d, knownAt, minPosition).catch(() => undefined);
    props.navigate(councilHref({ at: d, knownAt }), push);
  };
  // From the seats and the people on the date, a member's page keeps the date (its way back).
  const memberHref = (memberId: string) => `/councils/${id}/members/${encodeURIComponent(memberId)}${query({ at, knownAt })}`;
  const src = ctx.src;
  const shownAt = state?.at ?? at;

  // Every section has its answer (a signal for tests and benchmarks; sections load independently).
  const loaded =
    (!!state || !!stateError) &&
    [data?.meetings, data?.motions, data?.membership, data?.anomalies, data?.inferences, data?.elections, data?.workingGroups, data?.votings].every((x) => x !== undefined);
  return (
    <main id="main" data-loaded={loaded ? 'true' : 'false'} data-lists-at={day}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <Link href="/">Councils</Link> / <span>{council.name}</span> / <Link href={`/councils/${id}/timeline${query({ knownAt })}`}>Timeline</Link>
      </nav>
      <div class="title-row">
        <h1>{council.name}</h1>
        {/* The secretary's entry (issue 27 item 2): secretary mode is a page of its own (secretary.tsx). */}
        <div class="record-slot" id="record-slot">
          <RecordButton councilId={councilId} at={props.route.at} />
        </div>
      </div>
      <p class="muted">
        Founded <When value={council.foundedOn} empty="on an unknown date" />
        {council.dissolvedOn ? (
          <>
            , dissolved <When value={council.dissolvedOn} />
          </>
        ) : null}
        ; {council.seats != null ? `${council.seats} seats` : 'number of seats unknown'}. {src('council', 'the council')}
      </p>
      <DownloadLinks councilId={councilId} knownAt={knownAt} />

      <section class="controls" aria-label="Date and record time">
        <DateControls at={at} min={min} max={max} onDate={setDate} />
        <div>
          <KnownAtControl knownAt={knownAt} shownKnownAt={state?.knownAt} onKnownAt={setKnownAt} />
          <CorrectionsList
            councilId={councilId}
            terms={data?.terms ?? EMPTY_TERMS}
            knownAt={knownAt}
            onKnownAt={setKnownAt}
          />
        </div>
      </section>

      <section aria-labelledby="on-date" aria-busy={loadingState ? 'true' : 'false'} class={loadingState && state ? 'on-date stale' : 'on-date'}>
        <h2 id="on-date">
          On <When value={shownAt} />
          <span class="loading-line" role="status" data-testid="state-loading">
            {loadingState ? `Loading the council on ${edtfText(at)}…` : ''}
          </span>
        </h2>
        {stateError ? (
          <Problem title="This date cannot be shown" message={stateError} back={[{ href: councilHref({ knownAt }), label: `${council.name} on ${edtfText(defaultDay(council))}` }]} />
        ) : null}
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
              <Hemicycle at={state.at} seats={seatModel.seats} blocks={seatModel.blocks} blockKind={seatModel.blockKind} title={`Seats of ${council.name} on ${edtfText(state.at)}`} memberHref={memberHref} />
            </div>
          ) : !stateError ? (
            <p class="loading">Loading the seats…</p>
          ) : null}
          {state ? (
            <div class="people">
              <h3>Members in office ({state.memberCount})</h3>
              <MembersTable ctx={ctx} state={state} showAll={!!showAll.members} onToggle={toggles.members} memberHref={memberHref} />
              <DownloadLinks councilId={councilId} table="members" knownAt={knownAt} />
              <PeopleLists ctx={ctx} state={state} inferredLeft={inferredLeft} workingGroups={data?.workingGroups} memberHref={memberHref} />
            </div>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="meetings-h" class="lazy-section" aria-busy={day !== at ? 'true' : 'false'}>
        <h2 id="meetings-h">Meetings up to <When value={day} /></h2>
        {data?.meetings ? (
          <>
            {charts ? <charts.AttendanceChart meetings={data.meetings} at={day} /> : <p class="loading">Loading the chart…</p>}
            {meetingsUpTo.length ? (
              <MeetingsTable ctx={ctx} meetings={meetingsUpTo} showAll={!!showAll.meetings} onToggle={toggles.meetings} />
            ) : (
              <p class="muted">No meeting by this date.</p>
            )}
            <DownloadLinks councilId={councilId} table="meetings" knownAt={knownAt} />
          </>
        ) : (
          <p class="loading">Loading meetings…</p>
        )}
      </section>

      <section aria-labelledby="membership-h" class="lazy-section">
        <h2 id="membership-h">Membership over time</h2>
        {data?.membership ? (
          data.membership.length ? (
            charts ? <charts.MembershipChart series={data.membership} at={day} seats={council.seats} /> : <p class="loading">Loading the chart…</p>
          ) : (
            <p class="muted">No membership series is available.</p>
          )
        ) : (
          <p class="loading">Loading…</p>
        )}
      </section>

      <section aria-labelledby="motions-h" class="lazy-section" aria-busy={day !== at ? 'true' : 'false'}>
        <h2 id="motions-h">Motions up to <When value={day} /></h2>
        {data?.motions ? (
          motionsUpTo.length ? (
            <>
              <MotionsTable ctx={ctx} motions={motionsUpTo} showAll={!!showAll.motions} onToggle={toggles.motions} />
              <DownloadLinks councilId={councilId} table="votes" knownAt={knownAt} />
            </>
          ) : (
            <p class="muted">No motion by this date.</p>
          )
        ) : (
          <p class="loading">Loading…</p>
        )}
      </section>

      <Analysts councilId={councilId} knownAt={knownAt} />

      <AnomaliesSection
        anomalies={data?.anomalies}
        dated={datedAnomalies}
        undated={undatedAnomalies}
        atText={edtfText(day)}
        showAll={!!showAll.anomalies}
        onShowAll={toggles.anomalies}
      />

      {data?.inferences ? <Inferences inferences={data.inferences as InferencesView} /> : null}

      {data?.elections !== undefined && data?.votings !== undefined ? <ElectionsAndVotings elections={data.elections} votings={data.votings} /> : null}

    </main>
  );
}
