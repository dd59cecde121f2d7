import type { Database } from 'better-sqlite3';
import { CouncilReads } from '../../src/read-models/council-reads';
import { analyticsTables } from '../../src/read-models/analytics/snapshot';
import { coreProjection } from '../../src/read-models/projections/core.projection';
import { ProjectionStatus } from '../../src/read-models/projection-status';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { READ_INDEXES_DDL, indexName } from '../../src/read-models/schema-indexes';

/**
 * Every secondary index of the read database is there because a statement uses it: each index costs a
 * B-tree insert per row the projections write (docs/read-models.md, "Indexes"). This prepares every
 * statement the projections and the reads prepare, asks SQLite for each one's plan (EXPLAIN QUERY PLAN),
 * and checks that every index in READ_INDEXES_DDL appears in some plan.
 */
function preparedStatements(db: Database): string[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) => {
    seen.push(sql);
    return prepare(sql);
  };
  coreProjection.init(db, {});
  const status: ProjectionStatus = { checkpoint: () => undefined, caughtUp: () => true, waitFor: async () => true } as unknown as ProjectionStatus;
  new CouncilReads(db, status);
  analyticsTables(db);
  (db as { prepare: unknown }).prepare = prepare;
  return [...new Set(seen)];
}

function planOf(db: Database, sql: string): string[] {
  const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], null]));
  const positional = (sql.replace(/'[^']*'/g, '').match(/\?/g) ?? []).map(() => null);
  const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (Object.keys(named).length ? stmt.all(named) : stmt.all(...positional)) as Array<{ detail: string }>;
  return rows.map((r) => r.detail);
}

const usedIndex = (detail: string) => /USING (?:COVERING )?INDEX (\w+)/.exec(detail)?.[1];

describe('query plans: every index is used by a statement', () => {
  const db = openReadDatabase(':memory:', allProjections([]));
  const plans = new Map(preparedStatements(db).map((sql) => [sql, planOf(db, sql)]));
  afterAll(() => db.close());

  it('sees the statements (the capture is not empty)', () => {
    expect(plans.size).toBeGreaterThan(40);
  });

  it.each(READ_INDEXES_DDL.map(indexName))('%s is used by at least one statement', (index) => {
    const users = [...plans].filter(([, plan]) => plan.some((detail) => usedIndex(detail) === index)).map(([sql]) => sql.replace(/\s+/g, ' ').slice(0, 160));
    expect(users.length).toBeGreaterThan(0);
  });

  it("the lists' corrections count seeks corrections_by_subject for each row, never scanning the corrections", () => {
    const lists = [...plans].filter(([sql]) => /FROM corrections k/.test(sql));
    expect(lists.length).toBe(3);
    for (const [, plan] of lists) {
      expect(plan.join('\n')).toMatch(/SEARCH k USING COVERING INDEX corrections_by_subject \(council_id=\? AND subject=\? AND position<\?\)/);
      expect(plan.join('\n')).not.toMatch(/SCAN k\b/);
    }
  });

  it("a bounded read's council position (its last event at or before a position) is one seek into events_by_council", () => {
    const lookups = [...plans].filter(([sql]) => /FROM events INDEXED BY events_by_council WHERE council_id = \? AND position <= \? ORDER BY position DESC LIMIT 1/.test(sql));
    expect(lookups.length).toBe(1);
    const plan = lookups[0][1].join('\n');
    expect(plan).toMatch(/SEARCH events USING COVERING INDEX events_by_council \(council_id=\? AND position<\?\)/);
    expect(plan).not.toMatch(/SCAN|TEMP B-TREE/);
  });

  it('the state at a date reads the as-of index, not a scan of terms and meetings', () => {
    const state = [...plans].filter(([sql]) => /_span s CROSS JOIN|meeting_counts WHERE/.test(sql));
    expect(state.length).toBeGreaterThanOrEqual(4);
    for (const [, plan] of state) {
      expect(plan.join('\n')).toMatch(/VIRTUAL TABLE INDEX|USING PRIMARY KEY|SEARCH/);
      expect(plan.join('\n')).not.toMatch(/SCAN (members|officers|affiliations|meetings)\b/);
    }
  });
});
