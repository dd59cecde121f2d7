/**
 * Secretary mode: a token pasted once (kept for this tab only), then forms that record facts through the
 * API. Each form instance carries one Idempotency-Key until it succeeds, so a double click or a retry
 * after a lost answer records once. Problems are shown next to the field they name.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getAll, newIdempotencyKey, post, query, type CouncilState, type Meeting, type Motion, type Problem, type StateMember, type WriteReply } from './api';
import { isDay } from './dates';

const TOKEN_KEY = 'council-record-token';

interface FormStatus {
  pending: boolean;
  fieldErrors: Record<string, string>;
  formError?: string;
  done?: string;
}

/** Field name a problem's `errors[].field` refers to (`present.3` → `present`, `source.title` kept). */
function fieldOf(path: string): string {
  return path.replace(/\.\d+.*$/, '').replace(/\[\d+\].*$/, '');
}

function describeProblem(p: Problem): string {
  const parts = [p.detail || p.title || `HTTP ${p.status}`];
  if (p.rule) parts.unshift(`Rule ${p.rule}:`);
  for (const v of p.violations ?? []) if (v.message && !parts.includes(v.message)) parts.push(v.message);
  return parts.join(' ');
}

function useWrite(token: string, onRecorded: (position: string) => void) {
  const key = useRef(newIdempotencyKey());
  const [status, setStatus] = useState<FormStatus>({ pending: false, fieldErrors: {} });
  const busy = useRef(false);
  const submit = async (path: string, body: unknown, describe: (r: WriteReply) => string, fieldNames: string[]) => {
    if (busy.current) return; // a second click while the first is in flight sends nothing
    if (!token) {
      setStatus({ pending: false, fieldErrors: {}, formError: 'Paste a token first (Secretary mode, above).' });
      return;
    }
    busy.current = true;
    setStatus({ pending: true, fieldErrors: {} });
    try {
      const reply = await post(path, body, token, key.current);
      key.current = newIdempotencyKey();
      setStatus({ pending: false, fieldErrors: {}, done: describe(reply) });
      if (reply.position) onRecorded(reply.position);
    } catch (error) {
      if (error instanceof ApiError) {
        const fieldErrors: Record<string, string> = {};
        const loose: string[] = [];
        for (const e of error.problem.errors ?? []) {
          const f = fieldOf(e.field);
          if (fieldNames.includes(f)) fieldErrors[f] = fieldErrors[f] ? `${fieldErrors[f]}; ${e.message}` : e.message;
          else loose.push(`${e.field}: ${e.message}`);
        }
        const field = typeof error.problem.field === 'string' ? fieldOf(error.problem.field) : undefined;
        if (field && fieldNames.includes(field) && !fieldErrors[field]) fieldErrors[field] = describeProblem(error.problem);
        const anyField = Object.keys(fieldErrors).length > 0;
        const formError = loose.length ? loose.join('; ') : anyField ? undefined : describeProblem(error.problem);
        setStatus({ pending: false, fieldErrors, formError: formError ? `${error.status}: ${formError}` : undefined });
      } else {
        setStatus({ pending: false, fieldErrors: {}, formError: `The request failed: ${(error as Error).message}. Submitting again is safe.` });
      }
    } finally {
      busy.current = false;
    }
  };
  const fail = (field: string, message: string) => setStatus({ pending: false, fieldErrors: { [field]: message } });
  return { status, submit, fail };
}

