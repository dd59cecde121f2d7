import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { coreProjection } from './projections/core.projection';
import { Projection, projectionSignature, registeredProjections } from './projections/projection';
import { READ_SCHEMA_DDL, READ_SCHEMA_VERSION, READ_TABLES_DDL, applyReadSchema, configureReadDatabase, dropReadTables } from './schema';
import { READ_INDEXES_DDL, REBUILD_LIVE_INDEXES, indexName } from './schema-indexes';

export const READ_DATABASE = Symbol('READ_DATABASE');
export const READ_DATABASE_FILE = 'read.sqlite';

export function readDatabasePath(dataDir: string): string {
  return join(dataDir, READ_DATABASE_FILE);
}

/** The core projection followed by every registered one. */
export function allProjections(extra: readonly Projection[] = registeredProjections()): Projection[] {
  return [coreProjection, ...extra.filter((p) => p.name !== coreProjection.name)];
}

/**
 * Opens (creating when needed) the read database with the tables of `projections`. When the schema
 * version or the set of projections differs from what built the existing tables, they are all dropped, so
 * the runner rebuilds them from the first event.
 */
export function openReadDatabase(path: string, projections: readonly Projection[] = allProjections()): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  configureReadDatabase(db);
  const extraTables = projections.filter((p) => p !== coreProjection).flatMap((p) => p.tables);
  applyReadSchema(db, extraTables);
  const signature = projectionSignature(projections);
  const stored = db.prepare('SELECT projections FROM checkpoint WHERE id = 1').pluck().get() as string | null;
  if (stored !== null && stored !== signature) {
    dropReadTables(db, extraTables);
    db.exec(READ_SCHEMA_DDL);
  }
  for (const projection of projections) if (projection !== coreProjection && projection.ddl) db.exec(projection.ddl);
  db.prepare('UPDATE checkpoint SET projections = ? WHERE id = 1').run(signature);
  return db;
}

/**
 * Creates a fresh read database for a rebuild at `path` (which must not exist): the core tables with only
 * the indexes the projections look up through (REBUILD_LIVE_INDEXES), no rollback journal and no syncing,
 * since a failed rebuild throws the file away. finishRebuildDatabase() then builds the other indexes and
 * makes it an ordinary read database.
 */
export function createRebuildDatabase(path: string, projections: readonly Projection[] = allProjections()): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = openRebuildDatabase(path);
  db.exec(READ_TABLES_DDL);
  for (const ddl of READ_INDEXES_DDL) if (REBUILD_LIVE_INDEXES.has(indexName(ddl))) db.exec(ddl);
  db.pragma(`user_version = ${READ_SCHEMA_VERSION}`);
  for (const projection of projections) if (projection !== coreProjection && projection.ddl) db.exec(projection.ddl);
  db.prepare('UPDATE checkpoint SET projections = ? WHERE id = 1').run(projectionSignature(projections));
  return db;
}

/**
 * A rebuild file's connection settings: no rollback journal and no syncing (a failed rebuild throws the
 * file away; rebuild.ts syncs it before it takes the read database's place), an exclusive lock, and a
 * small cache: without secondary indexes the rows only append at the tables' right edges, so 32 MB does
 * (it keeps the peak RSS down; 32 MB ran as fast as 64 MB over 1M events).
 */
export const REBUILD_PRAGMAS: readonly string[] = ['journal_mode = OFF', 'synchronous = OFF', 'locking_mode = EXCLUSIVE', 'cache_size = -32768', 'temp_store = MEMORY'];

/** Opens a rebuild file (created by createRebuildDatabase) with REBUILD_PRAGMAS. */
export function openRebuildDatabase(path: string): Database.Database {
  const db = new Database(path);
  for (const pragma of REBUILD_PRAGMAS) db.pragma(pragma);
  return db;
}

/**
 * What finishes a rebuild file, in order: the indexes the rebuild deferred (one sorted bulk build each), then the
 * switch to an ordinary read database in WAL. Sorts go to disk with a small cache: temp_store=MEMORY would hold
 * every index's sort runs in the heap, and a bigger cache only raises the peak RSS (the builds are no faster
 * with it). The last statement folds the WAL back into the file. A pipelined rebuild sends these to its writer
 * thread, which runs them on the connection and cache it already has (rebuild-writer.ts).
 */
export function finishRebuildStatements(): string[] {
  return [
    'PRAGMA temp_store = FILE',
    'PRAGMA cache_size = -16384',
    ...READ_INDEXES_DDL.filter((ddl) => !REBUILD_LIVE_INDEXES.has(indexName(ddl))),
    'PRAGMA locking_mode = NORMAL',
    'PRAGMA journal_mode = WAL',
    'PRAGMA synchronous = NORMAL',
    'PRAGMA wal_checkpoint(TRUNCATE)',
  ];
}

/** Finishes a rebuild file on this connection (finishRebuildStatements) and leaves it set as a read database. */
export function finishRebuildDatabase(db: Database.Database): void {
  for (const sql of finishRebuildStatements()) db.exec(sql);
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
}
