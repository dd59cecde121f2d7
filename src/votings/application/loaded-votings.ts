import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { StreamNotFoundError } from '../../event-store/errors';
import {
  NewVotingEvent,
  VotingEventType,
  VotingNotFoundError,
  VotingRuleError,
  VotingState,
  VOTING_EVENT_TYPES,
  evolve,
  initialVotingState,
  votingStream,
} from '../domain';
import type { BallotPool } from './ballot-pool';
import type { IdempotencyMetadata, IdempotencyRecord } from './idempotency';
import type { Entry } from './voting-entry';
import type { VotingWrites } from './voting-writes';
import { listedVotings } from './votings-index';

/** setTimeout cannot wait longer than 2^31-1 ms; longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Closed and recorded votings kept in memory (the rest are read again from their stream when asked for). */
const MAX_CLOSED_IN_MEMORY = 4;

/** What VotingService does when a loaded voting needs it. */
export interface LoadedVotingHooks {
  /** The voting's closing time has come. */
  closeOnSchedule(votingId: string): Promise<unknown>;
  /** The voting is closed and its result is not yet in the council. */
  recordResult(entry: Entry): Promise<unknown>;
  /** The voting was dropped from memory (what is cached for it can go too). */
  dropped(votingId: string): void;
}

/**
 * The votings in memory: each loaded from its stream plus what waits for it in the ballot pool (a batch
 * sealed before a crash is appended or dropped), armed to close at its closing time, and retired once
 * closed. At start, every voting that may still need work is loaded again (`recover`).
 */
export class LoadedVotings {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  /** Closed and recorded votings still in `entries`, oldest first (see retire). */
  private readonly closedInMemory: string[] = [];
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly pool: BallotPool,
    private readonly writes: VotingWrites,
    private readonly logger: Logger,
    private readonly hooks: LoadedVotingHooks,
  ) {}

  async recover(): Promise<void> {
    // Every voting that is not closed, or whose result is not yet in the council, is loaded: its pool is
    // recovered and its closing time armed.
    const ids = new Set<string>(this.pool.votings());
    for await (const listed of listedVotings(this.store)) ids.add(listed.votingId);
    for (const id of ids) {
      try {
        await this.entry(id);
      } catch (error) {
        if (!(error instanceof VotingNotFoundError)) this.logger.error(`voting ${id} could not be loaded: ${String(error)}`);
      }
    }
  }

  /** No closing time is armed from here on; resolves once every voting's writes have settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    await Promise.allSettled([...this.entries.values()].map((e) => e.tail));
  }

  async tryEntry(votingId: string): Promise<Entry | undefined> {
    try {
      return await this.entry(votingId);
    } catch (error) {
      if (error instanceof VotingNotFoundError) return undefined;
      throw error;
    }
  }

  entry(votingId: string): Promise<Entry> {
    const cached = this.entries.get(votingId);
    if (cached && !cached.stale) return Promise.resolve(cached);
    const running = this.loading.get(votingId);
    if (running) return running;
    const load = this.load(votingId).finally(() => this.loading.delete(votingId));
    this.loading.set(votingId, load);
    return load;
  }

  /** The voting read again from its stream (after a write made outside its entry: its schedule). */
  reload(votingId: string): Promise<Entry> {
    this.entries.delete(votingId);
    return this.entry(votingId);
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
    if (state.closed && !state.recorded) void this.hooks.recordResult(entry).catch((e) => this.logger.warn(`voting ${votingId}: result not recorded in the council: ${String(e)}`));
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
      this.hooks.closeOnSchedule(entry.votingId).catch((e) => {
        if (!(e instanceof VotingRuleError && e.rule === 'voting-already-closed')) this.logger.warn(`voting ${entry.votingId}: automatic close failed: ${String(e)}`);
      });
    }, Math.max(0, Math.min(wait, MAX_TIMER_MS)));
    entry.timer.unref();
  }

  /**
   * A closed voting needs little of its memory: the last few stay cached, older ones are dropped (voters,
   * token hashes, receipts) and read again from their stream if asked for (a load also retries recording a
   * result the council refused).
   */
  retire(entry: Entry): void {
    if (!entry.state.closed || this.closedInMemory.includes(entry.votingId)) return;
    entry.receipts = undefined;
    this.closedInMemory.push(entry.votingId);
    while (this.closedInMemory.length > MAX_CLOSED_IN_MEMORY) {
      const oldest = this.closedInMemory.shift()!;
      const dropped = this.entries.get(oldest);
      if (dropped) clearTimeout(dropped.timer);
      this.entries.delete(oldest);
      this.hooks.dropped(oldest);
    }
  }
}
