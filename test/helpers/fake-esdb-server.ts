import * as grpc from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';

/**
 * A small EventStoreDB on the wire: a real gRPC server (grpc-js) speaking the server's Streams protocol
 * (the client's own generated messages), so the real EventStoreDBClient connects to it over a socket with
 * `esdb://127.0.0.1:<port>?tls=false`, and every error, deadline, cancellation and stream class in between
 * is the client's own. It keeps an in-memory log and implements the parts of the protocol the adapter
 * uses (stream and $all reads, subscriptions to $all with a stream-name filter, appends with expected
 * revisions and idempotency by id at the expected place). Each behaviour a real server shows under load or
 * in a cluster (not ready, idempotent-not-ready deadline, a follower's stale reads, access denied,
 * servers before 23.10 that never send caughtUp) is switched on by a test through `behaviour`.
 */
export interface StoredRecord {
  id: string;
  streamId: string;
  type: string;
  data: Buffer;
  metadata: Buffer;
  revision: bigint;
  position: bigint;
  writtenAt?: number;
}

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

export interface ParsedAppend {
  streamId: string;
  expected: 'any' | 'no_stream' | 'stream_exists' | bigint;
  events: { id: string; type: string; data: Buffer; metadata: Buffer }[];
  requiresLeader: boolean;
}

export interface ServerError {
  code: grpc.status;
  details: string;
  /** The server's `exception` trailer, which the client maps to its error classes. */
  exception?: string;
}

/** What a hook answers: undefined to go on as a server would. */
export type ReadHook = (read: ParsedRead, call: grpc.ServerWritableStream<ReadReq, ReadResp>) => ServerError | 'hang' | undefined;
export type AppendHook = (append: ParsedAppend, attempt: number) => ServerError | { writeThen: ServerError } | undefined;

export interface Behaviour {
  /** Subscriptions send caughtUp when they reach the end of the log (servers 23.10 and later). */
  sendsCaughtUp: boolean;
  /** Reads not marked requires-leader see the log only up to this position (a follower behind the leader). */
  followerHorizon?: bigint;
  onRead?: ReadHook;
  onAppend?: AppendHook;
  /**
   * A repeat of a batch written less than this long ago answers with a deadline instead of success: the
   * server's "idempotent, not ready" outcome while the first write is not yet indexed.
   */
  indexDelayMs?: number;
}

export const NOT_READY: ServerError = { code: grpc.status.UNAVAILABLE, details: 'Server Is Not Ready' };
export const TOO_BUSY: ServerError = { code: grpc.status.UNAVAILABLE, details: 'Server Is Too Busy' };
export const DEADLINE: ServerError = { code: grpc.status.DEADLINE_EXCEEDED, details: 'Deadline Exceeded' };
export const ACCESS_DENIED: ServerError = { code: grpc.status.PERMISSION_DENIED, details: 'Access Denied', exception: 'access-denied' };

export class FakeEsdbServer {
  readonly log: StoredRecord[] = [];
  readonly reads: ParsedRead[] = [];
  readonly appends: ParsedAppend[] = [];
  behaviour: Behaviour = { sendsCaughtUp: true };
  /** Subscriptions that went live, with what they want to see. */
  private readonly live = new Set<{ call: grpc.ServerWritableStream<ReadReq, ReadResp>; filter?: RegExp }>();
  private readonly server = new grpc.Server();
  private nextPosition = 1000n;
  private appendAttempts = 0;
  port = 0;

