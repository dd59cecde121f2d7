/** How the projection runner tells failures apart, and the text it records for one. */

/**
 * The read database was built from another event store (EVENT_STORE switched, DATA_DIR pointed at a fresh
 * EventStoreDB, a store restored from an older backup): applying this store's events on top would skip
 * history or apply it twice. The runner refuses; `npm run rebuild` (or removing read.sqlite) fixes it.
 */
export class ReadDatabaseMismatchError extends Error {
  constructor(readonly detail: string) {
    super(`${detail}. Run \`npm run rebuild\` (or remove DATA_DIR/read.sqlite) to build the read models from this store.`);
    this.name = 'ReadDatabaseMismatchError';
  }
}

/**
 * SQLite failures of the read database that pass by themselves (disk full, busy, I/O, out of memory):
 * the batch is rolled back and the runner pauses and retries it; it never parks or skips an event for them.
 */
export function isPassingFailure(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return (
    typeof code === 'string' &&
    (code === 'SQLITE_FULL' ||
      code === 'SQLITE_NOMEM' ||
      code.startsWith('SQLITE_BUSY') ||
      code.startsWith('SQLITE_LOCKED') ||
      code.startsWith('SQLITE_IOERR') ||
      code.startsWith('SQLITE_READONLY') ||
      code.startsWith('SQLITE_CANTOPEN'))
  );
}

/** The core projection's insert of an event it has already applied (same council, same event id). */
export function isAlreadyApplied(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string' && e.message.includes('events.event_id');
}

/** An error's message as parked_events and the runner's state keep it (at most 2,000 characters). */
export function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}
