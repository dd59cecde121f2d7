import { parseValidDate } from '../valid-date';
import { ElectMember } from '../commands';
import { AlreadyExistsError, NotFoundError } from '../errors';
import { Constituency, CouncilEventMap, PersonIdentifier } from '../events';
import { compact, slugify, uniqueId } from '../names';
import { checkLifetime } from '../rules/lifetime';
import { checkCuriaSeats } from '../rules/membership';
import { CouncilState } from '../state';
import { Findings, reject } from '../violations';
import { Decision, requireCouncil } from './types';

export function electMember(state: CouncilState, command: ElectMember): Decision {
  const council = requireCouncil(state);
  if (command.memberId && state.members.has(command.memberId)) throw new AlreadyExistsError('member', command.memberId);
  const memberId = command.memberId ?? uniqueId(slugify(command.name, 'member'), (id) => state.members.has(id));
  const election = command.electionId === undefined ? undefined : state.elections.get(command.electionId);
  if (command.electionId !== undefined && !election) throw new NotFoundError('election', command.electionId);
  const electedOnText = command.electedOn ?? election?.data.heldOn;
  if (electedOnText === undefined) {
    reject('elected-on-required', `say when ${command.name} was elected (electedOn), or by which dated election (electionId)`, election ? { electionId: election.electionId, heldOn: null } : {});
  }
  const electedOn = parseValidDate(electedOnText);
  const findings = new Findings();
  checkLifetime(council, electedOn, `the election of ${command.name}`, findings);
  if (election?.heldOn && electedOn.latestDay < election.heldOn.earliestDay) {
    findings.add('elected-before-election', `${command.name} elected on ${electedOn.edtf}, before the election ${election.electionId} (${election.heldOn.edtf})`, {
      electedOn: electedOn.edtf,
      electionId: election.electionId,
      heldOn: election.heldOn.edtf,
    });
  }

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
          electedOn: electedOnText,
          votes: command.votes,
          rank: command.rank,
          electionId: command.electionId,
          constituency: constituencyOf(command.constituency),
          identifiers: identifiersOf(command.identifiers),
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

/** Only what the source gives: an empty constituency or identifier list is absent, never `{}` or `[]`. */
function constituencyOf(c: Constituency | undefined): Constituency | undefined {
  if (c === undefined) return undefined;
  const kept = compact({ id: c.id?.trim() || undefined, name: c.name?.trim() || undefined }) as Constituency;
  return kept.id === undefined && kept.name === undefined ? undefined : kept;
}

/** The identifiers as given, each scheme/identifier pair once. */
function identifiersOf(list: PersonIdentifier[] | undefined): PersonIdentifier[] | undefined {
  if (list === undefined) return undefined;
  const seen = new Set<string>();
  const kept = list.filter((i) => {
    const key = `${i.scheme}\u0000${i.identifier}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).map((i) => ({ scheme: i.scheme, identifier: i.identifier }));
  return kept.length > 0 ? kept : undefined;
}
