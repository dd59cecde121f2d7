/**
 * Secretary mode (`/councils/:id/record`, reached by the "Record" button at the top of the council
 * page). A token is checked when it is entered (GET /api/tokens/me): the page says what it grants, and
 * a token that is unknown, revoked, read-only or for another council is refused there, not on the
 * first write. It is kept for this tab only (sessionStorage). Then the forms of secretary-forms.tsx.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getAll, getJson, query, type Council, type CouncilState, type Meeting, type Motion, type Problem } from './api';
import { today } from './dates';
import { edtfText } from './plain';
import { Link, type Route } from './router';
import { DepartureForm, MeetingForm, MotionForm, RollCallForm, type FormProps } from './secretary-forms';
import './secretary.css';

const TOKEN_KEY = 'council-record-token';

export interface TokenGrant {
  tokenId: string;
  role: 'admin' | 'secretary' | 'historian' | 'analyst';
  councilId?: string;
  label?: string;
  mayWrite: boolean;
  mayCorrect: boolean;
}

const ROLE_WORDS: Record<TokenGrant['role'], string> = {
  admin: 'an administrator',
  secretary: 'a secretary',
  historian: 'a historian',
  analyst: 'an analyst',
};

/** Asks the service what a token grants; a refusal is a sentence for the token field. */
async function checkToken(token: string, councilId: string): Promise<{ grant: TokenGrant } | { refused: string }> {
  const response = await fetch('/api/tokens/me', { headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
  if (response.status === 401) return { refused: 'This token is unknown or has been revoked. Check that it was pasted whole.' };
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Partial<Problem>;
    return { refused: `The token could not be checked: ${problem.detail ?? response.statusText}` };
  }
  const grant = (await response.json()) as TokenGrant;
  if (!grant.mayWrite) return { refused: `This is ${ROLE_WORDS[grant.role]}’s token: it can read, not record.` };
  if (grant.councilId && grant.councilId !== councilId) return { refused: `This token records for the council “${grant.councilId}” only, not for this one.` };
  return { grant };
}

function TokenEntry(props: { councilId: string; councilName: string; onGrant: (token: string, grant: TokenGrant) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const t = token.trim();
    if (!t) return setError('Paste the token you were given.');
    setChecking(true);
    setError(undefined);
    try {
      const answer = await checkToken(t, props.councilId);
      if ('refused' in answer) setError(answer.refused);
      else props.onGrant(t, answer.grant);
    } catch (err) {
      setError(`The service could not be reached (${(err as Error).message}).`);
    } finally {
      setChecking(false);
    }
  };
  return (
    <form class="token-entry" onSubmit={onSubmit} aria-label="Enter a token" noValidate>
      <div class={`field${error ? ' has-error' : ''}`}>
        <label for="token-field">Your token for {props.councilName}</label>
        <input
          id="token-field"
          data-testid="token"
          type="password"
          autocomplete="off"
          size={44}
          value={token}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'token-error' : 'token-hint'}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
        />
        <span id="token-hint" class="hint">
          A secretary, historian or administrator token. It is kept in this tab only.
        </span>
        {error ? (
          <span id="token-error" class="field-error" role="alert" data-testid="token-error">
            {error}
          </span>
        ) : null}
      </div>
      <button type="submit" disabled={checking}>
        {checking ? 'Checking…' : 'Use this token'}
      </button>
    </form>
  );
}

const FORMS = [
  { key: 'meeting', label: 'Meeting', Form: MeetingForm },
  { key: 'departure', label: 'Departure', Form: DepartureForm },
  { key: 'motion', label: 'Motion', Form: MotionForm },
  { key: 'roll-call', label: 'Roll call', Form: RollCallForm },
] as const;

interface Loaded {
  council: Council;
  /** Today while the council is active; else the page's date, if any. */
  defaultDay: string;
  active: boolean;
}

