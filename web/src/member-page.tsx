/**
 * A page per member (`/councils/:id/members/:memberId`): terms, curia and group over time, offices and
 * working groups, attendance, votes, anomalies and the recorded events with their sources. Only the public
 * API: the council's members, motions with their votes, attendance analytics, anomalies, the audit view.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CorrectedMark } from './council-sections';
import { ApiError, getAll, getJson, query, type Anomaly, type Council, type MemberTerm, type Motion, type RecordedEvent, type WorkingGroup } from './api';
import { Flag } from './anomalies';
import { edtfBounds } from './dates';
import { edtfText, eventLabel, instantText, plainDates, ruleLabel } from './plain';
import { When } from './when';
import { Link, type Route } from './router';
import { SortHeader, TableBox, useSorted } from './sortable';
import { loadEventIndex, SourceView } from './sources';

type Json = Record<string, unknown>;

interface MemberAttendance {
  memberId?: string;
  attended?: number;
  eligible?: number;
  missed?: number;
  rate?: number | null;
}

interface MemberData {
  council: Council;
  term?: MemberTerm;
  motions?: Motion[];
  attendance?: { row?: MemberAttendance; note?: string };
  anomalies?: Anomaly[];
  workingGroups?: WorkingGroup[];
  events?: RecordedEvent[];
}

function VotesTable(props: { rows: Array<{ motion: Motion; choice: string }> }) {
  const { sorted, sort, toggle } = useSorted(props.rows, {
    date: (r) => edtfBounds(r.motion.decidedOn ?? r.motion.openedOn).earliest,
    motion: (r) => r.motion.title,
    choice: (r) => r.choice,
    outcome: (r) => r.motion.outcome ?? 'open',
  });
  return (
    <TableBox label="Votes">
      <table class="compact" data-testid="member-votes">
        <caption class="visually-hidden">The member's recorded votes</caption>
        <thead>
          <tr>
            <SortHeader col="date" sort={sort} toggle={toggle}>Date</SortHeader>
            <SortHeader col="motion" sort={sort} toggle={toggle}>Motion</SortHeader>
            <SortHeader col="choice" sort={sort} toggle={toggle}>Vote</SortHeader>
            <SortHeader col="outcome" sort={sort} toggle={toggle}>Outcome</SortHeader>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.motion.motionId}>
              <td><When value={r.motion.decidedOn ?? r.motion.openedOn} /></td>
              <th scope="row">{r.motion.title}</th>
              <td>{r.choice}</td>
              <td>{r.motion.outcome ?? 'open'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}

export function MemberPage(props: { route: Extract<Route, { page: 'member' }> }) {
  const { councilId, memberId, at, knownAt } = props.route;
  const id = encodeURIComponent(councilId);
  const [data, setData] = useState<MemberData | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    setData(undefined);
    setError(undefined);
    const k = query({ knownAt });
    const patch = (p: Partial<MemberData>) => live && setData((d) => (d ? { ...d, ...p } : d));
    Promise.all([
      getJson<Council>(`/councils/${id}`),
      getAll<MemberTerm>(`/councils/${id}/members${k}`, { pick: (b) => ((b as Json).members ?? b) as MemberTerm[] }),
    ])
      .then(([council, terms]) => {
        if (!live) return;
        const term = terms.find((t) => t.memberId === memberId);
        if (!term) {
          setError(`${council.name} has no member “${memberId}” in the record.`);
          return;
        }
        setData({ council, term });
        document.title = `${term.name}, ${council.name} — council-record`;
        getAll<Motion>(`/councils/${id}/motions${query({ votes: 'true', knownAt })}`).then((motions) => patch({ motions })).catch(() => patch({ motions: [] }));
        getJson<Json>(`/councils/${id}/analytics/attendance${k}`)
          .then((a) => {
            const rows = Array.isArray(a.members) ? (a.members as MemberAttendance[]) : [];
            patch({ attendance: { row: rows.find((r) => r.memberId === memberId), note: typeof a.note === 'string' ? a.note : undefined } });
          })
          .catch(() => patch({ attendance: {} }));
        getAll<Anomaly>(`/councils/${id}/anomalies`).then((anomalies) => patch({ anomalies })).catch(() => patch({ anomalies: [] }));
        getJson<WorkingGroup[]>(`/councils/${id}/working-groups${k}`).then((w) => patch({ workingGroups: w })).catch(() => patch({ workingGroups: [] }));
        loadEventIndex(councilId)
          .then((index) => {
            const mine = [...index.byId.values()].filter((e) => e.data.memberId === memberId || (typeof e.data.name === 'string' && e.data.name === term.name));
            patch({ events: mine });
          })
          .catch(() => patch({ events: [] }));
      })
      .catch((e: Error) => live && setError(e instanceof ApiError && e.status === 404 ? `There is no council “${councilId}” in the record.` : e.message));
    return () => {
      live = false;
    };
  }, [councilId, memberId, knownAt]);

  const term = data?.term;
  const votes = useMemo(
    () =>
      (data?.motions ?? []).flatMap((m) => {
        const v = ((m as Motion & { votes?: Array<{ memberId: string | null; name: string; choice: string }> }).votes ?? []).find(
          (x) => x.memberId === memberId || (!x.memberId && x.name === term?.name),
        );
        return v ? [{ motion: m, choice: v.choice }] : [];
      }),
    [data?.motions, term?.name],
  );
  const anomalies = useMemo(
    () =>
      (data?.anomalies ?? []).filter(
        (a) => a.subject === `member:${memberId}` || a.figures?.memberId === memberId || (term && a.figures?.name === term.name),
      ),
    [data?.anomalies, term?.name],
  );
  const offices = useMemo(() => (data?.events ?? []).filter((e) => /^Officer/.test(e.type)), [data?.events]);
  const groups = useMemo(() => (data?.workingGroups ?? []).filter((g) => g.members?.some((m) => m.memberId === memberId)), [data?.workingGroups]);
  const councilHref = `/councils/${id}${query({ at, knownAt })}`;

  if (error) {
    return (
      <main id="main" data-loaded="true">
        <h1>Member not found</h1>
        <div class="problem" role="alert" data-testid="url-problem">
          <p>{error}</p>
          <ul class="way-back">
            <li><Link href={councilHref}>Back to the council</Link></li>
            <li><Link href="/">All councils</Link></li>
          </ul>
        </div>
      </main>
    );
  }
  if (!data || !term) {
    return (
      <main id="main" aria-busy="true">
        <p class="loading" role="status">Loading the member…</p>
      </main>
    );
  }
  const council = data.council;
  const curiaName = council.curiae?.find((c) => c.key === term.curia)?.name ?? term.curia ?? undefined;
  const loaded = [data.motions, data.attendance, data.anomalies, data.workingGroups, data.events].every((x) => x !== undefined);
  return (
    <main id="main" data-loaded={loaded ? 'true' : 'false'}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <Link href="/">Councils</Link> / <Link href={councilHref}>{council.name}</Link> / <span>{term.name}</span>
      </nav>
      <h1 data-testid="member-name">{term.name}</h1>
      {term.aliases?.length ? <p class="muted">Also written: {term.aliases.join(', ')}</p> : null}
      {term.corrections ? (
        <p class="muted" data-testid="member-corrected">
          <CorrectedMark on /> The record of this member has been corrected {term.corrections === 1 ? 'once' : `${term.corrections} times`}
          {knownAt ? ' by this record time' : ''}; the council page's “Corrections in the record” says what changed and why.
        </p>
      ) : null}

      <section aria-labelledby="terms-h">
        <h2 id="terms-h">Term in {council.name}</h2>
        <dl class="facts" data-testid="member-term">
          <div><dt>Elected</dt><dd><When value={term.electedOn} /></dd></div>
          <div><dt>Left</dt><dd>{term.leftOn ? <><When value={term.leftOn} />{term.leftReason ? ` (${term.leftReason})` : ''}</> : <span class="muted">not recorded as having left</span>}</dd></div>
          <div><dt>Curia</dt><dd>{curiaName ?? <span class="muted">none recorded</span>}</dd></div>
          {term.constituency ? (
            <div data-testid="member-constituency"><dt>Constituency</dt><dd>{term.constituency.name ?? term.constituency.id}</dd></div>
          ) : null}
          {term.identifiers?.length ? (
            <div data-testid="member-identifiers">
              <dt>Elsewhere</dt>
              <dd>
                {term.identifiers.map((x, i) => (
                  <span key={`${x.scheme}:${x.identifier}`}>
                    {i ? ', ' : ''}
                    {identifierLink(x)}
                  </span>
                ))}
              </dd>
            </div>
          ) : null}
          {term.rank != null ? <div><dt>Rank on the list</dt><dd>{term.rank}</dd></div> : null}
          {term.votes != null ? <div><dt>Votes received</dt><dd>{term.votes}</dd></div> : null}
        </dl>
        <h3>Political group over time</h3>
        {term.affiliations?.length ? (
          <ul data-testid="member-groups">
            {term.affiliations.map((a, i) => (
              <li key={i}>
                {a.name ?? a.groupId}
                {a.outside ? ' (a membership outside the council, not a group sat for in it)' : ''}: from <When value={a.from} empty="an unknown date" />{' '}
                {a.to ? <>to <When value={a.to} /></> : 'on'}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No group affiliation is on record.</p>
        )}
      </section>

      <section aria-labelledby="offices-h">
        <h2 id="offices-h">Offices and working groups</h2>
        {data.events === undefined ? (
          <p class="loading">Loading…</p>
        ) : offices.length ? (
          <ul data-testid="member-offices">
            {offices.map((e) => (
              <li key={e.eventId}>
                {eventLabel(e.type)}: {String(e.data.role ?? '')} <When value={(e.data.from ?? e.data.to) as string | undefined} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No office is on record.</p>
        )}
        {groups.length ? (
          <ul>
            {groups.map((g) => (
              <li key={g.workingGroupId}>
                Member of the {g.name} (formed <When value={g.formedOn} />)
              </li>
            ))}
          </ul>
        ) : data.workingGroups ? (
          <p class="muted">In no working group whose composition is on record.</p>
        ) : null}
      </section>

      <section aria-labelledby="attendance-h">
        <h2 id="attendance-h">Attendance</h2>
        {data.attendance === undefined ? (
          <p class="loading">Loading…</p>
        ) : data.attendance.row ? (
          <p data-testid="member-attendance">
            Attended {data.attendance.row.attended ?? '?'} of the {data.attendance.row.eligible ?? '?'} meetings held while in office
            {typeof data.attendance.row.rate === 'number' ? ` (${Math.round(data.attendance.row.rate * 1000) / 10}%)` : ''}.
          </p>
        ) : (
          <p class="notice" data-testid="member-attendance">
            Unknown: {data.attendance.note ?? 'no meeting on record names who was present.'}
          </p>
        )}
      </section>

      <section aria-labelledby="votes-h">
        <h2 id="votes-h">Votes</h2>
        {data.motions === undefined ? (
          <p class="loading">Loading…</p>
        ) : votes.length ? (
          <VotesTable rows={votes} />
        ) : (
          <p class="notice" data-testid="member-votes-none">
            Unknown: no vote of {term.name} is on record{data.motions.length ? ` (the council's ${data.motions.length} motions carry reported tallies only, or no vote by this member)` : ''}.
          </p>
        )}
      </section>

      <section aria-labelledby="member-anomalies-h">
        <h2 id="member-anomalies-h">Anomalies</h2>
        {data.anomalies === undefined ? (
          <p class="loading">Loading…</p>
        ) : anomalies.length ? (
          <ul class="anomalies" data-testid="member-anomalies">
            {anomalies.map((a, i) => (
              <li key={i}>
                <Flag anomalies={[a]} /> <strong>{ruleLabel(a.rule)}</strong> {a.date ? <>(<When value={a.date} />)</> : null} — {plainDates(a.message)}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">None.</p>
        )}
      </section>

      <section aria-labelledby="record-h">
        <h2 id="record-h">In the record</h2>
        {data.events === undefined ? (
          <p class="loading">Loading…</p>
        ) : (
          <ol class="record" data-testid="member-events">
            {data.events.map((e) => (
              <li key={e.eventId}>
                <p>
                  <strong>{eventLabel(e.type)}</strong>{' '}
                  <When value={(e.data.electedOn ?? e.data.leftOn ?? e.data.from ?? e.data.date ?? e.data.formedOn) as string | undefined} empty="" />
                  <span class="muted"> — recorded {instantText(e.recordedAt)}</span>
                </p>
                <SourceView source={e.metadata?.source} />
              </li>
            ))}
          </ol>
        )}
      </section>
      <p>
        <Link href={councilHref}>Back to {council.name}{at ? ` on ${edtfText(at)}` : ''}</Link>
      </p>
    </main>
  );
}

/** An identifier in another register, linked where the register has a public page for it (wikidata). */
function identifierLink(x: { scheme: string; identifier: string }) {
  if (x.scheme.toLowerCase() === 'wikidata' && /^Q\d+$/.test(x.identifier)) {
    return <a href={`https://www.wikidata.org/wiki/${x.identifier}`} rel="noopener noreferrer">Wikidata {x.identifier}</a>;
  }
  return `${x.scheme} ${x.identifier}`;
}
