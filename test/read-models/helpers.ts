import type { Database } from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { runCatchUpSubscription } from '../../src/event-store/catch-up-subscription';
import { EventStore, RecordedEvent, SubscribeOptions, Subscription, SubscriptionHandler } from '../../src/event-store/event-store.port';
import { CouncilEventMap, CouncilEventType, EventMetadataV1, councilStream } from '../../src/council/domain/events';
import { ProjectionRunner } from '../../src/read-models/projection-runner';
import { Projection } from '../../src/read-models/projections/projection';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';

/**
 * A store for projection tests that lets the test choose each event's recorded time. Only the parts of
 * the port the runner uses do anything.
 */
export class TestStore implements EventStore {
  readonly kind = 'sqlite' as const;
  readonly checksLastEventId = false;
  readonly events: RecordedEvent[] = [];
  private readonly committed = new EventEmitter();
  private nextPosition = 1;
  private clock = Date.parse('2024-01-01T00:00:00Z');

  append(councilId: string, type: CouncilEventType, data: unknown, options: { id?: string; recordedAt?: number; metadata?: Partial<EventMetadataV1> } = {}): RecordedEvent {
    const streamId = councilStream(councilId);
    const revision = BigInt(this.events.filter((e) => e.streamId === streamId).length);
    this.clock = options.recordedAt ?? this.clock + 1000;
    const event: RecordedEvent = {
      id: options.id ?? randomUUID(),
      streamId,
      type,
      data,
      metadata: { schemaVersion: 1, ...options.metadata },
      revision,
      position: BigInt(this.nextPosition),
      recordedAt: new Date(this.clock),
    };
    this.nextPosition += 1 + (this.nextPosition % 3 === 0 ? 1 : 0); // positions need not be contiguous
    this.events.push(event);
    this.committed.emit('commit');
    return event;
  }

  appendRaw(event: Omit<RecordedEvent, 'position' | 'revision'>): RecordedEvent {
    const recorded = { ...event, position: BigInt(this.nextPosition++), revision: 0n };
    this.events.push(recorded);
    this.committed.emit('commit');
    return recorded;
  }

  subscribeToAll(handler: SubscriptionHandler, options: SubscribeOptions = {}): Subscription {
    const batchSize = options.batchSize ?? 500;
    return runCatchUpSubscription({
      from: options.after,
      handler,
      readPage: async (after) => this.events.filter((e) => after === undefined || e.position > after).slice(0, batchSize),
      waitForMore: (signal) =>
        new Promise<void>((resolve) => {
          const done = () => {
            this.committed.off('commit', done);
            signal.removeEventListener('abort', done);
            resolve();
          };
          this.committed.on('commit', done);
          signal.addEventListener('abort', done);
        }),
    });
  }

  async headPosition(): Promise<bigint | undefined> {
    return this.events.at(-1)?.position;
  }
  async appendToStream(): Promise<never> {
    throw new Error('not used');
  }
  // eslint-disable-next-line require-yield
  async *readStream(): AsyncIterable<RecordedEvent> {
    throw new Error('not used');
  }
  async *readAll(): AsyncIterable<RecordedEvent> {
    yield* this.events;
  }
  async streamExists(): Promise<boolean> {
    return false;
  }
  async streamRevision(): Promise<bigint | undefined> {
    return undefined;
  }
  async close(): Promise<void> {}
}

/** Projects everything in `store` into a fresh in-memory read database and returns it. */
export async function project(store: EventStore, options: { db?: Database; projections?: Projection[]; batchSize?: number } = {}): Promise<{ db: Database; runner: ProjectionRunner }> {
  const projections = options.projections ?? allProjections([]);
  const db = options.db ?? openReadDatabase(':memory:', projections);
  const runner = new ProjectionRunner(store, db, projections, { batchSize: options.batchSize, retryDelayMs: 10, log: { error: () => undefined } });
  const caughtUp = runner.whenCaughtUp();
  runner.start();
  await caughtUp;
  const head = await store.headPosition();
  if (head !== undefined) await runner.waitFor(head, 5000);
  await runner.stop();
  return { db, runner };
}

/** Builders of event data with sensible defaults, so a test states only what it is about. */
export const fact = {
  founded: (councilId: string, over: Partial<CouncilEventMap['CouncilFounded']> = {}): CouncilEventMap['CouncilFounded'] => ({
    councilId,
    name: 'Coordination Council',
    foundedOn: '2012-10-27',
    seats: 45,
    curiae: [{ key: 'general', name: 'General list', seats: 45 }],
    rules: { quorum: 'majority-of-members', decision: 'majority-of-members' },
    ...over,
  }),
  elected: (memberId: string, electedOn: string, over: Partial<CouncilEventMap['MemberElected']> = {}): CouncilEventMap['MemberElected'] => ({
    memberId,
    name: memberId.replace(/-/g, ' '),
    aliases: [],
    curia: 'general',
    electedOn,
    ...over,
  }),
  left: (memberId: string, leftOn: string, reason: CouncilEventMap['MemberLeft']['reason'] = 'resigned'): CouncilEventMap['MemberLeft'] => ({ memberId, leftOn, reason }),
  meeting: (meetingId: string, date: string, over: Partial<CouncilEventMap['MeetingHeld']> = {}): CouncilEventMap['MeetingHeld'] => ({
    meetingId,
    date,
    kind: 'regular',
    agenda: ['minutes'],
    membership: { certain: 3, uncertain: 0 },
    quorum: { rule: 'majority-of-members', required: 2, requiredIfAllUncertainIn: 2 },
    quorumCertain: true,
    outcomeBasis: 'attendance',
    ...over,
  }),
  dissolved: (dissolvedOn: string): CouncilEventMap['CouncilDissolved'] => ({ dissolvedOn }),
  group: (groupId: string): CouncilEventMap['GroupFounded'] => ({ groupId, name: groupId.toUpperCase(), classification: 'party' }),
  affiliated: (memberId: string, groupId: string, from?: string, to?: string): CouncilEventMap['MemberAffiliated'] => ({ memberId, groupId, ...(from ? { from } : {}), ...(to ? { to } : {}) }),
};

export function rows(db: Database, sql: string, ...params: unknown[]): Array<Record<string, unknown>> {
  return db.prepare(sql).all(...params) as Array<Record<string, unknown>>;
}