export function RecordPage(props: { route: Extract<Route, { page: 'record' }> }) {
  const { councilId } = props.route;
  const id = encodeURIComponent(councilId);
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [token, setToken] = useState<string | undefined>();
  const [grant, setGrant] = useState<TokenGrant | undefined>();
  const [tab, setTab] = useState<(typeof FORMS)[number]['key']>('meeting');
  const [lists, setLists] = useState<{ meetings: Meeting[]; motions: Motion[] }>({ meetings: [], motions: [] });
  const [done, setDone] = useState<{ text: string; generation: number } | undefined>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const day = today();
    Promise.all([getJson<Council>(`/councils/${id}`), getJson<CouncilState>(`/councils/${id}/state${query({ at: day })}`)])
      .then(([council, state]) => {
        const active = state.status === 'active';
        setLoaded({ council, active, defaultDay: active ? day : (props.route.at ?? '') });
      })
      .catch((e) => setLoadError(e instanceof ApiError && e.status === 404 ? `There is no council “${councilId}”.` : (e as Error).message));
    const stored = sessionStorage.getItem(TOKEN_KEY);
    if (stored) {
      checkToken(stored, councilId)
        .then((answer) => {
          if ('grant' in answer) {
            setToken(stored);
            setGrant(answer.grant);
          } else sessionStorage.removeItem(TOKEN_KEY);
        })
        .catch(() => undefined);
    }
  }, [councilId]);

  const refreshLists = (minPosition?: string) => {
    const q = query({ minPosition });
    Promise.all([getAll<Meeting>(`/councils/${id}/meetings${q}`), getAll<Motion>(`/councils/${id}/motions${q}`)])
      .then(([meetings, motions]) => setLists({ meetings, motions }))
      .catch(() => undefined);
  };
  useEffect(() => refreshLists(), [councilId]);

  if (loadError) {
    return (
      <main id="main">
        <h1>Record</h1>
        <p role="alert">{loadError}</p>
        <p>
          <Link href="/">All councils</Link>
        </p>
      </main>
    );
  }
  const name = loaded?.council.name ?? councilId;
  const back = `/councils/${id}${query({ at: props.route.at })}`;
  const formProps: FormProps = {
    councilId,
    defaultDay: loaded?.defaultDay ?? '',
    token: token ?? '',
    meetings: lists.meetings,
    motions: lists.motions,
    afterSuccess: generation > 0 && done?.generation === generation,
    onRecorded: (text, position) => {
      setDone({ text, generation: generation + 1 });
      setGeneration(generation + 1); // a fresh, empty form: the same facts are not sent twice
      refreshLists(position);
      dispatchEvent(new Event('council-record:recorded'));
    },
  };
  const Active = FORMS.find((f) => f.key === tab)!.Form;
  return (
    <main id="main" class="record-page" data-ready={loaded ? 'true' : 'false'}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <Link href="/">Councils</Link> / <Link href={back}>{name}</Link> / <span>Record</span>
      </nav>
      <h1>{loaded ? `Record facts: ${name}` : 'Record facts'}</h1>
      {loaded && !loaded.active ? (
        <p class="muted">The council is not active today, so the forms start without a date{loaded.defaultDay ? ` (or on ${edtfText(loaded.defaultDay)}, the date you came from)` : ''}.</p>
      ) : null}
      {!grant || !token ? (
        <TokenEntry
          councilId={councilId}
          councilName={name}
          onGrant={(t, g) => {
            sessionStorage.setItem(TOKEN_KEY, t);
            setToken(t);
            setGrant(g);
          }}
        />
      ) : (
        <>
          <p class="grant" data-testid="grant">
            Recording as {ROLE_WORDS[grant.role]}
            {grant.label ? ` (${grant.label})` : ''} for {grant.councilId ? name : 'every council'}
            {grant.mayCorrect ? '; this token may also file corrections' : ''}.{' '}
            <button
              type="button"
              class="link-button"
              onClick={() => {
                sessionStorage.removeItem(TOKEN_KEY);
                setToken(undefined);
                setGrant(undefined);
              }}
            >
              Use another token
            </button>
          </p>
          <div role="tablist" aria-label="What to record" class="tabs">
            {FORMS.map((f) => (
              <button key={f.key} type="button" role="tab" id={`tab-${f.key}`} aria-selected={tab === f.key ? 'true' : 'false'} aria-controls={`panel-${f.key}`} onClick={() => { setTab(f.key); setDone(undefined); }}>
                {f.label}
              </button>
            ))}
          </div>
          <p role="status" class="done" data-testid="done">
            {done ? (
              <>
                {done.text} <Link href={back}>See the council</Link>
              </>
            ) : null}
          </p>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {loaded ? <Active key={`${tab}-${generation}`} {...formProps} /> : <p class="loading">Loading…</p>}
          </div>
        </>
      )}
    </main>
  );
}

/** The entry at the top of the council page. */
export function RecordButton(props: { councilId: string; at?: string }) {
  return (
    <Link href={`/councils/${encodeURIComponent(props.councilId)}/record${query({ at: props.at })}`} class="record-button" testid="record-button">
      Record
    </Link>
  );
}
