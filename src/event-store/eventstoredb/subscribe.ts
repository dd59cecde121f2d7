import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { RecordedEvent, Subscription, SubscriptionHandler } from '../event-store.port';

/** What the adapter needs of a client subscription (an AllStreamSubscription; a fake in unit tests). */
export interface LiveSource {
  read(): AllStreamResolvedEvent | null;
  readonly readableLength: number;
  on(event: 'readable' | 'end' | 'close' | 'caughtUp', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
  unsubscribe(): Promise<void>;
  destroy(): unknown;
}

export interface ResubscribingOptions {
  /** Opens a server subscription strictly after the checkpoint (from the start when undefined). */
  open(after: bigint | undefined): LiveSource;
  /** Maps a record; undefined for records the port hides (system streams). */
  toEvent(resolved: AllStreamResolvedEvent): RecordedEvent | undefined;
  from: bigint | undefined;
  handler: SubscriptionHandler;
  batchSize: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Told about each drop before the resubscription (for logs). */
  onDrop?(error: unknown, attempt: number): void;
}

class HandlerFailed {
  constructor(readonly error: unknown) {}
}

/**
 * A catch-up subscription to $all that survives drops. ESDB's client does not resubscribe on its own, so
 * when the server stream errors or ends, we open a new one from the last checkpoint handed to the handler
 * (with exponential backoff); events received but not yet handed over are simply read again.
 *
 * `caughtUp` is emitted by the client while the events before it may still sit in its buffer, so we note how
 * many records had arrived by then and signal onCaughtUp only once the handler has been given all of them.
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

  const consume = async (source: LiveSource, onProgress: () => void): Promise<void> => {
    let received = 0; // records taken from the source's buffer
    let delivered = 0; // of those, the ones the handler has finished with
    let caughtUpAfter: number | undefined;
    let ended = false;
    let failure: unknown;
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
    while (!stopped) {
      if (caughtUpAfter !== undefined && delivered >= caughtUpAfter) {
        caughtUpAfter = undefined;
        onProgress();
        handler.onCaughtUp?.(checkpoint);
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
        continue;
      }
      if (failure !== undefined) throw failure;
      if (ended) throw new Error('the server ended the subscription');
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };

  const run = async () => {
    let attempt = 0;
    while (!stopped) {
      let source: LiveSource | undefined;
      try {
        source = options.open(checkpoint);
        await consume(source, () => {
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
        options.onDrop?.(error, attempt);
      } finally {
        if (source) await close(source);
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

async function close(source: LiveSource): Promise<void> {
  source.removeAllListeners();
  source.on('error', () => undefined); // late errors from a cancelled call are expected
  await source.unsubscribe().catch(() => undefined);
  source.destroy();
}
