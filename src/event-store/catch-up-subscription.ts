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
