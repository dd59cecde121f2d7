import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { councilStream } from '../../src/council/domain/events';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { CORE_TABLES } from '../../src/read-models/schema';
import { fact, rows } from './helpers';

/** Shared by the checkpoint atomicity tests (one in-process, one killing child processes). */
export const C = 'atomic';

const event = (type: string, data: unknown) => ({ id: randomUUID(), type, data, metadata: { schemaVersion: 1 } });

export async function fill(store: SqliteEventStore, members: number): Promise<void> {
  await store.appendToStream(councilStream(C), [event('CouncilFounded', fact.founded(C, { seats: members }))]);
  for (let from = 0; from < members; from += 500) {
    const batch = [];
    for (let i = from; i < Math.min(members, from + 500); i++) {
      batch.push(i % 3 === 2
        ? event('MeetingHeld', fact.meeting(`meeting-${i}`, '2013-01-05', { present: [{ memberId: `m-${i - 1}`, name: `m ${i - 1}` }] }))
        : event('MemberElected', fact.elected(`m-${i}`, '2012-10-27')));
    }
    await store.appendToStream(councilStream(C), batch);
  }
}

/** Every column of every core table (the checkpoint's clock aside), in rowid order. */
export function contents(db: Database.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of CORE_TABLES) {
    const columns = (rows(db, `PRAGMA table_info("${table}")`) as Array<{ name: string }>).map((c) => c.name).filter((c) => c !== 'updated_ms');
    out[table] = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY rowid`).raw().all();
  }
  return out;
}

/** What a read database must look like at any commit: the rows of every event up to its checkpoint, none after. */
export function checkConsistent(db: Database.Database, storePositions: number[]): { position: number | null; applied: number } {
  const { position, events_applied: applied } = rows(db, 'SELECT position, events_applied FROM checkpoint')[0] as { position: number | null; events_applied: number };
  const upTo = position === null ? 0 : storePositions.filter((p) => p <= position).length;
  expect({ applied, rows: rows(db, 'SELECT count(*) AS n FROM events')[0].n, beyond: rows(db, 'SELECT count(*) AS n FROM events WHERE position > ?', position ?? 0)[0].n })
    .toEqual({ applied: upTo, rows: upTo, beyond: 0 });
  return { position, applied };
}

