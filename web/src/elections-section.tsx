/** Elections on record and the council's votings on the platform, each linked to its own page. */
import type { Source, VotingSummary } from './api';
import { memo } from './memo';
import { edtfText } from './plain';
import { Link } from './router';
import { SourceView } from './sources';
import { When } from './when';

type Json = Record<string, unknown>;

export const ElectionsAndVotings = memo(function ElectionsAndVotings(props: { elections: unknown; votings?: VotingSummary[] }) {
  const elections: Json[] = Array.isArray(props.elections)
    ? (props.elections as Json[])
    : Array.isArray((props.elections as Json | null)?.elections)
      ? ((props.elections as Json).elections as Json[])
      : [];
  const votings = props.votings ?? [];
  // An election counted on the platform names its voting, or has the voting's id as its own.
  const votingOf = (e: Json): string | undefined =>
    typeof e.votingId === 'string' ? e.votingId : votings.some((v) => v.votingId === e.electionId) ? String(e.electionId) : undefined;
  if (!elections.length && !votings.length) return null;
  return (
    <section aria-labelledby="elections-h" class="lazy-section">
      <h2 id="elections-h">Elections and votings</h2>
      {elections.length ? (
        <ul class="elections">
          {elections.map((e, i) => {
            const figures: Array<[string, unknown]> = [
              ['seats', e.seats],
              ['candidates', e.candidateCount ?? (Array.isArray(e.candidates) ? e.candidates.length : undefined)],
              ['elected', e.electedCount ?? (Array.isArray(e.members) ? e.members.length : undefined)],
              ['voters', e.voters],
            ];
            return (
              <li key={String(e.electionId ?? i)}>
                Election <strong><When value={typeof e.heldOn === 'string' ? e.heldOn : undefined} empty="undated" /></strong>{' '}
                {figures
                  .filter(([, v]) => typeof v === 'number')
                  .map(([k, v]) => `${v as number} ${k}`)
                  .join(' · ') || <span class="muted">no figures in the record</span>}{' '}
                {votingOf(e) ? (
                  <Link href={`/votings/${encodeURIComponent(votingOf(e)!)}`} testid="election-voting-link">
                    the voting on the platform
                  </Link>
                ) : null}
                {typeof e.note === 'string' ? <p class="note">{e.note}</p> : null}
                {e.source ? (
                  <details class="inline-source">
                    <summary>
                      source<span class="visually-hidden"> of the election of {edtfText(String(e.heldOn ?? ''))}</span>
                    </summary>
                    <SourceView source={e.source as Source} />
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <h3>Votings on the platform</h3>
      {votings.length ? (
        <ul data-testid="votings">
          {votings.map((v) => (
            <li key={v.votingId}>
              <Link href={`/votings/${encodeURIComponent(v.votingId)}`} testid="voting-link">
                {v.title ?? v.votingId}
              </Link>{' '}
              <span class="muted">
                ({v.status ?? 'status unknown'}
                {typeof v.opensAt === 'string' ? `, opens ${edtfText(v.opensAt)}` : ''}
                {typeof v.closesAt === 'string' ? `, closes ${edtfText(v.closesAt)}` : ''})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No voting of this council has been run on the platform.</p>
      )}
    </section>
  );
});
