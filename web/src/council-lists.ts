/**
 * What the council page reads besides the state on the date: the lists that do not depend on the date
 * (members, meetings, motions, membership series, anomalies, inferences, elections, working groups,
 * votings), each patched into the page's data as it arrives; a failed list becomes an empty one.
 */
import {
  getAll,
  getJson,
  getOptional,
  query,
  type Anomaly,
  type Council,
  type Meeting,
  type MemberTerm,
  type MembershipSeries,
  type Motion,
  type VotingSummary,
  type WorkingGroup,
} from './api';

export interface CouncilData {
  council: Council;
  terms: Map<string, MemberTerm>;
  meetings?: Meeting[];
  motions?: Motion[];
  membership?: MembershipSeries['series'];
  anomalies?: Anomaly[];
  inferences?: unknown;
  elections?: unknown;
  workingGroups?: WorkingGroup[];
  votings?: VotingSummary[];
}

function listOf(body: unknown, key: string): Array<Record<string, unknown>> {
  if (Array.isArray(body)) return body as Array<Record<string, unknown>>;
  if (body && typeof body === 'object' && Array.isArray((body as Record<string, unknown>)[key])) {
    return (body as Record<string, unknown>)[key] as Array<Record<string, unknown>>;
  }
  return [];
}

/** Requests every list of the council (`id` URL-encoded) as known at `knownAt`; `patch` receives each answer. */
export function loadCouncilLists(
  id: string,
  { knownAt, minPosition, lifeDays }: { knownAt?: string; minPosition?: string; lifeDays: number },
  patch: (p: Partial<CouncilData>) => void,
): void {
  const k = query({ knownAt, minPosition });
  getAll<MemberTerm>(`/councils/${id}/members${k}`, { pick: (b) => listOf(b, 'members') as unknown as MemberTerm[] })
    .then((terms) => patch({ terms: new Map(terms.map((m) => [m.memberId, m])) }))
    .catch(() => undefined);
  getAll<Meeting>(`/councils/${id}/meetings${k}`).then((meetings) => patch({ meetings })).catch(() => patch({ meetings: [] }));
  getJson<MembershipSeries>(`/councils/${id}/analytics/membership${query({ step: lifeDays > 5 * 365 ? 'month' : 'week', knownAt, minPosition })}`)
    .then((m) => patch({ membership: m.series }))
    .catch(() => patch({ membership: [] }));
  getAll<Motion>(`/councils/${id}/motions${k}`).then((motions) => patch({ motions })).catch(() => patch({ motions: [] }));
  getAll<Anomaly>(`/councils/${id}/anomalies${query({ minPosition })}`).then((anomalies) => patch({ anomalies })).catch(() => patch({ anomalies: [] }));
  getOptional<unknown>(`/councils/${id}/inferences${k}`).then((inferences) => patch({ inferences: inferences ?? null })).catch(() => patch({ inferences: null }));
  getOptional<unknown>(`/councils/${id}/elections${k}`).then((elections) => patch({ elections: elections ?? null })).catch(() => patch({ elections: null }));
  getOptional<WorkingGroup[]>(`/councils/${id}/working-groups${k}`).then((w) => patch({ workingGroups: w ?? [] })).catch(() => patch({ workingGroups: [] }));
  getOptional<VotingSummary[]>(`/councils/${id}/votings`).then((v) => patch({ votings: Array.isArray(v) ? v : [] })).catch(() => patch({ votings: [] }));
}
