import * as grpc from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as PbEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import type { Code } from '@eventstore/db-client/generated/code_pb';
import { AccessDenied, Empty, StreamIdentifier, Timeout, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ProposedEvent, StoredRecord } from './fake-esdb-log';

/**
 * The fake EventStoreDB's wire encodings (test/helpers/fake-esdb-server.ts): how a read request is parsed and
 * how records, checkpoints and errors go back, as the server encodes them (EventStore/EventStore v24.10.4).
 */
export interface ParsedRead {
  kind: 'stream' | 'all';
  streamId?: string;
  backwards: boolean;
  /** Stream reads: revision; $all: commit position; undefined: start (forwards) or end (backwards). */
  from?: bigint;
  fromEnd: boolean;
  count: number;
  subscription: boolean;
  filterRegex?: string;
  requiresLeader: boolean;
}

export interface ServerError {
  /** What the server means; each path (Append, BatchAppend, Read) encodes it its own way. */
  kind: 'not-ready' | 'too-busy' | 'timeout' | 'access-denied' | 'other';
  code: grpc.status;
  details: string;
  /** The server's `exception` trailer, which the client maps to its error classes. */
  exception?: string;
}

/** Index of the last record at or before `position` (records are in position order); -1 when none. */
export function lastAtOrBefore(log: readonly StoredRecord[], position: bigint): number {
  let lo = 0;
  let hi = log.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (log[mid].position <= position) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function proposed(id: UUID, type: string, data: Uint8Array, metadata: Uint8Array): ProposedEvent {
  return { id: id.getString(), type, data: Buffer.from(data), metadata: Buffer.from(metadata) };
}

export function pack(message: { serializeBinary(): Uint8Array }, name: string): Any {
  const any = new Any();
  any.pack(message.serializeBinary(), `event_store.client.${name}`);
  return any;
}

export function status(code: grpc.status, message: string, details: Any): Status {
  const s = new Status();
  s.setCode(code as unknown as Code);
  s.setMessage(message);
  s.setDetails(details);
  return s;
}

/** A hook's error as BatchAppend encodes it (Streams.BatchAppend.cs ConvertMessage, Status.cs). */
export function batchError(error: ServerError): Status {
  switch (error.kind) {
    case 'not-ready':
    case 'too-busy': {
      // Status{ Details = Any.Pack(new Empty()), Message = ... }: no code, an Empty the client cannot name.
      const s = new Status();
      s.setMessage(error.kind === 'not-ready' ? 'Server Is Not Ready' : 'Server Is Busy');
      const any = new Any();
      any.pack(new PbEmpty().serializeBinary(), 'google.protobuf.Empty');
      s.setDetails(any);
      return s;
    }
    case 'timeout':
      return status(grpc.status.DEADLINE_EXCEEDED, 'Timeout', pack(new Timeout(), 'Timeout'));
    case 'access-denied':
      return status(grpc.status.PERMISSION_DENIED, 'AccessDenied', pack(new AccessDenied(), 'AccessDenied'));
    default: {
      const s = new Status();
      s.setCode(grpc.status.INTERNAL as unknown as Code);
      s.setMessage(error.details);
      const any = new Any();
      any.pack(new PbEmpty().serializeBinary(), 'google.protobuf.Empty');
      s.setDetails(any);
      return s;
    }
  }
}

/** RpcExceptions.LeaderInfo (RpcExceptions.cs): NOT_FOUND with the `not-leader` exception and the leader's endpoint. */
export function notLeader(leader: { host: string; port: number }): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'not-leader');
  metadata.set('leader-endpoint-host', leader.host);
  metadata.set('leader-endpoint-port', String(leader.port));
  return { code: grpc.status.NOT_FOUND, details: 'Leader info available', metadata };
}

export function parseRead(call: grpc.ServerWritableStream<ReadReq, ReadResp>): ParsedRead {
  const o = call.request.getOptions()!;
  const requiresLeader = call.metadata.get('requires-leader')[0] === 'true';
  const backwards = o.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const count = o.hasCount() ? Number(o.getCount()) : Number.MAX_SAFE_INTEGER;
  const subscription = o.hasSubscription();
  const filterRegex = o.hasFilter() ? o.getFilter()!.getStreamIdentifier()?.getRegex() : undefined;
  if (o.hasStream()) {
    const s = o.getStream()!;
    return {
      kind: 'stream',
      streamId: Buffer.from(s.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8'),
      backwards,
      from: s.hasRevision() ? BigInt(s.getRevision()) : undefined,
      fromEnd: s.hasEnd(),
      count,
      subscription,
      filterRegex,
      requiresLeader,
    };
  }
  const a = o.getAll()!;
  return {
    kind: 'all',
    backwards,
    from: a.hasPosition() ? BigInt(a.getPosition()!.getCommitPosition()) : undefined,
    fromEnd: a.hasEnd(),
    count,
    subscription,
    filterRegex,
    requiresLeader,
  };
}

export function eventResp(record: StoredRecord, withoutPosition = false): ReadResp {
  const resp = new ReadResp();
  const read = new ReadResp.ReadEvent();
  const e = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(record.id);
  e.setId(id);
  e.setStreamIdentifier(streamIdentifier(record.streamId));
  e.setStreamRevision(record.revision.toString());
  if (!withoutPosition) {
    e.setCommitPosition(record.position.toString());
    e.setPreparePosition(record.position.toString());
  }
  e.getMetadataMap().set('type', record.type);
  e.getMetadataMap().set('content-type', 'application/json');
  e.getMetadataMap().set('created', record.created.toString());
  e.setData(record.data);
  e.setCustomMetadata(record.metadata);
  read.setEvent(e);
  if (!withoutPosition) read.setCommitPosition(record.position.toString());
  else read.setNoPosition(new Empty());
  resp.setEvent(read);
  return resp;
}

export function checkpointResp(position: bigint): ReadResp {
  const resp = new ReadResp();
  const checkpoint = new ReadResp.Checkpoint();
  checkpoint.setCommitPosition(position.toString());
  checkpoint.setPreparePosition(position.toString());
  resp.setCheckpoint(checkpoint);
  return resp;
}

export function streamIdentifier(name: string): StreamIdentifier {
  const id = new StreamIdentifier();
  id.setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));
  return id;
}

export function toServiceError(error: ServerError): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  if (error.exception) metadata.set('exception', error.exception);
  return { code: error.code, details: error.details, metadata };
}

export function randomId(): string {
  return require('node:crypto').randomUUID();
}
