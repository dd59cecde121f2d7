import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { Principal } from '../../council/application/request-context';
import { ProblemDetailsFilter } from '../../api/problem-details.filter';
import {
  BallotDefinition,
  Marks,
  Verification,
  VotingRuleError,
  closeVoting,
  decideVerification,
  initialVotingState,
  registerVoter,
  scheduleVoting,
  votingStream,
} from '../domain';
import { BallotCasting } from './ballot-casting';
import { BallotPool } from './ballot-pool';
import { LoadedVotings } from './loaded-votings';
import type { Entry } from './voting-entry';
import { BulletinBallot, VotingReads } from './voting-reads';
import { UNVERIFIED_WARNING, votingStatus, votingView } from './voting-views';
import { VotingWrites, batchCapacity } from './voting-writes';
import { listVoting } from './votings-index';
import { COUNCIL_RECORDER, ResultRecorder } from './result-recorder';
import {
  IdempotencyMetadata,
  IdempotentRequest,
  derivedVoterToken,
  keyHash,
  storedSecret,
} from './idempotency';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface ScheduleVotingInput {
  votingId?: string;
  title: string;
  opensAt: string;
  closesAt: string;
  ballots: BallotDefinition[];
  verification: Verification;
  minBatch?: number;
}

/**
 * The shell around the voting decisions: loads a voting (its stream plus what waits in the pool), decides,
 * appends, and moves ballots from the pool to the store in shuffled batches. Writes to one voting are
 * made one at a time; ballots are not writes to the store but to the pool (group-committed), so casting
 * is not serialised behind the store.
 *
 * The commands are here; their parts have files of their own: the votings in memory (loading, recovery at
 * start, the automatic close, retiring) in loaded-votings.ts, casting and receipts in ballot-casting.ts,
 * the writes to the store in voting-writes.ts, the reads and the bulletin in voting-reads.ts, the votings
 * index in votings-index.ts.
 */
