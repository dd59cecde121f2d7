import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EVENT_STORE, EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { StreamNotFoundError } from '../../event-store/errors';
import { Principal } from '../../council/application/request-context';
import { ProblemDetailsFilter } from '../../api/problem-details.filter';
import {
  BallotDefinition,
  CastBallotRecord,
  Marks,
  NewVotingEvent,
  Verification,
  VotingEventType,
  VotingNotFoundError,
  VotingRuleError,
  VotingState,
  VOTING_EVENT_TYPES,
  castBallot,
  closeVoting,
  decideVerification,
  evolve,
  initialVotingState,
  registerVoter,
  scheduleVoting,
  votingStream,
} from '../domain';
import { BallotPool } from './ballot-pool';
import type { Entry } from './voting-entry';
import { UNVERIFIED_WARNING, votingStatus, votingView } from './voting-views';
import { VotingWrites, batchCapacity } from './voting-writes';
import { COUNCIL_RECORDER, ResultRecorder } from './result-recorder';
import {
  IdempotencyMetadata,
  IdempotencyRecord,
  IdempotentRequest,
  derivedReceipt,
  derivedVoterToken,
  keyHash,
  keyReused,
  storedSecret,
} from './idempotency';

/** The stream that lists every voting (so that closing times are armed again after a restart). */
export const VOTINGS_INDEX_STREAM = 'votings';
/** setTimeout cannot wait longer than 2^31-1 ms; longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Closed and recorded votings kept in memory (the rest are read again from their stream when asked for). */
const MAX_CLOSED_IN_MEMORY = 4;

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
 */
