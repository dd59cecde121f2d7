import { useEffect, useState } from 'preact/hooks';
import { getAll, type Council } from './api';
import { Link } from './router';

export function CouncilsPage() {
  const [councils, setCouncils] = useState<Council[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [votingId, setVotingId] = useState('');
  useEffect(() => {
    document.title = 'Councils — council-record';
    getAll<Council>('/councils').then(setCouncils).catch((e: Error) => setError(e.message));
  }, []);
  return (
    <main id="main">
      <h1>Councils</h1>
      <p class="muted">Every council in the record. Open one to see it on any date, as the record stood at any time.</p>
      {error ? <p role="alert">Could not load the councils: {error}</p> : null}
      {!councils && !error ? <p>Loading…</p> : null}
      {councils && councils.length === 0 ? <p>The record holds no council yet.</p> : null}
      {councils?.length ? (
        <table>
          <caption class="visually-hidden">Councils in the record</caption>
          <thead>
            <tr>
              <th scope="col">Council</th>
              <th scope="col">Founded</th>
              <th scope="col">Dissolved</th>
              <th scope="col">Seats</th>
              <th scope="col">Timeline</th>
            </tr>
          </thead>
          <tbody>
            {councils.map((c) => (
              <tr key={c.councilId}>
                <th scope="row">
                  <Link href={`/councils/${encodeURIComponent(c.councilId)}`} testid="council-link">
                    {c.name}
                  </Link>
                </th>
                <td>{c.foundedOn ?? 'unknown'}</td>
                <td>{c.dissolvedOn ?? ''}</td>
                <td>{c.seats}</td>
                <td>
                  <Link href={`/councils/${encodeURIComponent(c.councilId)}/timeline`}>
                    timeline<span class="visually-hidden"> of {c.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2>Votings</h2>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (votingId.trim()) location.assign(`/votings/${encodeURIComponent(votingId.trim())}`);
        }}
      >
        <label for="voting-id">Open a voting by its id</label>
        <input id="voting-id" value={votingId} onInput={(e) => setVotingId((e.target as HTMLInputElement).value)} />
        <button type="submit">Open</button>
      </form>
    </main>
  );
}
