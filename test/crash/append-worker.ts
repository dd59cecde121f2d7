/**
 * Child process of sqlite-crash.int.spec.ts: appends concurrently until it is killed with SIGKILL, and tells
 * the parent (IPC) about every append the store acknowledged. Run with ts-node's transpile-only register.
 * argv: <database path> <run number>
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

export interface Ack {
  batch: string;
  streamId: string;
  ids: string[];
  firstPosition: string;
  position: string;
  nextExpectedRevision: string;
}

export interface CrashEventData {
  batch: string;
  index: number;
  size: number;
}

const [path, run] = process.argv.slice(2);
const store = new SqliteEventStore({ path, synchronous: 'FULL' });
const send = (message: unknown) => process.send?.(message);

async function writer(streamId: string, shared: boolean): Promise<void> {
  for (let n = 0; ; n++) {
    const batch = `${run}/${streamId}/${n}/${randomUUID().slice(0, 8)}`;
    const size = 1 + Math.floor(Math.random() * 6);
    const events = Array.from({ length: size }, (_, index) => ({
      id: randomUUID(),
      type: 'CrashTested',
      data: { batch, index, size } satisfies CrashEventData,
    }));
    // Own streams append at their exact revision; the shared one races other writers with `any`.
    const expectedRevision = shared ? 'any' : ((await store.streamRevision(streamId)) ?? 'no_stream');
    const result = await store.appendToStream(streamId, events, { expectedRevision });
    const ack: Ack = {
      batch,
      streamId,
      ids: events.map((e) => e.id),
      firstPosition: result.firstPosition.toString(),
      position: result.position.toString(),
      nextExpectedRevision: result.nextExpectedRevision.toString(),
    };
    send({ kind: 'ack', ack });
  }
}

const writers = [
  ...Array.from({ length: 6 }, (_, i) => writer(`crash-own-${i}`, false)),
  ...Array.from({ length: 4 }, () => writer('crash-shared', true)),
];
send({ kind: 'ready' });
Promise.all(writers).catch((error) => {
  send({ kind: 'error', message: String(error?.stack ?? error) });
  process.exit(1);
});
