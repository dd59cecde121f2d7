/** A voting run on the platform: status, turnout, results per ballot, and a receipt lookup in the bulletin. */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, getOptional } from './api';
import { Link, type Route } from './router';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

function Turnout(props: { voting: Json }) {
  const t = (props.voting.turnout ?? props.voting) as Json;
  const rows: Array<[string, number | undefined]> = [
    ['registered', num(t.registered)],
    ['verified', num(t.verified)],
    ['ballots cast', num(t.ballotsCast ?? t.ballots ?? t.cast)],
  ];
  return (
    <dl class="turnout">
      {rows.filter(([, v]) => v !== undefined).map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Results(props: { voting: Json }) {
  const results = props.voting.results ?? props.voting.tally;
  const ballots = Array.isArray(results) ? (results as Json[]) : arr((results as Json | undefined)?.ballots);
  if (!ballots.length) return <p class="muted">No results yet{str(props.voting.status) ? ` (the voting is ${props.voting.status})` : ''}.</p>;
  return (
    <>
      {ballots.map((b, i) => {
        const candidates = arr(b.candidates ?? b.results);
        const max = Math.max(1, ...candidates.map((c) => num(c.marks ?? c.votes) ?? 0));
        return (
          <section key={i} aria-labelledby={`ballot-${i}`}>
            <h3 id={`ballot-${i}`}>
              {str(b.title) ?? str(b.key) ?? `Ballot ${i + 1}`} {num(b.seats) !== undefined ? <span class="muted">({b.seats as number} seats)</span> : null}
            </h3>
            {b.tie ? <p class="notice">A tie at the last seat: <code>{JSON.stringify(b.tie)}</code></p> : null}
            <table>
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">Marks</th>
                  <th scope="col">Elected</th>
                </tr>
              </thead>
              <tbody>
                {candidates.map((c, j) => {
                  const marks = num(c.marks ?? c.votes) ?? 0;
                  return (
                    <tr key={j}>
                      <th scope="row">{str(c.name) ?? str(c.candidateId)}</th>
                      <td>
                        <span class="bar" style={{ width: `${(100 * marks) / max}%` }} aria-hidden="true" /> {marks}
                      </td>
                      <td>{c.elected ? 'elected' : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}

export function VotingPage(props: { route: Extract<Route, { page: 'voting' }> }) {
  const id = encodeURIComponent(props.route.votingId);
  const [voting, setVoting] = useState<Json | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [receipt, setReceipt] = useState('');
  const [found, setFound] = useState<{ entry?: Json; index?: number; message?: string } | undefined>();
  useEffect(() => {
    document.title = `Voting ${props.route.votingId} — council-record`;
    getJson<Json>(`/votings/${id}`)
      .then(setVoting)
      .catch((e: Error) => setError(e instanceof ApiError && e.status === 404 ? `There is no voting "${props.route.votingId}" (or this service does not run votings).` : e.message));
  }, [id]);
  const lookup = async (e: Event) => {
    e.preventDefault();
    setFound(undefined);
    try {
      const bulletin = await getOptional<unknown>(`/votings/${id}/bulletin`);
      const list = Array.isArray(bulletin) ? (bulletin as Json[]) : arr((bulletin as Json | undefined)?.ballots);
      if (!bulletin) return setFound({ message: 'The bulletin is published when the voting closes.' });
      const index = list.findIndex((b) => b.receipt === receipt.trim());
      setFound(index >= 0 ? { entry: list[index], index } : { message: 'No ballot with this receipt is in the bulletin.' });
    } catch (err) {
      setFound({ message: (err as Error).message });
    }
  };
  return (
    <main id="main">
      <nav class="crumbs" aria-label="Breadcrumb">
        <Link href="/">Councils</Link> / <span>Voting</span>
        {str(voting?.councilId) ? <> / <Link href={`/councils/${encodeURIComponent(voting!.councilId as string)}`}>{voting!.councilId as string}</Link></> : null}
      </nav>
      <h1>{str(voting?.title) ?? `Voting ${props.route.votingId}`}</h1>
      {error ? <p role="alert">{error}</p> : null}
      {voting ? (
        <>
          <p>
            Status <strong data-testid="voting-status">{str(voting.status) ?? 'unknown'}</strong>
            {str(voting.opensAt) ? <> · opens {voting.opensAt as string}</> : null}
            {str(voting.closesAt) ? <> · closes {voting.closesAt as string}</> : null}
          </p>
          <h2>Turnout</h2>
          <Turnout voting={voting} />
          <h2>Results</h2>
          <Results voting={voting} />
          <h2>Find your ballot</h2>
          <form class="inline-form" onSubmit={lookup}>
            <label for="receipt">Receipt</label>
            <input id="receipt" value={receipt} onInput={(e) => setReceipt((e.target as HTMLInputElement).value)} />
            <button type="submit">Look up</button>
          </form>
          <div role="status">
            {found?.message ? <p>{found.message}</p> : null}
            {found?.entry ? (
              <p>
                Your ballot is number {found.index! + 1} in the bulletin, with marks <code>{JSON.stringify(found.entry.marks ?? found.entry)}</code>.
              </p>
            ) : null}
          </div>
        </>
      ) : null}
    </main>
  );
}
