import { fromDay } from '../../council/domain/valid-date';
import { toSlug } from '../model';
import { Located, dateOf, str, where } from './popolo-reader';
import { ELECTION, Obj, PERIOD, Planning, compact, early, source } from './popolo-shared';

/** Step 2, elections: every event classified as an election, planned in the council it belongs to. */
export function planElections(p: Planning): void {
  const { doc, report, contexts } = p;
  /**
   * An election event (classified "general election", "election", …) is an election of the council whose
   * legislative period it opens (the last election before the period starts, within two years) or falls
   * in — never a meeting. With no such council it is skipped with the reason.
   */
  const electionDays = doc.events.filter((e) => ELECTION.test(String(e.value.classification ?? ''))).map((e) => dateOf(e, 'start_date')).filter((d): d is string => d !== undefined).map(early);
  const planElection = (e: Located) => {
    const heldOn = dateOf(e, 'start_date');
    if (heldOn === undefined) return report.skip(e.file, where(e), 'an election needs a start_date');
    const d = early(heldOn);
    const org = str(e.value.organization_id);
    const candidates = contexts.filter((c) => org === undefined || String(c.legislature.value.id) === org);
    const opens = candidates.filter((c) => c.start !== undefined && d <= c.start && c.start - d <= 731 && !electionDays.some((x) => x > d && x <= c.start!));
    const fallsIn = candidates.filter((c) => c.start !== undefined && c.start <= d && (c.end === undefined || d <= c.end));
    const c = opens.length === 1 ? opens[0] : opens.length === 0 && fallsIn.length === 1 ? fallsIn[0] : undefined;
    if (c === undefined) {
      report.skips.push({
        file: e.file, record: where(e),
        reason: opens.length + fallsIn.length > 1 ? 'an election that opens or falls in several councils\' periods: cannot tell which' : 'an election no council\'s legislative period opens with or contains: no council to record it in',
      });
      return;
    }
    const how = opens.includes(c) ? `it is the last election before the period starts (${fromDay(c.start!)})` : `it falls within the period (from ${fromDay(c.start!)})`;
    report.infer('election-council', `election ${String(e.value.id)} (${heldOn})`, `council ${c.councilId}`, how);
    const identifiers = ((e.value.identifiers as Obj[] | undefined) ?? []).map((i) => `${String(i?.scheme ?? 'id')}: ${String(i?.identifier ?? '')}`);
    c.elections.push({
      path: '/elections',
      label: where(e),
      body: compact({
        electionId: toSlug(String(e.value.id), 'election'), heldOn,
        note: [str(e.value.name), `council: inferred (${how})`, identifiers.length > 0 ? `identifiers: ${identifiers.join('; ')}` : undefined].filter(Boolean).join('\n'),
        source: source(e),
      }),
    });
  };
  for (const e of doc.events) {
    if (PERIOD.test(String(e.value.classification ?? ''))) continue;
    if (contexts.some((c) => c.period && String(c.period.value.id) === String(e.value.id))) continue;
    if (ELECTION.test(String(e.value.classification ?? ''))) planElection(e);
  }
}
