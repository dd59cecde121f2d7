/** The two clocks of the council page: the date (valid time) and the record time (knownAt). */
import { useEffect, useRef, useState } from 'preact/hooks';
import { dayFromNumber, dayNumber, formatDay, isDay } from './dates';
import { instantText } from './plain';

export function DateControls(props: { at: string; min: string; max: string; onDate: (d: string, push: boolean) => void }) {
  const [draft, setDraft] = useState(props.at);
  const [error, setError] = useState<string | undefined>();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => setDraft(props.at), [props.at]);
  const lo = dayNumber(props.min);
  const hi = Math.max(lo, dayNumber(props.max));
  const apply = (e: Event) => {
    e.preventDefault();
    // The field itself, not the last rendered draft: a value typed or pasted just before Enter counts.
    const d = (field.current?.value ?? draft).trim();
    if (!isDay(d)) {
      setError('Enter a day as YYYY-MM-DD, e.g. 2013-01-20.');
      return;
    }
    setError(undefined);
    props.onDate(d, true);
  };
  return (
    <div class="date-controls">
      <form onSubmit={apply} class="inline-form">
        <label for="date-field">Date (valid time)</label>
        <input
          id="date-field"
          ref={field}
          data-testid="date"
          value={draft}
          inputMode="numeric"
          pattern="\d{4}-\d{2}-\d{2}"
          placeholder="YYYY-MM-DD"
          size={11}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'date-field-error' : 'date-field-hint'}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        />
        <button type="submit">Show</button>
        <span id="date-field-hint" class="visually-hidden">Type a day and press Enter</span>
        {error ? <span id="date-field-error" class="field-error" role="alert">{error}</span> : null}
      </form>
      <div class="slider">
        <label for="date-slider">{formatDay(props.min)}</label>
        <input
          id="date-slider"
          type="range"
          min={0}
          max={hi - lo}
          step={1}
          value={Math.min(hi - lo, Math.max(0, dayNumber(props.at) - lo))}
          aria-valuetext={formatDay(props.at)}
          aria-label="Date over the council's life (arrow keys move a day, Page Up/Down faster)"
          onInput={(e) => props.onDate(dayFromNumber(lo + Number((e.target as HTMLInputElement).value)), false)}
        />
        <span aria-hidden="true">{formatDay(props.max)}</span>
      </div>
    </div>
  );
}

export function KnownAtControl(props: { knownAt?: string; shownKnownAt?: string; onKnownAt: (k: string | undefined) => void }) {
  const [draft, setDraft] = useState(props.knownAt ?? '');
  const [error, setError] = useState<string | undefined>();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => setDraft(props.knownAt ?? ''), [props.knownAt]);
  const apply = (e: Event) => {
    e.preventDefault();
    const v = (field.current?.value ?? draft).trim();
    if (v && Number.isNaN(Date.parse(v))) {
      setError('Enter an instant such as 2026-01-01T00:00:00Z, or leave empty for now.');
      return;
    }
    setError(undefined);
    props.onKnownAt(v ? new Date(v).toISOString() : undefined);
  };
  return (
    <form onSubmit={apply} class="inline-form known-at">
      <label for="known-at-field">As the record stood at (record time)</label>
      <input
        id="known-at-field"
        ref={field}
        data-testid="known-at"
        value={draft}
        placeholder="now"
        size={26}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'known-at-error' : undefined}
        onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Apply</button>
      {props.knownAt ? (
        <button type="button" onClick={() => props.onKnownAt(undefined)}>
          Now
        </button>
      ) : null}
      {error ? <span id="known-at-error" class="field-error" role="alert">{error}</span> : null}
      {props.shownKnownAt ? <span class="muted">showing the record as of {instantText(props.shownKnownAt)}</span> : null}
    </form>
  );
}

