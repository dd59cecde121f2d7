import { ValidDate } from '../valid-date';
import { MotionState } from '../state';
import { Findings } from '../violations';

/**
 * `vote-before-opened` / `decided-before-opened`: a vote or a result certainly dated before the day the
 * motion was opened (an imprecise date that may fall on or after it passes).
 */
export function checkNotBeforeOpened(motion: MotionState, date: ValidDate, rule: string, what: string, findings: Findings): void {
  if (date.latestDay >= motion.openedOn.earliestDay) return;
  findings.add(rule, `${what} is dated ${date.edtf}, before the motion was opened on ${motion.openedOn.edtf}`, {
    motionId: motion.motionId,
    openedOn: motion.openedOn.edtf,
    date: date.edtf,
  });
}
