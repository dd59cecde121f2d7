import { InputError } from './input-error';

/**
 * The named inference steps an importer may take. Each inferred fact carries a note saying from what it
 * was inferred, and the report lists every one under its step (docs/import.md describes each step).
 */
export type InferenceStep =
  /** A roll-call package's council founded on its first division (the term began on or before it). */
  | 'founding-from-first-division'
  /** A member's tenure runs from the first to the last division listing them (any option, absent included). */
  | 'tenure-from-roll-calls'
  /** Seats = the most members in office at once (roll calls), unless --seats. */
  | 'seats-most-in-office'
  /** Seats = the persons with a membership (Popolo without seats). */
  | 'seats-from-memberships'
  /** A member's group at each division (group_id on the vote), changes as affiliations over time. */
  | 'groups-from-votes'
  /** The council's decision rule, or a motion's, from --rule or a per-vote requirement; or assumed. */
  | 'decision-rule'
  /** A membership without dates takes its legislative period's (or council's) bounds. */
  | 'membership-dates-from-period'
  /** A file without dates: councils and members "in office as of" a date (--as-of, the file's date, …). */
  | 'dated-as-of'
  /** An election event placed in the council whose legislative period it opens or falls in. */
  | 'election-council';

export interface Inference {
  step: InferenceStep;
  /** What the inference is about: `member 201 (Jan Hajda)`, `council cz-senat-10`. */
  subject: string;
  /** What was inferred, as recorded: `electedOn 2014-10-24?`. */
  value: string;
  /** From what. */
  from: string;
}

export interface Skip {
  file: string;
  record: string;
  reason: string;
}

export interface FieldMapping {
  file: string;
  /** The source column or field, as the file spells it. */
  source: string;
  /** What it became in the API's terms, or why it was not used. */
  became: string;
}

/**
 * What an import read, inferred and skipped: printed as a summary, written whole as JSON by --report.
 * A record that cannot be used is skipped with its reason; with `strict` (the importers' old behaviour)
 * the first such record refuses the whole input instead.
 */
export class ImportReport {
  readonly fields: FieldMapping[] = [];
  readonly inferences: Inference[] = [];
  readonly skips: Skip[] = [];
  /** Options that are no vote, counted per kind: absent, not voting, paired, "article 17", … */
  readonly attendanceKinds: Record<string, number> = {};
  /** Per-step counts, and an example, kept small for the printed summary. */
  readonly notes: string[] = [];
  dialect?: string;

  constructor(
    readonly input: string,
    readonly strict = false,
  ) {}

  field(file: string, source: string, became: string): void {
    this.fields.push({ file, source, became });
  }

  infer(step: InferenceStep, subject: string, value: string, from: string): void {
    this.inferences.push({ step, subject, value, from });
  }

  /** A record that cannot be used: skipped with its reason, or (strict) the whole input refused. */
  skip(file: string, record: string, reason: string): void {
    if (this.strict) throw new InputError(file, record, reason);
    this.skips.push({ file, record, reason });
  }

  attendance(kind: string, n = 1): void {
    this.attendanceKinds[kind] = (this.attendanceKinds[kind] ?? 0) + n;
  }

  /** The printed summary: the mapping, inferences per step (with one example), skips per reason, attendance kinds. */
  summaryLines(options: { fields?: boolean } = {}): string[] {
    const lines: string[] = [];
    if (this.dialect) lines.push(`read as: ${this.dialect}`);
    if (options.fields !== false && this.fields.length > 0) {
      lines.push('field mapping:');
      for (const f of this.fields) lines.push(`  ${shortFile(f.file)} ${f.source} → ${f.became}`);
    }
    const steps = new Map<InferenceStep, Inference[]>();
    for (const i of this.inferences) steps.set(i.step, [...(steps.get(i.step) ?? []), i]);
    for (const [step, list] of steps) {
      lines.push(`inferred (${step}): ${list.length} fact${list.length === 1 ? '' : 's'}, e.g. ${list[0].subject}: ${list[0].value} (from ${list[0].from})`);
    }
    const kinds = Object.entries(this.attendanceKinds);
    if (kinds.length > 0) lines.push(`attendance, not votes: ${kinds.map(([k, n]) => `${JSON.stringify(k)}: ${n}`).join(', ')}`);
    const reasons = new Map<string, Skip[]>();
    for (const s of this.skips) reasons.set(s.reason, [...(reasons.get(s.reason) ?? []), s]);
    for (const [reason, list] of reasons) lines.push(`skipped ${list.length}: ${reason} (e.g. ${shortFile(list[0].file)}, ${list[0].record})`);
    for (const n of this.notes) lines.push(`note: ${n}`);
    return lines;
  }

  toJSON(): Record<string, unknown> {
    return {
      input: this.input, dialect: this.dialect, strict: this.strict, fields: this.fields, inferences: this.inferences, skips: this.skips,
      attendanceKinds: this.attendanceKinds, notes: this.notes,
    };
  }
}

const shortFile = (file: string) => file.split('/').slice(-2).join('/');
