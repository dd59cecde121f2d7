import type { Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cohesionReport } from '../../src/read-models/analytics/analytics.query';
import { analyticsTables } from '../../src/read-models/analytics/snapshot';
import { openReadDatabase } from '../../src/read-models/read-database';

/**
 * Cohesion reads the votes folded per motion by SQLite (src/read-models/analytics/ballots.ts). Rows that
 * the fold must get right, in a real read database: a member voting twice on a motion (the last row is the
 * ballot), a choice between options with non-ASCII text, votes of someone who is not a member, a vote row
 * superseded before the position and one recorded after it, and a motion whose votes are on two dates (by
 * group, each vote counts in the group of its own date). Expected figures come from a plain fold below.
 */
interface Vote { motion: string; member: string | null; choice: string; day: number; from: number; to?: number }

const DAY = 15_500;
const MEMBERS = [
  { id: 'ana', curia: 'k1' },
  { id: 'bo', curia: 'k1' },
  { id: 'cy', curia: 'k1' },
  { id: 'dee', curia: 'k2' },
];
/** ana sits for g1 until DAY + 10, then for g2; bo for g1; cy for g2; dee for no group. */
const AFFILIATIONS = [
  { member: 'ana', group: 'g1', from: 0, to: DAY + 10 },
  { member: 'ana', group: 'g2', from: DAY + 10, to: null },
  { member: 'bo', group: 'g1', from: 0, to: null },
  { member: 'cy', group: 'g2', from: 0, to: null },
];
const VOTES: Vote[] = [
  { motion: 'x', member: 'ana', choice: 'yes', day: DAY, from: 10 },
  { motion: 'x', member: 'bo', choice: 'yes', day: DAY, from: 10 },
  { motion: 'x', member: 'cy', choice: 'no', day: DAY, from: 10 },
  { motion: 'x', member: 'dee', choice: 'abstain', day: DAY, from: 10 },
  { motion: 'x', member: 'ana', choice: 'no', day: DAY, from: 11 }, // ana's ballot on x is "no"
  { motion: 'x', member: 'ghost', choice: 'yes', day: DAY, from: 11 }, // not a member: left out
  { motion: 'x', member: null, choice: 'yes', day: DAY, from: 11 }, // a name that did not resolve: left out
  { motion: 'y', member: 'ana', choice: 'Lösung ✓ A', day: DAY + 1, from: 12 },
  { motion: 'y', member: 'bo', choice: 'Lösung ✓ A', day: DAY + 1, from: 12 },
  { motion: 'y', member: 'cy', choice: 'B', day: DAY + 1, from: 12 },
  { motion: 'y', member: 'dee', choice: 'yes', day: DAY + 1, from: 12, to: 13 }, // superseded at 13: not known at 20
  { motion: 'z', member: 'ana', choice: 'yes', day: DAY + 20, from: 14 }, // ana in g2 by then
  { motion: 'z', member: 'bo', choice: 'yes', day: DAY + 5, from: 14 },
  { motion: 'z', member: 'cy', choice: 'yes', day: DAY + 20, from: 14 },
  { motion: 'z', member: 'dee', choice: 'no', day: DAY + 5, from: 14 },
  { motion: 'w', member: 'ana', choice: 'yes', day: DAY, from: 30 }, // recorded after the position read
];
const AT = 20;

/** The plain fold: per motion, each member's last row known at AT. */
function expected(by: 'curia' | 'group') {
  const known = VOTES.filter((v) => v.from <= AT && (v.to === undefined || v.to > AT) && MEMBERS.some((m) => m.id === v.member));
  const ballots = new Map<string, Map<string, Vote>>();
  for (const v of known) ballots.set(v.motion, (ballots.get(v.motion) ?? new Map()).set(v.member!, v));
  const groupOf = (member: string, day: number) => AFFILIATIONS.find((a) => a.member === member && a.from <= day && (a.to === null || day < a.to))?.group;
  const keys = by === 'curia' ? ['k1', 'k2'] : ['g1', 'g2'];
  const buckets = keys.map((key) => {
    const perMotion = [];
    for (const [motionId, ballot] of ballots) {
      const votes = [...ballot.values()].filter((v) => (by === 'curia' ? MEMBERS.find((m) => m.id === v.member)!.curia : groupOf(v.member!, v.day)) === key);
      const yes = votes.filter((v) => v.choice === 'yes').length;
      const no = votes.filter((v) => v.choice === 'no').length;
      const abstain = votes.filter((v) => v.choice === 'abstain').length;
      if (yes + no >= 2) perMotion.push({ motionId, rice: Math.round((Math.abs(yes - no) / (yes + no)) * 10_000) / 10_000, yes, no, abstain });
    }
    return { key, perMotion };
  });
  const pairs = [];
  const ids = MEMBERS.map((m) => m.id).sort();
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      let motions = 0;
      let same = 0;
      for (const ballot of ballots.values()) {
        if (!ballot.has(ids[i]) || !ballot.has(ids[j])) continue;
        motions++;
        if (ballot.get(ids[i])!.choice === ballot.get(ids[j])!.choice) same++;
      }
      if (motions > 0) pairs.push({ a: ids[i], b: ids[j], motions, same });
    }
  }
  return { motions: [...ballots.keys()], buckets, pairs, withoutGroup: known.filter((v) => groupOf(v.member!, v.day) === undefined).length };
}

