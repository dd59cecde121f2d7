import type { Database, Statement } from 'better-sqlite3';

/**
 * Index structures that answer "the council on day D as the record stood at position P" from the size of
 * the answer and the logarithm of the history, not from a scan of everything before D (docs/read-models.md,
 * "State at a date"). Both are kept by SQLite triggers on the versioned tables, so every writer (the live
 * runner, its worker, a rebuild) keeps them without projection code, in the same transaction as the rows.
 *
 * 1. Spans (members, officers, affiliations): an R*Tree per table (SQLite's built-in rtree module) holding
 *    each version as a point in five dimensions: the council (a small integer key, `council_keys`), the
 *    first day the row can be on (start_earliest), the day it certainly ended (end_latest, open = far
 *    future), and its record interval's ends (known_from_position, known_to_position, open = far future).
 *    The council is a slab [key - 0.25, key + 0.25], not a point: with every point of one council at the
 *    same zero-width coordinate, every node's volume is 0 and the R*-tree's split choices go blind (the
 *    members query took 3× longer at 1,000,000 events).
 *    "On day D, as known at P" is the orthant start <= D < end, from <= P < to of that council: the tree
 *    visits the nodes whose points straddle D and P, about the answer's size (a box per interval, tried
 *    first, made every node's box span the whole plane: intervals open in valid time and those open in
 *    record time share nodes). The rtree stores 32-bit floats rounded outwards, so past 2^24 it may
 *    return a few points more than asked, never fewer; the exact filter on the joined row removes them.
 * 2. Meeting counts: versioned dyadic counters. The day axis (day + 2^23, so ±23,000 years around 1970) is
 *    cut into aligned blocks of 2^L days for L = 0..23; each block of each council has a running count of
 *    the meeting rows known in it (held, quorum failed, all), one row per record position at which it
 *    changed. Inserting or closing a meeting version adds ±1 to its 24 blocks at the current position.
 *    "Meetings on or before D as known at P" is the sum over the ≤ 24 blocks that tile [.., D], each the
 *    latest count at or before P: 24 index seeks whatever the history's length. The day of the last
 *    meeting is found by descending the same blocks (≤ 48 seeks).
 */

const LEVELS = 24;
const OFFSET = 2 ** 23;
const MAX_KEY = 2 ** 24 - 1;
const LEVEL_STRIDE = 2 ** 24;
/** The first day the meeting counters tell apart: an earlier date counts as this one (not a date any record holds). */
export const MIN_INDEXED_DAY = -OFFSET;
/** The last day the meeting counters tell apart: a later date counts as this one. */
export const MAX_INDEXED_DAY = MAX_KEY - OFFSET;
/** Far future for an open interval in the rtree: past any day and any position (NOW included), within a 32-bit float. */
const OPEN_END = 1e38;

/**
 * The tables the as-of index adds (dropped with the core tables). Like an index, they are not read-model
 * content: their rows follow the core tables' rowids, which a rebuild may number differently.
 */
export const AS_OF_TABLES = ['council_keys', 'dyadic_levels', 'meeting_counts', 'members_span', 'officers_span', 'affiliations_span'] as const;

interface SpanSpec {
  table: string;
  start: string;
  end: string;
}
const SPANS: readonly SpanSpec[] = [
  { table: 'members', start: 'elected_earliest', end: 'left_latest' },
  { table: 'officers', start: 'from_earliest', end: 'to_latest' },
  { table: 'affiliations', start: 'from_earliest', end: 'to_latest' },
];

const councilKey = (row: 'NEW' | 'OLD') => `(SELECT council_key FROM council_keys WHERE council_id = ${row}.council_id)`;

