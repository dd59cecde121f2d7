import { ValidDate } from '../valid-date';
import { CouncilInfo } from '../state';
import { Findings } from '../violations';

/**
 * `before-founding` / `after-dissolution`: a fact dated certainly before the founding or certainly after
 * the dissolution day (the dissolution day itself is allowed: the last meeting can fail that day).
 */
export function checkLifetime(council: CouncilInfo, date: ValidDate, what: string, findings: Findings): void {
  if (council.foundedOn && date.latestDay < council.foundedOn.earliestDay) {
    findings.add('before-founding', `${what} on ${date.edtf} is before the council was founded on ${council.foundedOn.edtf}`, {
      date: date.edtf,
      foundedOn: council.foundedOn.edtf,
    });
  }
  if (council.dissolvedOn && date.earliestDay > council.dissolvedOn.latestDay) {
    findings.add('after-dissolution', `${what} on ${date.edtf} is after the council was dissolved on ${council.dissolvedOn.edtf}`, {
      date: date.edtf,
      dissolvedOn: council.dissolvedOn.edtf,
    });
  }
}
