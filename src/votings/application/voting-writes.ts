import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import type { EventData, EventStore } from '../../event-store/event-store.port';
import type { Principal } from '../../council/application/request-context';
import { BallotDefinition, NewVotingEvent, VotingState, evolve, recordBatch, votingStream } from '../domain';
import { BallotPool, SealedBatch } from './ballot-pool';
import { IdempotencyMetadata, IdempotencyRecord, keyReused } from './idempotency';
import type { Entry, QueuedWrite, Written } from './voting-entry';

/** Largest number of ballots in one BallotsCast event (the store's event size limit may allow fewer). */
export const MAX_BATCH = 1000;

/**
 * How many ballots of this voting fit in one event, at their largest (every list fully marked with its
 * longest candidate ids), within half of the store's largest event: the batch size cap.
 */
export function batchCapacity(ballots: BallotDefinition[], maxEventBytes: number): number {
  const worst =
    80 + ballots.reduce((n, b) => n + b.key.length + 6 + b.maxMarks * (3 + Math.max(...b.candidates.map((c) => Buffer.byteLength(c.candidateId)))), 0);
  return Math.min(MAX_BATCH, Math.floor(maxEventBytes / 2 / worst));
}

/**
 * How the votings reach the store: writes to one voting one at a time (registrations and verifications
 * that arrive together decided and appended as one), and ballots moved from the pool in shuffled batches,
 * sealed in the pool first so that a crash can neither lose nor double one. VotingService decides what to
 * write; this writes it.
 */
export class VotingWrites {
  constructor(
    private readonly store: EventStore,
    private readonly config: AppConfig,
    private readonly pool: BallotPool,
    private readonly logger: Logger,
  ) {}

