import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { coreProjection } from './projections/core.projection';
import { Projection, projectionSignature, registeredProjections } from './projections/projection';
import { READ_SCHEMA_DDL, applyReadSchema, configureReadDatabase, dropReadTables } from './schema';

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
