import { useEffect, useMemo, useState } from 'preact/hooks';
import { getAll, type Council } from './api';
import { edtfBounds } from './dates';
import { When } from './when';
import { Link, navigate } from './router';
import { SortHeader, TableBox, useSorted } from './sortable';

function parentIdOf(c: Council): string | undefined {
  return typeof c.parentCouncilId === 'string' && c.parentCouncilId ? c.parentCouncilId : undefined;
}

/** Type and level in words (i27api's fields; absent when the record does not say). */
function kindText(c: Council): string {
  return [c.level, c.type].filter((x): x is string => typeof x === 'string' && x !== '').map((x) => x.replace(/-/g, ' ')).join(' · ');
}

export function CouncilsPage() {
  const [councils, setCouncils] = useState<Council[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [votingId, setVotingId] = useState('');
  useEffect(() => {
    document.title = 'Councils — council-record';
    getAll<Council>('/councils').then(setCouncils).catch((e: Error) => setError(e.message));
  }, []);
  const byId = useMemo(() => new Map((councils ?? []).map((c) => [c.councilId, c])), [councils]);
  const hasKind = (councils ?? []).some((c) => kindText(c) || parentIdOf(c));
  const { sorted, sort, toggle } = useSorted(councils ?? [], {
    name: (c) => c.name,
    kind: (c) => kindText(c),
    parent: (c) => byId.get(parentIdOf(c) ?? '')?.name ?? parentIdOf(c),
    founded: (c) => edtfBounds(c.foundedOn).earliest,
    dissolved: (c) => edtfBounds(c.dissolvedOn).earliest,
    seats: (c) => c.seats,
  });
  return (
    <main id="main" data-loaded={councils || error ? 'true' : 'false'}>
      <h1>Councils</h1>
      <p class="muted">Every council in the record. Open one to see it on any date, as the record stood at any time.</p>
      {error ? <p role="alert">Could not load the councils: {error}</p> : null}
      {!councils && !error ? <p class="loading" role="status">Loading…</p> : null}
      {councils && councils.length === 0 ? <p>The record holds no council yet.</p> : null}
      {councils?.length ? (
        <TableBox label="Councils">
          <table data-testid="councils-table">
            <caption class="visually-hidden">Councils in the record</caption>
            <thead>
              <tr>
                <SortHeader col="name" sort={sort} toggle={toggle}>Council</SortHeader>
                {hasKind ? <SortHeader col="kind" sort={sort} toggle={toggle}>Type and level</SortHeader> : null}
                {hasKind ? <SortHeader col="parent" sort={sort} toggle={toggle}>Part of</SortHeader> : null}
                <SortHeader col="founded" sort={sort} toggle={toggle}>Founded</SortHeader>
                <SortHeader col="dissolved" sort={sort} toggle={toggle}>Dissolved</SortHeader>
                <SortHeader col="seats" sort={sort} toggle={toggle}>Seats</SortHeader>
                <th scope="col">Timeline</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((c) => {
                const parentId = parentIdOf(c);
                return (
                  <tr key={c.councilId} data-testid="council-row">
                    <th scope="row">
                      <Link href={`/councils/${encodeURIComponent(c.councilId)}`} testid="council-link">
                        {c.name}
                      </Link>
                    </th>
                    {hasKind ? <td data-col="kind">{kindText(c) || <span class="muted">not recorded</span>}</td> : null}
                    {hasKind ? (
                      <td data-col="parent">
                        {parentId ? <Link href={`/councils/${encodeURIComponent(parentId)}`}>{byId.get(parentId)?.name ?? parentId}</Link> : ''}
                      </td>
                    ) : null}
                    <td><When value={c.foundedOn} /></td>
                    <td><When value={c.dissolvedOn} empty="" /></td>
                    <td>{c.seats ?? <span class="muted">unknown</span>}</td>
                    <td>
                      <Link href={`/councils/${encodeURIComponent(c.councilId)}/timeline`}>
                        timeline<span class="visually-hidden"> of {c.name}</span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableBox>
      ) : null}
      <h2>Votings</h2>
      <p class="muted">A council's votings are listed on its page. To open one by its id:</p>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (votingId.trim()) navigate(`/votings/${encodeURIComponent(votingId.trim())}`, true);
        }}
      >
        <label for="voting-id">Voting id</label>
        <input id="voting-id" value={votingId} onInput={(e) => setVotingId((e.target as HTMLInputElement).value)} />
        <button type="submit">Open</button>
      </form>
    </main>
  );
}
