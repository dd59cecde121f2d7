import { ImportPlan, PlannedCouncil } from '../model';
import { ImportReport } from '../report';
import { PopoloDocument, readPopolo, streamVoteEvents, where } from './popolo-reader';
import { planElections } from './popolo-elections';
import { planMemberships } from './popolo-memberships';
import { planPeriods } from './popolo-periods';
import { PlanOptions, VoteEventStream, compact, early } from './popolo-shared';
import { planSittings } from './popolo-sittings';
import { voteEventsOf } from './popolo-vote-events';

export type { PlanOptions, VoteEventStream } from './popolo-shared';
export { reported } from './popolo-shared';
export { dateAsOf } from './popolo-periods';
export { countsOf } from './popolo-vote-events';

/**
 * Plans the import of a Popolo document: one council per legislature and legislative period, and in each,
 * in this order, its groups, members (each election followed by its departure, in date order), affiliations,
 * officers, sittings (→ meetings) and motions without vote events; then, streamed, each vote event as a
 * motion and its roll call; last, the dissolution. Every item cites its place in the file as its source.
 */
export async function planPopolo(input: string, options: PlanOptions = {}): Promise<ImportPlan> {
  const report = options.report ?? new ImportReport(input, options.strict === true);
  report.dialect ??= 'Popolo JSON';
  const doc = await readPopolo(input, report);
  return planDocument(doc, (visit) => streamVoteEvents(doc.files, visit), { ...options, report });
}

/**
 * The one planner, for Popolo files and (through their reader) roll-call packages: the document read in a
 * first pass (readPopolo, or csv-plan's neutral model) is planned in named steps, each inference listed in
 * the report; the vote events are streamed again when written.
 */
export function planDocument(doc: PopoloDocument, stream: VoteEventStream, options: PlanOptions = {}): ImportPlan {
  const report = options.report ?? new ImportReport(doc.files[0] ?? '');
  const notes: string[] = [];
  const p = planPeriods(doc, options, report);
  planElections(p);
  planMemberships(p);
  const sittings = planSittings(p);
  const { contexts } = p;

  for (const c of contexts) {
    if (c.dissolvedOn !== undefined && early(c.dissolvedOn) <= Math.floor(Date.now() / 86_400_000)) {
      c.closing.push({ path: '/dissolution', label: where(c.period && c.period.index >= 0 ? c.period : c.legislature), body: { dissolvedOn: c.dissolvedOn, reason: c.period ? 'the legislative period ended' : undefined } });
      c.closing[0].body = compact(c.closing[0].body);
    }
  }

  const councils: PlannedCouncil[] = contexts.map((c) => ({
    councilId: c.councilId, founding: c.founding, facts: [...c.elections, ...c.items], closing: c.closing, expectedVoteEvents: c.voteEvents, expectedVotes: c.votes,
  }));

  return { councils, notes, report, voteEvents: voteEventsOf(p, sittings, stream, notes) };
}
