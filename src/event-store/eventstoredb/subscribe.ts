import type { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import { RecordedEvent, Subscription, SubscriptionHandler } from '../event-store.port';
import { SubscriptionFailedError } from '../errors';

/** What the adapter needs of a client subscription (the client's AllStreamSubscription). */
export interface LiveSource {
  read(): AllStreamResolvedEvent | null;
  readonly readableLength: number;
  on(event: 'readable' | 'end' | 'close' | 'caughtUp', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
  resume(): unknown;
  once(event: 'end' | 'close', listener: () => void): unknown;
  unsubscribe(): Promise<void>;
  destroy(): unknown;
}

export interface ResubscribingOptions {
  /**
   * Opens a server subscription strictly after the checkpoint (from the start when undefined), buffering
   * up to `batchSize` records; `onCheckpoint` is told each checkpoint the server sends for a filtered
   * subscription (the position it has searched up to).
   */
  open(after: bigint | undefined, onCheckpoint: (position: Position) => void): LiveSource;
  /**
   * The position of the last event the subscription will deliver at the moment it opens (the port's head).
   * Caught up is signalled once the handler has been given it, whether or not the server says so: servers
   * before 23.10 never send caughtUp.
   */
  head(): Promise<bigint | undefined>;
  /** Maps a record; undefined for records the port hides (system streams). */
  toEvent(resolved: AllStreamResolvedEvent): RecordedEvent | undefined;
  /**
   * One page of history: up to `maxCount` records strictly after `after` (events the port hides left out),
   * `done` when the server had no more, `lastRaw` the last record's position (where to go on from).
   */
  readPage(after: bigint | undefined, maxCount: number): Promise<{ events: RecordedEvent[]; done: boolean; lastRaw: bigint | undefined }>;
  /** Whether a drop may heal by resubscribing (unavailable, leader change, server end) or is for good. */
  isTransient(error: unknown): boolean;
  from: bigint | undefined;
  handler: SubscriptionHandler;
  batchSize: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Told about each drop (for logs), transient or not. */
  onDrop?(error: unknown, attempt: number, permanent: boolean): void;
}

class HandlerFailed {
  constructor(readonly error: unknown) {}
}

/**
 * A catch-up subscription to $all that survives transient drops. ESDB's client does not resubscribe on its
 * own, so when the server stream errors or ends we open a new one from the last checkpoint handed to the
 * handler (with exponential backoff); events received but not yet handed over are simply read again. Every
 * drop is reported to onDrop; a permanent one (access denied, invalid position) stops the subscription
 * and reaches the handler's onError as SubscriptionFailedError.
 *
 * Caught up: the head is read before each open, and onCaughtUp is signalled once the handler has been
 * given everything up to it, or when the server says caughtUp or sends a checkpoint at or past it. A
 * server signal arrives while the events before it may still sit in the client's buffer, so we note how
 * many records had arrived by then and signal only once the handler has been given all of them.
 */
export function runResubscribingSubscription(options: ResubscribingOptions): Subscription {
  const { handler, batchSize } = options;
  const initialDelay = options.initialDelayMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 5000;
  let checkpoint = options.from;
  let stopped = false;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const consume = async (head: bigint | undefined, onProgress: () => void): Promise<void> => {
    let received = 0; // records taken from the source's buffer
    let delivered = 0; // of those, the ones the handler has finished with
    let caughtUpAfter: number | undefined;
    let signalled = false;
    let ended = false;
    let failure: unknown;
    const reached = (position: bigint | undefined) => head === undefined || (position !== undefined && position >= head);
    // Catching up reads the history in pages and hands it over in batches of `batchSize` (a live subscription
    // hands over only what the client happens to have buffered, often one event at a time: a rebuild would run
    // one read-database transaction per event). The live subscription then opens after the last record read.
    let from = checkpoint;
    let pending: RecordedEvent[] = [];
    const handOver = async (events: RecordedEvent[]) => {
      try {
        await handler.onEvents(events);
      } catch (error) {
        throw new HandlerFailed(error);
      }
      checkpoint = events[events.length - 1].position;
      onProgress();
    };
    for (;;) {
      if (stopped) return;
      const page = await options.readPage(from, batchSize);
      pending.push(...page.events);
      while (pending.length >= batchSize && !stopped) await handOver(pending.splice(0, batchSize));
      from = page.lastRaw ?? from;
      if (page.done) break;
    }
    if (pending.length > 0 && !stopped) await handOver(pending);
    pending = [];
    if (stopped) return;
    const source = options.open(from, (position) => {
      if (!signalled && caughtUpAfter === undefined && reached(position.commit)) {
        caughtUpAfter = received + source.readableLength;
        poke();
      }
    });
    opened = source;
    source.on('caughtUp', () => {
      caughtUpAfter = received + source.readableLength;
      poke();
    });
    source.on('readable', poke);
    source.on('end', () => {
      ended = true;
      poke();
    });
    source.on('close', () => {
      ended = true;
      poke();
    });
    source.on('error', (error) => {
      failure = error;
      poke();
    });
    const signal = () => {
      signalled = true;
      caughtUpAfter = undefined;
      onProgress();
      handler.onCaughtUp?.(checkpoint);
    };
    if (reached(checkpoint)) signal();
    while (!stopped) {
      if (caughtUpAfter !== undefined && delivered >= caughtUpAfter) {
        if (!signalled) signal();
        caughtUpAfter = undefined;
      }
      const raw: AllStreamResolvedEvent[] = [];
      let item: AllStreamResolvedEvent | null;
      while (raw.length < batchSize && (item = source.read()) !== null) raw.push(item);
      if (raw.length > 0) {
        received += raw.length;
        const events = raw
          .map((r) => options.toEvent(r))
          .filter((e): e is RecordedEvent => e !== undefined && (checkpoint === undefined || e.position > checkpoint));
        if (events.length > 0) {
          try {
            await handler.onEvents(events);
          } catch (error) {
            throw new HandlerFailed(error);
          }
          checkpoint = events[events.length - 1].position;
        }
        delivered = received;
        onProgress();
        if (!signalled && reached(checkpoint)) signal();
        continue;
      }
      if (failure !== undefined) throw failure;
      if (ended) throw new Error('the server ended the subscription');
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };

  let opened: LiveSource | undefined;
  const run = async () => {
    let attempt = 0;
    while (!stopped) {
      opened = undefined;
      try {
        const head = await options.head();
        if (stopped) return;
        await consume(head, () => {
          attempt = 0;
        });
        return; // stopped
      } catch (error) {
        if (error instanceof HandlerFailed) {
          stopped = true;
          handler.onError?.(error.error);
          return;
        }
        if (stopped) return;
        attempt += 1;
        const permanent = !options.isTransient(error);
        options.onDrop?.(error, attempt, permanent);
        if (permanent) {
          stopped = true;
          const message = error instanceof Error ? error.message : String(error);
          handler.onError?.(new SubscriptionFailedError(`EventStoreDB refused the subscription to $all: ${message}`, error));
          return;
        }
      } finally {
        if (opened) await close(opened);
      }
      const delay = Math.min(maxDelay, initialDelay * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };

  const done = run().catch((error) => handler.onError?.(error));

  return {
    get checkpoint() {
      return checkpoint;
    },
    async stop() {
      stopped = true;
      poke();
      await done;
    },
  };
}

/**
 * Cancels the call and drains what is left, so the call really finishes (the client's dispose() waits for
 * every call it started to finish, and a cancelled call whose last records nobody reads never does).
 */
async function close(source: LiveSource): Promise<void> {
  source.removeAllListeners();
  source.on('error', () => undefined); // late errors from a cancelled call are expected
  await source.unsubscribe().catch(() => undefined);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    source.once('end', done);
    source.once('close', done);
    source.resume();
  });
  source.destroy();
}
