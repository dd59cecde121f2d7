import type { Database, Statement } from 'better-sqlite3';
import { KNOWN_AT } from '../queries/known-at';
import type { Snapshot } from './snapshot';

/**
 * Every individual vote of a council as known at one record position, in compact form: what cohesion
 * needs (motion, member, choice, and the vote's date for by=group) and nothing else.
 *
 * Reading 650,000 votes as row objects took seconds (a JS object and a dozen strings per row); here SQLite
 * folds each motion's votes into one string (`member␟choice␞member␟choice...`, in record order) and the
 * worker splits it into integer member indices and choice codes. Members are the ones known at the
 * position (votes of anyone else are left out, as before); choices other than yes/no/abstain travel as hex.
 */
export interface Ballots {
  /** Members known at the position, sorted by id (so index order is id order). */
  memberIds: string[];
  /** Motions with at least one vote by a known member, in the order of their first vote on record. */
  motionIds: string[];
  /** Choice of each code (yes, no, abstain, then the others in order of appearance). */
  choices: string[];
  /** Per motion: the vote rows in record order (a member may appear twice: the last row is the ballot). */
  voters: Int32Array[];
  codes: Uint16Array[];
  /** Per motion: the date span of its votes when they all share it (undefined when they differ). */
  spans: Array<{ earliest: number; latest: number } | undefined>;
  /** Per motion whose votes' dates differ: each row's date span, aligned with `voters`. */
  rowSpans: Map<number, Array<{ earliest: number; latest: number }>>;
}

const US = '\x1f';
const RS = '\x1e';
const CODES: Record<string, string> = { y: 'yes', n: 'no', a: 'abstain' };

interface Statements {
  folded: Statement;
  rows: Statement;
}

const statements = new WeakMap<Database, Statements>();

function prepare(db: Database): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      folded: db.prepare(
        `SELECT motion_id, count(*), min(rowid) AS first, min(cast_earliest), max(cast_earliest), min(cast_latest), max(cast_latest),
                group_concat(member_id || char(31) || CASE choice WHEN 'yes' THEN 'y' WHEN 'no' THEN 'n' WHEN 'abstain' THEN 'a' ELSE 'o' || hex(choice) END, char(30) ORDER BY rowid)
         FROM votes WHERE council_id = @c AND member_id IS NOT NULL AND ${KNOWN_AT()}
         GROUP BY motion_id ORDER BY first`,
      ).raw(),
      rows: db.prepare(
        `SELECT member_id, choice, cast_earliest, cast_latest FROM votes
         WHERE council_id = @c AND motion_id = @m AND member_id IS NOT NULL AND ${KNOWN_AT()} ORDER BY rowid`,
      ).raw(),
    };
    statements.set(db, s);
  }
  return s;
}

type Folded = [string, number, number, number, number, number, number, string];

/**
 * The votes of `memberIds` (the members known at the position) on every motion, as known at the position.
 * `withDates`: each vote's date is needed (by=group), so a motion whose votes' dates differ is read row by row.
 */
export function readBallots(db: Database, s: Pick<Snapshot, 'councilId' | 'position'>, memberIds: readonly string[], withDates: boolean): Ballots {
  const stmts = prepare(db);
  const sorted = [...new Set(memberIds)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const index = new Map(sorted.map((id, i) => [id, i]));
  const choices = ['yes', 'no', 'abstain'];
  const codeOf = new Map(choices.map((c, i) => [c, i]));
  const code = (choice: string) => {
    let c = codeOf.get(choice);
    if (c === undefined) {
      c = choices.length;
      choices.push(choice);
      codeOf.set(choice, c);
    }
    return c;
  };
  const ballots: Ballots = { memberIds: sorted, motionIds: [], choices, voters: [], codes: [], spans: [], rowSpans: new Map() };
  for (const [motionId, count, , minEarliest, maxEarliest, minLatest, maxLatest, folded] of stmts.folded.all({ c: s.councilId, p: s.position }) as Folded[]) {
    const voters: number[] = [];
    const codes: number[] = [];
    const uniform = minEarliest === maxEarliest && minLatest === maxLatest;
    const parsed = (uniform || !withDates) && splitFolded(folded, count, index, voters, codes, code);
    let rowSpans: Array<{ earliest: number; latest: number }> | undefined;
    if (!parsed) {
      // Dates that differ within the motion (by=group needs each), or an id holding a separator: row by row.
      voters.length = 0;
      codes.length = 0;
      if (withDates) rowSpans = [];
      for (const [memberId, choice, earliest, latest] of stmts.rows.all({ c: s.councilId, m: motionId, p: s.position }) as Array<[string, string, number, number]>) {
        const member = index.get(memberId);
        if (member === undefined) continue;
        voters.push(member);
        codes.push(code(choice));
        rowSpans?.push({ earliest, latest });
      }
    }
    if (voters.length === 0) continue;
    const motion = ballots.motionIds.length;
    ballots.motionIds.push(motionId);
    ballots.voters.push(Int32Array.from(voters));
    ballots.codes.push(Uint16Array.from(codes));
    ballots.spans.push(uniform ? { earliest: minEarliest, latest: minLatest } : undefined);
    if (rowSpans) ballots.rowSpans.set(motion, rowSpans);
  }
  return ballots;
}

/**
 * Splits one motion's folded votes into `voters` and `codes` (votes of members not in `index` left out).
 * False when the text does not hold exactly `count` well-formed votes (an id with a separator in it).
 */
function splitFolded(
  folded: string, count: number, index: Map<string, number>, voters: number[], codes: number[], code: (choice: string) => number,
): boolean {
  let at = 0;
  let seen = 0;
  while (at < folded.length) {
    const us = folded.indexOf(US, at);
    let end = folded.indexOf(RS, at);
    if (end < 0) end = folded.length;
    if (us < 0 || us > end) return false;
    seen++;
    const member = index.get(folded.slice(at, us));
    const tag = folded[us + 1];
    const choice = tag === 'o' ? Buffer.from(folded.slice(us + 2, end), 'hex').toString('utf8') : CODES[tag];
    if (choice === undefined || (tag !== 'o' && end !== us + 2)) return false;
    if (member !== undefined) {
      voters.push(member);
      codes.push(code(choice));
    }
    at = end + 1;
  }
  return seen === count;
}
