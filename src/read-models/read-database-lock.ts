import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class ReadDatabaseInUseError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number,
  ) {
    super(`${path} is in use by process ${pid} (a running service or rebuild); stop it first`);
    this.name = 'ReadDatabaseInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time owns a read database: the service (whose runner writes it) or `npm run rebuild`
 * (which replaces the file). A lock file next to it holds the owner's pid; a lock left by a process that
 * no longer exists (killed) is taken over. Returns the release function.
 */
export function lockReadDatabase(databasePath: string): () => void {
  if (databasePath === ':memory:') return () => undefined;
  const lock = `${databasePath}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new ReadDatabaseInUseError(databasePath, owner);
      }
      unlinkSync(lock); // stale (or our own from an earlier open in this process): take it over
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      if (readFileSync(lock, 'utf8').trim() === String(process.pid)) unlinkSync(lock);
    } catch {
      // already gone
    }
  };
}

const releases = new WeakMap<object, () => void>();

/** Opens the read database under its lock (see lockReadDatabase); close it with closeLockedDatabase. */
export function openLocked<T extends object>(databasePath: string, open: () => T): T {
  const release = lockReadDatabase(databasePath);
  try {
    const db = open();
    releases.set(db, release);
    return db;
  } catch (error) {
    release();
    throw error;
  }
}

export function closeLocked(db: { open: boolean; close(): unknown }): void {
  if (db.open) db.close();
  releases.get(db)?.();
  releases.delete(db);
}