@Injectable()
export class VotingService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Votings');
  private pool!: BallotPool;
  /** Writes to the store: one voting's writes one at a time, ballots from the pool in batches. */
  private writes!: VotingWrites;
  /** The votings in memory (loaded-votings.ts). */
  private votings!: LoadedVotings;
  private casting!: BallotCasting;
  private reads!: VotingReads;
  /** Signs the voter tokens of keyed registrations (DATA_DIR/voter-token-secret). */
  private tokenSecret!: string;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(COUNCIL_RECORDER) private readonly recorder: ResultRecorder,
  ) {}

  async onModuleInit(): Promise<void> {
    this.pool = new BallotPool(join(this.config.dataDir, 'ballot-pool.sqlite'), this.config.sqliteSynchronous);
    this.writes = new VotingWrites(this.store, this.config, this.pool, this.logger);
    this.tokenSecret = storedSecret(this.config.dataDir, 'voter-token-secret');
    this.votings = new LoadedVotings(this.store, this.pool, this.writes, this.logger, {
      closeOnSchedule: (votingId) => this.close(votingId, 'schedule'),
      recordResult: (entry) => this.recordResult(entry),
      dropped: (votingId) => this.reads.forget(votingId),
    });
    this.casting = new BallotCasting(this.store, this.pool, this.writes);
    this.reads = new VotingReads(this.store, this.votings);
    await this.votings.recover();
  }

  async onModuleDestroy(): Promise<void> {
    await this.votings?.stop();
    this.pool?.close();
  }

  // ---- commands -------------------------------------------------------------------------------------

  async schedule(councilId: string, input: ScheduleVotingInput, councilCuriae: Array<{ key: string; seats?: number }>, principal?: Principal, idem?: IdempotentRequest) {
    const hashed = idem ? keyHash(idem.key) : undefined;
    // With a key and no votingId, the id is derived from the key, so that a retry finds the voting it made.
    const votingId = input.votingId ?? `${councilId}-${hashed ? hashed.slice(0, 8) : randomBytes(4).toString('hex')}`.slice(0, 100);
    const minBatch = input.minBatch ?? 20;
    const capacity = batchCapacity(input.ballots, this.writes.appendLimit());
    if (capacity < 2 * minBatch) {
      throw new VotingRuleError(
        'batch-too-large',
        `A batch of ${2 * minBatch} ballots (twice minBatch) could exceed the store's largest append (${this.writes.appendLimit()} bytes); at most ${capacity} of these ballots fit. Lower minBatch or shorten the candidate ids.`,
        { minBatch, capacity, maxAppendBytes: this.writes.appendLimit() },
      );
    }
    const loaded = await this.votings.tryEntry(votingId);
    const replayed = loaded && this.writes.replay(loaded, hashed, idem);
    if (loaded && replayed) return { votingId, eventIds: replayed.eventIds, position: replayed.position, status: votingStatus(loaded) };
    const events = scheduleVoting(loaded?.state ?? initialVotingState(), {
      votingId,
      councilId,
      title: input.title,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      ballots: input.ballots,
      verification: input.verification,
      minBatch,
      councilCuriae,
    });
    // The index entry first (its id is derived from the voting id, so a retry writes it once): an index
    // entry without its voting is harmless, a voting missing from the index would never close on time.
    await listVoting(this.store, votingId, councilId);
    const toWrite = events.map((e) => this.writes.toEventData(e, principal));
    if (hashed) toWrite[toWrite.length - 1].metadata!.idempotency = { keyHash: hashed, requestHash: idem!.requestHash, reply: { votingId } } satisfies IdempotencyMetadata;
    const appended = await this.store.appendToStream(votingStream(votingId), toWrite, { expectedRevision: 'no_stream' });
    const entry = await this.votings.reload(votingId);
    const warnings = input.verification === 'none' ? [UNVERIFIED_WARNING] : undefined;
    if (warnings) this.logger.warn(`voting ${votingId} of council ${councilId}: ${UNVERIFIED_WARNING.message}`);
    return { votingId, eventIds: toWrite.map((e) => e.id), position: appended.position.toString(), status: votingStatus(entry), ...(warnings ? { warnings } : {}) };
  }

  async register(votingId: string, name: string, contact: string | undefined, idem?: IdempotentRequest) {
    const voterId = `v-${randomBytes(8).toString('hex')}`;
    // A keyed registration's token is derived from the key (under the service's secret): a retry gets it
    // again although only its hash is kept.
    const voterToken = idem ? derivedVoterToken(this.tokenSecret, votingId, idem.key) : `vt_${randomBytes(32).toString('base64url')}`;
    const entry = await this.votings.entry(votingId);
    const status = entry.state.definition!.verification === 'none' ? 'verified' : 'pending';
    const cap = this.config.votingRegistration?.maxVoters ?? Number.MAX_SAFE_INTEGER;
    // Registrations waiting to be appended count too, so that a burst cannot pass the cap together.
    if (!entry.state.closed && entry.state.voters.size + entry.writes.length >= cap && !(idem && entry.requests.has(keyHash(idem.key)))) {
      throw new VotingRuleError('voter-cap', `This voting takes at most ${cap} voters (VOTING_MAX_VOTERS); ${entry.state.voters.size} are registered.`, {
        limit: cap,
        registered: entry.state.voters.size,
      });
    }
    const { replayed, ...written } = await this.writes.write(
      entry,
      (state) => registerVoter(state, { voterId, tokenHash: tokenHash(voterToken), name, contact, now: Date.now() }),
      undefined,
      idem && { keyHash: keyHash(idem.key), requestHash: idem.requestHash, reply: { voterId, status } },
    );
    if (replayed) {
      const first = replayed.reply as { voterId: string; status: string };
      if (entry.state.tokens.get(tokenHash(voterToken)) !== first.voterId) {
        // The secret the first token was derived from is gone (DATA_DIR replaced): the token cannot be given again.
        throw new VotingRuleError('voter-token-unavailable', 'This registration was made with this Idempotency-Key, but its voter token can no longer be derived (the service secret changed); the token cannot be shown again.', { voterId: first.voterId }, 409);
      }
      return { voterId: first.voterId, voterToken, status: first.status, eventIds: replayed.eventIds, position: replayed.position };
    }
    return { voterId, voterToken, status, ...written };
  }

  async verify(votingId: string, voterId: string, verified: boolean, note: string | undefined, principal?: Principal, idem?: IdempotentRequest) {
    const entry = await this.votings.entry(votingId);
    const status = verified ? 'verified' : 'rejected';
    const { replayed, ...written } = await this.writes.write(
      entry,
      (state) => decideVerification(state, { voterId, verified, note, now: Date.now() }),
      principal,
      idem && { keyHash: keyHash(idem.key), requestHash: idem.requestHash, reply: { voterId, status } },
    );
    if (replayed) return { ...replayed.reply, eventIds: replayed.eventIds, position: replayed.position };
    return { voterId, status, ...written };
  }

  /** The voter id a voter token stands for in this voting, or undefined. */
  async voterOf(votingId: string, token: string): Promise<string | undefined> {
    const entry = await this.votings.entry(votingId);
    return entry.state.tokens.get(tokenHash(token));
  }

  /** Accepts a ballot; the receipt is returned once it is durable in the pool (see BallotCasting). */
  async cast(votingId: string, voterId: string, marks: Marks, keyed?: { key: string; voterToken: string }): Promise<{ receipt: string }> {
    return this.casting.cast(await this.votings.entry(votingId), voterId, marks, keyed);
  }

  /**
   * Closes the voting: waits for ballots still being made durable, moves every ballot in the pool to the
   * store (the last batch together with the close, in one append), counts, then records the result in the
   * council. A closed voting whose result is not yet in the council is recorded again.
   */
  async close(votingId: string, closedBy: 'request' | 'schedule', principal?: Principal, idem?: IdempotentRequest) {
    const entry = await this.votings.entry(votingId);
    const hashed = idem ? keyHash(idem.key) : undefined;
    // A retry of the close that closed the voting answers the count again (a close with another key, or
    // none, is refused once the voting is closed and recorded).
    const replayed = this.writes.replay(entry, hashed, idem);
    if (entry.state.closed && entry.state.recorded && !replayed) {
      throw new VotingRuleError('voting-already-closed', `The voting closed at ${entry.state.closed.closedAt}.`, { closedAt: entry.state.closed.closedAt }, 409);
    }
    if (!entry.state.closed) {
      const definition = entry.state.definition!;
      if (Date.now() < Date.parse(definition.opensAt)) {
        throw new VotingRuleError('voting-not-open', `The voting opens at ${definition.opensAt}; it cannot close before it has opened.`, { opensAt: definition.opensAt });
      }
      entry.closing = true;
      try {
        await this.writes.exclusive(entry, async () => {
          if (entry.state.closed) return;
          await Promise.allSettled([...entry.inFlight]);
          await this.writes.recoverSealed(entry);
          // Batches of at most the capacity, each leaving at least minBatch behind for the next.
          const capacity = this.writes.capacity(entry);
          const minBatch = entry.state.definition!.minBatch;
          for (let left = this.pool.unsealedCount(votingId); left > capacity; left = this.pool.unsealedCount(votingId)) {
            await this.writes.appendBatch(entry, this.writes.seal(entry, Math.min(capacity, left - minBatch)), []);
          }
          const last = this.pool.unsealedCount(votingId) > 0 ? this.writes.seal(entry, capacity) : undefined;
          const idempotency = hashed ? { keyHash: hashed, requestHash: idem!.requestHash, reply: {} } : undefined;
          await this.writes.appendBatch(entry, last, [(state) => closeVoting(state, { now: Date.now(), closedBy })], principal, idempotency);
        });
      } finally {
        entry.closing = false;
      }
      clearTimeout(entry.timer);
    }

    try {
      await this.recordResult(entry, principal);
    } catch (error) {
      // The voting is closed and counted whatever the council says; the refusal is reported (with its rule)
      // and closing again retries the recording once the council's record allows it.
      const refused = new ProblemDetailsFilter().toProblem(error);
      if (refused.status >= 500) throw error;
      this.votings.retire(entry);
      return { votingId, ...votingView(entry), councilRecording: { recorded: false, problem: refused } };
    }
    this.votings.retire(entry);
    return { votingId, ...votingView(entry) };
  }

  // ---- reads (voting-reads.ts) ----------------------------------------------------------------------

  /** The council's votings (from the index), each with its status and turnout. */
  async list(councilId: string) {
    return this.reads.list(councilId);
  }

  async get(votingId: string) {
    return this.reads.get(votingId);
  }

  /** Every ballot as stored (batch by batch, in each batch's shuffled order), for a closed voting. */
  async bulletin(votingId: string): Promise<{ entry: Entry; ballots: BulletinBallot[] }> {
    return this.reads.bulletin(votingId);
  }

  private async recordResult(entry: Entry, principal?: Principal) {
    if (entry.state.recorded) return entry.state.recorded;
    const recorded = await this.recorder.record(entry.state, principal);
    await this.writes.write(entry, (state) => (state.recorded ? [] : [{ type: 'VotingResultRecorded', data: recorded }]));
    return recorded;
  }
}