function spanDdl({ table, start, end }: SpanSpec): string {
  const span = `${table}_span`;
  const point = (lo: string, hi: string, value: string) => `${lo} = ${value}, ${hi} = ${value}`;
  return `
    CREATE VIRTUAL TABLE IF NOT EXISTS ${span} USING rtree(id, council_lo, council_hi, start_lo, start_hi, end_lo, end_hi, from_lo, from_hi, to_lo, to_hi);
    CREATE TRIGGER IF NOT EXISTS ${span}_insert AFTER INSERT ON ${table} BEGIN
      INSERT OR IGNORE INTO council_keys (council_id) VALUES (NEW.council_id);
      INSERT INTO ${span} VALUES (NEW.rowid, ${councilKey('NEW')} - 0.25, ${councilKey('NEW')} + 0.25, NEW.${start}, NEW.${start},
        coalesce(NEW.${end}, ${OPEN_END}), coalesce(NEW.${end}, ${OPEN_END}), NEW.known_from_position, NEW.known_from_position,
        coalesce(NEW.known_to_position, ${OPEN_END}), coalesce(NEW.known_to_position, ${OPEN_END}));
    END;
    CREATE TRIGGER IF NOT EXISTS ${span}_close AFTER UPDATE OF known_to_position ON ${table} BEGIN
      UPDATE ${span} SET ${point('to_lo', 'to_hi', `coalesce(NEW.known_to_position, ${OPEN_END})`)} WHERE id = NEW.rowid;
    END;
    CREATE TRIGGER IF NOT EXISTS ${span}_delete AFTER DELETE ON ${table} BEGIN
      DELETE FROM ${span} WHERE id = OLD.rowid;
    END;`;
}

/** SQL adding (held, failed, all) to the 24 blocks holding `dayExpr` at position `positionExpr`. */
function countDelta(row: 'NEW' | 'OLD', positionExpr: string, sign: 1 | -1): string {
  const key = `max(0, min(${MAX_KEY}, ${row}.date_latest + ${OFFSET}))`;
  const nodes = `SELECT level * ${LEVEL_STRIDE} + (${key} >> level) AS node FROM dyadic_levels`;
  const held = `${sign} * (${row}.outcome = 'held')`;
  const failed = `${sign} * (${row}.outcome = 'quorum-failed')`;
  const c = councilKey(row);
  return `
      UPDATE meeting_counts SET held = held + ${held}, failed = failed + ${failed}, total = total + ${sign}
        WHERE council_key = ${c} AND node IN (${nodes}) AND position >= ${positionExpr};
      INSERT OR IGNORE INTO meeting_counts (council_key, node, position, held, failed, total)
        SELECT ${c}, n.node, ${positionExpr}, coalesce(prev.held, 0) + ${held}, coalesce(prev.failed, 0) + ${failed}, coalesce(prev.total, 0) + ${sign}
        FROM (${nodes}) n
        LEFT JOIN meeting_counts prev ON prev.council_key = ${c} AND prev.node = n.node AND prev.position =
          (SELECT max(x.position) FROM meeting_counts x WHERE x.council_key = ${c} AND x.node = n.node AND x.position < ${positionExpr});`;
}

export const AS_OF_DDL = `
    -- A small integer per council, the first dimension of the span rtrees and the key of meeting_counts.
    CREATE TABLE IF NOT EXISTS council_keys (
      council_key INTEGER PRIMARY KEY,
      council_id  TEXT NOT NULL UNIQUE
    );
    CREATE TABLE IF NOT EXISTS dyadic_levels (level INTEGER PRIMARY KEY);
    INSERT OR IGNORE INTO dyadic_levels (level) VALUES ${Array.from({ length: LEVELS }, (_, l) => `(${l})`).join(', ')};
    -- Versioned counts of meeting rows per block of days (see as-of-index.ts): the counts of block \`node\`
    -- from record position \`position\` on, until the next row of the same block.
    CREATE TABLE IF NOT EXISTS meeting_counts (
      council_key INTEGER NOT NULL,
      node        INTEGER NOT NULL,   -- level * 2^24 + ((date + 2^23) >> level)
      position    INTEGER NOT NULL,
      held        INTEGER NOT NULL,
      failed      INTEGER NOT NULL,
      total       INTEGER NOT NULL,
      PRIMARY KEY (council_key, node, position)
    ) WITHOUT ROWID;
    CREATE TRIGGER IF NOT EXISTS meeting_counts_insert AFTER INSERT ON meetings WHEN NEW.known_to_position IS NULL BEGIN
      INSERT OR IGNORE INTO council_keys (council_id) VALUES (NEW.council_id);${countDelta('NEW', 'NEW.known_from_position', 1)}
    END;
    CREATE TRIGGER IF NOT EXISTS meeting_counts_close AFTER UPDATE OF known_to_position ON meetings
      WHEN OLD.known_to_position IS NULL AND NEW.known_to_position IS NOT NULL BEGIN${countDelta('OLD', 'NEW.known_to_position', -1)}
    END;
    CREATE TRIGGER IF NOT EXISTS meeting_counts_delete AFTER DELETE ON meetings WHEN OLD.known_to_position IS NULL BEGIN${countDelta('OLD', 'OLD.known_from_position', -1)}
    END;
${SPANS.map(spanDdl).join('\n')}
`;

