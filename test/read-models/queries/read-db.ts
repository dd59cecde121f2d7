import type { Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allProjections, openReadDatabase } from '../../../src/read-models/read-database';
import { TestStore, project } from '../helpers';

/**
 * The real read database, in a file in a temporary folder, fed by the real projections from `store`.
 * `close` closes it and removes the folder.
 */
export async function readDatabaseOf(store: TestStore, prefix: string): Promise<{ db: Database; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const projections = allProjections([]);
  const db = openReadDatabase(join(dir, 'read.sqlite'), projections);
  await project(store, { db, projections });
  return {
    db,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Days since 1970-01-01 (UTC) of a calendar day, as the reads take them. */
export const dayOf = (isoDay: string): number => Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000;