  async start(): Promise<string> {
    this.server.addService(StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
      append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) =>
        this.append(call, callback),
    } as unknown as grpc.UntypedServiceImplementation);
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  async stop(): Promise<void> {
    for (const sub of this.live) sub.call.end();
    this.live.clear();
    this.server.forceShutdown();
  }

  /** Writes a record straight into the log (seeding, system records, another writer). */
  record(streamId: string, type = 'Something', id = randomId(), data: unknown = {}, metadata: unknown = {}): StoredRecord {
    const revision = BigInt(this.log.filter((r) => r.streamId === streamId).length);
    const record: StoredRecord = {
      id,
      streamId,
      type,
      data: Buffer.isBuffer(data) ? data : Buffer.from(JSON.stringify(data)),
      metadata: Buffer.isBuffer(metadata) ? metadata : Buffer.from(JSON.stringify(metadata)),
      revision,
      position: this.nextPosition,
    };
    this.nextPosition += 100n;
    this.log.push(record);
    for (const sub of this.live) if (!sub.filter || sub.filter.test(streamId)) sub.call.write(eventResp(record));
    return record;
  }

  private visible(read: ParsedRead): StoredRecord[] {
    const horizon = read.requiresLeader ? undefined : this.behaviour.followerHorizon;
    return horizon === undefined ? this.log : this.log.filter((r) => r.position <= horizon);
  }

  private read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    const read = parseRead(call);
    this.reads.push(read);
    const hooked = this.behaviour.onRead?.(read, call);
    if (hooked === 'hang') return;
    if (hooked) return void call.emit('error', toServiceError(hooked));
    const log = this.visible(read);
    if (read.subscription) return this.subscribe(call, read, log);
    let records: StoredRecord[];
    if (read.kind === 'stream') {
      const stream = log.filter((r) => r.streamId === read.streamId);
      if (stream.length === 0) {
        const resp = new ReadResp();
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(streamIdentifier(read.streamId!));
        resp.setStreamNotFound(notFound);
        call.write(resp);
        return void call.end();
      }
      records = read.backwards
        ? stream.filter((r) => read.fromEnd || r.revision <= read.from!).reverse()
        : stream.filter((r) => read.from === undefined || r.revision >= read.from);
    } else {
      // A read of $all from a position includes the record at that position.
      records = read.backwards
        ? log.filter((r) => read.fromEnd || r.position <= read.from!).reverse()
        : log.filter((r) => read.from === undefined || r.position >= read.from);
    }
    for (const record of records.slice(0, read.count)) call.write(eventResp(record));
    call.end();
  }

  private subscribe(call: grpc.ServerWritableStream<ReadReq, ReadResp>, read: ParsedRead, log: StoredRecord[]): void {
    const filter = read.filterRegex ? new RegExp(read.filterRegex) : undefined;
    const confirmation = new ReadResp();
    const confirm = new ReadResp.SubscriptionConfirmation();
    confirm.setSubscriptionId('fake');
    confirmation.setConfirmation(confirm);
    call.write(confirmation);
    // A subscription from a position starts with the record after it.
    for (const record of log) {
      if (read.from !== undefined && record.position <= read.from) continue;
      if (filter && !filter.test(record.streamId)) continue;
      call.write(eventResp(record));
    }
    if (this.behaviour.sendsCaughtUp) {
      const caughtUp = new ReadResp();
      caughtUp.setCaughtUp(new ReadResp.CaughtUp());
      call.write(caughtUp);
    }
    const sub = { call, filter };
    this.live.add(sub);
    call.on('cancelled', () => this.live.delete(sub));
    call.on('close', () => this.live.delete(sub));
  }

  private append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>): void {
    let append: ParsedAppend | undefined;
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) {
        const o = req.getOptions()!;
        append = {
          streamId: Buffer.from(o.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8'),
          expected: o.hasRevision() ? BigInt(o.getRevision()) : o.hasNoStream() ? 'no_stream' : o.hasStreamExists() ? 'stream_exists' : 'any',
          events: [],
          requiresLeader: call.metadata.get('requires-leader')[0] === 'true',
        };
      } else if (req.hasProposedMessage() && append) {
        const m = req.getProposedMessage()!;
        append.events.push({
          id: m.getId()!.getString(),
          type: m.getMetadataMap().get('type') as string,
          data: Buffer.from(m.getData_asU8()),
          metadata: Buffer.from(m.getCustomMetadata_asU8()),
        });
      }
    });
    call.on('end', () => {
      if (!append) return callback(toServiceError({ code: grpc.status.INVALID_ARGUMENT, details: 'no options' }));
      this.appends.push(append);
      this.appendAttempts += 1;
      const hooked = this.behaviour.onAppend?.(append, this.appendAttempts);
      if (hooked && !('writeThen' in hooked)) return callback(toServiceError(hooked));
      const resp = this.write(append);
      if (resp === 'not-ready') return callback(toServiceError(DEADLINE));
      if (hooked) return callback(toServiceError(hooked.writeThen));
      callback(null, resp);
    });
  }

  /** The server's append: expected-revision check, idempotency by id at the expected place, write. */
  private write(append: ParsedAppend): AppendResp | 'not-ready' {
    const stream = this.log.filter((r) => r.streamId === append.streamId);
    const current = stream.length === 0 ? undefined : BigInt(stream.length - 1);
    const resp = new AppendResp();
    const first = stream.findIndex((r) => r.id === append.events[0]?.id);
    if (first >= 0 && append.events.every((e, i) => stream[first + i]?.id === e.id)) {
      // Idempotent repeat: the server answers success with the stream's current revision.
      const last = stream[first + append.events.length - 1];
      const delay = this.behaviour.indexDelayMs;
      if (delay !== undefined && Date.now() - (last.writtenAt ?? 0) < delay) return 'not-ready';
      return success(resp, current!, last.position);
    }
    const expected = append.expected;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      (typeof expected === 'bigint' && current === expected);
    if (!ok) {
      const wrong = new AppendResp.WrongExpectedVersion();
      if (current === undefined) wrong.setCurrentNoStream(new Empty());
      else wrong.setCurrentRevision(current.toString());
      if (typeof expected === 'bigint') wrong.setExpectedRevision(expected.toString());
      else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
      else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
      else wrong.setExpectedAny(new Empty());
      resp.setWrongExpectedVersion(wrong);
      return resp;
    }
    let last: StoredRecord | undefined;
    for (const e of append.events) {
      last = this.record(append.streamId, e.type, e.id, e.data, e.metadata);
      last.writtenAt = Date.now();
    }
    return success(resp, last!.revision, last!.position);
  }
}

