import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  EventStoreDBClient,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  UnknownError,
} from '@eventstore/db-client';
import type { StreamingRead } from '@eventstore/db-client';
import { StoreUnavailableError } from '../errors';

/** What every operation of the adapter needs: the client, its bounds, and whether the store is closing. */
export interface EsdbContext {
  client: EventStoreDBClient;
  /**
   * Longest wait for one read (a page), retries of not ready / too busy included: the client's own reads have
   * no deadline at all, and retrying each of `attempts` timeouts would multiply it.
   */
  readTimeoutMs: number;
  /**
   * Longest wait for the server's answer to one append attempt. It is sent as the append's deadline (the
   * server answers Timeout past min(it, its write timeout), Streams.BatchAppend.cs) and also enforced here,
   * because the client's BatchAppend call itself has no deadline (batchAppend.js: `deadline: Infinity`).
   */
  appendTimeoutMs: number;
  /** Whether a stream is one this service reads (its own streams); others' records are left out. */
  ownStream(streamId: string): boolean;
  /** The same rule as a server-side regular expression, for subscriptions' stream-name filter. */
  ownStreamsRegex: string;
  /** Attempts of one operation when the server answers not ready / too busy / not leader. */
  attempts: number;
  /** First backoff between attempts (doubled each time, with jitter). */
  retryDelayMs: number;
  isClosed(): boolean;
}

/** Thrown by a read that the store's close() cut short: its result is incomplete and must not be used. */
export class StoreClosedError extends Error {
  constructor(what: string) {
    super(`The event store was closed during ${what}; the result is incomplete`);
    this.name = 'StoreClosedError';
  }
}

/**
 * The server did not handle the request at all: not ready, too busy, not the leader (ClientMessage.NotHandled).
 * Nothing was written; the same request may be sent again. Over BatchAppend, which the client uses for every
 * append when the server advertises it, NotReady and TooBusy come back as Status{ Details = Any(Empty) } with
 * the reason as message (Streams.BatchAppend.cs), which the client turns into UnknownError("Could not
 * recognize Server Is Not Ready" / "... Server Is Busy") (unpackError.js): recognised here by that message.
 */
export function notHandled(error: unknown): boolean {
  return (
    error instanceof NotLeaderError ||
    (error instanceof UnavailableError && /Server Is (Not Ready|Too Busy|Busy)/i.test(error.message)) ||
    (error instanceof UnknownError && /Could not recognize Server Is (Not Ready|Busy|Too Busy)/i.test(error.message))
  );
}

/**
 * Errors after which the same request may succeed: the server not ready or too busy (UNAVAILABLE, or over
 * BatchAppend the unrecognised NotHandled status), a leader change (NOT_LEADER: the client reconnects to the
 * leader it names), a deadline or timeout, a lost connection, or a server-side cancellation. Everything else
 * (access denied, invalid argument, a rule of the store) is permanent.
 */
export function isTransient(error: unknown): boolean {
  return (
    notHandled(error) ||
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof StoreUnavailableError
  );
}

/** Outcome of a write unknown: it may have been written (a deadline passed, the connection was lost). */
export function outcomeUnknown(error: unknown): boolean {
  return isTransient(error) && !notHandled(error) && !(error instanceof StoreUnavailableError && !error.outcomeUnknown);
}

export function isAccessDenied(error: unknown): boolean {
  return error instanceof AccessDeniedError;
}

/**
 * The port's error for a transient failure that outlived the retries (HTTP 503 with Retry-After); with
 * `unknown`, the answer says the write may have been recorded and that the same request is safe to repeat.
 */
export function unavailable(what: string, error: unknown, unknown = false): StoreUnavailableError {
  if (error instanceof StoreUnavailableError && (error.outcomeUnknown || !unknown)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`EventStoreDB did not complete ${what}: ${message}`, 5, error, unknown);
}

/**
 * Runs `fn` (given the time it may take), retrying transient failures with backoff within one budget of
 * `budgetMs` (by default ctx.readTimeoutMs) and at most `ctx.attempts` times; then StoreUnavailableError (HTTP
 * 503 with Retry-After). Only for operations that are safe to repeat (reads).
 */
export async function withRetries<T>(
  ctx: EsdbContext,
  what: string,
  fn: (timeoutMs: number) => Promise<T>,
  budgetMs = ctx.readTimeoutMs,
): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(Math.max(1, deadline - Date.now()));
    } catch (error) {
      if (!isTransient(error) || ctx.isClosed()) throw error;
      if (attempt >= ctx.attempts || Date.now() >= deadline) throw unavailable(what, error);
      await backoff(ctx, attempt, deadline);
    }
  }
}

export function backoff(ctx: EsdbContext, attempt: number, deadline = Number.POSITIVE_INFINITY): Promise<void> {
  const delay = Math.min(ctx.retryDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2), Math.max(0, deadline - Date.now()));
  return new Promise((resolve) => setTimeout(resolve, delay));
}

/**
 * Collects a bounded read (one page) with a deadline: past `timeoutMs` the call is cancelled and
 * StoreUnavailableError thrown. A read that ends because close() cancelled it throws StoreClosedError
 * instead of passing for complete (the client ends a cancelled read quietly).
 */
export async function collect<T>(ctx: EsdbContext, read: StreamingRead<T>, what: string, timeoutMs = ctx.readTimeoutMs): Promise<T[]> {
  const items: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  const consumed = (async () => {
    for await (const item of read) items.push(item);
  })();
  consumed.catch(() => undefined);
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void read.cancel().catch(() => undefined);
      reject(new StoreUnavailableError(`EventStoreDB did not answer ${what} within ${ctx.readTimeoutMs} ms`, 5));
    }, timeoutMs);
  });
  try {
    await Promise.race([consumed, deadline]);
  } finally {
    clearTimeout(timer);
  }
  if (ctx.isClosed()) throw new StoreClosedError(what);
  return items;
}
