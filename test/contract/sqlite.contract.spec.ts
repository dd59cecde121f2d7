import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { eventStoreContract } from './event-store.contract';
import { identicalAppendsContract } from './identical-appends.contract';

/**
 * Always runs: a fresh database file in a fresh temp folder for every test. CONTRACT_LARGE_STREAM_EVENTS
 * shrinks the 100,000-event stream test (mutation testing runs it once per covered mutant).
 */
const largeStreamEvents = process.env.CONTRACT_LARGE_STREAM_EVENTS ? Number(process.env.CONTRACT_LARGE_STREAM_EVENTS) : undefined;

const openSqlite = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'council-record-contract-'));
  const path = join(dir, 'events.db');
  const store = new SqliteEventStore({ path });
  return {
    store,
    // A trigger, created through a second connection, makes SQLite itself abort the insert mid-transaction.
    async failWritesOfType(type: string) {
      const db = new Database(path);
      db.exec(`CREATE TRIGGER fail_${type} BEFORE INSERT ON events WHEN NEW.type = '${type}' BEGIN SELECT RAISE(ABORT, 'injected write fault'); END`);
      db.close();
    },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
eventStoreContract('sqlite', openSqlite, { largeStreamEvents });
identicalAppendsContract('sqlite', openSqlite);
