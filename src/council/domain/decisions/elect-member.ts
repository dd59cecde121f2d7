import { parseValidDate } from '../valid-date';
import { ElectMember } from '../commands';
import { AlreadyExistsError } from '../errors';
import { CouncilEventMap } from '../events';
import { compact, slugify, uniqueId } from '../names';
import { checkLifetime } from '../rules/lifetime';
import { checkCuriaSeats } from '../rules/membership';
import { CouncilState } from '../state';
import { Findings } from '../violations';
import { Decision, requireCouncil } from './types';

export function electMember(state: CouncilState, command: ElectMember): Decision {
  const council = requireCouncil(state);
  if (command.memberId && state.members.has(command.memberId)) throw new AlreadyExistsError('member', command.memberId);
  const memberId = command.memberId ?? uniqueId(slugify(command.name, 'member'), (id) => state.members.has(id));
  const electedOn = parseValidDate(command.electedOn);
  const findings = new Findings();
  checkLifetime(council, electedOn, `the election of ${command.name}`, findings);

  let curiaKey = command.curia;
  if (curiaKey === undefined) {
    if (council.curiae.size === 1) curiaKey = [...council.curiae.keys()][0];
    else {
      curiaKey = '';
      findings.add('curia-required', `the council has ${council.curiae.size} curiae: say which one ${command.name} was elected in`, {
        curiae: [...council.curiae.keys()],
      });
    }
  }
  const curia = council.curiae.get(curiaKey);
  if (curiaKey !== '' && !curia) {
    findings.add('unknown-curia', `the council has no curia ${curiaKey} (it has ${[...council.curiae.keys()].join(', ')})`, {
      curia: curiaKey,
      curiae: [...council.curiae.keys()],
    });
  }
  if (curia) checkCuriaSeats(state, curia, electedOn, recordedDeparture(state, memberId), findings);

  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'MemberElected',
        data: compact({
          memberId,
          name: command.name,
          aliases: command.aliases ?? [],
          curia: curiaKey,
          electedOn: command.electedOn,
          votes: command.votes,
          rank: command.rank,
          note: command.note,
          anomalies,
        }),
      },
    ],
    reply: { memberId },
  };
}

/** When an election is being corrected, its member's departure is still in the record: respect it. */
function recordedDeparture(state: CouncilState, memberId: string) {
  for (const fact of state.facts.values()) {
    if (fact.type === 'MemberLeft' && (fact.data as CouncilEventMap['MemberLeft']).memberId === memberId) {
      return parseValidDate((fact.data as CouncilEventMap['MemberLeft']).leftOn);
    }
  }
  return undefined;
}