/** The rtree constraints of a span query: `alias` is the rtree, with @k (council key), @d (day), @p (position). */
export const SPAN_ON = (alias: string) =>
  `${alias}.council_lo <= @k AND ${alias}.council_hi >= @k AND ${alias}.start_lo <= @d AND ${alias}.end_hi > @d AND ${alias}.from_lo <= @p AND ${alias}.to_hi > @p`;

export interface MeetingCounts {
  held: number;
  failed: number;
  total: number;
}

/** Reads the versioned meeting counts (see the module comment). */
export class MeetingCounter {
  private readonly countAt: Statement<[number, number, number], MeetingCounts>;
  private readonly keyOf: Statement<[string], number>;

  constructor(db: Database) {
    this.countAt = db.prepare<[number, number, number], MeetingCounts>(
      'SELECT held, failed, total FROM meeting_counts WHERE council_key = ? AND node = ? AND position <= ? ORDER BY position DESC LIMIT 1',
    );
    this.keyOf = db.prepare<[string], number>('SELECT council_key FROM council_keys WHERE council_id = ?').pluck();
  }

  /** The council's small integer key, undefined when no row of it was ever indexed. */
  councilKey(councilId: string): number | undefined {
    return this.keyOf.get(councilId);
  }

  private node(key: number, level: number, index: number, position: number): MeetingCounts | undefined {
    return this.countAt.get(key, level * LEVEL_STRIDE + index, position);
  }

  /**
   * The meetings whose latest possible date is on or before `day`, as known at `position`, and the latest
   * such date (undefined when there is none; a date beyond the axis comes back as the axis' end).
   */
  onOrBefore(councilKey: number, day: number, position: number): MeetingCounts & { lastDay?: number } {
    const end = Math.max(0, Math.min(MAX_KEY, day + OFFSET)) + 1; // the blocks tiling [0, end), largest first
    const blocks: Array<[number, number]> = end > MAX_KEY ? [[LEVELS - 1, 0], [LEVELS - 1, 1]] : [];
    for (let level = LEVELS - 1; level >= 0 && end <= MAX_KEY; level--) if ((end >> level) & 1) blocks.push([level, (end >> level) - 1]);
    const result: MeetingCounts & { lastDay?: number } = { held: 0, failed: 0, total: 0 };
    let rightmost: [number, number] | undefined;
    for (const [level, index] of blocks) {
      const counts = this.node(councilKey, level, index, position);
      if (!counts) continue;
      result.held += counts.held;
      result.failed += counts.failed;
      result.total += counts.total;
      if (counts.total > 0) rightmost = [level, index];
    }
    if (rightmost) {
      let [level, index] = rightmost;
      while (level > 0) {
        level -= 1;
        const right = this.node(councilKey, level, 2 * index + 1, position);
        index = right && right.total > 0 ? 2 * index + 1 : 2 * index;
      }
      result.lastDay = index - OFFSET;
    }
    return result;
  }
}
