import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordCouncilFact } from '../../council/application/record-fact.command';
import { WriteResult } from '../../council/application/council-writer';
import { Principal, RequestContext, hashRequest } from '../../council/application/request-context';
import { CouncilCommand } from '../../council/domain/commands';
import { VotingEventMap, VotingState } from '../domain';
import { ResultRecorder } from './result-recorder';

/** Who records an automatic close's result: the platform itself, acting for the election committee. */
export const VOTING_PLATFORM: Principal = { tokenId: 'voting-platform', label: 'voting platform (automatic close)', role: 'admin' };

/**
 * Records a counted voting in its council, through the council's own command path (the same decisions,
 * rules and idempotency as any other write): the election with its figures, then one member elected per
 * winner with curia, votes and rank. Every command carries an idempotency key derived from the voting, so
 * recording again after a crash or a refused step appends nothing twice.
 */
@Injectable()
export class CouncilRecorder implements ResultRecorder {
  constructor(private readonly commands: CommandBus) {}

  async record(state: VotingState, principal?: Principal): Promise<VotingEventMap['VotingResultRecorded']> {
    const definition = state.definition!;
    const closed = state.closed!;
    const by = principal ?? VOTING_PLATFORM;
    const electionId = await this.recordElectionFact(state, by);
    const members: Array<{ candidateId: string; memberId: string }> = [];
    for (const ballot of closed.results.ballots) {
      for (const candidate of ballot.candidates) {
        if (!candidate.elected) continue;
        const command: CouncilCommand = {
          kind: 'ElectMember',
          name: candidate.name,
          ...(ballot.curia !== undefined ? { curia: ballot.curia } : {}),
          electedOn: edtfInstant(closed.closedAt),
          votes: candidate.marks,
          rank: candidate.rank,
          note: `Elected on the ballot "${ballot.title}" of the voting "${definition.title}" (${definition.votingId}).`,
        };
        const reply = await this.send(definition.councilId, command, `voting:${definition.votingId}:member:${ballot.key}:${candidate.candidateId}`, state, by);
        members.push({ candidateId: candidate.candidateId, memberId: String(reply.memberId) });
      }
    }
    return { councilId: definition.councilId, ...(electionId ? { electionId } : {}), members };
  }

  /**
   * The election as a fact of the council (registered, verified, ballots cast, candidates with marks and
   * rank). Waits for the council's election command ("Elections as facts"), which is being built on its own
   * branch: until it lands the voting's own stream is the only record of these figures and this returns
   * undefined.
   */
  private async recordElectionFact(_state: VotingState, _by: Principal): Promise<string | undefined> {
    return undefined;
  }

  private send(councilId: string, command: CouncilCommand, key: string, state: VotingState, by: Principal): Promise<WriteResult> {
    const definition = state.definition!;
    const context: RequestContext = {
      principal: by,
      source: { title: `Voting "${definition.title}" counted on the platform`, url: `/api/votings/${definition.votingId}/bulletin`, locator: `voting ${definition.votingId}` },
      idempotencyKey: key,
      requestHash: hashRequest('POST', `/api/votings/${definition.votingId}/close`, { key, command }),
      correlationId: `voting:${definition.votingId}`,
      causationId: `voting:${definition.votingId}:close`,
    };
    return this.commands.execute(new RecordCouncilFact(councilId, command, context));
  }
}

/** An ISO instant as an EDTF timestamp (seconds precision, which EDTF accepts). */
export function edtfInstant(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}
