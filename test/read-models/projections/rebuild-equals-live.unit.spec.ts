import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CouncilEventType } from '../../../src/council/domain/events';
import { allProjections, openReadDatabase } from '../../../src/read-models/read-database';
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
      expect(rows(db, `SELECT action, fact_id IS NULL AS unknown FROM corrections ORDER BY position`).filter((r) => r.unknown === 1)).toHaveLength(2);
    } finally {
      db.close();
    }
  });

  it('generated histories with their corrections, at fixed seeds', async () => {
    const histories = fc.sample(history, { seed: 20261206, numRuns: 4 });
    for (const [i, h] of histories.entries()) (await compare(record(h), 1 + i * 2)).close();
  });
});
