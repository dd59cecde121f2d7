import { EventStoreDBClient, START, streamNameFilter } from '@eventstore/db-client';
import type { AllStreamSubscription } from '@eventstore/db-client';
import {
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port';
import { InvalidAppendError } from '../errors';
import { DEFAULT_MAX_EVENT_BYTES, validateBatch } from '../validate-batch';
import { appendToEsdb } from './append';
import { EsdbContext, isAccessDenied, isTransient } from './context';
import { ownStreams, toEsdbPosition, toRecordedEvent } from './mapping';
import { headPosition, probeAll, readAllPage, readAllPaged, storeIdentity } from './read-all';
import { currentRevision, readStreamPaged } from './read-stream';
import { LiveSource, runResubscribingSubscription } from './subscribe';
import { closedSubscription } from '../catch-up-subscription';

export interface EventStoreDbOptions {
  /**
   * e.g. esdb://localhost:2113?tls=false — TLS is on unless the connection string turns it off. A secure
   * cluster needs credentials of a user in $admins (reading $all) and, with a private CA, its certificate:
   * esdb://admin:changeit@node1:2113,node2:2113,node3:2113?tlsCAFile=/certs/ca/ca.crt (docs/event-store.md).
   */
  connectionString: string;
  /** Largest serialized event (data + metadata) accepted, in bytes. Default 1 MiB, as for SQLite. */
  maxEventBytes?: number;
  /** Largest append (all its events), in bytes. Default 1 MiB: the server's own default maximum append size. */
  maxAppendBytes?: number;
  /** Events per read request. */
  pageSize?: number;
  /** Longest wait for one read page, its retries included (default 10 s): the client's reads have no deadline of their own. */
  readTimeoutMs?: number;
  /** Longest wait for the answer to one append attempt (default 10 s); the append then reads back whether it was written. */
  appendTimeoutMs?: number;
  /** Longest wait of close() for the appends in flight to settle (default 10 s). */
  closeDrainMs?: number;
  /**
   * The stream-name prefixes of this service's own streams (e.g. `council-`, `voting-`): reads of $all,
   * subscriptions and the head leave every other stream out, so another application writing to the same server
   * is never projected. Unset: every stream that is not a system stream.
   */
  streamPrefixes?: readonly string[];
  /** Attempts of one operation while the server answers not ready / too busy / not leader (default 4). */
  attempts?: number;
  retryDelayMs?: number;
  /** Backoff of automatic resubscription after a dropped subscription. */
  resubscribeInitialDelayMs?: number;
  resubscribeMaxDelayMs?: number;
  /** Where drops and failures are reported; by default the console. */
  log?: { warn(message: string): void; error(message: string): void };
}

/** The EventStore port on EventStoreDB (gRPC client 6.x). See docs/event-store.md for how semantics match. */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  /**
   * ESDB has no compare-on-event-id: checking it would take a read before the append, which a writer could
   * slip in behind. Callers must not build on uncommitted events here (CouncilWriter serialises instead).
   */
  readonly checksLastEventId = false;
  private readonly client: EventStoreDBClient;
  private readonly ctx: EsdbContext;
  private readonly maxEventBytes: number;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<Subscription>();
  private readonly log: { warn(message: string): void; error(message: string): void };
  /** New work refused (close() called). */
  private closing = false;
  /** The client disposed: calls in flight are cut. */
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** The last head found: a later walk back through system records stops there. */
  private knownHead: bigint | undefined;

  constructor(private readonly options: EventStoreDbOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.pageSize = options.pageSize ?? 500;
    this.log = options.log ?? { warn: (m) => console.warn(m), error: (m) => console.error(m) };
    const own = ownStreams(options.streamPrefixes);
    this.ctx = {
      client: this.client,
      readTimeoutMs: options.readTimeoutMs ?? 10_000,
      appendTimeoutMs: options.appendTimeoutMs ?? 10_000,
      ownStream: own.test,
      ownStreamsRegex: own.regex,
      attempts: options.attempts ?? 4,
      retryDelayMs: options.retryDelayMs ?? 200,
      isClosed: () => this.closed,
    };
  }

  /**
   * Start-up check: the service reads $all (projections, health), which a secure cluster only allows to
   * $admins. Fails with a message that names the missing right; a server that does not answer yet is
   * only logged (health reports it, and every operation retries).
   */
  async verifyAccess(): Promise<void> {
    try {
      await probeAll(this.ctx);
    } catch (error) {
      if (isAccessDenied(error)) {
        throw new Error(
          'EventStoreDB refused to read $all: the service needs a user in the $admins group (reading $all is ' +
            'an $admins right by default). Put its credentials in EVENTSTORE_CONNECTION_STRING, e.g. ' +
            'esdb://admin:changeit@node1:2113?tlsCAFile=/certs/ca/ca.crt, or grant read on $all to that user.',
        );
      }
      this.log.warn(`EventStoreDB did not answer the start-up check: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async appendToStream(
    streamId: string,
    events: readonly EventData[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    if (options.expectedLastEventId !== undefined) {
      throw new InvalidAppendError('This adapter cannot check expectedLastEventId (checksLastEventId is false)');
    }
    // The same check and the same limit as the SQLite adapter, on the same JSON text the client will send.
    const serialized = events.map((e) => ({
      id: e.id,
      type: e.type,
      data: JSON.stringify(e.data ?? null),
      metadata: JSON.stringify(e.metadata ?? {}),
    }));
    validateBatch(streamId, serialized, this.maxEventBytes, this.options.maxAppendBytes);
    // close() waits for appends in flight: cancelling one would answer 500 for a write that may be recorded.
    const append = appendToEsdb(this.ctx, streamId, events, options.expectedRevision ?? 'any');
    this.inFlight.add(append);
    try {
      return await append;
    } finally {
      this.inFlight.delete(append);
    }
  }

  /** Lazy, as SQLite's: a read after close() fails when it is iterated, not when it is asked for. */
  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    yield* readStreamPaged(this.ctx, streamId, options, this.pageSize);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    yield* readAllPaged(this.ctx, options, this.pageSize);
  }

  /** After close(), lazy as the reads are: the subscription's onError says the store is closed. */
  subscribeToAll(handler: SubscriptionHandler, options: SubscribeOptions = {}): Subscription {
    if (this.closing) return closedSubscription(handler, options.after);
    const batchSize = options.batchSize ?? this.pageSize;
    const subscription = runResubscribingSubscription({
      from: options.after,
      handler,
      batchSize,
      initialDelayMs: this.options.resubscribeInitialDelayMs,
      maxDelayMs: this.options.resubscribeMaxDelayMs,
      isTransient: (error) => isTransient(error) || isServerEnd(error),
      onDrop: (error, attempt, permanent) => {
        const message = `EventStoreDB subscription to $all dropped (attempt ${attempt}${permanent ? ', permanent: not resubscribing' : ', resubscribing'}): ${
          error instanceof Error ? error.message : String(error)
        }`;
        if (permanent) this.log.error(message);
        else this.log.warn(message);
      },
      toEvent: (resolved) => toRecordedEvent(resolved, this.ctx.ownStream),
      readPage: (after, maxCount) => readAllPage(this.ctx, after, maxCount),
      head: () => this.headPosition(),
      open: (after, onCheckpoint) =>
        this.client.subscribeToAll(
          {
            // Exclusive: an ESDB subscription from a position starts with the record after it.
            fromPosition: after === undefined ? START : toEsdbPosition(after),
            filter: streamNameFilter({
              regex: this.ctx.ownStreamsRegex,
              checkpointReached: (_subscription: AllStreamSubscription, position) => onCheckpoint(position),
            }),
          },
          // The client buffers 16 records by default, which caps a batch at about twice that.
          { highWaterMark: batchSize },
        ) as unknown as LiveSource,
    });
    const tracked: Subscription = {
      get checkpoint() {
        return subscription.checkpoint;
      },
      stop: async () => {
        this.subscriptions.delete(tracked);
        await subscription.stop();
      },
    };
    this.subscriptions.add(tracked);
    return tracked;
  }

  async streamExists(streamId: string): Promise<boolean> {
    return (await this.streamRevision(streamId)) !== undefined;
  }

  async streamRevision(streamId: string): Promise<bigint | undefined> {
    this.assertOpen();
    return currentRevision(this.ctx, streamId);
  }

  async headPosition(): Promise<bigint | undefined> {
    this.assertOpen();
    const head = await headPosition(this.ctx, this.knownHead);
    if (head !== undefined) this.knownHead = head;
    return head;
  }

  async identity(): Promise<string | undefined> {
    this.assertOpen();
    return storeIdentity(this.ctx);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    // Appends in flight settle first (written and acknowledged, or refused), within a bound.
    const drainMs = this.options.closeDrainMs ?? 10_000;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => setTimeout(resolve, drainMs).unref()),
    ]);
    this.closed = true;
    // dispose() cancels the calls in flight and waits for them; it leaves the channel open, so close it.
    await Promise.race([this.client.dispose(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await closeChannel(this.client);
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('The event store is closed');
  }
}

/** The server ending a subscription call (a restart, a leader change) is a drop to heal, not a failure. */
function isServerEnd(error: unknown): boolean {
  return error instanceof Error && error.message === 'the server ended the subscription';
}

/**
 * Closes the client's gRPC channel. The client keeps it in a private field and only exposes getChannel(),
 * which would create (and, for a cluster, discover) one when none exists yet, so it is bounded in time.
 */
async function closeChannel(client: EventStoreDBClient): Promise<void> {
  const internal = client as unknown as { getChannel?: () => Promise<{ close(): void }> };
  if (typeof internal.getChannel !== 'function') return;
  const channel = await Promise.race([
    internal.getChannel().catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1000).unref()),
  ]);
  channel?.close();
}
