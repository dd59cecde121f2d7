/**
 * A refused write in plain words, next to the field it is about. The service answers RFC 9457 problems
 * (`errors[].field` for a malformed field, `rule` and `violations` for a council rule, `at: "votes[3]"`
 * for a roll call's vote); a secretary should read "Member 5 was not a member in office on 2013-02-16"
 * beside the vote, not "Rule voter-not-in-office: votes[3]: …".
 */
/** The parts of an RFC 9457 problem this reads (api.ts's Problem; not imported, so jest can load this file without the DOM). */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
  rule?: string;
  violations?: Array<{ rule?: string; message?: string; figures?: Record<string, unknown> }>;
  [key: string]: unknown;
}

export interface FieldMessages {
  /** Field name → what is wrong with it, in sentences. */
  fields: Record<string, string>;
  /** What belongs to no field of the form. */
  form?: string;
}

/** The form field each council rule is about (rules not listed go to the form as a whole). */
const RULE_FIELD: Record<string, string> = {
  'present-exceeds-membership': 'present',
  'present-count-below-named': 'presentCount',
  'participant-twice': 'present',
  'participant-not-in-office': 'present',
  'participant-not-a-member': 'present',
  'remote-exceeds-present': 'remoteCount',
  'chair-not-in-office': 'chair',
  'chair-not-a-member': 'chair',
  'meeting-number-taken': 'number',
  'second-meeting-same-day': 'date',
  'reported-outcome-contradicts-quorum': 'present',
  'before-founding': 'date',
  'after-dissolution': 'date',
  'departure-twice': 'memberId',
  'departure-before-election': 'leftOn',
  'motion-at-failed-meeting': 'meetingId',
  'invalid-options': 'options',
  'vote-before-opened': 'motionId',
  'decided-before-opened': 'decidedOn',
  'motion-already-decided': 'motionId',
  'voter-not-in-office': 'votes',
  'vote-twice': 'votes',
  'invalid-choice': 'votes',
  'tally-exceeds-base': 'votes',
};

/** Date fields by form: a lifetime rule (before founding, after dissolution) is about the form's own date. */
export interface FormFields {
  /** The names of the form's fields. */
  names: string[];
  /** The form's date field (date, leftOn, openedOn, decidedOn). */
  dateField: string;
  /** For a roll call: the name of the member whose vote is votes[k]. */
  voteName?: (index: number) => string | undefined;
}

const sentence = (s: string) => {
  const t = s.trim();
  if (!t) return t;
  const first = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
};

/** "votes.3.choice" / "votes[3]" / "present.2" → { base: "votes", index: 3 }. */
export function fieldPath(path: string): { base: string; index?: number } {
  const m = /^([A-Za-z]+)(?:\.(\d+)|\[(\d+)\])?/.exec(path);
  if (!m) return { base: path };
  const index = m[2] ?? m[3];
  return { base: m[1], index: index === undefined ? undefined : Number(index) };
}

/** Drops a leading "votes[3]: " or "Item 0 (/meetings): " the service puts before the item's own words. */
function ownWords(detail: string): string {
  return detail.replace(/^Item \d+( \([^)]*\))?: /, '').replace(/^[A-Za-z]+\[\d+\]: /, '').replace(/^result: /, '');
}

function add(out: FieldMessages, field: string | undefined, message: string, names: string[]): void {
  const text = sentence(message);
  if (!text) return;
  if (field !== undefined && names.includes(field)) {
    const now = out.fields[field];
    if (!now) out.fields[field] = text;
    else if (!now.includes(text)) out.fields[field] = `${now} ${text}`;
  } else if (!out.form) out.form = text;
  else if (!out.form.includes(text)) out.form = `${out.form} ${text}`;
}

/** Where a problem's messages go on a form, each said once. */
export function problemMessages(problem: Problem, form: FormFields): FieldMessages {
  const out: FieldMessages = { fields: {} };
  const at = typeof problem.at === 'string' ? fieldPath(problem.at) : undefined;
  const voter = at?.base === 'votes' && at.index !== undefined ? form.voteName?.(at.index) : undefined;
  const prefix = voter ? `Vote of ${voter}: ` : '';

  for (const e of problem.errors ?? []) {
    const path = fieldPath(e.field);
    const who = path.base === 'votes' && path.index !== undefined ? form.voteName?.(path.index) : undefined;
    // Beside its field, "presentCount must not be less than 0" reads "Must not be less than 0".
    const own = e.field.split('.').pop() ?? e.field;
    const message = e.message.startsWith(`${own} `) ? e.message.slice(own.length + 1) : e.message;
    add(out, path.base, who ? `Vote of ${who}: ${message}` : message, form.names);
  }
  if (problem.violations?.length) {
    for (const v of problem.violations) {
      const rule = v.rule ?? problem.rule;
      let field = rule ? RULE_FIELD[rule] : undefined;
      if (rule === 'before-founding' || rule === 'after-dissolution') field = form.dateField;
      if (field === 'present' && !form.names.includes('present')) field = 'presentCount';
      const message = v.message ?? '';
      add(out, field, voter && message.includes(voter) ? message : `${prefix}${message}`, form.names);
    }
  } else if (!problem.errors?.length) {
    let field = problem.rule ? RULE_FIELD[problem.rule] : undefined;
    if (typeof problem.field === 'string') field = fieldPath(problem.field).base;
    if (field === 'present' && !form.names.includes('present')) field = 'presentCount';
    const words = problem.status === 401
      ? 'The token was refused (unknown or revoked). Enter a valid token above.'
      : problem.status === 403
        ? `This token may not record this: ${ownWords(problem.detail ?? '')}`
        : ownWords(problem.detail ?? problem.title ?? `The service answered ${problem.status}.`);
    add(out, field, `${prefix}${words}`, form.names);
  }
  return out;
}
