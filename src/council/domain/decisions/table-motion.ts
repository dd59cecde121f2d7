import { parseValidDate } from '../valid-date';
import { TableMotion } from '../commands';
import { AlreadyExistsError, NotFoundError } from '../errors';
import { motionModeOf } from '../events';
import { compact, normalizeName, slugify, uniqueId } from '../names';
import { checkLifetime } from '../rules/lifetime';
import { CouncilState } from '../state';
import { Findings } from '../violations';
import { Decision, requireCouncil } from './types';
import { person } from './record-life-facts';

export function tableMotion(state: CouncilState, command: TableMotion): Decision {
  const council = requireCouncil(state);
  if (command.motionId && state.motions.has(command.motionId)) throw new AlreadyExistsError('motion', command.motionId);
  const motionId = command.motionId ?? uniqueId(slugify(command.title, 'motion'), (id) => state.motions.has(id));
  const openedOn = parseValidDate(command.openedOn);
  const findings = new Findings();
  checkLifetime(council, openedOn, `the motion ${JSON.stringify(command.title)}`, findings);
  if (command.meetingId !== undefined) {
    const meeting = state.meetings.get(command.meetingId);
    if (!meeting) throw new NotFoundError('meeting', command.meetingId);
    if (meeting.outcome === 'quorum-failed') {
      findings.add('motion-at-failed-meeting', `meeting ${meeting.meetingId} on ${meeting.date.edtf} did not take place for lack of a quorum`, {
        meetingId: meeting.meetingId,
      });
    }
    if (meeting.outcome === 'not-assembled') {
      findings.add('motion-at-unassembled-meeting', `meeting ${meeting.meetingId} of ${meeting.date.edtf} could not be assembled`, { meetingId: meeting.meetingId });
    }
  }
  if (command.mode !== undefined && command.online !== undefined && command.online !== (command.mode === 'online')) {
    findings.add('motion-mode-contradicts-online', `mode ${JSON.stringify(command.mode)} contradicts online: ${command.online}`, {
      mode: command.mode,
      online: command.online,
    });
  }
  const mode = motionModeOf(command);
  if (command.options !== undefined) {
    const keys = command.options.map(normalizeName);
    if (command.options.length < 2 || new Set(keys).size !== keys.length || keys.some((k) => ['yes', 'no', 'abstain', ''].includes(k))) {
      findings.add('invalid-options', `a choice needs at least two distinct options other than yes/no/abstain, got ${JSON.stringify(command.options)}`, {
        options: command.options,
      });
    }
  }
  const proposers = command.proposers?.map((p) => person(state, p, openedOn, 'proposer', findings));
  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'MotionTabled',
        data: compact({
          motionId,
          title: command.title,
          kind: command.motionKind ?? 'resolution',
          meetingId: command.meetingId,
          openedOn: command.openedOn,
          mode,
          online: mode === 'online',
          options: command.options,
          proposers,
          rule: command.rule,
          note: command.note,
          anomalies,
        }),
      },
    ],
    reply: { motionId },
  };
}
