import type { Database } from 'better-sqlite3';
import { AS_OF_DDL, AS_OF_TABLES } from './as-of-index';
import { COUNCIL_TABLES_DDL, POLITICAL_GROUP_TABLES_DDL } from './schema-council-tables';
import { READ_INDEXES_DDL } from './schema-indexes';
import { MEETING_AND_VOTE_TABLES_DDL } from './schema-meeting-and-vote-tables';
import { RECORD_TABLES_DDL, RUNNER_TABLES_DDL } from './schema-record-tables';

/**
 * The read database (DATA_DIR/read.sqlite): every table here is a projection of the event store and can
 * be dropped and rebuilt from the first event (`npm run rebuild`). docs/read-models.md describes each
 * column for analysts.
 *
 * Conventions shared by all tables:
 * - Valid time (when something was true in the world) is kept as the EDTF string the source gave plus its
 *   bounds as day numbers (days since 1970-01-01, UTC calendar): `<x>_edtf`, `<x>_earliest`,
 *   `<x>_latest`. `date(<x>_earliest * 86400, 'unixepoch')` turns a bound into 'YYYY-MM-DD'.
 * - Record time (when the record said so) is a half-open interval of global event positions and of the
 *   events' recorded times in ms since the epoch: known from `known_from_position` (inclusive) until
 *   `known_to_position` (exclusive; NULL = still the current record). A correction, a departure, a
 *   decision... closes the row it supersedes and inserts the new version; nothing is updated in place
 *   except `known_to_*` and the checkpoint.
 *   "As known at position P": known_from_position <= P AND (known_to_position IS NULL OR known_to_position > P).
 * - `fact_id` is the id of the event that first stated a fact; it stays the same when a correction
 *   replaces the fact, while `source_event_id` is the event (original or correction) that stated this
 *   version.
 *
 * The tables are in schema-record-tables.ts (with the record-time columns), schema-council-tables.ts and
 * schema-meeting-and-vote-tables.ts, their indexes in schema-indexes.ts.
 *
 * Bump READ_SCHEMA_VERSION on any change: a read database with another version is dropped and rebuilt.
 */
export const READ_SCHEMA_VERSION = 16;

/** Tables owned by the core projections (dropped on rebuild, in this order). */
export const CORE_TABLES = [
  'checkpoint',
  'parked_events',
  'read_generation',
  'events',
  'facts',
  'corrections',
  'councils',
  'members',
  'elections',
  'officers',
  'working_groups',
  'working_group_members',
  'meetings',
  'meeting_attendance',
  'motions',
  'votes',
  'vote_pairs',
  'political_groups',
  'affiliations',
] as const;

/** Every core table, then the as-of index over them (as-of-index.ts). */
export const READ_TABLES_DDL = `${RUNNER_TABLES_DDL}${RECORD_TABLES_DDL}${COUNCIL_TABLES_DDL}${MEETING_AND_VOTE_TABLES_DDL}${POLITICAL_GROUP_TABLES_DDL}${AS_OF_DDL}`;

export const READ_SCHEMA_DDL = `${READ_TABLES_DDL}\n${READ_INDEXES_DDL.join('\n')}\n`;

/** Opens a read database for writing or reading: WAL (readers never block the runner), NORMAL sync. */
export function configureReadDatabase(db: Database): void {
  db.pragma('journal_mode = WAL');
  // The read database can always be rebuilt and its checkpoint commits with its rows, so a lost tail
  // after a power cut only means re-applying those events.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Checkpoint every ~40 MB of WAL rather than SQLite's 4 MB: the projections rewrite the same right-edge
  // pages batch after batch, and a page is copied into the database once per checkpoint however often it
  // changed (9.0 → 6.8 kB written per projected event over the 100,000-event history; docs/benchmarks.md).
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

/**
 * Creates the tables (idempotent). A database written by another schema version is emptied first, so
 * the runner rebuilds it from the first event. Returns true when it was (re)created empty.
 */
export function applyReadSchema(db: Database, extraTables: readonly string[] = []): boolean {
  const version = db.pragma('user_version', { simple: true }) as number;
  let reset = false;
  if (version !== READ_SCHEMA_VERSION) {
    dropReadTables(db, extraTables);
    reset = true;
  }
  db.exec(READ_SCHEMA_DDL);
  db.pragma(`user_version = ${READ_SCHEMA_VERSION}`);
  return reset;
}

export function dropReadTables(db: Database, extraTables: readonly string[] = []): void {
  db.transaction(() => {
    // The as-of index (rtrees, counters) first: dropping a core table drops its triggers with it.
    for (const table of [...AS_OF_TABLES, ...CORE_TABLES, ...extraTables]) db.exec(`DROP TABLE IF EXISTS "${table}"`);
  })();
}
