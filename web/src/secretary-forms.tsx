/**
 * The secretary's forms: meeting, departure, motion, roll call. Each sends one write with an
 * Idempotency-Key kept until it succeeds (a double click or a retry after a lost answer records once).
 * A refusal is shown in plain words beside the field it is about (secretary-problems.ts). After a success
 * the form is replaced by a fresh, empty one (its parent remounts it), so the same facts are not sent
 * again by a second click.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getAll, newIdempotencyKey, post, query, type Meeting, type Motion, type StateMember, type WriteReply } from './api';
import { isDay } from './dates';
import { edtfText } from './plain';
import { Field, FieldError, SelectField, TextField, val } from './secretary-fields';
import { problemMessages, type FieldMessages, type FormFields } from './secretary-problems';

export interface FormProps {
  councilId: string;
  /** The date a new form starts with: today while the council is active, else the page's date (or empty). */
  defaultDay: string;
  token: string;
  meetings: Meeting[];
  motions: Motion[];
  /** Called with what was recorded, in words, and the write's position. */
  onRecorded: (done: string, position: string | undefined) => void;
  /** The form follows a success: it sends nothing until it is changed (a second click is no new fact). */
  afterSuccess: boolean;
}

function useWrite(props: FormProps, form: FormFields) {
  const key = useRef(newIdempotencyKey());
  const busy = useRef(false);
  const [pending, setPending] = useState(false);
  const [messages, setMessages] = useState<FieldMessages>({ fields: {} });
  const [touched, setTouched] = useState(false);
  const submit = async (path: string, body: unknown, describe: (r: WriteReply) => string) => {
    if (busy.current) return; // a second click while the first is in flight sends nothing
    busy.current = true;
    setPending(true);
    setMessages({ fields: {} });
    try {
      const reply = await post(path, body, props.token, key.current);
      props.onRecorded(describe(reply), reply.position);
    } catch (error) {
      setMessages(error instanceof ApiError ? problemMessages(error.problem, form) : { fields: {}, form: `The request did not reach the service (${(error as Error).message}). Sending it again is safe: it is recorded once.` });
      busy.current = false;
      setPending(false);
    }
  };
  const fail = (field: string, message: string) => setMessages({ fields: { [field]: message } });
  const touch = () => setTouched(true);
  /** The footer's state: busy while sending; idle after a success until the form is changed. */
  const footer = { pending, messages, idle: props.afterSuccess && !touched };
  return { pending, messages, submit, fail, touch, footer };
}

function Footer(props: { pending: boolean; messages: FieldMessages; idle: boolean; label: string }) {
  return (
    <div class="form-footer">
      <button type="submit" disabled={props.pending || props.idle} aria-describedby={props.idle ? 'idle-hint' : undefined}>
        {props.pending ? 'Recording…' : props.label}
      </button>
      {props.idle ? (
        <span id="idle-hint" class="hint">
          Recorded. Fill in the form again to record another.
        </span>
      ) : null}
      {props.messages.form ? (
        <p class="form-error" role="alert" data-testid="form-error">
          {props.messages.form}
        </p>
      ) : null}
    </div>
  );
}

const optionalInt = (s: string) => (s.trim() === '' ? undefined : Number(s));
function clean<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as Partial<T>;
}
const dayHint = 'A day such as 2013-08-17; 2013-08 or 2013-08? when the source is less precise.';

/** Members as the choices of a select: their id, shown by name. */
const memberChoices = (members: StateMember[] | undefined) => (members ?? []).map((m) => ({ value: m.memberId, label: m.name }));

/** Members in office on a day (for attendance, chair, departures, roll calls). */
function useMembersOn(councilId: string, day: string): StateMember[] | undefined {
  const [members, setMembers] = useState<StateMember[] | undefined>(undefined);
  useEffect(() => {
    if (!isDay(day)) return setMembers(undefined);
    let live = true;
    getAll<StateMember>(`/councils/${encodeURIComponent(councilId)}/members${query({ at: day })}`, { pick: (b) => (b as { members?: StateMember[] }).members ?? [] })
      .then((list) => live && setMembers(list))
      .catch(() => live && setMembers(undefined));
    return () => {
      live = false;
    };
  }, [councilId, day]);
  return members;
}

