import { createHash } from 'node:crypto';
import { SCHEMA_VERSION, SourceCitation } from '../domain/events';
import { requestIdClaim } from '../domain/state';

import type { Principal } from '../../auth/principal';

export type { Principal };

/** Everything about a write that is not the fact itself: it goes into the events' metadata. */
export interface RequestContext {
  principal?: Principal;
  source?: SourceCitation;
  idempotencyKey?: string;
  /**
   * The request's id (X-Request-Id, or one the service made). Without an Idempotency-Key it is the request's
   * claim (requestIdClaim): ids derived from it, replayed when resent. Absent on the service's own writes,
   * which always carry a key.
   */
  requestId?: string;
  /** Hash of method, path and body: the same key (or request id) with another body is refused. */
  requestHash: string;
  correlationId: string;
  causationId: string;
}

/** The metadata of a write's events: its schema version, correlation, source, who recorded it and, for a keyed request, its claim. */
export function eventMetadata(context: RequestContext, source: SourceCitation | undefined): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    schemaVersion: SCHEMA_VERSION,
    correlationId: context.correlationId,
    causationId: context.causationId,
  };
  if (source) metadata.source = source;
  if (context.principal) {
    const { tokenId, label, role } = context.principal;
    metadata.recordedBy = { tokenId, label, role };
  }
  // A key travels on every event; a keyless request's claim (its request id) only on its last (see CouncilWriter.attempt).
  if (context.idempotencyKey !== undefined) {
    metadata.idempotencyKey = context.idempotencyKey;
    metadata.requestHash = context.requestHash;
  }
  return metadata;
}

/** JSON with object keys sorted, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function hashRequest(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex');
}

/**
 * The name of the request's claim: its Idempotency-Key, or without one its request id (in a namespace no key
 * can enter); undefined only for a keyless write that has no request id (none comes from HTTP).
 */
export function claimOf(context: RequestContext): string | undefined {
  if (context.idempotencyKey !== undefined) return context.idempotencyKey;
  return context.requestId !== undefined ? requestIdClaim(context.requestId) : undefined;
}

/**
 * Event ids derived from the council and the request's claim (its idempotency key, or its request id) (a name-based, RFC 4122 version 5 style uuid),
 * so that even a retry the state cache cannot recognise is deduplicated by the event store, which is
 * idempotent by id. A key is scoped to its council (API.md, third wave): the council is part of the input,
 * so the same key on two councils names two requests with distinct ids, and neither replays nor blocks
 * the other (EventStoreDB checks ids only inside the target stream; ids shared by two councils would both
 * be recorded, and every read model would then meet the same id twice).
 */
export function deterministicEventId(councilId: string, claim: string, index: number): string {
  return nameBasedUuid(`council-record:${councilId}\u0000${claim}:${index}`);
}

function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