function success(resp: AppendResp, revision: bigint, position: bigint): AppendResp {
  const ok = new AppendResp.Success();
  ok.setCurrentRevision(revision.toString());
  const p = new AppendResp.Position();
  p.setCommitPosition(position.toString());
  p.setPreparePosition(position.toString());
  ok.setPosition(p);
  resp.setSuccess(ok);
  return resp;
}

function parseRead(call: grpc.ServerWritableStream<ReadReq, ReadResp>): ParsedRead {
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

export function eventResp(record: StoredRecord): ReadResp {
  const resp = new ReadResp();
  const read = new ReadResp.ReadEvent();
  const e = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(record.id);
  e.setId(id);
  e.setStreamIdentifier(streamIdentifier(record.streamId));
  e.setStreamRevision(record.revision.toString());
  e.setCommitPosition(record.position.toString());
  e.setPreparePosition(record.position.toString());
  e.getMetadataMap().set('type', record.type);
  e.getMetadataMap().set('content-type', 'application/json');
  e.getMetadataMap().set('created', (BigInt(Date.now()) * 10000n).toString());
  e.setData(record.data);
  e.setCustomMetadata(record.metadata);
  read.setEvent(e);
  read.setCommitPosition(record.position.toString());
  resp.setEvent(read);
  return resp;
}

function streamIdentifier(name: string): StreamIdentifier {
  const id = new StreamIdentifier();
  id.setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));
  return id;
}

export function toServiceError(error: ServerError): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  if (error.exception) metadata.set('exception', error.exception);
  return { code: error.code, details: error.details, metadata };
}

function randomId(): string {
  return require('node:crypto').randomUUID();
}
