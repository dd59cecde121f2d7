import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EVENT_STORE, EventData, EventStore } from '../../event-store/event-store.port';
import { AppendTooLargeError, StoreUnavailableError, StreamNotFoundError, VersionConflictError } from '../../event-store/errors';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CouncilCommand } from '../domain/commands';
import { Decision, decide } from '../domain/decide';
import { evolve, rememberRequest } from '../domain/evolve';
import { CouncilState } from '../domain/state';
import { CouncilEvent, EventMetadataV1, councilStream } from '../domain/events';
import { NotFoundError } from '../domain/errors';
import { RequestContext, claimOf, deterministicEventId, eventMetadata } from './request-context';
import { claimConflict, outcomeUnknownProblem } from './claim-problems';
import { BatchItemError, FactPlan, StepError, singleStep } from './fact-plan';
import { Speculation } from './speculation';
import { CachedCouncil, CouncilCache } from './council-cache';

export interface WriteResult {
  eventIds: string[];
  position: string;
  [reply: string]: unknown;
}

/** A batch deciding longer than this lets the event loop run (other requests, health) before its next item. */
const DECIDE_SLICE_MS = 10;

/** An item of a batch: its plan and the path it was sent to (named when it is refused). */
export interface BatchWorkItem {
  plan: FactPlan;
  path?: string;
}

interface Work {
  items: BatchWorkItem[];
  /** A batch answers { results } and wraps a refusal in BatchItemError; a single request answers its reply. */
  batch: boolean;
}

/**
 * The thin shell around decide(): load the council's state, decide, append at the expected revision,
 * retry when another write won the race. States are cached per council and, when the store checks
 * `expectedLastEventId`, advanced speculatively: a second command on the same council is decided on top of
 * the first one's events before they are committed, so both reach the store in one group commit. Each
 * append names the id of the event its decision builds on, so one decided on events that were never
 * committed fails (even when another writer has filled that revision meanwhile) and is retried on a fresh
 * load: a speculation can never leak into the record. Any failed append drops the cached state.
 * On a store that cannot check the id (EventStoreDB), commands on one council are serialised instead.
 */