@Injectable()
export class VotingService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Votings');
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private pool!: BallotPool;
  /** Writes to the store: one voting's writes one at a time, ballots from the pool in batches. */
  private writes!: VotingWrites;
  private readonly bulletins = new Map<string, Array<CastBallotRecord & { batch: number }>>();
  /** Closed and recorded votings still in `entries`, oldest first (see retire). */
  private readonly closedInMemory: string[] = [];
  private stopped = false;
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
    // Every voting that is not closed, or whose result is not yet in the council, is loaded: its pool is
    // recovered and its closing time armed.
    const ids = new Set<string>(this.pool.votings());
    try {
      for await (const e of this.store.readStream(VOTINGS_INDEX_STREAM)) ids.add((e.data as { votingId: string }).votingId);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    for (const id of ids) {
      try {
        await this.entry(id);
      } catch (error) {
        if (!(error instanceof VotingNotFoundError)) this.logger.error(`voting ${id} could not be loaded: ${String(error)}`);
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    await Promise.allSettled([...this.entries.values()].map((e) => e.tail));
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
    const loaded = await this.tryEntry(votingId);
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
    await this.store.appendToStream(VOTINGS_INDEX_STREAM, [{ id: derivedId(`index:${votingId}`), type: 'VotingListed', data: { votingId, councilId } }]);
    const toWrite = events.map((e) => this.writes.toEventData(e, principal));
    if (hashed) toWrite[toWrite.length - 1].metadata!.idempotency = { keyHash: hashed, requestHash: idem!.requestHash, reply: { votingId } } satisfies IdempotencyMetadata;
    const appended = await this.store.appendToStream(votingStream(votingId), toWrite, { expectedRevision: 'no_stream' });
    this.entries.delete(votingId);
    const entry = await this.entry(votingId);
    const warnings = input.verification === 'none' ? [UNVERIFIED_WARNING] : undefined;
    if (warnings) this.logger.warn(`voting ${votingId} of council ${councilId}: ${UNVERIFIED_WARNING.message}`);
    return { votingId, eventIds: toWrite.map((e) => e.id), position: appended.position.toString(), status: votingStatus(entry), ...(warnings ? { warnings } : {}) };
  }

  async register(votingId: string, name: string, contact: string | undefined, idem?: IdempotentRequest) {
    const voterId = `v-${randomBytes(8).toString('hex')}`;
    // A keyed registration's token is derived from the key (under the service's secret): a retry gets it
    // again although only its hash is kept.
    const voterToken = idem ? derivedVoterToken(this.tokenSecret, votingId, idem.key) : `vt_${randomBytes(32).toString('base64url')}`;
    const entry = await this.entry(votingId);
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
    const entry = await this.entry(votingId);
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
    const entry = await this.entry(votingId);
    return entry.state.tokens.get(tokenHash(token));
  }

  /**
   * Accepts a ballot: every rule is checked, then the ballot and the voter's participation are committed
   * to the pool together. Only then is the receipt returned.
   */
  async cast(votingId: string, voterId: string, marks: Marks, keyed?: { key: string; voterToken: string }): Promise<{ receipt: string }> {
    const entry = await this.entry(votingId);
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
   * Closes the voting: waits for ballots still being made durable, moves every ballot in the pool to the
   * store (the last batch together with the close, in one append), counts, then records the result in the
   * council. A closed voting whose result is not yet in the council is recorded again.
   */
  async close(votingId: string, closedBy: 'request' | 'schedule', principal?: Principal, idem?: IdempotentRequest) {
    const entry = await this.entry(votingId);
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
      this.retire(entry);
      return { votingId, ...votingView(entry), councilRecording: { recorded: false, problem: refused } };
    }
    this.retire(entry);
    return { votingId, ...votingView(entry) };
  }

  // ---- reads ----------------------------------------------------------------------------------------

  /** The council's votings (from the index), each with its status and turnout. */
  async list(councilId: string) {
    const out: Array<Record<string, unknown>> = [];
    try {
      for await (const e of this.store.readStream(VOTINGS_INDEX_STREAM)) {
        const listed = e.data as { votingId: string; councilId: string };
        if (listed.councilId !== councilId) continue;
        const entry = await this.tryEntry(listed.votingId);
        if (!entry) continue;
        const { votingId, title, status, opensAt, closesAt, turnout } = { votingId: listed.votingId, ...votingView(entry) };
        out.push({ votingId, title, status, opensAt, closesAt, turnout });
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return out;
  }

  async get(votingId: string) {
    const entry = await this.entry(votingId);
    return { votingId, ...votingView(entry) };
  }

  /** Every ballot as stored (batch by batch, in each batch's shuffled order), for a closed voting. */
  async bulletin(votingId: string): Promise<{ entry: Entry; ballots: Array<CastBallotRecord & { batch: number }> }> {
    const entry = await this.entry(votingId);
    if (!entry.state.closed) {
      throw new VotingRuleError('voting-not-closed', 'The bulletin is published when the voting has closed.', { closesAt: entry.state.definition!.closesAt });
    }
    const cached = this.bulletins.get(votingId);
    if (cached) return { entry, ballots: cached };
    const ballots: Array<CastBallotRecord & { batch: number }> = [];
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

  // ---- the shell ------------------------------------------------------------------------------------

  private async tryEntry(votingId: string): Promise<Entry | undefined> {
    try {
      return await this.entry(votingId);
    } catch (error) {
      if (error instanceof VotingNotFoundError) return undefined;
      throw error;
    }
  }

  private entry(votingId: string): Promise<Entry> {
    const cached = this.entries.get(votingId);
    if (cached && !cached.stale) return Promise.resolve(cached);
    const running = this.loading.get(votingId);
    if (running) return running;
    const load = this.load(votingId).finally(() => this.loading.delete(votingId));
    this.loading.set(votingId, load);
    return load;
  }

  private async load(votingId: string): Promise<Entry> {
    const state = initialVotingState();
    const requests = new Map<string, IdempotencyRecord>();
    try {
      for await (const e of this.store.readStream(votingStream(votingId))) {
        this.fold(state, e);
        const keyed = e.metadata?.idempotency as IdempotencyMetadata | undefined;
        if (keyed) requests.set(keyed.keyHash, { requestHash: keyed.requestHash, reply: keyed.reply, eventIds: [e.id], position: e.position.toString() });
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new VotingNotFoundError('voting', votingId);
      throw error;
    }
    if (!state.definition) throw new VotingNotFoundError('voting', votingId);
    for (const voterId of this.pool.pendingVoters(votingId)) state.voted.add(voterId);
    const previous = this.entries.get(votingId);
    const entry: Entry = {
      votingId,
      state,
      unsealed: this.pool.unsealedCount(votingId),
      inFlight: previous?.inFlight ?? new Set(),
      closing: false,
      tail: previous?.tail.catch(() => undefined) ?? Promise.resolve(),
      flushQueued: false,
      writes: [],
      requests,
      keyedCasts: previous?.keyedCasts ?? new Map(),
    };
    if (previous) clearTimeout(previous.timer);
    this.entries.set(votingId, entry);
    if (this.pool.sealed(votingId)) await this.writes.exclusive(entry, () => this.writes.recoverSealed(entry));
    this.arm(entry);
    if (state.closed && state.recorded) this.retire(entry);
    if (state.closed && !state.recorded) void this.recordResult(entry).catch((e) => this.logger.warn(`voting ${votingId}: result not recorded in the council: ${String(e)}`));
    return entry;
  }

  private fold(state: VotingState, e: RecordedEvent): void {
    if (!VOTING_EVENT_TYPES.includes(e.type as VotingEventType)) return;
    evolve(state, { type: e.type, data: e.data, revision: e.revision } as NewVotingEvent & { revision: bigint });
  }

  /** Arms the automatic close at `closesAt` (at once when it has passed). */
  private arm(entry: Entry): void {
    clearTimeout(entry.timer);
    if (entry.state.closed || this.stopped) return;
    const wait = Date.parse(entry.state.definition!.closesAt) - Date.now();
    entry.timer = setTimeout(() => {
      if (Date.parse(entry.state.definition!.closesAt) > Date.now()) return this.arm(entry);
      this.close(entry.votingId, 'schedule').catch((e) => {
        if (!(e instanceof VotingRuleError && e.rule === 'voting-already-closed')) this.logger.warn(`voting ${entry.votingId}: automatic close failed: ${String(e)}`);
      });
    }, Math.max(0, Math.min(wait, MAX_TIMER_MS)));
    entry.timer.unref();
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

  /**
   * A closed voting needs little of its memory: the last few stay cached, older ones are dropped (voters,
   * token hashes, receipts) and read again from their stream if asked for (a load also retries recording a
   * result the council refused).
   */
  private retire(entry: Entry): void {
    if (!entry.state.closed || this.closedInMemory.includes(entry.votingId)) return;
    entry.receipts = undefined;
    this.closedInMemory.push(entry.votingId);
    while (this.closedInMemory.length > MAX_CLOSED_IN_MEMORY) {
      const oldest = this.closedInMemory.shift()!;
      const dropped = this.entries.get(oldest);
      if (dropped) clearTimeout(dropped.timer);
      this.entries.delete(oldest);
      this.bulletins.delete(oldest);
    }
  }

  private async recordResult(entry: Entry, principal?: Principal) {
    if (entry.state.recorded) return entry.state.recorded;
    const recorded = await this.recorder.record(entry.state, principal);
    await this.writes.write(entry, (state) => (state.recorded ? [] : [{ type: 'VotingResultRecorded', data: recorded }]));
    return recorded;
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

/** A uuid derived from a name (RFC 4122 v5 style), for writes that must be made once whatever the retries. */
export function derivedId(name: string): string {
  const bytes = createHash('sha1').update(`council-record:votings:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
