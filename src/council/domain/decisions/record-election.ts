import { parseValidDate } from '../valid-date';
import { RecordElection } from '../commands';
import { AlreadyExistsError } from '../errors';
import { ElectionCandidate, ElectionCuria } from '../events';
import { compact, normalizeName, slugify, uniqueId } from '../names';
import { CouncilState } from '../state';
import { Findings, reject } from '../violations';
import { Decision, requireCouncil } from './types';

/**
 * An election as a fact. The record keeps what the source states: a figure it does not give stays
 * absent. The figures it does give must agree with each other (seats by curia add up to the seats, no more
 * elected than seats, no more candidates named than the stated count); a source that disagrees with
 * itself is recorded with `recordAnomaly`.
 */
export function recordElection(state: CouncilState, command: RecordElection): Decision {
  const council = requireCouncil(state);
  if (command.electionId && state.elections.has(command.electionId)) throw new AlreadyExistsError('election', command.electionId);
  const electionId = command.electionId ?? uniqueId(slugify(`election ${command.heldOn ?? ''}`, 'election'), (id) => state.elections.has(id));
  // An election the source does not date (issue 25) is kept without heldOn: no date rule can apply to it.
  const heldOn = command.heldOn !== undefined ? parseValidDate(command.heldOn) : undefined;
  const findings = new Findings();

  if (heldOn && council.dissolvedOn && heldOn.earliestDay > council.dissolvedOn.latestDay) {
    findings.add('after-dissolution', `the election on ${heldOn.edtf} is after the council was dissolved on ${council.dissolvedOn.edtf}`, {
      date: heldOn.edtf,
      dissolvedOn: council.dissolvedOn.edtf,
    });
  }
  const curiae = command.curiae;
  if (curiae) checkCuriae(curiae, command.seats, [...council.curiae.keys()], findings);
  if (command.candidates) checkCandidates(command, curiae, [...council.curiae.keys()], findings);
  checkElectedCount(command, findings);
  const ballotKeys = command.rules?.ballots?.map((b) => b.key) ?? [];
  const twice = ballotKeys.filter((k, i) => ballotKeys.indexOf(k) !== i);
  if (twice.length > 0) findings.add('election-ballot-repeated', `ballot ${twice[0]} is listed twice`, { ballot: twice[0] });

  const anomalies = findings.settle(command.recordAnomaly);
  return {
    events: [
      {
        type: 'ElectionRecorded',
        data: compact({
          electionId,
          heldOn: command.heldOn,
          seats: command.seats,
          curiae: curiae?.map((c) => compact({ key: c.key, seats: c.seats, candidates: c.candidates })),
          candidates: command.candidates?.map((c) =>
            compact({ name: c.name, memberId: c.memberId, curia: c.curia, votes: c.votes, rank: c.rank, elected: c.elected }),
          ),
          candidateCount: command.candidateCount,
          electedCount: command.electedCount,
          voters: command.voters,
          committee: command.committee?.map((m) => compact({ name: m.name, represents: m.represents, role: m.role })),
          rules: command.rules,
          note: command.note,
          anomalies,
        }),
      },
    ],
    reply: { electionId },
  };
}

function checkCuriae(curiae: ElectionCuria[], seats: number | undefined, councilCuriae: string[], findings: Findings): void {
  const keys = curiae.map((c) => c.key);
  const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (repeated.length > 0) reject('election-curia-repeated', `curia ${repeated[0]} is listed twice`, { curia: repeated[0] });
  const unknown = keys.filter((k) => !councilCuriae.includes(k));
  if (unknown.length > 0) {
    findings.add('unknown-curia', `the council has no curia ${unknown.join(', ')} (it has ${councilCuriae.join(', ')})`, {
      curiae: unknown,
      councilCuriae,
    });
  }
  const sum = curiae.reduce((total, c) => total + c.seats, 0);
  if (seats !== undefined && sum !== seats) {
    findings.add('election-seats-sum', `the curiae's seats add up to ${sum}, not the election's ${seats} seats`, {
      seats,
      curiaSeats: Object.fromEntries(curiae.map((c) => [c.key, c.seats])),
      sum,
    });
  }
}

