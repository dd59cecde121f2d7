import type { AllStreamResolvedEvent, Position, ResolvedEvent } from '@eventstore/db-client';
import { RecordedEvent } from '../event-store.port';

/**
 * The port's global position is one bigint: the ESDB commit position. Every event appended through gRPC
 * is its own committed record in the transaction log, so its commit position equals its prepare position
 * and is unique and increasing; explicit multi-call transactions (TCP-only, never used here) would break
 * that. We therefore address a log position P as { commit: P, prepare: P }.
 */
export function toEsdbPosition(position: bigint): Position {
  return { commit: position, prepare: position };
}

/** System streams ($-prefixed: $$ metadata, $stats, $scavenges, projection links) are not domain facts. */
export function isSystemStream(streamId: string): boolean {
  return streamId.startsWith('$');
}

/**
 * Server-side filter for subscriptions when every non-system stream is this service's: the same rule as
 * isSystemStream.
 */
export const DOMAIN_STREAMS_REGEX = '^[^$]';

/**
 * Which streams the adapter reads in $all (reads, subscriptions, the head): with `prefixes`, only streams that
 * start with one of them (this service's own, on a server other applications write to as well); without,
 * every stream that is not a system stream. The regular expression is the same rule for the server's filter.
 */
export function ownStreams(prefixes: readonly string[] | undefined): { test(streamId: string): boolean; regex: string } {
  if (!prefixes || prefixes.length === 0) return { test: (s) => !isSystemStream(s), regex: DOMAIN_STREAMS_REGEX };
  const regex = `^(?:${prefixes.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
  return { test: (s) => !isSystemStream(s) && prefixes.some((p) => s.startsWith(p)), regex };
}

/**
 * Maps a read or subscription result; undefined for what the port hides: system streams, links, and records
 * whose type is a system type (`$`-prefixed: a tombstone's `$streamDeleted`, `$metadata`, a link's `$>`), which
 * can sit in any stream. `ownStream` (reads of $all) leaves out other applications' streams.
 */
export function toRecordedEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
  ownStream?: (streamId: string) => boolean,
): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e || isSystemStream(e.streamId) || e.type.startsWith('$')) return undefined;
  if (resolved.link) return undefined;
  if (ownStream && !ownStream(e.streamId)) return undefined;
  // The client fills `position` from the record's commit position, which a server before 22.6 leaves unset in
  // stream reads: protobuf then reads 0 (convertGrpcEvent.js). No event sits at 0 (a log starts with its epoch's
  // System record, EpochManager.cs), so 0 means "no position"; reads of $all carry one on the read event too.
  const recorded = e.position && e.position.commit !== 0n ? e.position.commit : undefined;
  const position = recorded ?? resolved.commitPosition;
  if (position === undefined) {
    throw new Error('EventStoreDB returned an event without a log position; server 22.6 or later is required');
  }
  return {
    id: e.id,
    streamId: e.streamId,
    type: e.type,
    data: e.isJson ? e.data : parseBinary(e.data as Uint8Array),
    metadata: isPlainObject(e.metadata) ? e.metadata : {},
    revision: e.revision,
    position,
    recordedAt: e.created,
  };
}

function parseBinary(data: Uint8Array): unknown {
  const text = Buffer.from(data).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
