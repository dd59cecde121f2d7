/**
 * The "derived, not recorded" box: what the reported figures imply (issues 15 and 25), never mixed with
 * facts. Kept in its own file so that edits to it do not collide with the rest of the council page.
 */
import { edtfText } from './plain';
import { When } from './when';

/** GET .../inferences (issue 15): what the reported figures imply, derived on read, never recorded. */
interface DatedInference {
  memberId: string;
  name: string;
  recorded: string;
  inferred: string;
  narrowed?: boolean;
  narrowedBy?: Array<{ says?: string }>;
  /** Issue 25: what the narrowing assumes, and the interval under each explanation when they differ. */
  assumptions?: string[];
  alternatives?: Array<{ inferred: string; explanations: string[] }>;
}
export interface InferencesView {
  derived?: string;
  departures?: DatedInference[];
  elections?: DatedInference[];
  figures?: Array<{ meetingId?: string; number?: number; date?: string; reportedMembership?: number; used?: boolean; setAside?: string; says?: string }>;
  clashes?: Array<{ why: string; figures?: Array<{ number?: number; date?: string; reportedMembership?: number }> }>;
  explanations?: Array<{ explanationId: string; says: string }>;
  fewestUnrecorded?: number;
}

function InferenceList(props: { title: string; items?: DatedInference[]; verb: string }) {
  if (!props.items?.length) return null;
  const narrowed = props.items.filter((d) => d.narrowed || d.alternatives?.length);
  const rest = props.items.filter((d) => !d.narrowed && !d.alternatives?.length);
  return (
    <>
      <h3>{props.title}</h3>
      {rest.length ? (
        <p class="muted">
          Nothing narrows the recorded {rest.length === 1 ? 'date' : 'dates'} of {rest.length} {rest.length === 1 ? 'member' : 'members'}
          {narrowed.length ? '' : '.'}
          {narrowed.length ? '; the figures narrow these:' : ''}
        </p>
      ) : null}
      <ul>
        {narrowed.map((d) => (
          <li key={d.memberId}>
            <strong>{d.name}</strong> {props.verb} — recorded <When value={d.recorded} />;{' '}
            {d.narrowed ? (
              <>
                the figures imply <span class="inferred"><When value={d.inferred} /></span>
              </>
            ) : (
              <span class="muted">nothing certain narrows it</span>
            )}
            {d.alternatives?.length ? (
              <ul class="alternatives" aria-label={`${d.name}: by explanation`}>
                {d.alternatives.map((a, i) => (
                  <li key={i}>
                    under {a.explanations.join(', ')}: <span class="inferred"><When value={a.inferred} /></span>
                  </li>
                ))}
              </ul>
            ) : null}
            {d.assumptions?.length ? <p class="muted">Assuming: {d.assumptions.join('; ')}.</p> : null}
            {d.narrowedBy?.length ? (
              <ul class="because">
                {d.narrowedBy.map((n, i) => (
                  <li key={i}>{n.says}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function InferencesSection(props: { inferences: InferencesView }) {
  const inf = props.inferences;
  return (
    <section aria-labelledby="inferences-h" class="derived lazy-section" data-testid="inferences">
      <h2 id="inferences-h">
        What the figures imply <span class="badge">derived, not recorded</span>
      </h2>
      <p class="muted">
        {inf.derived ??
          'Inferred by the service from the reported figures and dated facts. They are not facts of the record and change no answer above.'}
      </p>
      {inf.explanations && inf.explanations.length > 1 ? (
        <>
          <h3>Explanations the figures allow</h3>
          <p class="muted">
            The record as it is, and the record plus the fewest ({inf.fewestUnrecorded ?? '?'}) departures or arrivals it does not hold that make every
            figure fit. Only what holds under all of them is stated as implied; the rest is given per explanation.
          </p>
          <ul data-testid="explanations">
            {inf.explanations.map((e) => (
              <li key={e.explanationId}>
                <strong>{e.explanationId}</strong>: {e.says}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <InferenceList title="Imprecise departures" items={inf.departures} verb="left (first day out of office)" />
      <InferenceList title="Imprecise elections" items={inf.elections} verb="was elected" />
      {inf.figures?.length ? (
        <>
          <h3>Reported “out of N” figures</h3>
          <ul>
            {inf.figures.map((f, i) => (
              <li key={i}>
                {f.number ? `Meeting ${f.number}` : 'Meeting'} of <When value={f.date} />: {f.reportedMembership} — {f.says}
                {f.setAside && !f.says?.includes(f.setAside) ? <em> (set aside: {f.setAside})</em> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {inf.clashes?.length ? (
        <>
          <h3>Figures no explanation fits</h3>
          <ul>
            {inf.clashes.map((c, i) => (
              <li key={i}>
                {(c.figures ?? []).map((f) => `${f.number ? `meeting ${f.number}` : 'a meeting'} of ${edtfText(f.date)} (${f.reportedMembership})`).join(', ')}: {c.why}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