function MemberTicks(props: { members: StateMember[] | undefined; day: string; present: Set<string>; setPresent: (s: Set<string>) => void; error?: string }) {
  const { members, present, setPresent } = props;
  return (
    <fieldset class="attendance" data-field="present">
      <legend>
        {members ? `Present: ${present.size} ticked of the ${members.length} members in office on ${edtfText(props.day)}` : 'Present: give a day to list the members in office'}
      </legend>
      <div class="ticks">
        {(members ?? []).map((m) => (
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
      {members?.length ? (
        <p>
          <button type="button" class="link-button" onClick={() => setPresent(new Set(members.map((m) => m.memberId)))}>
            Tick all
          </button>{' '}
          <button type="button" class="link-button" onClick={() => setPresent(new Set())}>
            Clear
          </button>
        </p>
      ) : null}
      {props.error ? <FieldError text={props.error} /> : null}
    </fieldset>
  );
}

const MEETING_FIELDS = ['date', 'number', 'kind', 'chair', 'present', 'presentCount', 'remoteCount', 'reportedMembership'];

export function MeetingForm(props: FormProps) {
  const [present, setPresent] = useState<Set<string>>(new Set());
  // Attendance errors go beside the names when names were ticked, else beside the count.
  const { messages, submit, fail, touch, footer } = useWrite(props, { names: present.size ? MEETING_FIELDS : MEETING_FIELDS.filter((f) => f !== 'present'), dateField: 'date' });
  const [date, setDate] = useState(props.defaultDay);
  const [number, setNumber] = useState('');
  const [kind, setKind] = useState('');
  const [chair, setChair] = useState('');
  const [presentCount, setPresentCount] = useState('');
  const [remoteCount, setRemoteCount] = useState('');
  const [reported, setReported] = useState('');
  const members = useMembersOn(props.councilId, date.trim());
  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (!date.trim()) return fail('date', 'Give the date of the meeting.');
    void submit(
      `/councils/${encodeURIComponent(props.councilId)}/meetings`,
      clean({
        date: date.trim(),
        number: optionalInt(number),
        kind: kind || undefined, // only when chosen: a second meeting on one day must say which it is
        chair: chair || undefined,
        present: present.size ? [...present] : undefined,
        presentCount: present.size ? undefined : optionalInt(presentCount),
        remoteCount: optionalInt(remoteCount),
        reportedMembership: optionalInt(reported),
      }),
      (r) => `Recorded the meeting of ${edtfText(date.trim())}: ${r.outcome === 'quorum-failed' ? 'no quorum' : 'held'}, ${String(r.present ?? 'unknown number')} present of ${String(r.membership ?? '?')} members (quorum ${String(r.quorum ?? '?')}).`,
    );
  };
  return (
    <form onSubmit={onSubmit} onInput={touch} onChange={touch} aria-label="Record a meeting" data-testid="meeting-form" noValidate>
      <div class="row">
        <TextField name="date" label="Date" messages={messages} hint={dayHint} value={date} onValue={setDate} size={12} />
        <TextField name="number" label="Number (if numbered)" messages={messages} value={number} onValue={setNumber} numeric />
        <SelectField name="kind" label="Kind" messages={messages} value={kind} onValue={setKind} empty="(not stated)" options={['regular', 'extraordinary']} />
        <SelectField name="chair" label="Chair" messages={messages} value={chair} onValue={setChair} empty="(not recorded)" options={memberChoices(members)} />
      </div>
      <MemberTicks members={members} day={date.trim()} present={present} setPresent={setPresent} error={messages.fields.present} />
      <div class="row">
        <TextField name="presentCount" label="Present (a count, when the names are unknown)" messages={messages} value={presentCount} onValue={setPresentCount} numeric disabled={present.size > 0} />
        <TextField name="remoteCount" label="Of whom remote" messages={messages} value={remoteCount} onValue={setRemoteCount} numeric />
        <TextField name="reportedMembership" label="Members the source counts (“out of N”)" messages={messages} value={reported} onValue={setReported} numeric />
      </div>
      <Footer {...footer} label="Record meeting" />
    </form>
  );
}

export function DepartureForm(props: FormProps) {
  const { messages, submit, fail, touch, footer } = useWrite(props, { names: ['memberId', 'leftOn', 'reason', 'note'], dateField: 'leftOn' });
  const [memberId, setMemberId] = useState('');
  const [leftOn, setLeftOn] = useState(props.defaultDay);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const members = useMembersOn(props.councilId, leftOn.trim());
  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (!memberId) return fail('memberId', 'Choose the member who left.');
    if (!leftOn.trim()) return fail('leftOn', 'Give the first day the member was no longer in office.');
    const name = members?.find((m) => m.memberId === memberId)?.name ?? memberId;
    void submit(
      `/councils/${encodeURIComponent(props.councilId)}/members/${encodeURIComponent(memberId)}/departure`,
      clean({ leftOn: leftOn.trim(), reason: reason || undefined, note: note.trim() || undefined }),
      () => `Recorded: ${name} left on ${edtfText(leftOn.trim())}.`,
    );
  };
  return (
    <form onSubmit={onSubmit} onInput={touch} onChange={touch} aria-label="Record a departure" noValidate>
      <div class="row">
        <TextField name="leftOn" label="Left on (first day out of office)" messages={messages} hint={dayHint} value={leftOn} onValue={setLeftOn} size={12} />
        <SelectField name="memberId" label="Member" messages={messages} value={memberId} onValue={setMemberId} empty="(choose)" options={memberChoices(members)} />
        <SelectField name="reason" label="Reason" messages={messages} value={reason} onValue={setReason} empty="(not stated)" options={['resigned', 'expelled', 'died', 'imprisoned', 'other']} />
      </div>
      <TextField name="note" label="Note" messages={messages} value={note} onValue={setNote} />
      <Footer {...footer} label="Record departure" />
    </form>
  );
}

export function MotionForm(props: FormProps) {
  const { messages, submit, fail, touch, footer } = useWrite(props, { names: ['title', 'kind', 'meetingId', 'openedOn', 'online', 'options'], dateField: 'openedOn' });
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState('resolution');
  const [meetingId, setMeetingId] = useState('');
  const [openedOn, setOpenedOn] = useState(props.defaultDay);
  const [online, setOnline] = useState(false);
  const [options, setOptions] = useState('');
  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (!title.trim()) return fail('title', 'Give the motion a title.');
    if (!openedOn.trim()) return fail('openedOn', 'Give the day the motion was opened.');
    const opts = options.split(',').map((s) => s.trim()).filter(Boolean);
    void submit(
      `/councils/${encodeURIComponent(props.councilId)}/motions`,
      clean({ title: title.trim(), kind, meetingId: online ? undefined : meetingId || undefined, openedOn: openedOn.trim(), online: online || undefined, options: opts.length ? opts : undefined }),
      () => `Recorded the motion “${title.trim()}”, opened on ${edtfText(openedOn.trim())}.`,
    );
  };
  return (
    <form onSubmit={onSubmit} onInput={touch} onChange={touch} aria-label="Record a motion" noValidate>
      <TextField name="title" label="Title" messages={messages} value={title} onValue={setTitle} />
      <div class="row">
        <TextField name="openedOn" label="Opened on" messages={messages} hint={dayHint} value={openedOn} onValue={setOpenedOn} size={12} />
        <SelectField name="kind" label="Kind" messages={messages} value={kind} onValue={setKind} options={['statement', 'resolution', 'appointment', 'procedural']} />
        <SelectField
          name="meetingId"
          label="At meeting"
          messages={messages}
          value={meetingId}
          onValue={setMeetingId}
          disabled={online}
          empty="(none)"
          options={props.meetings.map((m) => ({ value: m.meetingId, label: `${m.number ? `No. ${m.number}, ` : ''}${edtfText(m.date)}` }))}
        />
        <Field name="online" label="Online vote" messages={messages}>
          {(a) => <input {...a} type="checkbox" checked={online} onChange={(e) => setOnline((e.target as HTMLInputElement).checked)} />}
        </Field>
      </div>
      <TextField name="options" label="Options, separated by commas (leave empty for a yes/no question)" messages={messages} value={options} onValue={setOptions} />
      <Footer {...footer} label="Record motion" />
    </form>
  );
}