describe('cohesion over votes folded per motion', () => {
  let dir: string;
  let db: Database;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cohesion-ballots-'));
    db = openReadDatabase(join(dir, 'read.sqlite'));
    const known = { p: 1, ms: 0 };
    db.prepare(
      `INSERT INTO councils (council_id, name, founded_edtf, founded_earliest, founded_latest, seats, curiae, quorum_rule, decision_rule, founded_fact_id, known_from_position, known_from_ms)
       VALUES ('c', 'C', '2012', 0, 0, 10, ?, '"majority-of-members"', '"majority-of-votes"', 'f', 1, 0)`,
    ).run(JSON.stringify([{ key: 'k1', name: 'One', seats: 5 }, { key: 'k2', name: 'Two', seats: 5 }]));
    for (const m of MEMBERS) {
      db.prepare(`INSERT INTO members (council_id, member_id, name, aliases, curia, elected_edtf, elected_earliest, elected_latest, election_fact_id, known_from_position, known_from_ms)
        VALUES ('c', ?, ?, '[]', ?, '2012', 0, 0, 'f', @p, @ms)`).run(m.id, `Name ${m.id}`, m.curia, known);
    }
    for (const g of ['g1', 'g2']) {
      db.prepare(`INSERT INTO political_groups (council_id, group_id, name, fact_id, source_event_id, known_from_position, known_from_ms) VALUES ('c', ?, ?, 'f', 'e', @p, @ms)`).run(g, `Group ${g}`, known);
    }
    AFFILIATIONS.forEach((a, i) => {
      db.prepare(`INSERT INTO affiliations (council_id, member_id, group_id, from_edtf, from_earliest, from_latest, to_edtf, to_earliest, to_latest, fact_id, fact_position, source_event_id, known_from_position, known_from_ms)
        VALUES ('c', ?, ?, 'x', ?, ?, ?, ?, ?, 'f', ?, 'e', @p, @ms)`).run(a.member, a.group, a.from, a.from, a.to === null ? null : 'x', a.to, a.to, i, known);
    });
    for (const v of VOTES) {
      db.prepare(`INSERT INTO votes (council_id, motion_id, member_id, name, choice, cast_edtf, cast_earliest, cast_latest, fact_id, source_event_id, known_from_position, known_from_ms, known_to_position, known_to_ms)
        VALUES ('c', ?, ?, ?, ?, 'x', ?, ?, 'f', 'e', ?, 0, ?, ?)`).run(v.motion, v.member, v.member ?? 'Nobody', v.choice, v.day, v.day, v.from, v.to ?? null, v.to === undefined ? null : 0);
    }
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const by of ['curia', 'group'] as const) {
    it(`by=${by}: Rice index per motion, pairs and the motions as a plain fold of the rows gives them`, () => {
      const report = cohesionReport(analyticsTables(db), { councilId: 'c', position: AT, knownAt: new Date(0).toISOString() }, { by, limit: 100 });
      const want = expected(by);
      expect(report.motionsWithVotes).toBe(want.motions.length);
      const buckets = (by === 'curia' ? report.curiae!.map((c) => ({ key: c.curia, perMotion: c.perMotion })) : report.groups!.map((g) => ({ key: g.group, perMotion: g.perMotion })));
      expect(buckets).toEqual(want.buckets);
      expect(report.pairs.map(({ a, b, motions, same }) => ({ a, b, motions, same })).sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1)))
        .toEqual(want.pairs.sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1)));
      expect(report.pairsTotal).toBe(want.pairs.length);
      if (by === 'group') expect(report.votesWithoutGroup).toBe(want.withoutGroup);
    });
  }

  it('the cases are there: ana voted twice on x (no counts), y is a choice between options, z has votes on two dates', () => {
    const report = cohesionReport(analyticsTables(db), { councilId: 'c', position: AT, knownAt: new Date(0).toISOString() }, { by: 'group', limit: 100 });
    const pair = (a: string, b: string) => report.pairs.find((p) => p.a === a && p.b === b)!;
    // ana and bo: x (no vs yes), y (the same option), z (yes, yes): 3 shared, 2 the same.
    expect(pair('ana', 'bo')).toMatchObject({ motions: 3, same: 2 });
    // On z, ana counts in g2 (her group on DAY + 20), with cy: 2 yes.
    expect(report.groups!.find((g) => g.group === 'g2')!.perMotion.find((p) => p.motionId === 'z')).toMatchObject({ yes: 2, no: 0 });
    expect(report.motionsWithVotes).toBe(3);
  });
});
