import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CouncilEventType } from '../../../src/council/domain/events';
import { councilIdOfStream } from '../../../src/council/domain/events';
import { upcast } from '../../../src/council/domain/upcasting';
import { ProjectedEvent } from '../../../src/read-models/projections/projection';
import { allProjections, createRebuildDatabase, finishRebuildDatabase, openReadDatabase } from '../../../src/read-models/read-database';
import { rebuildReadDatabase } from '../../../src/read-models/rebuild';
import { history, record } from '../history-generator';
import { TestStore, project, rows } from '../helpers';
import { C, C2, everyFactHistory } from './every-fact-history';
import { readModelContents } from './read-model-contents';

/**
 * The rebuild's own paths (core.projection's in-memory subjects and fact locator, VersionedTable's mirror
 * and RowLocator) write exactly the rows the live runner writes: a history with every fact type, then
 * corrections of each kind (a vote replaced twice, an entity fact replaced and retracted, a meeting
 * replaced by a quorum failure, a correction of an unknown event, a second retraction of one fact, a
 * replacement that is no fact), and a few generated histories at fixed seeds. Rebuilt on one thread
 * (`pipelined: false`, the same projection code as the pipelined rebuild; rebuild.property covers the
 * writer thread), at batch sizes that cut the history at many places. A few seconds in all.
 */
function correctedHistory(): TestStore {
  const { store, id } = everyFactHistory();
  const dataOf = (eventId: string) => store.events.find((e) => e.id === eventId)!.data as Record<string, unknown>;
  const correct = (council: string, eventId: string, originalType: CouncilEventType, type: CouncilEventType, data: unknown) =>
    store.append(council, 'FactCorrected', { eventId, originalType, replacement: { type, data }, reason: 'the minutes say otherwise' });
  const retract = (council: string, eventId: string, originalType: CouncilEventType) =>
    store.append(council, 'FactRetracted', { eventId, originalType, reason: 'not in the source' });

  const vote = id(C, 'VoteCast', 'motion-votes:mo1');
  correct(C, vote, 'VoteCast', 'VoteCast', { ...dataOf(vote), choice: 'no' });
  correct(C, vote, 'VoteCast', 'VoteCast', { ...dataOf(vote), choice: 'abstain' });
  // Ann's election, recorded before her departure, replaced after it (the replacement keeps its place in
  // record order: the rebuild's subject list takes it before the departure), then a vote naming her.
  const annElected = id(C, 'MemberElected', 'member:ann');
  correct(C, annElected, 'MemberElected', 'MemberElected', { ...dataOf(annElected), name: 'Ann Leigh', votes: 1300 });
  store.append(C, 'VoteCast', { motionId: 'mo2', memberId: 'ann', name: 'A. Lee', choice: 'yes', castOn: '2013-01-10' });
  retract(C, id(C, 'MemberLeft', 'member:bob'), 'MemberLeft');
  // The only fact of its subject: the subject has no open fact left, then a new one.
  retract(C, id(C, 'MemberLeft', 'member:ghost'), 'MemberLeft');
  store.append(C, 'MemberLeft', { memberId: 'ghost', leftOn: '2013-06-03' });
  const m1 = id(C, 'MeetingHeld', 'meeting:m1');
  correct(C, m1, 'MeetingHeld', 'QuorumFailed', { ...dataOf(m1), presentCount: 20 });
  const pairing = id(C, 'VotePaired', 'motion-pairs:mo1');
  correct(C, pairing, 'VotePaired', 'VotePaired', { ...dataOf(pairing), pairedWithName: 'Bob R.' });
  retract(C, id(C, 'VotePaired', 'motion-pairs:mo1', 1), 'VotePaired');
  const wg1 = id(C, 'WorkingGroupFormed', 'working-group:wg1');
  correct(C, wg1, 'WorkingGroupFormed', 'WorkingGroupFormed', { ...dataOf(wg1), members: undefined });
  retract(C, id(C, 'ElectionRecorded', 'election:e1'), 'ElectionRecorded');
  const affiliation = id(C, 'MemberAffiliated', 'member-affiliations:ann');
  correct(C, affiliation, 'MemberAffiliated', 'MemberAffiliated', { ...dataOf(affiliation), to: '2013-04' });
  retract(C, id(C, 'OfficerAppointed', 'officer:chair', 1), 'OfficerAppointed');
  retract(C, id(C, 'MotionDecided', 'motion:mo1'), 'MotionDecided');
  const founded = id(C2, 'CouncilFounded', 'council');
  correct(C2, founded, 'CouncilFounded', 'CouncilFounded', { ...dataOf(founded), seats: 30 });
  // Odd cases: an event the record does not hold; a fact retracted twice; a "replacement" that is no fact.
  retract(C, '00000000-0000-4000-8000-000000000000', 'MeetingHeld');
  const g2 = id(C, 'GroupFounded', 'group:g2');
  retract(C, g2, 'GroupFounded');
  retract(C, g2, 'GroupFounded');
  const status = id(C, 'MemberStatusChanged', 'member-status:bob');
  correct(C, status, 'MemberStatusChanged', 'FactRetracted', { eventId: status, originalType: 'MemberStatusChanged', reason: 'odd' });
  return store;
}

