/** A voting run on the platform: status, turnout, results per ballot, and a receipt lookup in the bulletin. */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getAll, getJson } from './api';
import { Link, type Route } from './router';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** An instant as a reader expects it: date and time to the minute, in UTC (the service's clock). */
function when(v: unknown): string | undefined {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) return undefined;
  return `${new Date(v).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "1 seat", "2 seats"; undefined when the figure is missing. */
function count(v: unknown, noun: string): string | undefined {
  const n = num(v);
  return n === undefined ? undefined : `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function Turnout(props: { voting: Json }) {
  const t = (props.voting.turnout ?? props.voting) as Json;
  const verified = num(t.verified);
  const cast = num(t.ballotsCast ?? t.ballots ?? t.cast);
  const rows: Array<[string, string, number | undefined]> = [
    ['registered', 'registered', num(t.registered)],
    ['verified', 'verified', verified],
    ['ballots-cast', 'ballots cast', cast],
  ];
  return (
    <>
      <dl class="turnout">
        {rows.filter(([, , v]) => v !== undefined).map(([id, k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd data-testid={`turnout-${id}`}>{v}</dd>
          </div>
        ))}
      </dl>
      {verified && cast !== undefined ? (
        <p class="muted" data-testid="turnout-share">
          {Math.round((1000 * cast) / verified) / 10}% of the verified voters cast a ballot.
        </p>
      ) : null}
    </>
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
        const names = new Map(candidates.map((c) => [str(c.candidateId), str(c.name) ?? str(c.candidateId)]));
        const tie = b.tie as { marks?: number; seats?: number; candidates?: string[] } | undefined;
        const key = str(b.key) ?? String(i);
        return (
          <section key={i} aria-labelledby={`ballot-${i}`} data-testid={`ballot-${key}`}>
            <h3 id={`ballot-${i}`}>
              {str(b.title) ?? str(b.key) ?? `Ballot ${i + 1}`}{' '}
              <span class="muted">
                ({[count(b.seats, 'seat'), num(b.maxMarks) !== undefined ? `at most ${count(b.maxMarks, 'mark')}` : undefined, num(b.ballotsMarking) !== undefined ? `${count(b.ballotsMarking, 'ballot')} marked this list` : undefined].filter(Boolean).join(', ')})
              </span>
            </h3>
            {tie ? (
              <p class="notice" data-testid="tie">
                A tie at the last seat: {(tie.candidates ?? []).map((c) => names.get(c) ?? c).join(', ')} have {tie.marks} marks each for {tie.seats}{' '}
                {tie.seats === 1 ? 'seat' : 'seats'}, which stay vacant until the election committee decides.
              </p>
            ) : null}
            <table class="results">
              <caption class="visually-hidden">Marks per candidate on {str(b.title) ?? str(b.key)}</caption>
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Candidate</th>
                  <th scope="col">Marks</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {candidates.map((c, j) => {
                  const marks = num(c.marks ?? c.votes) ?? 0;
                  return (
                    <tr key={j} data-candidate={str(c.candidateId)}>
                      <td>{num(c.rank) ?? ''}</td>
                      <th scope="row">{str(c.name) ?? str(c.candidateId)}</th>
                      <td data-col="marks" class="marks">
                        <span class="bar" style={{ width: `${Math.round((160 * marks) / max)}px` }} aria-hidden="true" /> {marks}
                      </td>
                      <td data-col="result">{c.elected ? <strong>elected</strong> : c.tied ? 'tied for the last seat' : ''}</td>
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

/** While a voting is open (or scheduled), the lists and their candidates: what a voter will choose from. */
function Candidates(props: { voting: Json }) {
  return (
    <section aria-labelledby="candidates-h" data-testid="candidates">
      <h2 id="candidates-h">Candidates</h2>
      {arr(props.voting.ballots).map((b, i) => (
        <div key={i}>
          <h3>
            {str(b.title) ?? str(b.key)}{' '}
            <span class="muted">({[count(b.seats, 'seat'), num(b.maxMarks) !== undefined ? `at most ${count(b.maxMarks, 'mark')}` : undefined].filter(Boolean).join(', ')})</span>
          </h3>
          <ul class="candidates">
            {arr(b.candidates).map((c, j) => (
              <li key={j} data-candidate={str(c.candidateId)}>
                {str(c.name) ?? str(c.candidateId)}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** A ballot's marks as the voter would read them: per list, the candidates' names. */
function BallotMarks(props: { marks: Json; voting: Json }) {
  const lists = arr(props.voting.ballots);
  return (
    <ul data-testid="receipt-marks">
      {Object.entries(props.marks).map(([key, ids]) => {
        const list = lists.find((l) => l.key === key);
        const name = (id: string) => str(arr(list?.candidates).find((c) => c.candidateId === id)?.name) ?? id;
        const marked = Array.isArray(ids) ? (ids as string[]) : [];
        return (
          <li key={key}>
            {str(list?.title) ?? key}: {marked.length ? marked.map(name).join(', ') : <span class="muted">no marks</span>}
          </li>
        );
      })}
    </ul>
  );
}

export function VotingPage(props: { route: Extract<Route, { page: 'voting' }> }) {
  const id = encodeURIComponent(props.route.votingId);
  const [voting, setVoting] = useState<Json | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [receipt, setReceipt] = useState('');
  const [searching, setSearching] = useState(false);
  const [found, setFound] = useState<{ entry?: Json; index?: number; message?: string } | undefined>();
  useEffect(() => {
    document.title = `Voting ${props.route.votingId} — council-record`;
    getJson<Json>(`/votings/${id}`)
      .then((v) => {
        setVoting(v);
        if (str(v.title)) document.title = `${v.title as string} — council-record`;
      })
      .catch((e: Error) => setError(e instanceof ApiError && e.status === 404 ? `There is no voting "${props.route.votingId}" (or this service does not run votings).` : e.message));
  }, [id]);
  const lookup = async (e: Event) => {
    e.preventDefault();
    setFound(undefined);
    const wanted = receipt.trim();
    if (!wanted) return setFound({ message: 'Enter the receipt you were given when you cast your ballot.' });
    if (voting?.status !== 'closed') return setFound({ message: 'The bulletin is published when the voting closes.' });
    // The whole bulletin is fetched and searched here, in the browser: the service is never told which
    // receipt is being looked for (asking it with ?receipt= would tell it, and its logs, who looks for which).
    setSearching(true);
    try {
      const list = await getAll<Json>(`/votings/${id}/bulletin`, { pick: (body) => arr((body as Json).ballots) });
      const index = list.findIndex((b) => b.receipt === wanted);
      setFound(index >= 0 ? { entry: list[index], index } : { message: `No ballot with the receipt ${wanted} is in the bulletin (${list.length} ballots).` });
    } catch (err) {
      setFound({ message: (err as Error).message });
    } finally {
      setSearching(false);
    }
  };
  const council = voting?.council as Json | undefined;
  return (
    <main id="main" data-loaded={voting || error ? 'true' : 'false'}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <Link href="/">Councils</Link>
        {str(voting?.councilId) ? <> / <Link href={`/councils/${encodeURIComponent(voting!.councilId as string)}`}>{voting!.councilId as string}</Link></> : null} / <span>Voting</span>
      </nav>
      <h1>{str(voting?.title) ?? `Voting ${props.route.votingId}`}</h1>
      {error ? <p role="alert">{error}</p> : null}
      {voting ? (
        <>
          <p>
            Status <strong data-testid="voting-status">{str(voting.status) ?? 'unknown'}</strong>
            {when(voting.opensAt) ? <> · opens {when(voting.opensAt)}</> : null}
            {when(voting.closedAt) ? <> · closed {when(voting.closedAt)}{voting.closedBy === 'schedule' ? ' (at its closing time)' : ''}</> : when(voting.closesAt) ? <> · closes {when(voting.closesAt)}</> : null}
            {voting.verification === 'committee' ? <> · voters verified by the election committee</> : null}
          </p>
          {council && str(voting.councilId) ? (
            <p data-testid="council-recorded">
              The result is recorded in the council's history: {arr(council.members).length} members elected
              {str(council.electionId) ? <> (election {council.electionId as string})</> : null}.{' '}
              <Link href={`/councils/${encodeURIComponent(voting.councilId as string)}`}>See the council</Link>
            </p>
          ) : null}
          <h2>Turnout</h2>
          <Turnout voting={voting} />
          {voting.status !== 'closed' && arr(voting.ballots).length ? <Candidates voting={voting} /> : null}
          <h2>Results</h2>
          <Results voting={voting} />
          <h2>Find your ballot</h2>
          <p class="hint" id="receipt-hint">
            The receipt you were given when you cast your ballot (it starts with r-). The bulletin is searched in your browser: the
            service is not told which receipt you look for.
          </p>
          <form class="inline-form" onSubmit={lookup}>
            <label for="receipt">Receipt</label>
            <input id="receipt" size={30} aria-describedby="receipt-hint" autocomplete="off" spellcheck={false} value={receipt} onInput={(e) => setReceipt((e.target as HTMLInputElement).value)} />
            <button type="submit" disabled={searching}>
              {searching ? 'Searching…' : 'Look up'}
            </button>
          </form>
          <div role="status" data-testid="receipt-result">
            {found?.message ? <p>{found.message}</p> : null}
            {found?.entry ? (
              <>
                <p>
                  Your ballot is in the bulletin (number {found.index! + 1}
                  {num(found.entry.batch) !== undefined ? `, batch ${(found.entry.batch as number) + 1}` : ''}), counted with these marks:
                </p>
                <BallotMarks marks={(found.entry.marks ?? {}) as Json} voting={voting} />
              </>
            ) : null}
          </div>
        </>
      ) : null}
    </main>
  );
}
