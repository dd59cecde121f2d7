import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';

export interface BackupResult {
  /** Global position of the last event in the copy (undefined: no events). */
  position: bigint | undefined;
  events: number;
  bytes: number;
  ms: number;
}

/**
 * An online, consistent copy of the embedded event store, taken while the service writes. SQLite's backup
 * API copies the pages of one snapshot: every page is transferred in a single step, i.e. inside one read
 * transaction, which in WAL mode never blocks the writer and never sees a half-committed group (a step of
 * a few pages at a time would restart whenever another connection writes, and might never finish under
 * load). The copy is then checked (integrity_check) and described by its head position.
 */
export async function backupSqliteStore(sourcePath: string, targetPath: string): Promise<BackupResult> {
  if (!existsSync(sourcePath)) throw new Error(`No event store at ${sourcePath}`);
  if (existsSync(targetPath)) throw new Error(`${targetPath} exists; the backup never overwrites a file`);
  const started = Date.now();
  const source = new Database(sourcePath, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(targetPath, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new Database(targetPath);
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`The copy at ${targetPath} failed its integrity check: ${String(check)}`);
    // A self-contained file: no -wal beside it is needed to read it.
    copy.pragma('journal_mode = DELETE');
    const row = copy.prepare('SELECT max(position) AS head, count(*) AS events FROM events').get() as { head: number | null; events: number };
    return {
      position: row.head === null ? undefined : BigInt(row.head),
      events: row.events,
      bytes: statSync(targetPath).size,
      ms: Date.now() - started,
    };
  } finally {
    copy.close();
  }
}
