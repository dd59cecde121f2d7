import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export type SynchronousMode = 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';

/**
 * One row per event; `position` is the rowid, so the global order is the commit order. SQLite has a
 * single writer and a transaction's rows become visible together, so readers only ever see a prefix
 * of the log: a subscriber can never skip a position that commits later.
 */
export function applySchema(db: Database, synchronous: SynchronousMode): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position    INTEGER PRIMARY KEY,
      id          TEXT    NOT NULL UNIQUE,
      stream_id   TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT    NOT NULL,
      recorded_at INTEGER NOT NULL,
      UNIQUE (stream_id, revision)
    );
    -- The earlier schema kept each stream's revision in a \`streams\` table too; it is derived from
    -- \`events\` now (STREAM_REVISION_SQL), and a copy that is no longer maintained would only mislead.
    DROP TABLE IF EXISTS streams;
    -- Facts about the store itself; store_id tells this database from any other (a backup keeps it).
    CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
  db.prepare("INSERT OR IGNORE INTO store_meta (key, value) VALUES ('store_id', ?)").run(randomUUID());
}

/**
 * A stream's current revision, read from the UNIQUE (stream_id, revision) index (one index probe), or no
 * row when the stream does not exist. The revision lives only in `events` (keeping a separate `streams`
 * table up to date cost a statement and a page write in every append).
 */
export const STREAM_REVISION_SQL =
  'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1';

/**
 * The same probe, also returning the last event's id (what `expectedLastEventId` is checked against). The id
 * is read from the row the index entry points at, a page the append is about to touch anyway.
 */
export const STREAM_HEAD_SQL =
  'SELECT revision, id FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1';

export interface EventRow {
  position: number;
  id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: number;
}
