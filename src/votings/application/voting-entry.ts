import type { Marks, NewVotingEvent, VotingState } from '../domain';
import type { Principal } from '../../council/application/request-context';
import type { IdempotencyMetadata, IdempotencyRecord } from './idempotency';

/** One voting as the service keeps it in memory: its state, and the writes and ballots on their way. */
export interface Entry {
  votingId: string;
  state: VotingState;
  /** Ballots in the pool not yet in a sealed batch. */
  unsealed: number;
  /** Ballot casts accepted and not yet durable in the pool (a close waits for them). */
  inFlight: Set<Promise<unknown>>;
  /** Set when a close has begun: casts are refused from then on. */
  closing: boolean;
  /** Tail of the chain of writes to this voting (appends are made one at a time). */
  tail: Promise<unknown>;
  flushQueued: boolean;
  timer?: NodeJS.Timeout;
  /** Set when the entry was dropped after a failed append: the next request reloads it. */
  stale?: boolean;
  /** Registrations and verifications waiting to be decided and appended together. */
  writes: QueuedWrite[];
  /** Keyed writes recorded in this voting (from their events' metadata), by keyHash. */
  requests: Map<string, IdempotencyRecord>;
  /** Keyed ballots not yet durable, by their derived receipt (in memory only, while the pool commits). */
  keyedCasts: Map<string, { marks: Marks; durable: Promise<boolean> }>;
  /** The stored ballots' marks by receipt, built by the first keyed retry that needs it (then kept up to date). */
  receipts?: Map<string, Marks>;
}

export type Written = { eventIds: string[]; position: string; replayed?: IdempotencyRecord };

export interface QueuedWrite {
  decide: (state: VotingState) => NewVotingEvent[];
  principal?: Principal;
  idempotency?: IdempotencyMetadata;
  resolve: (written: Written) => void;
  reject: (error: unknown) => void;
}
