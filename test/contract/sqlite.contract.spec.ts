import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { eventStoreContract } from './event-store.contract';
import { identicalAppendsContract } from './identical-appends.contract';

/** Always runs: a fresh database file in a fresh temp folder for every test. */
const openSqlite = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'council-record-contract-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.db') });
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
eventStoreContract('sqlite', openSqlite);
identicalAppendsContract('sqlite', openSqlite);
