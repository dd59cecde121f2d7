import type { Statement } from 'better-sqlite3';

/**
 * A compact in-memory index from a text key (a fact id) to the rowids that carried it, for rebuilds, which
 * build the tables without their secondary indexes. It stores a 32-bit hash and a rowid per row in typed
 * arrays (open addressing), so a million rows cost ~16 MB; a lookup returns candidate rowids that the
 * caller checks against the row itself (hash collisions, closed versions).
 */
export class RowLocator {
  private hashes = new Int32Array(1 << 16);
  private rowids = new Int32Array(1 << 16);
  private size = 0;

  add(key: string, rowid: number): void {
    if ((this.size + 1) * 2 > this.rowids.length) this.grow();
    this.put(hash(key), rowid);
    this.size += 1;
  }

  /** Rowids added under keys with the same hash as `key`, in ascending order. */
  candidates(key: string): number[] {
    const h = hash(key);
    const mask = this.rowids.length - 1;
    const found: number[] = [];
    for (let i = h & mask; this.rowids[i] !== 0; i = (i + 1) & mask) if (this.hashes[i] === h) found.push(this.rowids[i]);
    return found.length > 1 ? found.sort((a, b) => a - b) : found;
  }

  private put(h: number, rowid: number): void {
    const mask = this.rowids.length - 1;
    let i = h & mask;
    while (this.rowids[i] !== 0) i = (i + 1) & mask;
    this.hashes[i] = h;
    this.rowids[i] = rowid;
  }

  private grow(): void {
    const { hashes, rowids } = this;
    this.hashes = new Int32Array(rowids.length * 2);
    this.rowids = new Int32Array(rowids.length * 2);
    for (let i = 0; i < rowids.length; i++) if (rowids[i] !== 0) this.put(hashes[i], rowids[i]);
  }
}

/** FNV-1a over the UTF-16 code units. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * A statement that can read a row this rebuild has already appended without waiting for every write queued
 * after it: a pipelined rebuild's statements (rebuild-pipeline.ts), whose reads otherwise drain the pipeline.
 * `getRow(table, rowid, ...args)` answers what `get(...args)` would, for a statement that reads that row only.
 */
export interface LocatedRowReader {
  getRow(table: string, rowid: number, ...args: unknown[]): unknown;
}

/**
 * `statement.get(...args)` for a statement that selects row `rowid` of `table` (a candidate a RowLocator
 * gave) and reads nothing else that changes: through a LocatedRowReader when the statement is one.
 */
export function readLocatedRow(statement: Statement | LocatedRowReader, table: string, rowid: number, ...args: unknown[]): unknown {
  return 'getRow' in statement ? statement.getRow(table, rowid, ...args) : statement.get(...args);
}
