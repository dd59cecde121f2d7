/** The read side of the votings: a council's list, one voting, and the public bulletin of a closed voting. */
import type { EventStore } from '../../event-store/event-store.port';
import { CastBallotRecord, VotingRuleError, votingStream } from '../domain';
import type { LoadedVotings } from './loaded-votings';
import type { Entry } from './voting-entry';
import { votingView } from './voting-views';
import { listedVotings } from './votings-index';

/** A ballot as the bulletin publishes it: its receipt and marks, and the batch it was stored in. */
export type BulletinBallot = CastBallotRecord & { batch: number };

export class VotingReads {
  private readonly bulletins = new Map<string, BulletinBallot[]>();

  constructor(
    private readonly store: EventStore,
    private readonly votings: LoadedVotings,
  ) {}

  /** The council's votings (from the index), each with its status and turnout. */
  async list(councilId: string) {
    const out: Array<Record<string, unknown>> = [];
    for await (const listed of listedVotings(this.store)) {
      if (listed.councilId !== councilId) continue;
      const entry = await this.votings.tryEntry(listed.votingId);
      if (!entry) continue;
      const { votingId, title, status, opensAt, closesAt, turnout } = { votingId: listed.votingId, ...votingView(entry) };
      out.push({ votingId, title, status, opensAt, closesAt, turnout });
    }
    return out;
  }

  async get(votingId: string) {
    const entry = await this.votings.entry(votingId);
    return { votingId, ...votingView(entry) };
  }

  /** Every ballot as stored (batch by batch, in each batch's shuffled order), for a closed voting. */
  async bulletin(votingId: string): Promise<{ entry: Entry; ballots: BulletinBallot[] }> {
    const entry = await this.votings.entry(votingId);
    if (!entry.state.closed) {
      throw new VotingRuleError('voting-not-closed', 'The bulletin is published when the voting has closed.', { closesAt: entry.state.definition!.closesAt });
    }
    const cached = this.bulletins.get(votingId);
    if (cached) return { entry, ballots: cached };
    const ballots: BulletinBallot[] = [];
    for await (const e of this.store.readStream(votingStream(votingId))) {
      if (e.type !== 'BallotsCast') continue;
      const data = e.data as { batch: number; ballots: CastBallotRecord[] };
      for (const b of data.ballots) ballots.push({ batch: data.batch, receipt: b.receipt, marks: b.marks });
    }
    // A closed voting's bulletin never changes: the last few are kept for the pages that follow.
    this.bulletins.set(votingId, ballots);
    if (this.bulletins.size > 2) this.bulletins.delete(this.bulletins.keys().next().value!);
    return { entry, ballots };
  }

  /** A voting dropped from memory takes its cached bulletin with it. */
  forget(votingId: string): void {
    this.bulletins.delete(votingId);
  }
}
