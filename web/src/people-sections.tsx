/** The people on the chosen date: members in office (a table), the uncertain, officers and working groups. */
import { useState } from 'preact/hooks';
import type { CouncilState, WorkingGroup } from './api';
import { Flag } from './anomalies';
import { CorrectedMark, Paged, PagedTable, useUpTo, type PageContext } from './council-sections';
import { edtfBounds } from './dates';
import { memo } from './memo';
import { edtfText, plainDates } from './plain';
import { Link } from './router';
import { groupKey, groupName } from './seats';
import { SortHeader, useSorted } from './sortable';
import { SourceView } from './sources';
import { When } from './when';

export function MembersTable(props: { ctx: PageContext; state: CouncilState; showAll: boolean; onToggle: () => void; memberHref: (memberId: string) => string }) {
  const { ctx, state } = props;
  const byGroup = state.members.some((m) => groupKey(m.group));
  const { sorted, sort, toggle } = useSorted(state.members, {
    name: (m) => m.name,
    block: (m) => (byGroup ? groupName(m.group) : ctx.curiaName(m.curia)),
    since: (m) => edtfBounds(m.since).earliest,
  });
  return (
    <PagedTable
      rows={sorted}
      n={100}
      showAll={props.showAll}
      onToggle={props.onToggle}
      noun="members"
      label="Members in office"
      tableClass="compact"
      testid="members-table"
      caption={<>Members certainly in office on {edtfText(state.at)}</>}
      head={
        <>
          <SortHeader col="name" sort={sort} toggle={toggle}>Name</SortHeader>
          <SortHeader col="block" sort={sort} toggle={toggle}>{byGroup ? 'Group' : 'Curia'}</SortHeader>
          <SortHeader col="since" sort={sort} toggle={toggle}>Since</SortHeader>
          <th scope="col"><span class="visually-hidden">Source</span></th>
        </>
      }
      row={(m) => (
        <tr key={m.memberId} data-testid="member-row">
          <th scope="row">
            <Link href={props.memberHref(m.memberId)} testid="member-link">{m.name}</Link> <Flag anomalies={ctx.anomaliesBy.get(`member:${m.memberId}`)} />{' '}
            <CorrectedMark on={ctx.corrected.has(`member:${m.memberId}`)} />
          </th>
          <td>{groupName(m.group) ?? ctx.curiaName(m.curia)}</td>
          <td><When value={m.since} /></td>
          <td>{ctx.src(`member:${m.memberId}`, m.name)}</td>
        </tr>
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
