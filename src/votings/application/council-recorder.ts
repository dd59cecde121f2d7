import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordCouncilFact } from '../../council/application/record-fact.command';
import { WriteResult } from '../../council/application/council-writer';
import { Principal, RequestContext, hashRequest } from '../../council/application/request-context';
import { CouncilCommand } from '../../council/domain/commands';
import { FactPlan } from '../../council/application/fact-plan';
import { VotingEventMap, VotingState } from '../domain';
import { ResultRecorder } from './result-recorder';
import { votingResultKey } from '../../api/idempotency-key';

/** Who records an automatic close's result: the platform itself, acting for the election committee. */
export const VOTING_PLATFORM: Principal = { tokenId: 'voting-platform', label: 'voting platform (automatic close)', role: 'admin' };

/**
 * Records a counted voting in its council, through the council's own command path (the same decisions,
 * rules and idempotency as any other write): the election with its figures (RecordElection), then one
 * member elected per winner with curia, votes, rank and the election's id (ElectMember), as one request
 * decided in order and appended together: all or nothing. Its idempotency key is derived from the voting,
 * so recording again after a crash or a refusal appends nothing twice.
 */
@Injectable()
export class CouncilRecorder implements ResultRecorder {
  constructor(private readonly commands: CommandBus) {}

  async record(state: VotingState, principal?: Principal): Promise<VotingEventMap['VotingResultRecorded']> {
    const definition = state.definition!;
    const closed = state.closed!;
    const { results } = closed;
    const electionId = definition.votingId;
    const electedOn = edtfInstant(closed.closedAt);
    const winners = results.ballots.flatMap((ballot) =>
      ballot.candidates.filter((c) => c.elected).map((candidate) => ({ ballot, candidate })),
    );
    // Curiae are named on the election only when every list seats its own curia (else the sums cannot hold).
    const curiaKeys = results.ballots.map((b) => b.curia);
    const byCuria = curiaKeys.every((k) => k !== undefined) && new Set(curiaKeys).size === curiaKeys.length;
    const ties = results.ballots.filter((b) => b.tie).map((b) => `${b.title}: ${b.tie!.candidates.length} candidates tied at ${b.tie!.marks} marks for ${b.tie!.seats} seat(s), left vacant`);
    const election: CouncilCommand = {
      kind: 'RecordElection',
      electionId,
      heldOn: `${edtfInstant(definition.opensAt)}/${electedOn}`,
      seats: results.ballots.reduce((n, b) => n + b.seats, 0),
      ...(byCuria ? { curiae: results.ballots.map((b) => ({ key: b.curia!, seats: b.seats, candidates: b.candidates.length })) } : {}),
      candidates: results.ballots.flatMap((b) =>
        b.candidates.map((c) => ({ name: c.name, ...(byCuria ? { curia: b.curia } : {}), votes: c.marks, rank: c.rank, elected: c.elected })),
      ),
      candidateCount: results.ballots.reduce((n, b) => n + b.candidates.length, 0),
      electedCount: winners.length,
      voters: results.ballotsCast,
      note:
        `Counted on the platform (voting ${definition.votingId}, "${definition.title}"): ${results.registered} registered, ` +
        `${definition.verification === 'committee' ? `${results.verified} verified by the election committee` : 'no verification'}, ` +
        `${results.ballotsCast} ballots cast; votes are marks on each list, ranks within the list.` +
        (ties.length ? ` Ties at the last seat: ${ties.join('; ')}.` : ''),
    };
    const members: CouncilCommand[] = winners.map(({ ballot, candidate }) => ({
      kind: 'ElectMember',
      name: candidate.name,
      ...(ballot.curia !== undefined ? { curia: ballot.curia } : {}),
      electedOn,
      electionId,
      votes: candidate.marks,
      rank: candidate.rank,
      note: `Elected on the list "${ballot.title}" of the voting "${definition.title}" (${definition.votingId}).`,
    }));
    // One request to the council: the election and every member, decided in order, appended together.
    const plan: FactPlan = {
      steps: [election, ...members].map((command, i) => ({ command, label: i === 0 ? 'election' : `members[${i - 1}]` })),
      reply: (replies) => ({ electionId: replies[0].electionId, memberIds: replies.slice(1).map((r) => r.memberId) }),
    };
    const reply = await this.send(definition.councilId, plan, votingResultKey(definition.votingId), state, principal ?? VOTING_PLATFORM, [election, ...members]);
    const memberIds = reply.memberIds as string[];
    return {
      councilId: definition.councilId,
      electionId: String(reply.electionId),
      members: winners.map(({ candidate }, i) => ({ candidateId: candidate.candidateId, memberId: memberIds[i] })),
      position: reply.position,
    };
  }

  private send(councilId: string, plan: FactPlan, key: string, state: VotingState, by: Principal, commands: CouncilCommand[]): Promise<WriteResult> {
    const definition = state.definition!;
    const context: RequestContext = {
      principal: by,
      source: { title: `Voting "${definition.title}" counted on the platform`, url: `/api/votings/${definition.votingId}/bulletin`, locator: `voting ${definition.votingId}` },
      idempotencyKey: key,
      requestHash: hashRequest('POST', `/api/votings/${definition.votingId}/close`, commands),
      correlationId: `voting:${definition.votingId}`,
      causationId: `voting:${definition.votingId}:close`,
    };
    return this.commands.execute(new RecordCouncilFact(councilId, plan, context));
  }
}

/** An ISO instant as an EDTF timestamp (seconds precision, which EDTF accepts). */
export function edtfInstant(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}
