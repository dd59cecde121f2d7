import { RecordedEvent, Subscription, SubscriptionHandler } from './event-store.port';

export interface CatchUpLoop {
  /** Exclusive start checkpoint. */
  from: bigint | undefined;
  handler: SubscriptionHandler;
  /** Next events strictly after the position, in global order; empty when there are none yet. */
  readPage(after: bigint | undefined): Promise<RecordedEvent[]>;
  /** Resolves when more events may be available (or the signal aborts). */
  waitForMore(signal: AbortSignal): Promise<void>;
  onStop?(): void;
}

/**
 * A catch-up subscription as a single pull loop: read a page after the checkpoint, hand it over, repeat;
 * when a page comes back empty we are caught up and wait for the next commit. Catch-up and live are the
 * same code path, so the switch between them can neither lose nor repeat an event.
 */
export function runCatchUpSubscription(loop: CatchUpLoop): Subscription {
  const abort = new AbortController();
  let checkpoint = loop.from;
  let caughtUpSignalled = false;

  const run = async () => {
    while (!abort.signal.aborted) {
      const page = await loop.readPage(checkpoint);
      if (abort.signal.aborted) return;
      if (page.length > 0) {
        await loop.handler.onEvents(page);
        checkpoint = page[page.length - 1].position;
        // A store that reads synchronously (SQLite) would otherwise never leave the microtask queue while it
        // catches up: timers (a rebuild's progress), messages to a worker and V8's own GC tasks wait for the end.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      if (!caughtUpSignalled) {
        caughtUpSignalled = true;
        loop.handler.onCaughtUp?.(checkpoint);
      }
      await loop.waitForMore(abort.signal);
    }
  };

  const done = run().catch((error) => {
    if (!abort.signal.aborted) loop.handler.onError?.(error);
  });

  return {
    get checkpoint() {
      return checkpoint;
    },
    async stop() {
      abort.abort();
      await done;
      loop.onStop?.();
    },
  };
}

/**
 * The subscription a closed store hands out: like every read after close() (port: "refuses new work with an
 * error saying the store is closed"), it fails lazily, not in the call. The error reaches `onError` on a later
 * turn, as any subscription's failure does, unless stop() comes first; nothing is delivered.
 */
export function closedSubscription(handler: SubscriptionHandler, from: bigint | undefined): Subscription {
  let stopped = false;
  const failed = Promise.resolve().then(() => {
    if (!stopped) handler.onError?.(new Error('The event store is closed'));
  });
  return {
    checkpoint: from,
    async stop() {
      stopped = true;
      await failed;
    },
  };
}
