import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { eventStoreContract } from './event-store.contract';

/**
 * Always runs: a fresh database file in a fresh temp folder for every test. CONTRACT_LARGE_STREAM_EVENTS
 * shrinks the 100,000-event stream test (mutation testing runs it once per covered mutant).
 */
const largeStreamEvents = process.env.CONTRACT_LARGE_STREAM_EVENTS ? Number(process.env.CONTRACT_LARGE_STREAM_EVENTS) : undefined;

eventStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'council-record-contract-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.db') });
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}, { largeStreamEvents });
