import { parseValidDate } from '../valid-date';
import { RecordMeeting } from '../commands';
import { compact, slugify, uniqueId } from '../names';
import { checkLifetime } from '../rules/lifetime';
import { CouncilState } from '../state';
import { Findings } from '../violations';
import { Decision, requireCouncil } from './types';

/**
 * A meeting the source says could not be assembled (`reportedOutcome: "not-assembled"`, issue 25): recorded
 * as MeetingNotAssembled, with no attendance, quorum or membership. Figures a meeting that did not assemble
 * cannot have are refused (`not-assembled-with-attendance`), as is a chair (`not-assembled-with-chair`).
 */
export function recordNotAssembled(state: CouncilState, command: RecordMeeting): Decision {
  const council = requireCouncil(state);
  const date = parseValidDate(command.date);
  const meetingId = command.meetingId ?? uniqueId(`meeting-${slugify(command.date, 'undated')}-not-assembled`, (id) => state.meetings.has(id));
  const findings = new Findings();
  checkLifetime(council, date, `meeting ${command.number ?? meetingId}`, findings);
  const figures = { presentCount: command.presentCount, remoteCount: command.remoteCount, present: command.present?.length, decisionCount: command.decisionCount };
  const given = Object.entries(figures).filter(([, v]) => v !== undefined);
  if (given.length > 0) {
    findings.add('not-assembled-with-attendance', `a meeting that could not be assembled has no ${given.map(([k]) => k).join(', ')}`, Object.fromEntries(given));
  }
  if (command.chair !== undefined) findings.add('not-assembled-with-chair', `a meeting that could not be assembled had no chair (got ${command.chair})`, { chair: command.chair });
  if (command.number !== undefined && state.meetingNumbers.has(command.number)) {
    findings.add('meeting-number-taken', `meeting number ${command.number} is already ${state.meetingNumbers.get(command.number)}`, {
      number: command.number,
      meetingId: state.meetingNumbers.get(command.number),
    });
  }
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'MeetingNotAssembled',
        data: compact({
          meetingId,
          number: command.number,
          date: command.date,
          kind: command.meetingKind ?? 'regular',
          reason: command.reason,
          place: command.place,
          note: command.note,
          anomalies,
        }),
      },
    ],
    reply: { meetingId, outcome: 'not-assembled', present: null },
  };
}