export function RollCallForm(props: FormProps) {
  const [motionId, setMotionId] = useState('');
  const [decidedOn, setDecidedOn] = useState(props.defaultDay);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const motion = props.motions.find((m) => m.motionId === motionId);
  const voteDay = isDay(decidedOn.trim()) ? decidedOn.trim() : (motion?.openedOn ?? '');
  const members = useMembersOn(props.councilId, voteDay);
  const votes = Object.entries(choices).filter(([, c]) => c).map(([memberId, choice]) => ({ memberId, choice }));
  const nameOf = (memberId: string) => members?.find((m) => m.memberId === memberId)?.name ?? memberId;
  const { messages, submit, fail, touch, footer } = useWrite(props, {
    names: ['motionId', 'decidedOn', 'votes'],
    dateField: 'decidedOn',
    voteName: (i) => (votes[i] ? nameOf(votes[i].memberId) : undefined),
  });
  const options = motion?.options?.length ? [...motion.options, 'abstain'] : ['yes', 'no', 'abstain'];
  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (!motionId) return fail('motionId', 'Choose the motion voted on.');
    if (votes.length === 0) return fail('votes', 'Choose at least one member’s vote.');
    void submit(
      `/councils/${encodeURIComponent(props.councilId)}/motions/${encodeURIComponent(motionId)}/roll-call`,
      clean({ votes, decidedOn: decidedOn.trim() || undefined }),
      (r) => {
        const result = r.result as { outcome?: string } | undefined;
        return `Recorded ${votes.length} vote${votes.length === 1 ? '' : 's'} on “${motion?.title ?? motionId}”${result?.outcome ? `; the motion was ${result.outcome}` : ''}.`;
      },
    );
  };
  return (
    <form onSubmit={onSubmit} onInput={touch} onChange={touch} aria-label="Record a roll call" noValidate>
      <div class="row">
        <SelectField
          name="motionId"
          label="Motion"
          messages={messages}
          value={motionId}
          onValue={setMotionId}
          empty="(choose)"
          options={props.motions.filter((m) => !m.outcome).map((m) => ({ value: m.motionId, label: `${m.title.slice(0, 70)} (${edtfText(m.openedOn)})` }))}
        />
        <TextField name="decidedOn" label="Decided on (empty: the vote stays open)" messages={messages} hint={dayHint} value={decidedOn} onValue={setDecidedOn} size={12} />
      </div>
      <fieldset data-field="votes">
        <legend>{members ? `Votes of the ${members.length} members in office on ${edtfText(voteDay)}` : 'Votes: choose a motion or a day'}</legend>
        <div class="ticks">
          {(members ?? []).map((m) => (
            <label key={m.memberId}>
              <span>{m.name}</span>{' '}
              <select value={choices[m.memberId] ?? ''} onChange={(e) => setChoices({ ...choices, [m.memberId]: val(e) })}>
                <option value="">—</option>
                {options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            </label>
          ))}
        </div>
        {messages.fields.votes ? <FieldError text={messages.fields.votes} /> : null}
      </fieldset>
      <Footer {...footer} label="Record roll call" />
    </form>
  );
}