describe('a rebuild writes what the live runner writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebuild-equals-live-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;

  async function compare(store: TestStore, batchSize: number) {
    const path = join(dir, `rebuilt-${n++}.sqlite`);
    await rebuildReadDatabase(store, path, { projections: allProjections([]), batchSize, pipelined: false });
    return sameAsLive(store, path);
  }

  async function sameAsLive(store: TestStore, path: string) {
    const rebuilt = openReadDatabase(path, allProjections([]));
    const live = await project(store, { batchSize: 7 });
    try {
      expect(readModelContents(rebuilt)).toEqual(readModelContents(live.db));
      return live.db;
    } finally {
      rebuilt.close();
    }
  }

  it.each([1, 4, 500])('every fact type, then corrections of each kind (rebuilt in batches of %i)', async (batchSize) => {
    const db = await compare(correctedHistory(), batchSize);
    try {
      // What the corrections did, as the live runner wrote it (so the comparison is not of two empty tables).
      const open = (sql: string) => rows(db, `${sql} AND known_to_position IS NULL`);
      expect(open(`SELECT name, votes FROM members WHERE council_id = '${C}' AND member_id = 'ann'`)).toEqual([{ name: 'Ann Leigh', votes: 1300 }]);
      expect(open(`SELECT description FROM facts WHERE type = 'VoteCast' AND subject = 'motion-votes:mo2'`)).toEqual([{ description: 'Ann Leigh voted yes on motion mo2.' }]);
      expect(open(`SELECT choice FROM votes WHERE name = 'A. Lee' AND motion_id = 'mo1'`)).toEqual([{ choice: 'abstain' }]);
      expect(open(`SELECT outcome, present_count FROM meetings WHERE meeting_id = 'm1'`)).toEqual([{ outcome: 'quorum-failed', present_count: 20 }]);
      expect(open(`SELECT left_reason, departures FROM members WHERE council_id = '${C}' AND member_id = 'bob'`)).toEqual([{ left_reason: 'died', departures: 1 }]);
      expect(open(`SELECT decided_edtf, outcome FROM motions WHERE motion_id = 'mo1'`)).toEqual([{ decided_edtf: '2013-01-13', outcome: 'rejected' }]);
      expect(open(`SELECT seats FROM councils WHERE council_id = '${C2}'`)).toEqual([{ seats: 30 }]);
      expect(open(`SELECT count(*) AS n FROM facts WHERE type IN ('GroupFounded', 'MemberStatusChanged', 'ElectionRecorded') AND subject IN ('group:g2', 'member-status:bob', 'election:e1')`))
        .toEqual([{ n: 0 }]);
      expect(open(`SELECT paired_with_name FROM vote_pairs WHERE 1`)).toEqual([{ paired_with_name: 'Bob R.' }]);
      expect(open(`SELECT members_known FROM working_groups WHERE working_group_id = 'wg1'`)).toEqual([{ members_known: 0 }]);
      expect(open(`SELECT count(*) AS n FROM working_group_members WHERE working_group_id = 'wg1'`)).toEqual([{ n: 0 }]);
      expect(open(`SELECT to_edtf FROM affiliations WHERE member_id = 'ann'`)).toEqual([{ to_edtf: '2013-04' }]);
      expect(open(`SELECT election_id FROM elections WHERE 1`).map((r) => r.election_id).sort()).toEqual(['e2', 'e3']);
      // Each correction as filed: the fact it names (none when the record does not hold it, or no longer
      // does), that fact's subject, the action, the types and the reason.
      const filed = rows(db, `SELECT action, subject, original_type, replacement_type, reason, fact_id IS NOT NULL AS held FROM corrections ORDER BY position`);
      const replaced = (subject: string, original: string, replacement = original) =>
        ({ action: 'replace', subject, original_type: original, replacement_type: replacement, reason: 'the minutes say otherwise', held: 1 });
      const retracted = (subject: string | null, original: string) =>
        ({ action: 'retract', subject, original_type: original, replacement_type: null, reason: 'not in the source', held: subject === null ? 0 : 1 });
      expect(filed).toEqual([
        replaced('motion-votes:mo1', 'VoteCast'), replaced('motion-votes:mo1', 'VoteCast'), replaced('member:ann', 'MemberElected'),
        retracted('member:bob', 'MemberLeft'), retracted('member:ghost', 'MemberLeft'), replaced('meeting:m1', 'MeetingHeld', 'QuorumFailed'), replaced('motion-pairs:mo1', 'VotePaired'),
        retracted('motion-pairs:mo1', 'VotePaired'), replaced('working-group:wg1', 'WorkingGroupFormed'), retracted('election:e1', 'ElectionRecorded'),
        replaced('member-affiliations:ann', 'MemberAffiliated'), retracted('officer:chair', 'OfficerAppointed'), retracted('motion:mo1', 'MotionDecided'),
        replaced('council', 'CouncilFounded'), retracted(null, 'MeetingHeld'), retracted('group:g2', 'GroupFounded'), retracted(null, 'GroupFounded'),
        replaced('member-status:bob', 'MemberStatusChanged', 'FactRetracted'),
      ]);
    } finally {
      db.close();
    }
  });

  // The writer thread's reads (PipelinedDatabase.readRow): a correction's lookup of the version it corrects is
  // answered as soon as that row is in, unless a change to it is queued (the vote replaced twice: its first
  // version was closed, its second never changed).
  it.each([1, 500])('on the writer thread, a correction reads the rows it corrects early or after the writes that change them (batches of %i)', async (batchSize) => {
    const store = correctedHistory();
    const path = join(dir, `pipelined-${n++}.sqlite`);
    const result = await rebuildReadDatabase(store, path, { projections: allProjections([]), batchSize, log: (message) => { throw new Error(message); } });
    expect(result.pipelined).toBe(true);
    expect(result.reads!.early).toBeGreaterThan(0);
    expect(result.reads!.drained).toBeGreaterThan(1); // beyond the checkpoint's read at the end
    (await sameAsLive(store, path)).close();
  });

  // The runner recovers from a failed rebuild batch by going on with the database's own lookups (see
  // projection-runner.ts, handle), so a rebuild path that throws would still end with the right rows: here the
  // projections run in rebuild mode with no runner around them, and any throw fails the test.
  it('the projections in rebuild mode apply every event without a failure, and write what the live runner writes', async () => {
    const store = correctedHistory();
    const path = join(dir, `handlers-${n++}.sqlite`);
    const projections = allProjections([]);
    const db = createRebuildDatabase(path, projections);
    const live = await project(store, { batchSize: 7 });
    try {
      const handlers = projections.map((p) => p.init(db, { rebuild: true }));
      db.transaction(() => {
        for (const recorded of store.events) {
          const councilId = councilIdOfStream(recorded.streamId)!;
          const event = Object.assign(upcast(recorded)!, { councilId }) as ProjectedEvent;
          for (const handle of handlers) handle(event);
        }
      })();
      finishRebuildDatabase(db);
      const got = readModelContents(db);
      const want = readModelContents(live.db);
      // The checkpoint row is the runner's (times, store identity); every projected table must be equal.
      delete got.checkpoint;
      delete want.checkpoint;
      expect(got).toEqual(want);
    } finally {
      db.close();
      live.db.close();
    }
  });

  it('a live runner stopped and started again over its own database writes what one uninterrupted run writes', async () => {
    const store = correctedHistory();
    const events = store.events.splice(0);
    const cut = Math.floor(events.length / 2);
    const dbPath = join(dir, `restarted-${n++}.sqlite`);
    const db = openReadDatabase(dbPath, allProjections([]));
    try {
      // The first half, then the rest (corrections of facts projected before the restart) by a new runner.
      store.events.push(...events.slice(0, cut));
      await project(store, { db, batchSize: 5 });
      store.events.push(...events.slice(cut));
      await project(store, { db, batchSize: 5 });
      const once = await project(store, { batchSize: 5 });
      try {
        expect(readModelContents(db)).toEqual(readModelContents(once.db));
      } finally {
        once.db.close();
      }
    } finally {
      db.close();
    }
  });

  it('generated histories with their corrections, at fixed seeds', async () => {
    const histories = fc.sample(history, { seed: 20261206, numRuns: 4 });
    for (const [i, h] of histories.entries()) (await compare(record(h), 1 + i * 2)).close();
  });
});