function checkCandidates(command: RecordElection, curiae: ElectionCuria[] | undefined, councilCuriae: string[], findings: Findings): void {
  const candidates = command.candidates!;
  const names = candidates.map((c) => normalizeName(c.name) + '\n' + (c.curia ?? ''));
  const repeated = candidates.find((_, i) => names.indexOf(names[i]) !== i);
  if (repeated) {
    findings.add('election-candidate-repeated', `${repeated.name} is listed twice${repeated.curia ? ` in curia ${repeated.curia}` : ''}`, {
      name: repeated.name,
      curia: repeated.curia,
    });
  }
  if (command.candidateCount !== undefined && candidates.length > command.candidateCount) {
    findings.add('election-candidate-count', `${candidates.length} candidates are named but the election had ${command.candidateCount}`, {
      named: candidates.length,
      candidateCount: command.candidateCount,
    });
  }
  const elected = candidates.filter((c) => c.elected === true);
  if (command.seats !== undefined && elected.length > command.seats) {
    findings.add('election-elected-exceeds-seats', `${elected.length} candidates are marked elected for ${command.seats} seats`, {
      elected: elected.length,
      seats: command.seats,
    });
  }
  if (!curiae) {
    // Without curiae of its own, the election's candidates stand in the council's curiae.
    const stray = candidates.find((c) => c.curia !== undefined && !councilCuriae.includes(c.curia));
    if (stray) {
      findings.add('unknown-curia', `candidate ${stray.name} names curia ${stray.curia}; the council has ${councilCuriae.join(', ')}`, {
        candidate: stray.name,
        curia: stray.curia,
        councilCuriae,
      });
    }
    return;
  }
  for (const curia of curiae) {
    const inCuria = candidates.filter((c) => c.curia === curia.key);
    const electedHere = inCuria.filter((c) => c.elected === true).length;
    if (electedHere > curia.seats) {
      findings.add('election-elected-exceeds-seats', `${electedHere} candidates are marked elected in curia ${curia.key}, which has ${curia.seats} seats`, {
        curia: curia.key,
        elected: electedHere,
        seats: curia.seats,
      });
    }
    if (curia.candidates !== undefined && inCuria.length > curia.candidates) {
      findings.add('election-candidate-count', `${inCuria.length} candidates are named in curia ${curia.key}, which had ${curia.candidates}`, {
        curia: curia.key,
        named: inCuria.length,
        candidates: curia.candidates,
      });
    }
  }
  const strays = candidates.filter((c: ElectionCandidate) => c.curia !== undefined && !curiae.some((k) => k.key === c.curia));
  if (strays.length > 0) {
    findings.add('unknown-curia', `candidate ${strays[0].name} names curia ${strays[0].curia}, which the election does not list`, {
      candidate: strays[0].name,
      curia: strays[0].curia,
    });
  }
}

function checkElectedCount(command: RecordElection, findings: Findings): void {
  const elected = command.electedCount;
  if (elected === undefined) return;
  if (command.seats !== undefined && elected > command.seats) {
    findings.add('election-elected-exceeds-seats', `${elected} elected for ${command.seats} seats`, { elected, seats: command.seats });
  }
  if (command.candidateCount !== undefined && elected > command.candidateCount) {
    findings.add('election-candidate-count', `${elected} elected of only ${command.candidateCount} candidates`, {
      elected,
      candidateCount: command.candidateCount,
    });
  }
  const marked = command.candidates?.filter((c) => c.elected === true).length ?? 0;
  if (marked > elected) {
    findings.add('election-elected-exceeds-seats', `${marked} candidates are marked elected but the election elected ${elected}`, {
      marked,
      elected,
    });
  }
}