  /** Runs `fn` after every earlier write to this voting has settled. */
  exclusive<T>(entry: Entry, fn: () => Promise<T>): Promise<T> {
    const run = entry.tail.then(fn, fn);
    entry.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Decides on the current state and appends. Writes that arrive while an append is in flight are decided
   * together (each on the recorded state: registrations and verifications do not depend on each other) and
   * appended as one, so a burst of registrations costs one durable commit, not one each.
   */
  write(entry: Entry, decide: (state: VotingState) => NewVotingEvent[], principal?: Principal, idempotency?: IdempotencyMetadata): Promise<Written> {
    return new Promise((resolve, reject) => {
      this.enqueue(entry, { decide, principal, idempotency, resolve, reject });
    });
  }

  private enqueue(entry: Entry, item: QueuedWrite): void {
    entry.writes.push(item);
    if (entry.writes.length === 1) void this.exclusive(entry, () => this.drainWrites(entry));
  }

  /**
   * The record of a keyed request already made in this voting: undefined when the key is new here (or there
   * is no key), the record when it is the same request again, 422 when the key came with another request.
   */
  replay(entry: Entry, hashed: string | undefined, idem: { requestHash: string } | undefined): IdempotencyRecord | undefined {
    const known = hashed ? entry.requests.get(hashed) : undefined;
    if (known && known.requestHash !== idem!.requestHash) throw keyReused();
    return known;
  }

  private async drainWrites(entry: Entry): Promise<void> {
    const items = entry.writes.splice(0, entry.writes.length);
    const decided: Array<{ item: QueuedWrite; events: NewVotingEvent[] }> = [];
    // A key seen twice in one drain: the second waits for the first's append and is answered from it.
    const keys = new Set<string>();
    const later: QueuedWrite[] = [];
    for (const item of items) {
      if (item.idempotency) {
        try {
          const known = this.replay(entry, item.idempotency.keyHash, item.idempotency);
          if (known) {
            item.resolve({ eventIds: known.eventIds, position: known.position, replayed: known });
            continue;
          }
        } catch (error) {
          item.reject(error);
          continue;
        }
        if (keys.has(item.idempotency.keyHash)) {
          later.push(item);
          continue;
        }
        keys.add(item.idempotency.keyHash);
      }
      try {
        decided.push({ item, events: item.decide(entry.state) });
      } catch (error) {
        item.reject(error);
      }
    }
    const events = decided.flatMap((d) => {
      const data = d.events.map((e) => ({ event: e, data: this.toEventData(e, d.item.principal) }));
      // The key's record travels on the request's last event: recorded together with its effect, or not at all.
      if (d.item.idempotency && data.length > 0) data[data.length - 1].data.metadata!.idempotency = d.item.idempotency;
      return data;
    });
    for (const item of later) this.enqueue(entry, item);
    if (events.length === 0) {
      for (const d of decided) d.item.resolve({ eventIds: [], position: '' });
      return;
    }
    let position: string;
    try {
      position = await this.append(entry, events);
    } catch (error) {
      for (const d of decided) d.item.reject(error);
      return;
    }
    let i = 0;
    for (const d of decided) {
      const ids = events.slice(i, i + d.events.length).map((e) => e.data.id);
      i += d.events.length;
      d.item.resolve({ eventIds: ids, position });
    }
  }

  /** Appends at the voting's revision and folds the events in once they are recorded. */
  private async append(entry: Entry, events: Array<{ event: NewVotingEvent; data: EventData }>): Promise<string> {
    const expectedRevision = entry.state.revision ?? 'no_stream';
    try {
      const result = await this.store.appendToStream(votingStream(entry.votingId), events.map((e) => e.data), { expectedRevision });
      let revision = result.nextExpectedRevision - BigInt(events.length - 1);
      for (const { event } of events) evolve(entry.state, { ...event, revision: revision++ });
      for (const { data } of events) {
        const keyed = data.metadata?.idempotency as IdempotencyMetadata | undefined;
        if (keyed) entry.requests.set(keyed.keyHash, { requestHash: keyed.requestHash, reply: keyed.reply, eventIds: [data.id], position: result.position.toString() });
      }
      return result.position.toString();
    } catch (error) {
      entry.stale = true; // another writer (or a failed disk) — reload from the record before the next write
      throw error;
    }
  }

  toEventData(e: NewVotingEvent, principal?: Principal): EventData {
    // Ballots and participation carry no request metadata at all: no principal, no request id, no time.
    const anonymous = e.type === 'BallotsCast' || e.type === 'VotersParticipated';
    const metadata = anonymous || !principal ? {} : { recordedBy: { tokenId: principal.tokenId, label: principal.label, role: principal.role } };
    return { id: randomUUID(), type: e.type, data: e.data, metadata };
  }

  queueFlush(entry: Entry): void {
    if (entry.flushQueued || entry.closing) return;
    entry.flushQueued = true;
    void this.exclusive(entry, async () => {
      entry.flushQueued = false;
      if (entry.state.closed || entry.stale) return;
      await this.recoverSealed(entry);
      const minBatch = entry.state.definition!.minBatch;
      // Keep minBatch ballots back, so that the last batch at closing is as large as the others.
      while (entry.unsealed >= this.flushAt(entry) && !entry.closing) {
        await this.appendBatch(entry, this.seal(entry, Math.min(this.capacity(entry), entry.unsealed - minBatch)), []);
      }
    }).catch((e) => this.logger.warn(`voting ${entry.votingId}: batch not appended (it stays in the pool): ${String(e)}`));
  }

  /**
   * A batch leaves the pool once `minBatch` + max(`minBatch`, VOTING_BATCH_TARGET) ballots wait: it takes
   * all but `minBatch` of them. Larger batches mean a larger crowd for each ballot and fewer commits.
   */
  flushAt(entry: Entry): number {
    const minBatch = entry.state.definition!.minBatch;
    return minBatch + Math.max(minBatch, this.config.votingBatchTarget ?? minBatch);
  }

  capacity(entry: Entry): number {
    return batchCapacity(entry.state.definition!.ballots, this.appendLimit());
  }

  /** The largest event, or append, the store takes (whichever is smaller). */
  appendLimit(): number {
    return Math.min(this.config.maxEventBytes ?? 1024 * 1024, this.config.maxAppendBytes ?? 1024 * 1024);
  }

  seal(entry: Entry, limit: number): SealedBatch {
    const sealed = this.pool.seal(entry.votingId, entry.state.batches, limit);
    entry.unsealed -= sealed.ballots.length;
    return sealed;
  }

  /** A batch sealed before a crash: dropped if the store has it, appended otherwise. */
  async recoverSealed(entry: Entry): Promise<void> {
    const sealed = this.pool.sealed(entry.votingId);
    if (!sealed) return;
    if (sealed.batch < entry.state.batches) this.pool.drop(entry.votingId, sealed.batch);
    else await this.appendBatch(entry, sealed, []);
  }

  /** Appends a sealed batch (if any) followed by further decisions, in one append; then empties the batch from the pool. */
  async appendBatch(
    entry: Entry,
    sealed: SealedBatch | undefined,
    then: Array<(state: VotingState) => NewVotingEvent[]>,
    principal?: Principal,
    idempotency?: IdempotencyMetadata,
  ): Promise<void> {
    const events: NewVotingEvent[] = [];
    // Decisions are made on the state with the batch folded in (the close counts the last batch); the
    // state is then re-read on failure (`stale`), so a batch that did not land is never counted.
    const scratch = entry.state;
    if (sealed) {
      const batchEvents = recordBatch(scratch, sealed.batch, sealed.voterIds, sealed.ballots);
      events.push(...batchEvents);
    }
    if (then.length) {
      const speculative = cloneForDecision(scratch, events);
      for (const decide of then) events.push(...decide(speculative));
    }
    if (events.length === 0) return;
    const data = events.map((e) => ({ event: e, data: this.toEventData(e, principal) }));
    // Only the decisions after the batch (the close) carry the key's record: ballots and participation carry none.
    if (idempotency && then.length) data[data.length - 1].data.metadata!.idempotency = idempotency;
    await this.append(entry, data);
    if (sealed) {
      if (entry.receipts) for (const b of sealed.ballots) entry.receipts.set(b.receipt, b.marks);
      this.pool.drop(entry.votingId, sealed.batch);
    }
  }
}

/** A state to decide on with `events` folded in, leaving `state` untouched (only what closing reads is copied). */
function cloneForDecision(state: VotingState, events: NewVotingEvent[]): VotingState {
  const copy: VotingState = {
    ...state,
    ballots: new Map([...state.ballots].map(([k, b]) => [k, { ...b, marks: [...b.marks] }])),
    voted: new Set(state.voted),
  };
  for (const e of events) evolve(copy, e);
  return copy;
}
