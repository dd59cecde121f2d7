/** The meetings and the motions up to the chosen date: sortable, paged tables with flags, marks and sources. */
import type { Meeting, Motion } from './api';
import { Flag } from './anomalies';
import { CorrectedMark, PagedTable, type PageContext } from './council-sections';
import { edtfBounds } from './dates';
import { memo } from './memo';
import { edtfText } from './plain';
import { Link } from './router';
import { SortHeader, useSorted } from './sortable';
import { When } from './when';

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
    <PagedTable
      rows={sorted}
      fromEnd={!sort}
      showAll={props.showAll}
      onToggle={props.onToggle}
      noun="meetings"
      label="Meetings"
      tableClass="meetings"
      caption="Meetings up to the chosen date: attendance, membership and quorum"
      head={
        <>
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
        </>
      }
      row={(m) => {
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
      }}
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
    <PagedTable
      rows={sorted}
      fromEnd={!sort}
      showAll={props.showAll}
      onToggle={props.onToggle}
      noun="motions"
      label="Motions"
      tableClass="motions"
      caption="Motions opened up to the chosen date, with tallies and outcomes"
      head={
        <>
          <SortHeader col="opened" sort={sort} toggle={toggle}>Opened</SortHeader>
          <SortHeader col="title" sort={sort} toggle={toggle}>Motion</SortHeader>
          <th scope="col">Tally</th>
          <SortHeader col="required" sort={sort} toggle={toggle}>Required</SortHeader>
          <SortHeader col="outcome" sort={sort} toggle={toggle}>Outcome</SortHeader>
          <th scope="col"><span class="visually-hidden">Source</span></th>
        </>
      }
      row={(m) => (
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
            {m.outcomeCertain === false ? (
              <span class="muted" data-testid="outcome-uncertain" title="Neither the tally on the day nor the source settles it: members whose dates are undecidable, a count the source leaves out or an unknown attendance could change it">
                {' '}(uncertain)
              </span>
            ) : null}
          </td>
          <td>{ctx.src(`motion:${m.motionId}`, m.title)}</td>
        </tr>
      )}
    />
  );
});
