/** What GET /votings/:id answers, and a voting's status now (its schedule, or closed). */
import type { Entry } from './voting-entry';

/** Said with every voting whose voters are not verified: its result is recorded in the council all the same. */
export const UNVERIFIED_WARNING = {
  rule: 'unverified-voters',
  message:
    'verification is "none": anyone who registers may vote, limited only per address (VOTING_REGISTRATIONS_PER_ADDRESS) and by VOTING_MAX_VOTERS; the result is recorded in the council as the members it elects.',
};

/** A voting as the API shows it: definition, status, turnout, and once closed its results. */
export function votingView(entry: Entry) {
  const { state } = entry;
  const d = state.definition!;
  return {
    councilId: d.councilId,
    title: d.title,
    status: votingStatus(entry),
    opensAt: d.opensAt,
    closesAt: d.closesAt,
    verification: d.verification,
    minBatch: d.minBatch,
    ballots: d.ballots,
    ...(d.verification === 'none' ? { warnings: [UNVERIFIED_WARNING] } : {}),
    turnout: { registered: state.voters.size, verified: d.verification === 'none' ? state.voters.size : state.verified, ballotsCast: state.voted.size },
    ...(state.closed ? { closedAt: state.closed.closedAt, closedBy: state.closed.closedBy, results: state.closed.results } : {}),
    ...(state.recorded ? { council: state.recorded } : {}),
  };
}

export function votingStatus(entry: Entry): 'scheduled' | 'open' | 'closed' {
  const d = entry.state.definition!;
  if (entry.state.closed) return 'closed';
  const now = Date.now();
  if (now < Date.parse(d.opensAt)) return 'scheduled';
  return now < Date.parse(d.closesAt) ? 'open' : 'closed';
}
