import { createHash } from 'node:crypto';
import { SourceCitation } from '../domain/events';

import type { Principal } from '../../auth/principal';

export type { Principal };

/** Everything about a write that is not the fact itself: it goes into the events' metadata. */
export interface RequestContext {
  principal?: Principal;
  source?: SourceCitation;
  idempotencyKey?: string;
  /** Hash of method, path and body: the same key with another body is refused. */
  requestHash: string;
  correlationId: string;
  causationId: string;
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
 * Event ids derived from the idempotency key (a name-based, RFC 4122 version 5 style uuid), so that even
 * a retry the state cache cannot recognise is deduplicated by the event store, which is idempotent by id.
 * The council is deliberately not part of the input: the same key used on another council yields the same
 * ids, which the store refuses (DuplicateEventIdError → 422 idempotency-key-reused) instead of appending.
 */
export function deterministicEventId(idempotencyKey: string, index: number): string {
  const bytes = createHash('sha1').update(`council-record:${idempotencyKey}:${index}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
