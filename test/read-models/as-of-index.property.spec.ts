import fc from 'fast-check';
import type { Database } from 'better-sqlite3';
import { MeetingCounter, SPAN_ON } from '../../src/read-models/as-of-index';
import { StateQuery } from '../../src/read-models/queries/state.query';
import { NOW } from '../../src/read-models/queries/known-at';
import { C, FIRST_DAY, LAST_DAY, history, record } from './history-generator';
import { project } from './helpers';

/**
 * The as-of index (src/read-models/as-of-index.ts: span rtrees and versioned meeting counters, kept by
 * triggers) answers exactly what a plain scan of the versioned tables answers, at every day and every
 * record position of generated histories with corrections, retractions and imprecise dates. The scans
 * below are the definitions (docs/read-models.md), written here independently of the index.
 */
const KNOWN = 'known_from_position <= @p AND (known_to_position IS NULL OR known_to_position > @p)';

function scan(db: Database, day: number, position: number) {
  const params = { c: C, d: day, p: position };
  const ids = (sql: string) => (db.prepare(sql).all(params) as Array<{ id: string | null }>).map((r) => r.id).sort();
  const counts = db.prepare(`SELECT outcome, count(*) AS n FROM meetings WHERE council_id = @c AND date_latest <= @d AND ${KNOWN} GROUP BY outcome`).all(params) as Array<{ outcome: string; n: number }>;
  const last = db
    .prepare(
      `SELECT meeting_id FROM meetings WHERE council_id = @c AND date_latest <= @d AND ${KNOWN}
       ORDER BY date_latest DESC, date_earliest DESC, number DESC, meeting_id DESC LIMIT 1`,
    )
    .pluck()
    .get(params) as string | undefined;
  const lastDay = db.prepare(`SELECT max(date_latest) FROM meetings WHERE council_id = @c AND date_latest <= @d AND ${KNOWN}`).pluck().get(params) as number | null;
  // What the span rtrees hold for the point: exactly the versions the rows say (positions here are small, so no rounding).
  const k = db.prepare('SELECT council_key FROM council_keys WHERE council_id = ?').pluck().get(C) as number | undefined;
  const boxes = (table: string, start: string, end: string) => ({
    index: db.prepare(`SELECT count(*) FROM ${table}_span s WHERE ${SPAN_ON('s')}`).pluck().get({ ...params, k: k ?? -1 }) as number,
    rows: db.prepare(`SELECT count(*) FROM ${table} WHERE council_id = @c AND ${start} <= @d AND (${end} IS NULL OR ${end} > @d) AND ${KNOWN}`).pluck().get(params) as number,
  });
  return {
    lastDay: lastDay ?? undefined,
    spans: [boxes('members', 'elected_earliest', 'left_latest'), boxes('officers', 'from_earliest', 'to_latest'), boxes('affiliations', 'from_earliest', 'to_latest')],
    onDay: ids(`SELECT member_id AS id FROM members WHERE council_id = @c AND elected_earliest <= @d AND ${KNOWN} AND (left_latest IS NULL OR left_latest > @d)`),
    officers: ids(`SELECT role || ':' || coalesce(member_id, name) AS id FROM officers WHERE council_id = @c AND from_earliest <= @d AND ${KNOWN} AND (to_latest IS NULL OR to_latest > @d)`),
    held: counts.find((r) => r.outcome === 'held')?.n ?? 0,
    failed: counts.find((r) => r.outcome === 'quorum-failed')?.n ?? 0,
    last,
  };
}

describe('the as-of index equals a scan of the versioned tables (property)', () => {
  it('members, officers, meeting counts and the last meeting at random days and every record position', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.array(fc.integer({ min: FIRST_DAY - 30, max: LAST_DAY + 30 }), { minLength: 1, maxLength: 6 }), async (h, days) => {
        const store = record(h);
        const { db } = await project(store, { batchSize: 5 });
        const state = new StateQuery(db);
        const counter = new MeetingCounter(db);
        const positions = [0, ...store.events.map((e) => Number(e.position)), NOW];
        for (const day of days) {
          for (const position of positions) {
            const view = state.run(C, day, position, 0);
            const { lastDay, spans, ...expected } = scan(db, day, position);
            const key = counter.councilKey(C);
            expect(key === undefined ? undefined : counter.onOrBefore(key, day, position).lastDay).toEqual(lastDay);
            for (const span of spans) expect(span.index).toBe(span.rows);
            const active = view.status === 'active';
            expect({
              onDay: active ? [...view.members, ...view.uncertainMembers].map((m) => m.memberId).sort() : expected.onDay,
              officers: active ? [...view.officers, ...view.uncertainOfficers].map((o) => `${o.role}:${o.memberId ?? o.name}`).sort() : expected.officers,
              held: view.meetingsHeld,
              failed: view.quorumFailures,
              last: view.lastMeeting?.meetingId,
            }).toEqual(expected);
          }
        }
        db.close();
      }),
      { numRuns: 60 },
    );
  });
});
