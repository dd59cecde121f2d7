/** The "derived, not recorded" box: what the reported figures imply (issue 15), never mixed with facts. */
import { When } from './plain';

/** GET .../inferences (issue 15): what the reported figures imply, derived on read, never recorded. */
interface DatedInference {
  memberId: string;
  name: string;
  recorded: string;
  inferred: string;
  narrowed?: boolean;
  narrowedBy?: Array<{ says?: string }>;
}
export interface InferencesView {
  derived?: string;
  departures?: DatedInference[];
  elections?: DatedInference[];
  figures?: Array<{ meetingId?: string; number?: number; date?: string; reportedMembership?: number; used?: boolean; setAside?: string; says?: string }>;
  clashes?: Array<{ why: string; figures?: Array<{ number?: number; date?: string; reportedMembership?: number }> }>;
}

function InferenceList(props: { title: string; items?: DatedInference[]; verb: string }) {
  if (!props.items?.length) return null;
  const narrowed = props.items.filter((d) => d.narrowed);
  const rest = props.items.filter((d) => !d.narrowed);
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
              <span class="muted">nothing narrows it</span>
            )}
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
          <h3>Figures that cannot all hold</h3>
          <ul>
            {inf.clashes.map((c, i) => (
              <li key={i}>
                {(c.figures ?? []).map((f) => `${f.number ? `meeting ${f.number}` : 'a meeting'} of ${f.date} (${f.reportedMembership})`).join(', ')}: {c.why}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

