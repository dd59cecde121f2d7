/** The council page's sections below the seats: people on the date, meetings, motions, elections and votings. */
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { memo } from './memo';
import type { Anomaly, Council, CouncilState, Meeting, Motion, Source, VotingSummary, WorkingGroup } from './api';
import { Flag } from './anomalies';
import { edtfBounds } from './dates';
import { edtfText, plainDates } from './plain';
import { When } from './when';
import { Link } from './router';
import { groupKey, groupName } from './seats';
import { SortHeader, TableBox, useSorted } from './sortable';
import { SourceView } from './sources';

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

function CorrectedMark(props: { on: boolean }) {
  return props.on ? (
    <span class="corrected-mark" title="This record has been corrected: see Corrections in the record" data-testid="corrected-mark">
      corrected
    </span>
  ) : null;
}

export function MembersTable(props: { ctx: PageContext; state: CouncilState; showAll: boolean; onToggle: () => void; memberHref: (memberId: string) => string }) {
  const { ctx, state } = props;
  const byGroup = state.members.some((m) => groupKey(m.group));
  const { sorted, sort, toggle } = useSorted(state.members, {
    name: (m) => m.name,
    block: (m) => (byGroup ? groupName(m.group) : ctx.curiaName(m.curia)),
    since: (m) => edtfBounds(m.since).earliest,
  });
  return (
    <Paged
      rows={sorted}
      n={100}
      showAll={props.showAll}
      onToggle={props.onToggle}
      noun="members"
      render={(rows) => (
        <TableBox label="Members in office">
          <table class="compact" data-testid="members-table">
            <caption class="visually-hidden">Members certainly in office on {edtfText(state.at)}</caption>
            <thead>
              <tr>
                <SortHeader col="name" sort={sort} toggle={toggle}>Name</SortHeader>
                <SortHeader col="block" sort={sort} toggle={toggle}>{byGroup ? 'Group' : 'Curia'}</SortHeader>
                <SortHeader col="since" sort={sort} toggle={toggle}>Since</SortHeader>
                <th scope="col"><span class="visually-hidden">Source</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.memberId} data-testid="member-row">
                  <th scope="row">
                    <Link href={props.memberHref(m.memberId)} testid="member-link">{m.name}</Link> <Flag anomalies={ctx.anomaliesBy.get(`member:${m.memberId}`)} />{' '}
                    <CorrectedMark on={ctx.corrected.has(`member:${m.memberId}`)} />
                  </th>
                  <td>{groupName(m.group) ?? ctx.curiaName(m.curia)}</td>
                  <td><When value={m.since} /></td>
                  <td>{ctx.src(`member:${m.memberId}`, m.name)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    />
  );
}

export function PeopleLists(props: { ctx: PageContext; state: CouncilState; inferredLeft: Map<string, string>; workingGroups?: WorkingGroup[]; memberHref: (memberId: string) => string }) {
  const { ctx, state } = props;
  const groups = useUpTo(props.workingGroups, (g) => g.formedOn, state.at);
  return (
    <>
      {state.uncertainMembers.length ? (
        <>
          <h3>Uncertain ({state.uncertainMembers.length})</h3>
          <p class="muted">The record cannot tell whether they were in office on this date; they are not counted.</p>
          <ul class="uncertain" data-testid="uncertain-members">
            {state.uncertainMembers.map((u) => (
              <li key={u.memberId}>
                <Link href={props.memberHref(u.memberId)}>{u.name}</Link> — {plainDates(u.why)}
                {props.inferredLeft.get(u.memberId) ? (
                  <span class="inferred-note">
                    {' '}
                    (<span class="badge">derived</span> the figures imply left <When value={props.inferredLeft.get(u.memberId)} />)
                  </span>
                ) : null}{' '}
                {ctx.src(`member:${u.memberId}`, u.name)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Officers</h3>
      {state.officers.length || state.uncertainOfficers?.length ? (
        <ul data-testid="officers">
          {state.officers.map((o) => (
            <li key={o.role}>
              {o.role}: {o.memberId ? <Link href={props.memberHref(o.memberId)}>{o.name}</Link> : o.name} (since <When value={o.since} />){' '}
              <Flag anomalies={ctx.anomaliesBy.get(`officer:${o.role}:${o.name}`) ?? ctx.anomaliesBy.get(`officer:${o.role}`)?.filter((a) => a.date === o.since)} />{' '}
              {ctx.src(`officer:${o.role}`, `the ${o.role}`)}
            </li>
          ))}
          {state.uncertainOfficers?.map((o) => (
            <li key={`u-${o.role}`}>
              {o.role}: {o.name} <em>uncertain</em> — {plainDates(o.why)} {ctx.src(`officer:${o.role}`, `the ${o.role}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No officer on this date.</p>
      )}
      <h3>Working groups</h3>
      {props.workingGroups === undefined ? (
        <p class="muted">Loading…</p>
      ) : groups.length ? (
        <WorkingGroups ctx={ctx} groups={groups} />
      ) : (
        <p class="muted">None formed by this date.</p>
      )}
    </>
  );
}

/** The working groups formed by the day, the latest 10 first shown; re-rendered only when one is formed or undone by the date. */
const WorkingGroups = memo(function WorkingGroups(props: { ctx: PageContext; groups: WorkingGroup[] }) {
  const { ctx } = props;
  const [all, setAll] = useState(false);
  return (
    <Paged
      rows={props.groups}
      n={10}
      fromEnd
      showAll={all}
      onToggle={() => setAll(!all)}
      noun="working groups"
      render={(rows) => (
        <ul data-testid="working-groups">
          {rows.map((g) => (
            <li key={g.workingGroupId}>
              {g.name} <span class="muted">(formed <When value={g.formedOn} />)</span>
              {g.members?.length ? (
                <span class="muted">
                  {' '}
                  — {g.members.map((m, i) => (
                    <span key={i}>
                      {i ? ', ' : ''}
                      {m.memberId ? <Link href={ctx.memberHref(m.memberId)}>{m.name}</Link> : m.name}
                    </span>
                  ))}
                </span>
              ) : g.membersKnown === false ? (
                <span class="muted"> — composition not given by the source</span>
              ) : null}
              <details class="inline-source">
                <summary>
                  source<span class="visually-hidden"> of the working group {g.name}</span>
                </summary>
                <SourceView source={g.source} />
              </details>
            </li>
          ))}
        </ul>
      )}
    />
  );
});

function chairName(chair: Meeting['chair']): string {
  if (!chair) return '';
  return typeof chair === 'string' ? chair : chair.name;
}

export const MeetingsTable = memo(function MeetingsTable(props: { ctx: PageContext; meetings: Meeting[]; showAll: boolean; onToggle: () => void }) {
  const { ctx } = props;
  const { sorted, sort, toggle } = useSorted(props.meetings, {
    number: (m) => m.number ?? undefined,
    date: (m) => edtfBounds(m.date).earliest,
    outcome: (m) => m.outcome,
    present: (m) => m.present ?? undefined,
    membership: (m) => m.membership ?? undefined,
    quorum: (m) => m.quorum ?? undefined,
  });
  return (
    <Paged
      rows={sorted}
      fromEnd={!sort}
      showAll={props.showAll}
      onToggle={props.onToggle}
      noun="meetings"
      render={(rows) => (
        <TableBox label="Meetings">
          <table class="meetings">
            <caption class="visually-hidden">Meetings up to the chosen date: attendance, membership and quorum</caption>
            <thead>
              <tr>
                <SortHeader col="number" sort={sort} toggle={toggle}>No.</SortHeader>
                <SortHeader col="date" sort={sort} toggle={toggle}>Date</SortHeader>
                <SortHeader col="outcome" sort={sort} toggle={toggle}>Outcome</SortHeader>
                <SortHeader col="present" sort={sort} toggle={toggle}>Present</SortHeader>
                <SortHeader col="membership" sort={sort} toggle={toggle}>Members (derived)</SortHeader>
                <th scope="col">“Out of N” (reported)</th>
                <SortHeader col="quorum" sort={sort} toggle={toggle}>Quorum</SortHeader>
                <th scope="col">Chair</th>
                <th scope="col">Agenda</th>
                <th scope="col"><span class="visually-hidden">Source</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => {
                const flags = [...(m.anomalies ?? []), ...(ctx.anomaliesBy.get(`meeting:${m.meetingId}`) ?? [])];
                const unique = [...new Map(flags.map((f) => [`${f.rule}|${f.message ?? ''}`, f])).values()];
                const differs = m.reportedMembership != null && m.membership != null && m.reportedMembership !== m.membership;
                const chair = m.chair && typeof m.chair === 'object' ? m.chair : undefined;
                return (
                  <tr key={m.meetingId} data-testid="meeting" data-meeting-id={m.meetingId} class={m.outcome === 'quorum-failed' ? 'failed' : undefined}>
                    <td data-col="number">{m.number ?? ''}</td>
                    <td data-col="date" data-edtf={m.date}>
                      <When value={m.date} />
                    </td>
                    <td data-col="outcome">
                      {m.outcome === 'quorum-failed' ? <strong class="failed-label">quorum failed</strong> : 'held'}
                      {m.kind === 'extraordinary' ? <span class="muted"> (extraordinary)</span> : null} <Flag anomalies={unique} />{' '}
                      <CorrectedMark on={(m.corrections ?? 0) > 0} />
                    </td>
                    <td data-col="present">
                      {m.present ?? <span class="muted">unknown</span>}
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
                    <td data-col="chair">{chair?.memberId ? <Link href={ctx.memberHref(chair.memberId)}>{chair.name}</Link> : chairName(m.chair)}</td>
                    <td data-col="agenda">{m.agenda?.length ? `${m.agenda.length} item${m.agenda.length > 1 ? 's' : ''}: ${m.agenda[0]}${m.agenda.length > 1 ? '…' : ''}` : ''}</td>
                    <td>{ctx.src(`meeting:${m.meetingId}`, `the meeting of ${edtfText(m.date)}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableBox>
      )}
    />
  );
});

function tallyText(m: Motion): string {
  const t = m.tally ?? {};
  const keys = Object.keys(t);
  if (!keys.length) return m.tallyFrom === 'none' ? 'no figures' : '';
  return keys.map((k) => `${k} ${t[k]}`).join(', ');
}

const RULES: Record<string, string> = {
  'majority-of-members': 'majority of the members',
  'majority-of-present': 'majority of those present',
  'two-thirds-of-present': 'two thirds of those present',
};

function ruleText(rule: unknown): string {
  if (!rule) return '';
  if (typeof rule === 'string') return RULES[rule] ?? rule.replace(/-/g, ' ');
  if (typeof rule === 'object' && rule && 'atLeast' in rule) return `at least ${(rule as { atLeast: number }).atLeast}`;
  return JSON.stringify(rule);
}

export const MotionsTable = memo(function MotionsTable(props: { ctx: PageContext; motions: Motion[]; showAll: boolean; onToggle: () => void }) {
  const { ctx } = props;
  const { sorted, sort, toggle } = useSorted(props.motions, {
    opened: (m) => edtfBounds(m.openedOn).earliest,
    title: (m) => m.title,
    outcome: (m) => m.outcome ?? 'open',
    required: (m) => m.required ?? undefined,
  });
  return (
    <Paged
      rows={sorted}
      fromEnd={!sort}
      showAll={props.showAll}
      onToggle={props.onToggle}
      noun="motions"
      render={(rows) => (
        <TableBox label="Motions">
          <table class="motions">
            <caption class="visually-hidden">Motions opened up to the chosen date, with tallies and outcomes</caption>
            <thead>
              <tr>
                <SortHeader col="opened" sort={sort} toggle={toggle}>Opened</SortHeader>
                <SortHeader col="title" sort={sort} toggle={toggle}>Motion</SortHeader>
                <th scope="col">Tally</th>
                <SortHeader col="required" sort={sort} toggle={toggle}>Required</SortHeader>
                <SortHeader col="outcome" sort={sort} toggle={toggle}>Outcome</SortHeader>
                <th scope="col"><span class="visually-hidden">Source</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.motionId} data-testid="motion">
                  <td><When value={m.openedOn} /></td>
                  <th scope="row">
                    {m.title}
                    {m.online ? <span class="muted"> (online vote)</span> : null} <Flag anomalies={ctx.anomaliesBy.get(`motion:${m.motionId}`)} />{' '}
                    <CorrectedMark on={(m.corrections ?? 0) > 0} />
                  </th>
                  <td>{tallyText(m)}</td>
                  <td>
                    {m.required ?? ''} <span class="muted">{ruleText(m.rule)}</span>
                  </td>
                  <td class={`outcome-${m.outcome ?? 'open'}`}>
                    {m.outcome ?? 'open'}
                    {m.winner ? `: ${m.winner}` : ''}
                  </td>
                  <td>{ctx.src(`motion:${m.motionId}`, m.title)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    />
  );
});

type Json = Record<string, unknown>;

export const ElectionsAndVotings = memo(function ElectionsAndVotings(props: { elections: unknown; votings?: VotingSummary[] }) {
  const elections: Json[] = Array.isArray(props.elections)
    ? (props.elections as Json[])
    : Array.isArray((props.elections as Json | null)?.elections)
      ? ((props.elections as Json).elections as Json[])
      : [];
  const votings = props.votings ?? [];
  // An election counted on the platform names its voting, or has the voting's id as its own.
  const votingOf = (e: Json): string | undefined =>
    typeof e.votingId === 'string' ? e.votingId : votings.some((v) => v.votingId === e.electionId) ? String(e.electionId) : undefined;
  if (!elections.length && !votings.length) return null;
  return (
    <section aria-labelledby="elections-h" class="lazy-section">
      <h2 id="elections-h">Elections and votings</h2>
      {elections.length ? (
        <ul class="elections">
          {elections.map((e, i) => {
            const figures: Array<[string, unknown]> = [
              ['seats', e.seats],
              ['candidates', e.candidateCount ?? (Array.isArray(e.candidates) ? e.candidates.length : undefined)],
              ['elected', e.electedCount ?? (Array.isArray(e.members) ? e.members.length : undefined)],
              ['voters', e.voters],
            ];
            return (
              <li key={String(e.electionId ?? i)}>
                Election <strong><When value={typeof e.heldOn === 'string' ? e.heldOn : undefined} empty="undated" /></strong>{' '}
                {figures
                  .filter(([, v]) => typeof v === 'number')
                  .map(([k, v]) => `${v as number} ${k}`)
                  .join(' · ') || <span class="muted">no figures in the record</span>}{' '}
                {votingOf(e) ? (
                  <Link href={`/votings/${encodeURIComponent(votingOf(e)!)}`} testid="election-voting-link">
                    the voting on the platform
                  </Link>
                ) : null}
                {typeof e.note === 'string' ? <p class="note">{e.note}</p> : null}
                {e.source ? (
                  <details class="inline-source">
                    <summary>
                      source<span class="visually-hidden"> of the election of {edtfText(String(e.heldOn ?? ''))}</span>
                    </summary>
                    <SourceView source={e.source as Source} />
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <h3>Votings on the platform</h3>
      {votings.length ? (
        <ul data-testid="votings">
          {votings.map((v) => (
            <li key={v.votingId}>
              <Link href={`/votings/${encodeURIComponent(v.votingId)}`} testid="voting-link">
                {v.title ?? v.votingId}
              </Link>{' '}
              <span class="muted">
                ({v.status ?? 'status unknown'}
                {typeof v.opensAt === 'string' ? `, opens ${edtfText(v.opensAt)}` : ''}
                {typeof v.closesAt === 'string' ? `, closes ${edtfText(v.closesAt)}` : ''})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No voting of this council has been run on the platform.</p>
      )}
    </section>
  );
});
