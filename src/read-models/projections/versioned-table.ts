import type { Database, Statement } from 'better-sqlite3';
import { RowLocator, readLocatedRow } from './row-locator';
import { Stamp } from './stamp';

export type Value = string | number | null;
export type Row = Record<string, Value>;

/** A mirrored open row's fingerprint and key (names no column can have). */
const PRINT = '\u0000print';
const KEY = '\u0000key';

interface OpenRow extends Row {
  _rowid: number;
  known_from_position: number;
}

/**
 * A table whose rows are versions known over a half-open interval of record positions. Rows are never
 * updated except to close them: a change closes the open version and inserts the new one. `key` names
 * the columns that select the versions one change can touch (e.g. council_id + member_id).
 *
 * With `rebuild`, the table is being filled from empty without its secondary indexes: a single-column key
 * (or the key column named by `locate`) is then looked up through an in-memory RowLocator instead of an index.
 * With `mirror` (a rebuild's entity tables: a few rows per member, officer role, motion and council), the
 * open versions themselves are kept in memory and the table is never read: a rebuild writes on another
 * thread (rebuild-pipeline.ts), where every read waits for the writes queued before it.
 */
export class VersionedTable {
  private readonly insertStmt: Statement;
  private readonly openStmt: Statement;
  private readonly closeStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly byRowid: Statement | undefined;
  private readonly locator: RowLocator | undefined;
  private readonly params: Value[];
  private readonly mirror: Map<string, OpenRow[]> | undefined;

  constructor(
    db: Database,
    readonly table: string,
    readonly columns: readonly string[],
    readonly key: readonly string[],
    options: { rebuild?: boolean; locate?: string; mirror?: boolean } = {},
  ) {
    const all = [...columns, 'known_from_position', 'known_from_ms'];
    this.params = new Array<Value>(all.length).fill(null);
    this.insertStmt = db.prepare(`INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`);
    this.openStmt = db.prepare(
      `SELECT rowid AS _rowid, * FROM ${table} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')} AND known_to_position IS NULL`,
    );
    this.closeStmt = db.prepare(`UPDATE ${table} SET known_to_position = ?, known_to_ms = ? WHERE rowid = ?`);
    this.deleteStmt = db.prepare(`DELETE FROM ${table} WHERE rowid = ?`);
    const locate = options.locate ?? (key.length === 1 ? key[0] : undefined);
    if (options.mirror) this.mirror = new Map();
    else if (options.rebuild && locate !== undefined) {
      this.locator = new RowLocator();
      this.locateAt = key.indexOf(locate);
      this.byRowid = db.prepare(`SELECT rowid AS _rowid, * FROM ${table} WHERE rowid = ? AND ${key.map((k) => `${k} = ?`).join(' AND ')} AND known_to_position IS NULL`);
    }
  }

  /** Which key column the rebuild's in-memory locator is keyed by (`locate`, else the only key column). */
  private readonly locateAt: number = 0;

  insert(row: Row, stamp: Stamp): void {
    const params = this.params;
    const columns = this.columns;
    for (let i = 0; i < columns.length; i++) params[i] = row[columns[i]] ?? null;
    params[columns.length] = stamp.position;
    params[columns.length + 1] = stamp.ms;
    const rowid = this.insertStmt.run(params).lastInsertRowid as number;
    if (this.locator) this.locator.add(row[this.key[this.locateAt]] as string, rowid);
    if (this.mirror) {
      // Only what the rebuild asks of an open row: where it is, its fingerprint, its key and its name (a
      // member's, for the votes' descriptions). A copy of every column cost ~100 MB at 1,000,000 events.
      const key = this.mirrorKey(this.key.map((k) => params[columns.indexOf(k)]));
      const open: OpenRow = { _rowid: rowid, known_from_position: stamp.position, [PRINT]: this.fingerprint(row), [KEY]: key, name: (row.name as Value) ?? null };
      const rows = this.mirror.get(key);
      if (rows) rows.push(open);
      else this.mirror.set(key, [open]);
    }
  }

  open(keyValues: readonly Value[]): OpenRow[] {
    if (this.mirror) return [...(this.mirror.get(this.mirrorKey(keyValues)) ?? [])];
    if (this.locator) {
      const rows: OpenRow[] = [];
      for (const rowid of this.locator.candidates(keyValues[this.locateAt] as string)) {
        const row = readLocatedRow(this.byRowid!, this.table, rowid, rowid, ...keyValues) as OpenRow | undefined;
        if (row) rows.push(row);
      }
      return rows;
    }
    return this.openStmt.all(...keyValues) as OpenRow[];
  }

  /** Ends a version at `stamp`; a version that would be known for no position at all is removed. */
  close(row: OpenRow, stamp: Stamp): void {
    if (row.known_from_position >= stamp.position) this.deleteStmt.run(row._rowid);
    else this.closeStmt.run(stamp.position, stamp.ms, row._rowid);
    if (this.mirror) {
      const key = row[KEY] as string;
      const rows = this.mirror.get(key) ?? [];
      const i = rows.findIndex((r) => r._rowid === row._rowid);
      if (i >= 0) rows.splice(i, 1);
      if (rows.length === 0) this.mirror.delete(key);
    }
  }

  closeAll(keyValues: readonly Value[], stamp: Stamp): void {
    for (const row of this.open(keyValues)) this.close(row, stamp);
  }

  /** Makes the open versions for `keyValues` equal `desired`, closing and inserting only what differs. */
  reconcile(keyValues: readonly Value[], desired: readonly Row[], stamp: Stamp): void {
    const wanted = new Map<string, Row[]>();
    for (const row of desired) {
      const print = this.fingerprint(row);
      const same = wanted.get(print);
      if (same) same.push(row);
      else wanted.set(print, [row]);
    }
    for (const row of this.open(keyValues)) {
      const same = wanted.get(this.fingerprint(row));
      if (same && same.length > 0) same.pop();
      else this.close(row, stamp);
    }
    for (const rows of wanted.values()) for (const row of rows) this.insert(row, stamp);
  }

  private mirrorKey(keyValues: readonly Value[]): string {
    return keyValues.length === 1 ? String(keyValues[0]) : keyValues.join('\u0000');
  }

  private fingerprint(row: Row): string {
    if (this.mirror && typeof row[PRINT] === 'string') return row[PRINT];
    return JSON.stringify(this.columns.map((c) => row[c] ?? null));
  }
}
