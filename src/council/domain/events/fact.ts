/** What every council fact shares: its note and anomalies, the references it makes, and how it entered the record. */

/** 2: MotionTabled has `mode` (issue 25); version-1 events are upcast (upcasting.ts). */
export const SCHEMA_VERSION = 2;

export interface SourceCitation {
  title?: string;
  url?: string;
  locator?: string;
  quote?: string;
}

/** A rule the fact breaks, kept when a historian records it anyway (`recordAnomaly`). */
export interface Violation {
  /** Stable rule id, e.g. `curia-seats`, `departure-before-election`, `voter-not-in-office`. */
  rule: string;
  message: string;
  figures: Record<string, unknown>;
}

/** A reference to a person as the record states it: resolved to a member when it can be. */
export interface MemberRef {
  memberId?: string;
  name: string;
}

export interface EventMetadataV1 {
  schemaVersion: number;
  source?: SourceCitation;
  recordedBy?: { tokenId: string; label?: string; role: string };
  recordedAt?: string;
  correlationId?: string;
  causationId?: string;
  idempotencyKey?: string;
  /**
   * The request id (X-Request-Id, or one the service made) of a request sent without an Idempotency-Key: it
   * plays the key's role in a namespace of its own (requestIdClaim), so a resend with the same X-Request-Id
   * replays. Written on the last event of the request only, with requestHash, reply and requestEvents (the
   * request's ids derive from the claim, so its event count names them all); absent on keyed requests and
   * on records older than decision 36.
   */
  requestId?: string;
  /** How many events the request whose last event this is appended (with requestId). */
  requestEvents?: number;
  /**
   * Hash of the request body the idempotency key (or the request id) was first used with: on every event of
   * a keyed request, on the last event of a keyless one.
   */
  requestHash?: string;
  /**
   * The reply the request got, replayed when the same key and body come again. On the last event of the
   * request (records before the batch endpoint carry it on every event).
   */
  reply?: unknown;
}

export interface Fact {
  note?: string;
  /** Rules this fact breaks, present only when recorded with `recordAnomaly`. */
  anomalies?: Violation[];
}
