/**
 * The channel between a pipelined rebuild's projecting thread and its writer thread (rebuild-writer.ts): a
 * byte ring in a SharedArrayBuffer carrying length-prefixed frames, in order. Not postMessage: each
 * message there is a buffer allocated by one thread and freed by the other, and glibc's per-thread arenas
 * kept that memory (a 1,000,000-event rebuild peaked at 629 MB against 243 MB on one thread; 216 MB with
 * MALLOC_ARENA_MAX=1 at 300,000 events against 308 MB). Through the ring each thread frees what it
 * allocated. Answers to reads (rare) come back on a MessagePort, and a read of an appended row goes out on it.
 *
 * The runs of statements travel as JSON: a binary form (tagged values, strings as UTF-8) was tried and made
 * the writer slower, since creating its strings costs as much as JSON.parse, which runs in C++.
 */

/** Slots of the shared Int32Array. */
export const WRITTEN = 0; // bytes written into the ring so far (mod 2^32)
export const READ = 1; // bytes the writer has taken out (mod 2^32)
export const REPLY = 2; // 1 once an answer waits on the reply port
export const ERROR = 3; // 1 once the writer failed (its answer says why)
export const ROW_READ = 4; // 1 once a read of an appended row (RowRead) waits on the port
export const STATE_SLOTS = 5;

/**
 * The ring's size: a power of two, so that positions mod 2^32 map onto it. 2 MB holds dozens of runs of ops;
 * the projecting thread never found the 8 MB ring full over 1,000,000 events (the writer keeps up), and every
 * byte of it is resident.
 */
export const RING_BYTES = 1 << 21;

/** Statement ids of a batch's frame in an `ops` run. */
export const BEGIN = -1;
export const COMMIT = -2;

export type ToWriter =
  /** `table`: the table of a plain INSERT whose rowid this side gives (the writer tracks how far each got). */
  | { type: 'prepare'; id: number; sql: string; table?: string }
  /** A flat run of [statement id, parameter count, ...parameters]; BEGIN/COMMIT frame a batch. */
  | { type: 'ops'; ops: unknown[] }
  | { type: 'query'; id: number; args: unknown[]; all: boolean; pluck: boolean }
  /** Wakes a writer waiting on an empty ring, so that it sees a RowRead posted meanwhile. */
  | { type: 'nudge' }
  /** Runs `finish` (statements, in order) on the writer's connection, then closes the file. */
  | { type: 'close'; finish: string[] };

/**
 * A read of one row the projecting thread appended and has not changed since (it never ran an UPDATE or
 * DELETE on it): the writer answers it as soon as it has inserted that row, ahead of the writes queued
 * after it, instead of after all of them. Sent on the port, flagged by ROW_READ.
 */
export interface RowRead {
  id: number;
  args: unknown[];
  pluck: boolean;
  table: string;
  rowid: number;
}

export type FromWriter = { value: unknown } | { error: string };

export interface WriterData {
  path: string;
  /** Pragmas the writer's connection runs first (the rebuild's: no journal, no sync, exclusive lock...). */
  pragmas: string[];
  state: SharedArrayBuffer;
  ring: SharedArrayBuffer;
}

/** Waits (Atomics.wait, at most `ms` at a time) while `state[slot]` still equals `value`. */
function waitWhile(state: Int32Array, slot: number, value: number, ms: number): void {
  Atomics.wait(state, slot, value, ms);
}

/** The projecting thread's end: writes whole frames, waiting while the ring is full. */
export class RingWriter {
  private readonly bytes: Uint8Array;

  constructor(
    private readonly state: Int32Array,
    ring: SharedArrayBuffer,
    private readonly check: () => void,
  ) {
    this.bytes = new Uint8Array(ring);
  }

  /** One buffer for every frame, grown when needed: a buffer per frame left megabytes for the GC to find. */
  private scratch = Buffer.alloc(1 << 16);

  write(message: ToWriter): void {
    const json = JSON.stringify(message);
    const length = Buffer.byteLength(json, 'utf8');
    if (this.scratch.length < length + 4) this.scratch = Buffer.alloc(Math.max(length + 4, this.scratch.length * 2));
    this.scratch.writeUInt32LE(length, 0);
    this.scratch.write(json, 4, 'utf8');
    this.put(this.scratch.subarray(0, length + 4));
  }

  private put(data: Uint8Array): void {
    let offset = 0;
    while (offset < data.length) {
      const written = Atomics.load(this.state, WRITTEN) >>> 0;
      const read = Atomics.load(this.state, READ) >>> 0;
      const free = RING_BYTES - ((written - read) >>> 0);
      if (free === 0) {
        this.check();
        waitWhile(this.state, READ, read | 0, 1000);
        continue;
      }
      const at = written & (RING_BYTES - 1);
      const n = Math.min(free, data.length - offset, RING_BYTES - at);
      this.bytes.set(data.subarray(offset, offset + n), at);
      offset += n;
      Atomics.store(this.state, WRITTEN, (written + n) | 0);
      Atomics.notify(this.state, WRITTEN);
    }
  }
}

/** The writer thread's end: reads whole frames, waiting while the ring is empty (calling `idle` then). */
export class RingReader {
  private readonly bytes: Uint8Array;

  constructor(
    private readonly state: Int32Array,
    ring: SharedArrayBuffer,
    private readonly idle: () => void = () => undefined,
  ) {
    this.bytes = new Uint8Array(ring);
  }

  private readonly header = Buffer.alloc(4);
  private scratch = Buffer.alloc(1 << 16);

  read(): ToWriter {
    const length = this.take(this.header).readUInt32LE(0);
    if (this.scratch.length < length) this.scratch = Buffer.alloc(Math.max(length, this.scratch.length * 2));
    const body = this.take(this.scratch.subarray(0, length));
    return JSON.parse(body.toString('utf8')) as ToWriter;
  }

  private take(into: Buffer): Buffer {
    let offset = 0;
    while (offset < into.length) {
      const written = Atomics.load(this.state, WRITTEN) >>> 0;
      const read = Atomics.load(this.state, READ) >>> 0;
      const available = (written - read) >>> 0;
      if (available === 0) {
        this.idle();
        waitWhile(this.state, WRITTEN, written | 0, 1000);
        continue;
      }
      const at = read & (RING_BYTES - 1);
      const n = Math.min(available, into.length - offset, RING_BYTES - at);
      into.set(this.bytes.subarray(at, at + n), offset);
      offset += n;
      Atomics.store(this.state, READ, (read + n) | 0);
      Atomics.notify(this.state, READ);
    }
    return into;
  }
}
