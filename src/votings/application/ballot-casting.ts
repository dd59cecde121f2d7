import { randomBytes } from 'node:crypto';
import type { EventStore } from '../../event-store/event-store.port';
import { CastBallotRecord, Marks, VotingRuleError, VotingState, castBallot, votingStream } from '../domain';
import type { BallotPool } from './ballot-pool';
import { derivedReceipt, keyReused } from './idempotency';
import type { Entry } from './voting-entry';
import type { VotingWrites } from './voting-writes';

/**
 * Casting a ballot and its receipt: the ballot goes to the pool (group-committed), not to the store, so
 * casting is not serialised behind the store's writes; a keyed retry is answered with the receipt it had.
 */
export class BallotCasting {
  constructor(
    private readonly store: EventStore,
    private readonly pool: BallotPool,
    private readonly writes: VotingWrites,
  ) {}

  /**
   * Accepts a ballot: every rule is checked, then the ballot and the voter's participation are committed
   * to the pool together. Only then is the receipt returned.
   */
  async cast(entry: Entry, voterId: string, marks: Marks, keyed?: { key: string; voterToken: string }): Promise<{ receipt: string }> {
    const { votingId } = entry;
    const receipt = keyed ? derivedReceipt(keyed.voterToken, votingId, keyed.key) : newReceipt();
    if (keyed && entry.state.voted.has(voterId)) {
      // A retry: the ballot this voter cast with this key, if any, has this receipt. Nothing else ties them.
      const first = await this.keyedBallot(entry, receipt);
      if (first) {
        if (!sameMarks(entry.state, first, marks)) throw keyReused();
        return { receipt };
      }
    }
    const now = Date.now();
    if (entry.closing && !entry.state.closed) {
      throw new VotingRuleError('voting-closed', 'The voting is being closed; casting a ballot is no longer possible.', { closing: true });
    }
    const normalised = castBallot(entry.state, { voterId, marks, now });
    entry.state.voted.add(voterId); // reserved now: a second ballot from this voter is refused from here on
    const durable = this.pool.add(votingId, voterId, receipt, normalised);
    entry.inFlight.add(durable);
    if (keyed) entry.keyedCasts.set(receipt, { marks: normalised, durable: durable.catch(() => false) });
    try {
      if (!(await durable)) {
        // Only when two loads of this voting overlapped: the pool's unique index is the last word.
        throw new VotingRuleError('already-voted', 'This voter has cast a ballot already; each voter casts one ballot.', {}, 409);
      }
    } catch (error) {
      entry.state.voted.delete(voterId);
      throw error;
    } finally {
      entry.inFlight.delete(durable);
      entry.keyedCasts.delete(receipt);
    }
    entry.unsealed += 1;
    if (entry.unsealed >= this.writes.flushAt(entry)) this.writes.queueFlush(entry);
    return { receipt };
  }

  /**
   * The marks of the ballot with this receipt, wherever it is: still being committed to the pool, waiting
   * in the pool, or in the stream. Only a keyed retry asks (it derives the receipt from the voter's token).
   */
  private async keyedBallot(entry: Entry, receipt: string): Promise<Marks | undefined> {
    const inFlight = entry.keyedCasts.get(receipt);
    if (inFlight) return (await inFlight.durable) ? inFlight.marks : undefined;
    const pooled = this.pool.ballotMarks(entry.votingId, receipt);
    if (pooled) return pooled;
    if (!entry.receipts) {
      // One read of the stream for the voting's first keyed retry; from then on each is one lookup.
      const receipts = new Map<string, Marks>();
      for await (const e of this.store.readStream(votingStream(entry.votingId))) {
        if (e.type !== 'BallotsCast') continue;
        for (const b of (e.data as { ballots: CastBallotRecord[] }).ballots) receipts.set(b.receipt, b.marks);
      }
      entry.receipts ??= receipts;
    }
    return entry.receipts.get(receipt);
  }
}

/** Whether a retried ballot's marks are those of the ballot recorded (as the decision normalises them: every list, in order). */
function sameMarks(state: VotingState, recorded: Marks, marks: Marks): boolean {
  if (Object.keys(marks).some((key) => !state.ballots.has(key))) return false;
  return [...state.ballots.keys()].every((key) => JSON.stringify(recorded[key] ?? []) === JSON.stringify(marks[key] ?? []));
}

function newReceipt(): string {
  return `r-${randomBytes(12).toString('hex')}`;
}
