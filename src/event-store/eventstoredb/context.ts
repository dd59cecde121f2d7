import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  EventStoreDBClient,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import type { StreamingRead } from '@eventstore/db-client';
import { StoreUnavailableError } from '../errors';

/** What every operation of the adapter needs: the client, its bounds, and whether the store is closing. */
export interface EsdbContext {
  client: EventStoreDBClient;
  /** Longest wait for one read (a page); the client's own reads have no deadline at all. */
  readTimeoutMs: number;
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
 * Errors after which the same request may succeed: the server not ready or too busy (UNAVAILABLE), a leader
 * change (NOT_LEADER: the client reconnects to the leader it names), a deadline or timeout, or a server-side
 * cancellation. Everything else (access denied, invalid argument, a rule of the store) is permanent.
 */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof NotLeaderError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof StoreUnavailableError
  );
}

/** Outcome of the request unknown: it may have been written (a deadline passed while the server worked). */
export function outcomeUnknown(error: unknown): boolean {
  return error instanceof DeadlineExceededError || error instanceof TimeoutError || error instanceof CancelledError;
}

export function isAccessDenied(error: unknown): boolean {
  return error instanceof AccessDeniedError;
}

export function backoff(ctx: EsdbContext, attempt: number): Promise<void> {
  const delay = ctx.retryDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, delay));
}

/** The port's error for a transient failure that outlived the retries. */
export function unavailable(what: string, error: unknown): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`EventStoreDB did not complete ${what}: ${message}`, 5, error);
}

/**
 * Runs `fn`, retrying transient failures with backoff; after `ctx.attempts` it throws StoreUnavailableError
 * (HTTP 503 with Retry-After). Only for operations that are safe to repeat (reads; appends are idempotent
 * by event id and handle an unknown outcome themselves).
 */
export async function withRetries<T>(ctx: EsdbContext, what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isTransient(error) || ctx.isClosed()) throw error;
      if (attempt >= ctx.attempts) throw unavailable(what, error);
      await backoff(ctx, attempt);
    }
  }
}

/**
 * Collects a bounded read (one page) with a deadline: past `ctx.readTimeoutMs` the call is cancelled and
 * StoreUnavailableError thrown. A read that ends because close() cancelled it throws StoreClosedError
 * instead of passing for complete (the client ends a cancelled read quietly).
 */
export async function collect<T>(ctx: EsdbContext, read: StreamingRead<T>, what: string): Promise<T[]> {
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
    }, ctx.readTimeoutMs);
  });
  try {
    await Promise.race([consumed, deadline]);
  } finally {
    clearTimeout(timer);
  }
  if (ctx.isClosed()) throw new StoreClosedError(what);
  return items;
}
