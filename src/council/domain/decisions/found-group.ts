import { parseValidDate } from '../valid-date';
import { FoundGroup } from '../commands';
import { AlreadyExistsError } from '../errors';
import { compact, slugify, uniqueId } from '../names';
import { CouncilState } from '../state';
import { Decision, requireCouncil } from './types';

/**
 * A political group members of the council sit for. Its founding date, when given, is the group's own
 * (a party may be decades older than the council), so it is not checked against the council's lifetime.
 */
export function foundGroup(state: CouncilState, command: FoundGroup): Decision {
  requireCouncil(state);
  if (command.groupId && state.groups.has(command.groupId)) throw new AlreadyExistsError('group', command.groupId);
  const groupId = command.groupId ?? uniqueId(slugify(command.name, 'group'), (id) => state.groups.has(id));
  if (command.foundedOn !== undefined) parseValidDate(command.foundedOn);
  return {
    events: [
      {
        type: 'GroupFounded',
        data: compact({ groupId, name: command.name, classification: command.classification, foundedOn: command.foundedOn, note: command.note }),
      },
    ],
    reply: { groupId },
  };
}
