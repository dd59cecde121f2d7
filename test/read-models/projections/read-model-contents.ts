import type { Database } from 'better-sqlite3';
import { CORE_TABLES } from '../../../src/read-models/schema';
import { rows } from '../helpers';

/**
 * Every column of every core table, in rowid order (rowids themselves may differ after deletions), and the
 * as-of index's counters (its span rtrees follow rowids, which may differ; the as-of property checks them).
 * Two read databases built from one store, live or rebuilt, must hold exactly this.
 */
export function readModelContents(db: Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of CORE_TABLES) {
    const columns = (rows(db, `PRAGMA table_info("${table}")`) as Array<{ name: string }>).map((c) => c.name).filter((c) => c !== 'updated_ms');
    out[table] = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY rowid`).raw().all();
  }
  out.meeting_counts = db.prepare('SELECT * FROM meeting_counts ORDER BY council_key, node, position').raw().all();
  return out;
}