let fieldSeq = 0;
function Field(props: { name: string; label: string; status: FormStatus; hint?: string; children: (attrs: Record<string, unknown>) => ComponentChildren }) {
  const id = useRef(`f${++fieldSeq}-${props.name}`).current;
  const error = props.status.fieldErrors[props.name];
  const describedBy = [error ? `${id}-error` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`} data-field={props.name}>
      <label for={id}>{props.label}</label>
      {props.children({ id, name: props.name, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy })}
      {props.hint ? <span id={`${id}-hint`} class="hint">{props.hint}</span> : null}
      {error ? (
        <span id={`${id}-error`} class="field-error" data-testid="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

function FormFooter(props: { status: FormStatus; label: string }) {
  return (
    <div class="form-footer">
      <button type="submit" disabled={props.status.pending} aria-disabled={props.status.pending ? 'true' : undefined}>
        {props.status.pending ? 'Recording…' : props.label}
      </button>
      {props.status.formError ? (
        <p class="form-error" role="alert">
          {props.status.formError}
        </p>
      ) : null}
      <p role="status" class="done">
        {props.status.done ?? ''}
      </p>
    </div>
  );
}

const val = (e: Event) => (e.target as HTMLInputElement).value;
const optionalInt = (s: string) => (s.trim() === '' ? undefined : Number(s));
function clean<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as Partial<T>;
}

function SourceFields(props: { source: { title: string; locator: string; quote: string; url: string }; set: (s: { title: string; locator: string; quote: string; url: string }) => void; status: FormStatus }) {
  return (
    <details class="source-fields">
      <summary>Source (optional)</summary>
      {(['title', 'url', 'locator', 'quote'] as const).map((k) => (
        <Field key={k} name={`source.${k}`} label={`Source ${k}`} status={props.status}>
          {(a) => <input {...a} value={props.source[k]} onInput={(e) => props.set({ ...props.source, [k]: val(e) })} />}
        </Field>
      ))}
    </details>
  );
}
const emptySource = { title: '', locator: '', quote: '', url: '' };
const sourceOf = (s: typeof emptySource) => (s.title || s.quote || s.locator || s.url ? clean(s) : undefined);

/** Members in office on a day (for attendance, chair, departures, roll calls). */
function useMembersOn(councilId: string, day: string, fallback: StateMember[]): StateMember[] {
  const [members, setMembers] = useState<StateMember[]>(fallback);
  useEffect(() => {
    if (!isDay(day)) return setMembers(fallback);
    let live = true;
    getAll<StateMember>(`/councils/${encodeURIComponent(councilId)}/members${query({ at: day })}`, { pick: (b) => (b as { members?: StateMember[] }).members ?? [] })
      .then((list) => live && setMembers(list))
      .catch(() => live && setMembers(fallback));
    return () => {
      live = false;
    };
  }, [councilId, day, fallback.length]);
  return members;
}

interface FormProps {
  councilId: string;
  at: string;
  token: string;
  members: StateMember[];
  meetings: Meeting[];
  motions: Motion[];
  onRecorded: (position: string) => void;
}

function MeetingForm(props: FormProps) {
  const { status, submit } = useWrite(props.token, props.onRecorded);
  const [date, setDate] = useState(props.at);
  const [number, setNumber] = useState('');
  const [kind, setKind] = useState('regular');
  const [chair, setChair] = useState('');
  const [present, setPresent] = useState<Set<string>>(new Set());
  const [presentCount, setPresentCount] = useState('');
  const [remoteCount, setRemoteCount] = useState('');
  const [reported, setReported] = useState('');
  const [source, setSource] = useState(emptySource);
  const members = useMembersOn(props.councilId, date, props.members);
  const fields = ['date', 'number', 'kind', 'chair', 'present', 'presentCount', 'remoteCount', 'reportedMembership', 'source.title', 'source.url', 'source.locator', 'source.quote'];
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const body = clean({
      date: date.trim(),
      number: optionalInt(number),
      kind,
      chair: chair || undefined,
      present: present.size ? [...present] : undefined,
      presentCount: present.size ? undefined : optionalInt(presentCount),
      remoteCount: optionalInt(remoteCount),
      reportedMembership: optionalInt(reported),
      source: sourceOf(source),
    });
    void submit(
      `/councils/${encodeURIComponent(props.councilId)}/meetings`,
      body,
      (r) => `Recorded: meeting ${String(r.meetingId ?? '')} — ${String(r.outcome ?? '')}, ${String(r.present ?? '?')} present of ${String(r.membership ?? '?')} (quorum ${String(r.quorum ?? '?')}).`,
      fields,
    );
  };
  return (
    <form onSubmit={onSubmit} aria-label="Record a meeting" data-testid="meeting-form" noValidate>
      <div class="row">
        <Field name="date" label="Date (EDTF)" status={status} hint="e.g. 2013-08-17">
          {(a) => <input {...a} value={date} onInput={(e) => setDate(val(e))} size={12} />}
        </Field>
        <Field name="number" label="Number" status={status}>
          {(a) => <input {...a} value={number} inputMode="numeric" size={4} onInput={(e) => setNumber(val(e))} />}
        </Field>
        <Field name="kind" label="Kind" status={status}>
          {(a) => (
            <select {...a} value={kind} onChange={(e) => setKind(val(e))}>
              <option value="regular">regular</option>
              <option value="extraordinary">extraordinary</option>
            </select>
          )}
        </Field>
        <Field name="chair" label="Chair" status={status}>
          {(a) => (
            <select {...a} value={chair} onChange={(e) => setChair(val(e))}>
              <option value="">(not recorded)</option>
              {members.map((m) => (
                <option key={m.memberId} value={m.memberId}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset class="attendance" data-field="present">
        <legend>
          Attendance: members in office on {isDay(date) ? date : 'that date'} ({present.size} ticked of {members.length})
        </legend>
        <div class="ticks">
          {members.map((m) => (
            <label key={m.memberId}>
              <input
                type="checkbox"
                name="present"
                value={m.memberId}
                checked={present.has(m.memberId)}
                onChange={(e) => {
                  const next = new Set(present);
                  if ((e.target as HTMLInputElement).checked) next.add(m.memberId);
                  else next.delete(m.memberId);
                  setPresent(next);
                }}
              />{' '}
              {m.name}
            </label>
          ))}
        </div>
        <button type="button" class="link-button" onClick={() => setPresent(new Set(members.map((m) => m.memberId)))}>
          tick all
        </button>{' '}
        <button type="button" class="link-button" onClick={() => setPresent(new Set())}>
          clear
        </button>
        {status.fieldErrors.present ? (
          <span class="field-error" role="alert" data-testid="field-error">
            {status.fieldErrors.present}
          </span>
        ) : null}
      </fieldset>
      <div class="row">
        <Field name="presentCount" label="Present (count, when names are unknown)" status={status}>
          {(a) => <input {...a} value={presentCount} inputMode="numeric" size={4} disabled={present.size > 0} onInput={(e) => setPresentCount(val(e))} />}
        </Field>
        <Field name="remoteCount" label="Of whom remote" status={status}>
          {(a) => <input {...a} value={remoteCount} inputMode="numeric" size={4} onInput={(e) => setRemoteCount(val(e))} />}
        </Field>
        <Field name="reportedMembership" label="Reported “out of N”" status={status}>
          {(a) => <input {...a} value={reported} inputMode="numeric" size={4} onInput={(e) => setReported(val(e))} />}
        </Field>
      </div>
      <SourceFields source={source} set={setSource} status={status} />
      <FormFooter status={status} label="Record meeting" />
    </form>
  );
}

function DepartureForm(props: FormProps) {
  const { status, submit, fail } = useWrite(props.token, props.onRecorded);
  const [memberId, setMemberId] = useState('');
  const [leftOn, setLeftOn] = useState(props.at);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [source, setSource] = useState(emptySource);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (!memberId) return fail('memberId', 'Choose the member who left.');
    void submit(
      `/councils/${encodeURIComponent(props.councilId)}/members/${encodeURIComponent(memberId)}/departure`,
      clean({ leftOn: leftOn.trim(), reason: reason || undefined, note: note || undefined, source: sourceOf(source) }),
      () => `Recorded: ${memberId} left on ${leftOn}.`,
      ['leftOn', 'reason', 'note', 'source.title', 'source.url', 'source.locator', 'source.quote'],
    );
  };
  return (
    <form onSubmit={onSubmit} aria-label="Record a departure" noValidate>
      <div class="row">
        <Field name="memberId" label="Member" status={status}>
          {(a) => (
            <select {...a} value={memberId} onChange={(e) => setMemberId(val(e))}>
              <option value="">(choose)</option>
              {props.members.map((m) => (
                <option key={m.memberId} value={m.memberId}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="leftOn" label="Left on (EDTF)" status={status}>
          {(a) => <input {...a} value={leftOn} size={12} onInput={(e) => setLeftOn(val(e))} />}
        </Field>
        <Field name="reason" label="Reason" status={status}>
          {(a) => (
            <select {...a} value={reason} onChange={(e) => setReason(val(e))}>
              <option value="">(not stated)</option>
              {['resigned', 'expelled', 'died', 'imprisoned', 'other'].map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field name="note" label="Note" status={status}>
        {(a) => <input {...a} value={note} size={60} onInput={(e) => setNote(val(e))} />}
      </Field>
      <SourceFields source={source} set={setSource} status={status} />
      <FormFooter status={status} label="Record departure" />
    </form>
  );
}

function MotionForm(props: FormProps) {
  const { status, submit } = useWrite(props.token, props.onRecorded);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState('resolution');
  const [meetingId, setMeetingId] = useState('');
  const [openedOn, setOpenedOn] = useState(props.at);
  const [online, setOnline] = useState(false);
  const [options, setOptions] = useState('');
  const [source, setSource] = useState(emptySource);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const opts = options.split(',').map((s) => s.trim()).filter(Boolean);
    void submit(
      `/councils/${encodeURIComponent(props.councilId)}/motions`,
      clean({ title: title.trim(), kind, meetingId: online ? undefined : meetingId || undefined, openedOn: openedOn.trim(), online: online || undefined, options: opts.length ? opts : undefined, source: sourceOf(source) }),
      (r) => `Recorded: motion ${String(r.motionId ?? '')}.`,
      ['title', 'kind', 'meetingId', 'openedOn', 'online', 'options', 'source.title', 'source.url', 'source.locator', 'source.quote'],
    );
  };
  return (
    <form onSubmit={onSubmit} aria-label="Record a motion" noValidate>
      <Field name="title" label="Title" status={status}>
        {(a) => <input {...a} value={title} size={60} onInput={(e) => setTitle(val(e))} />}
      </Field>
      <div class="row">
        <Field name="kind" label="Kind" status={status}>
          {(a) => (
            <select {...a} value={kind} onChange={(e) => setKind(val(e))}>
              {['statement', 'resolution', 'appointment', 'procedural'].map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          )}
        </Field>
        <Field name="openedOn" label="Opened on (EDTF)" status={status}>
          {(a) => <input {...a} value={openedOn} size={12} onInput={(e) => setOpenedOn(val(e))} />}
        </Field>
        <Field name="meetingId" label="At meeting" status={status}>
          {(a) => (
            <select {...a} value={meetingId} disabled={online} onChange={(e) => setMeetingId(val(e))}>
              <option value="">(none)</option>
              {props.meetings.map((m) => (
                <option key={m.meetingId} value={m.meetingId}>
                  {m.number ? `No. ${m.number}, ` : ''}
                  {m.date}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="online" label="Online vote" status={status}>
          {(a) => <input {...a} type="checkbox" checked={online} onChange={(e) => setOnline((e.target as HTMLInputElement).checked)} />}
        </Field>
      </div>
      <Field name="options" label="Options (comma-separated; empty for yes/no)" status={status}>
        {(a) => <input {...a} value={options} size={60} onInput={(e) => setOptions(val(e))} />}
      </Field>
      <SourceFields source={source} set={setSource} status={status} />
      <FormFooter status={status} label="Record motion" />
    </form>
  );
}

function RollCallForm(props: FormProps) {
  const { status, submit, fail } = useWrite(props.token, props.onRecorded);
  const [motionId, setMotionId] = useState('');
  const [decidedOn, setDecidedOn] = useState(props.at);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const motion = props.motions.find((m) => m.motionId === motionId);
  const options = motion?.options?.length ? motion.options : ['yes', 'no', 'abstain'];
  const members = useMembersOn(props.councilId, isDay(decidedOn) ? decidedOn : props.at, props.members);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (!motionId) return fail('motionId', 'Choose the motion voted on.');
    const votes = Object.entries(choices)
      .filter(([, c]) => c)
      .map(([memberId, choice]) => ({ memberId, choice }));
    void submit(
      `/councils/${encodeURIComponent(props.councilId)}/motions/${encodeURIComponent(motionId || '-')}/roll-call`,
      clean({ votes, decidedOn: decidedOn.trim() || undefined }),
      (r) => `Recorded: ${votes.length} votes${r.outcome ? `; the motion was ${String(r.outcome)}` : ''}.`,
      ['votes', 'decidedOn'],
    );
  };
  return (
    <form onSubmit={onSubmit} aria-label="Record a roll call" noValidate>
      <div class="row">
        <Field name="motionId" label="Motion" status={status}>
          {(a) => (
            <select {...a} value={motionId} onChange={(e) => setMotionId(val(e))}>
              <option value="">(choose)</option>
              {props.motions.map((m) => (
                <option key={m.motionId} value={m.motionId}>
                  {m.openedOn} {m.title.slice(0, 60)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="decidedOn" label="Decided on (EDTF; empty to keep open)" status={status}>
          {(a) => <input {...a} value={decidedOn} size={12} onInput={(e) => setDecidedOn(val(e))} />}
        </Field>
      </div>
      <fieldset data-field="votes">
        <legend>Votes of the members in office</legend>
        <div class="ticks">
          {members.map((m) => (
            <label key={m.memberId}>
              {m.name}{' '}
              <select value={choices[m.memberId] ?? ''} onChange={(e) => setChoices({ ...choices, [m.memberId]: val(e) })}>
                <option value="">—</option>
                {options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            </label>
          ))}
        </div>
        {status.fieldErrors.votes ? (
          <span class="field-error" role="alert" data-testid="field-error">
            {status.fieldErrors.votes}
          </span>
        ) : null}
      </fieldset>
      <FormFooter status={status} label="Record roll call" />
    </form>
  );
}

const FORMS = [
  { key: 'meeting', label: 'Meeting', Form: MeetingForm },
  { key: 'departure', label: 'Departure', Form: DepartureForm },
  { key: 'motion', label: 'Motion', Form: MotionForm },
  { key: 'roll-call', label: 'Roll call', Form: RollCallForm },
] as const;

export function SecretaryPanel(props: {
  councilId: string;
  at: string;
  state?: CouncilState;
  meetings: Meeting[];
  motions: Motion[];
  onRecorded: (position: string) => void;
}) {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [tab, setTab] = useState<(typeof FORMS)[number]['key']>('meeting');
  useEffect(() => {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  }, [token]);
  const Active = FORMS.find((f) => f.key === tab)!.Form;
  return (
    <section aria-labelledby="secretary-h" class="secretary">
      <h2 id="secretary-h">Secretary mode</h2>
      <div class="field">
        <label for="token-field">Token (kept in this tab only)</label>
        <input id="token-field" data-testid="token" type="password" autocomplete="off" size={40} value={token} onInput={(e) => setToken(val(e))} />
      </div>
      {token ? (
        <>
          <div role="tablist" aria-label="What to record" class="tabs">
            {FORMS.map((f) => (
              <button
                key={f.key}
                type="button"
                role="tab"
                id={`tab-${f.key}`}
                aria-selected={tab === f.key ? 'true' : 'false'}
                aria-controls={`panel-${f.key}`}
                onClick={() => setTab(f.key)}
              >
                {f.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            <Active
              key={tab}
              councilId={props.councilId}
              at={props.at}
              token={token}
              members={props.state?.members ?? []}
              meetings={props.meetings}
              motions={props.motions}
              onRecorded={props.onRecorded}
            />
          </div>
        </>
      ) : (
        <p class="muted">Paste a secretary (or historian, or admin) token to record meetings, departures, motions and roll calls.</p>
      )}
    </section>
  );
}
