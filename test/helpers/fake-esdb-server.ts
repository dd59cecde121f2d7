import * as grpc from '@grpc/grpc-js';
import { Empty as PbEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty, MaximumAppendSizeExceeded, UUID, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { DEFAULT_MAX_APPEND_SIZE, Expected, FakeEsdbLog, ProposedEvent, StoredRecord, sizeOnDisk } from './fake-esdb-log';
import {
  ParsedRead,
  ServerError,
  batchError,
  checkpointResp,
  eventResp,
  lastAtOrBefore,
  notLeader,
  pack,
  parseRead,
  proposed,
  randomId,
  status,
  streamIdentifier,
  toServiceError,
} from './fake-esdb-wire';

export type { StoredRecord } from './fake-esdb-log';
export type { ParsedRead, ServerError } from './fake-esdb-wire';
export { eventResp, toServiceError } from './fake-esdb-wire';
export { FakeEsdbLog } from './fake-esdb-log';

/**
 * A small EventStoreDB on the wire: a real gRPC server (grpc-js) speaking the server's ServerFeatures and
 * Streams protocols with the client's own generated messages, so the real EventStoreDBClient connects to it
 * over a socket with `esdb://127.0.0.1:<port>?tls=false`, and every error, deadline, cancellation and stream
 * class in between is the client's own. It models the server (EventStore/EventStore, tag v24.10.4) where the
 * adapter's correctness depends on it; each behaviour cites the file it follows:
 * - ServerFeatures advertises every Streams method, BatchAppend included (ServerFeatures.cs), so the client
 *   sends appends over BatchAppend (appendToStream/index.js) with the errors that path has
 *   (Streams.BatchAppend.cs, Status.cs);
 * - idempotency, size, positions and `created` as the log does them (test/helpers/fake-esdb-log.ts);
 * - subscriptions with confirmation, checkpoints, caught-up and fell-behind (Enumerators.AllSubscription*.cs);
 * - NotLeader with the leader's endpoint (RpcExceptions.LeaderInfo), "idempotent, not ready" answered after
 *   the write timeout (2 s by default, shortened by tests);
 * - what a server shows under load or in a cluster (not ready, too busy, a follower's stale reads, access
 *   denied, stalls, servers before 23.10 that never send caughtUp) switched on by a test through `behaviour`.
 * Nodes of a cluster share one FakeEsdbLog: `new FakeEsdbServer({ log: leader.store })`.
 */

export interface ParsedAppend {
  streamId: string;
  expected: Expected;
  events: ProposedEvent[];
  requiresLeader: boolean;
  /** Which call carried it: BatchAppend (what the client uses when the server advertises it) or Append. */
  via: 'batch' | 'unary';
}


/** What a hook answers: undefined to go on as a server would. */
export type ReadHook = (read: ParsedRead, call: grpc.ServerWritableStream<ReadReq, ReadResp>) => ServerError | 'hang' | undefined;
export type AppendHook = (
  append: ParsedAppend,
  attempt: number,
) => ServerError | { writeThen: ServerError } | { delayMs: number } | 'hang' | undefined;

export interface Behaviour {
  /** Subscriptions send caughtUp when they reach the end of the log (servers 23.10 and later). */
  sendsCaughtUp: boolean;
  /** Reads not marked requires-leader see the log only up to this position (a follower behind the leader). */
  followerHorizon?: bigint;
  /** This node is a follower: appends and requires-leader reads answer NotLeader naming this endpoint. */
  notLeader?: { host: string; port: number };
  onRead?: ReadHook;
  onAppend?: AppendHook;
  /**
   * A repeat of a batch written less than this long ago is "idempotent, not ready" (IndexWriter.cs,
   * CommitDecision.IdempotentNotReady): the server does not answer it, and the request times out.
   */
  indexDelayMs?: number;
  /**
   * Records a filtered subscription searches between two Checkpoint messages (checkpointIntervalMultiplier ×
   * maxSearchWindow in the real server; small here so tests see them).
   */
  checkpointInterval: number;
  /** Whether ServerFeatures advertises BatchAppend (every server since 21.10 does). */
  advertisesBatchAppend: boolean;
  /** Stream reads leave the records' positions unset, as servers before 22.6 do. */
  omitsStreamReadPositions?: boolean;
}

const UNAVAILABLE = grpc.status.UNAVAILABLE;
/** RpcExceptions.ServerNotReady / ServerBusy (RpcExceptions.cs) on Read and Append; on BatchAppend see batchError. */
export const NOT_READY: ServerError = { kind: 'not-ready', code: UNAVAILABLE, details: 'Server Is Not Ready' };
export const TOO_BUSY: ServerError = { kind: 'too-busy', code: UNAVAILABLE, details: 'Server Is Too Busy' };
export const DEADLINE: ServerError = { kind: 'timeout', code: grpc.status.DEADLINE_EXCEEDED, details: 'Deadline Exceeded' };
export const ACCESS_DENIED: ServerError = { kind: 'access-denied', code: grpc.status.PERMISSION_DENIED, details: 'Access Denied', exception: 'access-denied' };
/** RpcExceptions.InvalidPositionException (Streams.Read.cs: ReadResponseException.InvalidPosition): a position that is no record's. */
export const INVALID_POSITION: ServerError = { kind: 'other', code: grpc.status.INVALID_ARGUMENT, details: 'Invalid position.' };

export interface FakeEsdbOptions {
  /** The log to serve; another node's to form a cluster. A fresh one (with its epoch records) by default. */
  log?: FakeEsdbLog;
  /** MaxAppendSize, counted as Event.SizeOnDisk (1 MiB by default). */
  maxAppendSize?: number;
  /** The server's write timeout (`_writeTimeout`, 2 s by default): how long an unanswered write waits for Timeout. */
  writeTimeoutMs?: number;
}

type Live = { call: grpc.ServerWritableStream<ReadReq, ReadResp>; filter?: RegExp; checkpointInterval: number; searched: number };

export class FakeEsdbServer {
  readonly store: FakeEsdbLog;
  readonly reads: ParsedRead[] = [];
  readonly appends: ParsedAppend[] = [];
  behaviour: Behaviour = { sendsCaughtUp: true, checkpointInterval: 32, advertisesBatchAppend: true };
  readonly maxAppendSize: number;
  writeTimeoutMs: number;
  private readonly live = new Set<Live>();

  /** Subscriptions the server is serving live (their calls not ended or cancelled by the client). */
  get liveSubscriptions(): number {
    return this.live.size;
  }
  private server = new grpc.Server();
  private appendAttempts = 0;
  private readonly listener = (record: StoredRecord) => this.deliver(record);
  port = 0;

  constructor(options: FakeEsdbOptions = {}) {
    this.store = options.log ?? new FakeEsdbLog();
    this.maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 2000;
  }

  /** Every record a read of $all can return, in log order (the epoch's records left out). */
  get log(): StoredRecord[] {
    return this.store.records.filter((r) => !r.hidden);
  }

  async start(port = 0): Promise<string> {
    this.server = new grpc.Server();
    this.server.addService(StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
      append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) => this.append(call, callback),
      batchAppend: (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => this.batchAppend(call),
    } as unknown as grpc.UntypedServiceImplementation);
    this.server.addService(ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>) => callback(null, this.supportedMethods()),
    } as unknown as grpc.UntypedServiceImplementation);
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    this.store.listeners.add(this.listener);
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  async stop(): Promise<void> {
    this.store.listeners.delete(this.listener);
    for (const sub of this.live) sub.call.end();
    this.live.clear();
    this.server.forceShutdown();
  }

  /**
   * A node restart: every call is cut (the client sees UNAVAILABLE), the in-memory caches go, the log stays,
   * and the node listens again on the same port.
   */
  async restart(downMs = 100): Promise<void> {
    await this.stop();
    this.store.restart();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.start(this.port);
  }

  /** Writes a record straight into the log (seeding, system records, tombstones, another writer). */
  record(streamId: string, type = 'Something', id = randomId(), data: unknown = {}, metadata: unknown = {}): StoredRecord {
    const toBuffer = (v: unknown) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v)));
    return this.store.append(streamId, [{ id, type, data: toBuffer(data), metadata: toBuffer(metadata) }])[0];
  }

  /** ServerFeatures.GetSupportedMethods (ServerFeatures.cs): lowercase names; BatchAppend with `deadline_duration`. */
  private supportedMethods(): SupportedMethods {
    const methods = new SupportedMethods();
    methods.setEventStoreServerVersion('24.10.4');
    const names = ['read', 'append', 'delete', 'tombstone', ...(this.behaviour.advertisesBatchAppend ? ['batchappend'] : [])];
    methods.setMethodsList(
      names.map((name) => {
        const m = new SupportedMethod();
        m.setServiceName('event_store.client.streams.streams');
        m.setMethodName(name);
        if (name === 'read') m.setFeaturesList(['position', 'events']);
        if (name === 'batchappend') m.setFeaturesList(['deadline_duration']);
        return m;
      }),
    );
    return methods;
  }

  private visible(read: ParsedRead): StoredRecord[] {
    const horizon = read.requiresLeader ? undefined : this.behaviour.followerHorizon;
    const log = this.store.records;
    return horizon === undefined ? log : log.filter((r) => r.position <= horizon);
  }

  private read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    const read = parseRead(call);
    this.reads.push(read);
    const hooked = this.behaviour.onRead?.(read, call);
    if (hooked === 'hang') return;
    if (hooked) return void call.emit('error', toServiceError(hooked));
    // Streams.Read.cs: a requires-leader read on a follower is NotHandled(NotLeader) -> RpcExceptions.LeaderInfo.
    if (read.requiresLeader && this.behaviour.notLeader) return void call.emit('error', notLeader(this.behaviour.notLeader));
    const log = this.visible(read);
    if (read.kind === 'all' && read.from !== undefined && !this.store.isBoundary(read.from)) {
      // A position that is not a record's: the chunk reader cannot parse a record there (InvalidReadException ->
      // ReadAllResult.InvalidPosition / ReadResponseException.InvalidPosition, Enumerators.ReadAllForwards.cs).
      return void call.emit('error', toServiceError(INVALID_POSITION));
    }
    if (read.subscription) return this.subscribe(call, read, log);
    let records: StoredRecord[];
    if (read.kind === 'stream') {
      const horizon = read.requiresLeader ? undefined : this.behaviour.followerHorizon;
      let stream = this.store.stream(read.streamId!);
      if (horizon !== undefined) stream = stream.filter((r) => r.position <= horizon);
      if (stream.length === 0) {
        const resp = new ReadResp();
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(streamIdentifier(read.streamId!));
        resp.setStreamNotFound(notFound);
        call.write(resp);
        return void call.end();
      }
      // Revisions are indexes into the stream: slice instead of scanning.
      if (read.backwards) {
        const top = read.fromEnd || read.from === undefined ? stream.length - 1 : Math.min(Number(read.from), stream.length - 1);
        records = [];
        for (let i = top; i >= 0 && records.length < read.count; i--) records.push(stream[i]);
      } else {
        const from = read.from === undefined ? 0 : Number(read.from);
        records = stream.slice(from, from + Math.min(read.count, stream.length));
      }
    } else {
      // A read of $all from a position includes the record at that position; the epoch's records never show.
      records = [];
      if (read.backwards) {
        const top = read.fromEnd || read.from === undefined ? log.length - 1 : lastAtOrBefore(log, read.from);
        for (let i = top; i >= 0 && records.length < read.count; i--) if (!log[i].hidden) records.push(log[i]);
      } else {
        const first = read.from === undefined ? 0 : lastAtOrBefore(log, read.from - 1n) + 1;
        for (let i = first; i < log.length && records.length < read.count; i++) if (!log[i].hidden) records.push(log[i]);
      }
    }
    const withoutPosition = read.kind === 'stream' && this.behaviour.omitsStreamReadPositions;
    for (const record of records.slice(0, read.count)) call.write(eventResp(record, withoutPosition));
    call.end();
  }

  /**
   * Enumerators.AllSubscriptionFiltered.cs: a confirmation, the history after the position (a subscription
   * from a position starts with the record after it), a Checkpoint every `checkpointInterval` records searched
   * and one when the history is done, CaughtUp (23.10+), then live records as they are written.
   */
  private subscribe(call: grpc.ServerWritableStream<ReadReq, ReadResp>, read: ParsedRead, log: StoredRecord[]): void {
    const filter = read.filterRegex ? new RegExp(read.filterRegex) : undefined;
    const confirmation = new ReadResp();
    const confirm = new ReadResp.SubscriptionConfirmation();
    confirm.setSubscriptionId('fake');
    confirmation.setConfirmation(confirm);
    call.write(confirmation);
    const sub: Live = { call, filter, checkpointInterval: this.behaviour.checkpointInterval, searched: 0 };
    let last: bigint | undefined;
    for (const record of log) {
      if (record.hidden || (read.from !== undefined && record.position <= read.from)) continue;
      this.send(sub, record);
      last = record.position;
    }
    if (filter && last !== undefined) call.write(checkpointResp(last));
    if (this.behaviour.sendsCaughtUp) {
      const caughtUp = new ReadResp();
      caughtUp.setCaughtUp(new ReadResp.CaughtUp());
      call.write(caughtUp);
    }
    this.live.add(sub);
    call.on('cancelled', () => this.live.delete(sub));
    call.on('close', () => this.live.delete(sub));
  }

  private send(sub: Live, record: StoredRecord): void {
    if (!sub.filter || sub.filter.test(record.streamId)) sub.call.write(eventResp(record));
    sub.searched += 1;
    if (sub.filter && sub.searched % sub.checkpointInterval === 0) sub.call.write(checkpointResp(record.position));
  }

  private deliver(record: StoredRecord): void {
    if (record.hidden) return;
    if (this.behaviour.followerHorizon !== undefined && record.position > this.behaviour.followerHorizon) return;
    for (const sub of this.live) this.send(sub, record);
  }

  /**
   * A live subscription that cannot keep up is switched back to catching up from the log, and told so with
   * FellBehind (Enumerators.AllSubscription.cs, 23.10+). Nothing is lost: the records follow from the log.
   */
  fellBehind(): void {
    for (const sub of this.live) {
      const resp = new ReadResp();
      resp.setFellBehind(new ReadResp.FellBehind());
      sub.call.write(resp);
    }
  }

  /** The server ends every subscription (a node shutting down its subscriptions, a leader change). */
  endSubscriptions(): void {
    for (const sub of this.live) sub.call.end();
    this.live.clear();
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
          via: 'unary',
        };
      } else if (req.hasProposedMessage() && append) {
        const m = req.getProposedMessage()!;
        append.events.push(proposed(m.getId()!, m.getMetadataMap().get('type') as string, m.getData_asU8(), m.getCustomMetadata_asU8()));
      }
    });
    call.on('end', () => {
      if (!append) return callback(toServiceError({ kind: 'other', code: grpc.status.INVALID_ARGUMENT, details: 'no options' }));
      const a = append;
      void this.process(a, (outcome) => {
        // Streams.Append.cs: NotHandled -> RpcExceptions (UNAVAILABLE / LeaderInfo), WrongExpectedVersion as a
        // message, timeouts as an error.
        if (outcome.kind === 'error') return callback(toServiceError(outcome.error));
        if (outcome.kind === 'not-leader') return callback(notLeader(outcome.leader));
        if (outcome.kind === 'too-large') {
          return callback(toServiceError({ kind: 'other', code: grpc.status.INVALID_ARGUMENT, details: `Maximum Append Size of ${this.maxAppendSize} Exceeded.`, exception: 'maximum-append-size-exceeded' }));
        }
        const resp = new AppendResp();
        if (outcome.kind === 'wrong') {
          const wrong = new AppendResp.WrongExpectedVersion();
          if (outcome.current === undefined) wrong.setCurrentNoStream(new Empty());
          else wrong.setCurrentRevision(outcome.current.toString());
          if (typeof a.expected === 'bigint') wrong.setExpectedRevision(a.expected.toString());
          else if (a.expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
          else if (a.expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
          else wrong.setExpectedAny(new Empty());
          resp.setWrongExpectedVersion(wrong);
          return callback(null, resp);
        }
        const ok = new AppendResp.Success();
        ok.setCurrentRevision(outcome.revision.toString());
        const p = new AppendResp.Position();
        p.setCommitPosition(outcome.position.toString());
        p.setPreparePosition(outcome.position.toString());
        ok.setPosition(p);
        resp.setSuccess(ok);
        callback(null, resp);
      }, this.writeTimeoutMs);
    });
  }

  /**
   * Streams.BatchAppend.cs: one long-lived call carries every append of the client, each tagged with a
   * correlation id; the answer to each is a BatchAppendResp with Success or an Error (google.rpc.Status):
   * - WrongExpectedVersion, AccessDenied, Timeout, MaximumAppendSizeExceeded as in Status.cs;
   * - NotReady / TooBusy as Status{ Details = Any(google.protobuf.Empty), Message = "Server Is Not Ready" /
   *   "Server Is Busy" } and no code: the client cannot recognise them (UnknownError "Could not recognize …");
   * - NotLeader throws RpcExceptions.LeaderInfo inside the callback: the channel completes with it and the
   *   whole call fails (NOT_FOUND with the leader's endpoint), taking every append in flight on it down;
   * - a write not answered within min(the request's deadline, the write timeout) is answered Timeout.
   */
  private batchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    const pending = new Map<string, { append: ParsedAppend; size: number; correlation: UUID; timeoutMs: number }>();
    let failed = false;
    const answer = (correlation: UUID, streamId: string, fill: (resp: BatchAppendResp) => void) => {
      if (failed || call.cancelled || call.writableEnded) return;
      const resp = new BatchAppendResp();
      resp.setCorrelationId(correlation);
      resp.setStreamIdentifier(streamIdentifier(streamId));
      fill(resp);
      call.write(resp);
    };
    call.on('data', (req: BatchAppendReq) => {
      const correlation = req.getCorrelationId()!;
      const key = correlation.getString();
      if (req.hasOptions()) {
        const o = req.getOptions()!;
        const deadline = o.getDeadline();
        const requested = deadline ? deadline.toDate().getTime() - Date.now() : Number.POSITIVE_INFINITY;
        pending.set(key, {
          append: {
            streamId: Buffer.from(o.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8'),
            expected: o.hasStreamPosition() ? BigInt(o.getStreamPosition()) : o.hasNoStream() ? 'no_stream' : o.hasStreamExists() ? 'stream_exists' : 'any',
            events: [],
            requiresLeader: call.metadata.get('requires-leader')[0] === 'true',
            via: 'batch',
          },
          size: 0,
          correlation,
          timeoutMs: Math.min(requested, this.writeTimeoutMs),
        });
      }
      const entry = pending.get(key);
      if (!entry) return;
      for (const m of req.getProposedMessagesList()) {
        const e = proposed(m.getId()!, m.getMetadataMap().get('type') as string, m.getData_asU8(), m.getCustomMetadata_asU8());
        entry.append.events.push(e);
        entry.size += sizeOnDisk(e);
      }
      if (entry.size > this.maxAppendSize) {
        pending.delete(key);
        const max = new MaximumAppendSizeExceeded();
        max.setMaxappendsize(this.maxAppendSize);
        return answer(correlation, entry.append.streamId, (r) => r.setError(status(grpc.status.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', pack(max, 'MaximumAppendSizeExceeded'))));
      }
      if (!req.getIsFinal()) return;
      pending.delete(key);
      const { append } = entry;
      void this.process(append, (outcome) => {
        if (outcome.kind === 'not-leader') {
          failed = true;
          return void call.emit('error', notLeader(outcome.leader));
        }
        answer(correlation, append.streamId, (resp) => {
          if (outcome.kind === 'error') return resp.setError(batchError(outcome.error));
          if (outcome.kind === 'too-large') return; // counted above, before the write
          if (outcome.kind === 'wrong') {
            const wrong = new WrongExpectedVersion();
            if (outcome.current === undefined) wrong.setCurrentNoStream(new PbEmpty());
            else wrong.setCurrentStreamRevision(outcome.current.toString());
            if (typeof append.expected === 'bigint') wrong.setExpectedStreamPosition(append.expected.toString());
            else if (append.expected === 'no_stream') wrong.setExpectedNoStream(new PbEmpty());
            else if (append.expected === 'stream_exists') wrong.setExpectedStreamExists(new PbEmpty());
            else wrong.setExpectedAny(new PbEmpty());
            return resp.setError(status(grpc.status.ALREADY_EXISTS, 'WrongExpectedVersion', pack(wrong, 'WrongExpectedVersion')));
          }
          const ok = new BatchAppendResp.Success();
          ok.setCurrentRevision(outcome.revision.toString());
          const p = new AppendResp.Position();
          p.setCommitPosition(outcome.position.toString());
          p.setPreparePosition(outcome.position.toString());
          ok.setPosition(p);
          resp.setSuccess(ok);
        });
      }, entry.timeoutMs);
    });
    call.on('end', () => {
      if (!failed) call.end();
    });
    call.on('error', () => undefined);
  }

  /**
   * One write as the storage writer decides it, then its answer: `answer` is called once, or after
   * `timeoutMs` with a timeout when the server would not answer (idempotent, not ready; a hang).
   */
  private async process(append: ParsedAppend, answer: (outcome: Outcome) => void, timeoutMs: number): Promise<void> {
    this.appends.push(append);
    this.appendAttempts += 1;
    const unanswered = () => setTimeout(() => answer({ kind: 'error', error: DEADLINE }), timeoutMs);
    const hook = this.behaviour.onAppend?.(append, this.appendAttempts);
    if (hook === 'hang') return; // a stalled node: no answer at all
    if (hook && 'delayMs' in hook) await new Promise((resolve) => setTimeout(resolve, hook.delayMs));
    const hooked = hook && 'delayMs' in hook ? undefined : hook;
    if (this.behaviour.notLeader) return answer({ kind: 'not-leader', leader: this.behaviour.notLeader });
    if (hooked && !('writeThen' in hooked)) return answer({ kind: 'error', error: hooked });
    if (append.via === 'unary' && append.events.reduce((n, e) => n + sizeOnDisk(e), 0) > this.maxAppendSize) {
      return answer({ kind: 'too-large' });
    }
    this.store.indexDelayMs = this.behaviour.indexDelayMs ?? 0;
    const check = this.store.checkCommit(append.streamId, append.expected, append.events);
    if (check.decision === 'wrong-expected-version') return answer({ kind: 'wrong', current: check.current });
    let revision: bigint;
    let position: bigint;
    if (check.decision === 'idempotent') {
      // IdempotentNotReady is never answered by the writer: the request times out (~2 s, the write timeout).
      if (check.notReady) return void unanswered();
      revision = check.current!;
      position = check.last.position;
    } else {
      const written = this.store.append(append.streamId, append.events);
      revision = written[written.length - 1].revision;
      position = written[written.length - 1].position;
    }
    answer(hooked ? { kind: 'error', error: hooked.writeThen } : { kind: 'ok', revision, position });
  }
}

type Outcome =
  | { kind: 'ok'; revision: bigint; position: bigint }
  | { kind: 'wrong'; current: bigint | undefined }
  | { kind: 'error'; error: ServerError }
  | { kind: 'not-leader'; leader: { host: string; port: number } }
  | { kind: 'too-large' };
