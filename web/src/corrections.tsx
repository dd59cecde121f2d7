/** Corrections in words: whose record changed, which value old → new, why; and the record just before and with it. */
import { useState } from 'preact/hooks';
import type { MemberTerm, RecordedEvent } from './api';
import { edtfText, eventLabel, instantText } from './plain';
import { loadEventIndex } from './sources';

const DATE_KEYS = /(On|date|from|to|At)$/;

/** What a fact of that type is, as a noun: "the departure was corrected". */
const FACT_NOUNS: Record<string, string> = {
  MemberElected: 'election',
  MemberLeft: 'departure',
  MeetingHeld: 'meeting',
  QuorumFailed: 'failed meeting',
  MotionTabled: 'motion',
  MotionDecided: 'decision',
  VoteCast: 'vote',
  OfficerAppointed: 'appointment',
  OfficerTermEnded: 'end of office',
  WorkingGroupFormed: 'working group',
  CouncilFounded: 'founding',
  CouncilDissolved: 'dissolution',
  ElectionRecorded: 'election record',
};

/** A field name in words: `leftOn` → "left on". */
function fieldText(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function valueText(key: string, v: unknown): string {
  if (v === undefined || v === null || v === '') return '(none)';
  if (typeof v === 'string') return DATE_KEYS.test(key) ? edtfText(v) : v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export interface CorrectionView {
  eventId: string;
  action: 'corrected' | 'retracted';
  whose: string;
  what: string;
  changes: Array<{ field: string; before: string; after: string }>;
  reason?: string;
  recordedAt: string;
}

/** One correction event, with the event it corrects (when the record still holds it), as plain words. */
export function describeCorrection(e: RecordedEvent, byId: Map<string, RecordedEvent>, terms: Map<string, MemberTerm>): CorrectionView {
  const target = typeof e.data.eventId === 'string' ? byId.get(e.data.eventId) : undefined;
  const originalType = String(e.data.originalType ?? target?.type ?? 'fact');
  const d = (target?.data ?? {}) as Record<string, unknown>;
  const memberId = typeof d.memberId === 'string' ? d.memberId : undefined;
  const whose =
    (typeof d.name === 'string' && d.name) ||
    (memberId && (terms.get(memberId)?.name ?? memberId)) ||
    (typeof d.title === 'string' && d.title) ||
    (typeof d.role === 'string' && `the ${d.role}`) ||
    (typeof d.date === 'string' && `the meeting of ${edtfText(d.date)}`) ||
    'a fact of the council';
  const replacement = (e.data.replacement as { data?: Record<string, unknown> } | undefined)?.data;
  const changes: CorrectionView['changes'] = [];
  if (replacement) {
    for (const key of new Set([...Object.keys(d), ...Object.keys(replacement)])) {
      if (JSON.stringify(d[key]) === JSON.stringify(replacement[key])) continue;
      changes.push({ field: key, before: target ? valueText(key, d[key]) : '(not in the record)', after: valueText(key, replacement[key]) });
    }
  }
  return {
    eventId: e.eventId,
    action: e.type === 'FactRetracted' ? 'retracted' : 'corrected',
    whose,
    what: FACT_NOUNS[originalType] ?? eventLabel(originalType).toLowerCase(),
    changes,
    reason: typeof e.data.reason === 'string' ? e.data.reason : undefined,
    recordedAt: e.recordedAt,
  };
}

/** The corrections in the record, each with a way to see the council as it stood just before and with it. */
export function Corrections(props: {
  councilId: string;
  terms: Map<string, MemberTerm>;
  knownAt?: string;
  onKnownAt: (k: string | undefined) => void;
}) {
  const [list, setList] = useState<CorrectionView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const [requested, setRequested] = useState(false);
  const load = () => {
    setOpen(true);
    fetchList();
  };
  const fetchList = () => {
    if (requested) return;
    setRequested(true);
    loadEventIndex(props.councilId)
      .then((index) => {
        const views = [...index.byId.values()]
          .filter((e) => /^Fact(Corrected|Retracted)$/.test(e.type))
          .map((e) => describeCorrection(e, index.byId, props.terms));
        setList(views);
      })
      .catch((e: Error) => setError(e.message));
  };
  return (
    <details class="corrections" data-testid="corrections" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && load()}>
      <summary>Corrections in the record</summary>
      {error ? <p role="alert">{error}</p> : null}
      {open && !list && !error ? <p>Loading…</p> : null}
      {list && !list.length ? <p class="muted">No fact of this council has been corrected or retracted.</p> : null}
      <ul>
        {list?.map((c) => {
          const before = new Date(Date.parse(c.recordedAt) - 1).toISOString();
          return (
            <li key={c.eventId} data-testid="correction">
              <p>
                <strong>{c.whose}</strong>: the {c.what} was <strong>{c.action}</strong> on {instantText(c.recordedAt)}
                {c.reason ? (
                  <>
                    {' '}
                    — why: <q>{c.reason}</q>
                  </>
                ) : null}
              </p>
              {c.changes.length ? (
                <ul class="changes">
                  {c.changes.map((ch) => (
                    <li key={ch.field}>
                      {fieldText(ch.field)}: <del>{ch.before}</del> → <ins>{ch.after}</ins>
                    </li>
                  ))}
                </ul>
              ) : null}
              <p class="correction-actions">
                <button type="button" aria-pressed={props.knownAt === before} onClick={() => props.onKnownAt(before)}>
                  Before it <span class="muted">(record of {instantText(before)})</span>
                </button>{' '}
                <button type="button" aria-pressed={props.knownAt === c.recordedAt} onClick={() => props.onKnownAt(c.recordedAt)}>
                  With it <span class="muted">(record of {instantText(c.recordedAt)})</span>
                </button>
              </p>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
