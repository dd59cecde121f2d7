import { EventStoreDBClient, START, streamNameFilter } from '@eventstore/db-client';
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
import { DOMAIN_STREAMS_REGEX, toEsdbPosition, toRecordedEvent } from './mapping';
import { headPosition, readAllPaged } from './read-all';
import { currentRevision, readStreamPaged } from './read-stream';
import { runResubscribingSubscription } from './subscribe';

export interface EventStoreDbOptions {
  /** e.g. esdb://localhost:2113?tls=false — TLS is on unless the connection string turns it off. */
  connectionString: string;
  /** Largest serialized event (data + metadata) accepted, in bytes. Default 1 MiB, as for SQLite. */
  maxEventBytes?: number;
  /** Largest append (all its events), in bytes. Default 1 MiB: the server's own default maximum append size. */
  maxAppendBytes?: number;
  /** Events per read request. */
  pageSize?: number;
  /** Backoff of automatic resubscription after a dropped subscription. */
  resubscribeInitialDelayMs?: number;
  resubscribeMaxDelayMs?: number;
  onSubscriptionDrop?(error: unknown, attempt: number): void;
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
  private readonly maxEventBytes: number;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: EventStoreDbOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.pageSize = options.pageSize ?? 500;
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
    return appendToEsdb(this.client, streamId, events, options.expectedRevision ?? 'any');
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    return readStreamPaged(this.client, streamId, options, this.pageSize);
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    return readAllPaged(this.client, options, this.pageSize);
  }

  subscribeToAll(handler: SubscriptionHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = runResubscribingSubscription({
      from: options.after,
      handler,
      batchSize: options.batchSize ?? this.pageSize,
      initialDelayMs: this.options.resubscribeInitialDelayMs,
      maxDelayMs: this.options.resubscribeMaxDelayMs,
      onDrop: this.options.onSubscriptionDrop,
      toEvent: toRecordedEvent,
      open: (after) =>
        this.client.subscribeToAll({
          // Exclusive: an ESDB subscription from a position starts with the record after it.
          fromPosition: after === undefined ? START : toEsdbPosition(after),
          filter: streamNameFilter({ regex: DOMAIN_STREAMS_REGEX }),
        }),
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
    return currentRevision(this.client, streamId);
  }

  async headPosition(): Promise<bigint | undefined> {
    this.assertOpen();
    return headPosition(this.client);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}