@Injectable()
export class CouncilWriter {
  private readonly councils: CouncilCache;
  private readonly inFlight = new Map<string, { requestHash: string; result: Promise<WriteResult> }>();
  /** Per council, the tail of the queue of attempts (only when the store does not check the last event id). */
  private readonly serialized = new Map<string, Promise<void>>();
  /** Per council, a batch that is deciding across event-loop turns: other attempts on it wait until it is done. */
  private readonly deciding = new Map<string, Promise<void>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.councils = new CouncilCache(store);
  }

  /** One command: the reply is decide()'s reply plus eventIds and position. */
  execute(councilId: string, command: CouncilCommand, context: RequestContext): Promise<WriteResult> {
    return this.executePlan(councilId, singleStep(command), context);
  }

  /** One request that may decide several commands (a roll call): decided in order, appended together. */
  executePlan(councilId: string, plan: FactPlan, context: RequestContext): Promise<WriteResult> {
    return this.run(councilId, { items: [{ plan }], batch: false }, context);
  }

  /**
   * Many requests as one: each item decided on the state the items before it left, all events appended at
   * one expected revision (all or nothing). A refused item throws BatchItemError naming its index.
   */
  executeBatch(councilId: string, items: BatchWorkItem[], context: RequestContext): Promise<WriteResult> {
    return this.run(councilId, { items, batch: true }, context);
  }

  private async run(councilId: string, work: Work, context: RequestContext): Promise<WriteResult> {
    const claim = claimOf(context);
    const key = claim !== undefined ? `${councilId}\u0000${claim}` : undefined;
    if (key) {
      const running = this.inFlight.get(key);
      if (running) {
        if (running.requestHash !== context.requestHash) throw claimConflict(context, 'in-use');
        return running.result;
      }
    }
    const result = this.executeWithRetries(councilId, work, context);
    if (key) {
      this.inFlight.set(key, { requestHash: context.requestHash, result });
      result.finally(() => this.inFlight.delete(key)).catch(() => undefined);
    }
    return result;
  }

  /** The state of a council as the record stands (for lookups such as a correction's original type). */
  async currentState(councilId: string): Promise<CouncilState> {
    return (await this.councils.entry(councilId)).state;
  }

  private async executeWithRetries(councilId: string, work: Work, context: RequestContext): Promise<WriteResult> {
    const attempts = this.config.commandRetries;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.exclusiveUnlessChecked(councilId, () => this.attempt(councilId, work, context));
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= attempts) throw error;
      }
    }
  }

  /**
   * Runs `fn` directly when the store checks expectedLastEventId (speculation is safe); otherwise only after
   * every earlier attempt on this council has settled, so no decision is made on uncommitted events.
   */
  private async exclusiveUnlessChecked<T>(councilId: string, fn: () => Promise<T>): Promise<T> {
    if (this.store.checksLastEventId) return fn();
    const previous = this.serialized.get(councilId);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous ? previous.then(() => mine) : mine;
    this.serialized.set(councilId, tail);
    if (previous) await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.serialized.get(councilId) === tail) this.serialized.delete(councilId);
    }
  }

  private async attempt(councilId: string, work: Work, context: RequestContext): Promise<WriteResult> {
    let entry: CachedCouncil;
    for (;;) {
      const busy = this.deciding.get(councilId);
      if (busy) {
        await busy;
        continue;
      }
      entry = await this.councils.entry(councilId);
      if (!this.deciding.has(councilId)) break;
    }
    // From here to the append no other command interleaves on this entry: deciding is synchronous, except
    // a long batch's, which lets the event loop run between items while it holds `deciding` for the council.
    const state = entry.state;
    // The request's claim: its Idempotency-Key, else its request id (decision 36). Recorded before: replay.
    const key = claimOf(context);
    const previous = key !== undefined ? state.requests.get(key) : undefined;
    if (previous) {
      this.assertSameRequest(previous.requestHash, context);
      if (previous.revision !== undefined) return this.replayRequestId(councilId, key!, previous.revision, previous.events ?? 1);
      return { ...(previous.reply as object), eventIds: previous.eventIds, position: previous.position.toString() };
    }
    const expectedRevision = state.revision === undefined ? ('no_stream' as const) : state.revision;
    const expectedLastEventId = this.store.checksLastEventId && state.revision !== undefined ? entry.lastEventId : undefined;
    const recordedAt = new Date();
    const toWrite: EventData[] = [];
    const replies: Array<Record<string, unknown>> = [];
    // Decide each step on the state the steps before it left: their events are evolved into the cached
    // state at once (speculation). A refusal undoes them (Speculation), so nothing decided here survives.
    let revision = state.revision ?? -1n;
    const speculation = new Speculation(entry);
    const slices = work.batch && work.items.length > 1 ? this.decideInSlices(councilId) : undefined;
    let appendBytes = 0;
    try {
      for (const [index, item] of work.items.entries()) {
        if (slices) await slices.next();
        try {
          const stepReplies: Array<Record<string, unknown>> = [];
          for (const step of item.plan.steps) {
            let decision: Decision;
            try {
              const found = typeof step.command !== 'function' && step.command.kind === 'FoundCouncil';
              if (!entry.state.council && !found) throw new NotFoundError('council', councilId);
              const command = typeof step.command === 'function' ? step.command(entry.state) : step.command;
              decision = decide(entry.state, command);
            } catch (error) {
              throw step.label ? new StepError(step.label, error) : error;
            }
            for (const event of decision.events) {
              const id = key !== undefined ? deterministicEventId(councilId, key, toWrite.length) : randomUUID();
              const metadata = eventMetadata(context, item.plan.source ?? context.source);
              toWrite.push({ id, type: event.type, data: event.data, metadata });
              appendBytes += Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(metadata));
              speculation.before({ id, type: event.type, data: event.data, idempotencyKey: key });
              revision += 1n;
              entry.state = evolve(entry.state, {
                ...event,
                id,
                metadata: metadata as unknown as EventMetadataV1,
                revision,
                position: -1n,
                recordedAt,
              } as CouncilEvent);
              entry.lastEventId = id;
            }
            stepReplies.push(decision.reply);
          }
          replies.push(item.plan.reply ? item.plan.reply(stepReplies) : stepReplies[0]);
        } catch (error) {
          await this.undo(councilId, entry, speculation, slices);
          throw work.batch ? new BatchItemError(index, work.items[index].path ?? '', error) : error;
        }
        // As soon as the events decided so far are over what one append takes, stop: 413, nothing kept.
        if (appendBytes > this.config.maxAppendBytes) {
          await this.undo(councilId, entry, speculation, slices);
          throw new AppendTooLargeError(councilStream(councilId), toWrite.length, appendBytes, this.config.maxAppendBytes);
        }
      }
    } finally {
      slices?.done();
    }
    const reply = work.batch ? { results: replies } : replies[0];
    if (key !== undefined && toWrite.length > 0) {
      // The reply is known once every step is decided: it travels on the last event (read back by evolve).
      const last = toWrite[toWrite.length - 1];
      last.metadata!.reply = reply;
      if (context.idempotencyKey === undefined) {
        // A request id's claim is all on the last event (its ids derive from it: the count names them).
        Object.assign(last.metadata!, { requestId: context.requestId, requestHash: context.requestHash, requestEvents: toWrite.length });
        rememberRequest(entry.state, { id: last.id, metadata: last.metadata as unknown as EventMetadataV1, position: -1n, revision });
      } else {
        const request = entry.state.requests.get(key);
        if (request) request.reply = reply;
      }
    }
    let result;
    try {
      // The claim is the request's own events (key or request id, request hash and reply in their metadata,
      // ids derived from the council and the claim): recorded in this one append, or not at all.
      result = await this.store.appendToStream(councilStream(councilId), toWrite, { expectedRevision, expectedLastEventId });
    } catch (error) {
      this.councils.drop(councilId, entry);
      throw outcomeUnknownProblem(error, context);
    }
    const request = key !== undefined ? entry.state.requests.get(key) : undefined;
    if (request && request.position < 0n) request.position = result.position;
    this.councils.markRecentlyUsed(councilId, entry);
    return { ...reply, eventIds: toWrite.map((e) => e.id), position: result.position.toString() };
  }

  /**
   * Undoes a refused request's speculation, or drops the entry when it cannot be undone. Other attempts on
   * the council wait meanwhile (a batch holds `deciding` already; a single request takes it here).
   */
  private async undo(councilId: string, entry: CachedCouncil, speculation: Speculation, held?: { done(): void }): Promise<void> {
    const hold = held ?? (this.deciding.has(councilId) ? undefined : this.decideInSlices(councilId));
    try {
      if (!(await speculation.undo(() => nextTurn(), DECIDE_SLICE_MS))) this.councils.drop(councilId, entry);
    } finally {
      if (!held) hold?.done();
    }
  }

  /**
   * Marks the council as deciding a batch and returns `next()`, which lets the event loop run once the
   * batch has decided for DECIDE_SLICE_MS, and `done()`. Other attempts on the council wait meanwhile
   * (see attempt), so nothing is decided on top of a batch that is still being decided.
   */
  private decideInSlices(councilId: string): { next(): Promise<void>; done(): void } {
    let release!: () => void;
    this.deciding.set(councilId, new Promise<void>((resolve) => (release = resolve)));
    let since = performance.now();
    return {
      next: async () => {
        if (performance.now() - since < DECIDE_SLICE_MS) return;
        await nextTurn();
        since = performance.now();
      },
      done: () => {
        this.deciding.delete(councilId);
        release();
      },
    };
  }

  private assertSameRequest(requestHash: string, context: RequestContext): void {
    if (requestHash !== context.requestHash) throw claimConflict(context, 'reused');
  }

  /**
   * The first reply to a keyless request resent with its X-Request-Id: read back from the metadata of the
   * request's last event (at `revision`); its ids are derived from the claim.
   */
  private async replayRequestId(councilId: string, claim: string, revision: bigint, events: number): Promise<WriteResult> {
    const eventIds = Array.from({ length: events }, (_, index) => deterministicEventId(councilId, claim, index));
    try {
      for await (const recorded of this.store.readStream(councilStream(councilId), { fromRevision: revision, maxCount: 1 })) {
        if (recorded.id.toLowerCase() !== eventIds[events - 1]) break;
        const reply = (recorded.metadata as { reply?: object } | undefined)?.reply;
        return { ...reply, eventIds, position: recorded.position.toString() };
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    // A node that has not caught up with the write yet (an EventStoreDB follower): nothing is decided or
    // written here, and the same resend a moment later replays.
    throw new StoreUnavailableError(`the first reply to this request (X-Request-Id) is recorded at revision ${revision} of ${councilStream(councilId)} but not readable yet`, 1);
  }
}
