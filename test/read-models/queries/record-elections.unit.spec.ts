import { SCHEMA_VERSION, type CouncilEventMap } from '../../../src/council/domain/events';
import { ElectionsQuery } from '../../../src/read-models/queries/elections.query';
import { NOW } from '../../../src/read-models/queries/known-at';
import { CursorKey, KEY } from '../../../src/read-models/queries/paging';
import { RecordQuery } from '../../../src/read-models/queries/record.query';
import { TestStore, fact } from '../helpers';
import { readDatabaseOf } from './read-db';

/**
 * Focused tests of record.query.ts (the timeline page by page, the audit log with who recorded each event)
 * and elections.query.ts (an election with the members tied to it), over the real read database in a
 * temporary folder. Expected values come from the events the test writes.
 */
const C = 're';

async function fixture() {
  const store = new TestStore();
  // Events of the current schema (older ones are upcast on the way into the read database).
  const append: TestStore['append'] = (council, type, data, options = {}) => store.append(council, type, data, { ...options, metadata: { schemaVersion: SCHEMA_VERSION, ...options.metadata } });
  const clerk = { tokenId: 'tok-1', label: 'Clerk of the council', role: 'secretary' };
  const importer = { tokenId: 'tok-2', role: 'importer' };
  const events = [
    append(C, 'CouncilFounded', fact.founded(C), { metadata: { recordedBy: clerk, source: { title: 'Charter' } } }),
    append(C, 'ElectionRecorded', { electionId: 'e1', heldOn: '2012-10-20', seats: 45, voters: 81000 } as CouncilEventMap['ElectionRecorded'], { metadata: { recordedBy: importer } }),
    append(C, 'ElectionRecorded', { electionId: 'e0', note: 'a by-election, undated' } as CouncilEventMap['ElectionRecorded']),
    append(C, 'MemberElected', fact.elected('zed', '2012-10-27', { electionId: 'e1', rank: 2, votes: 900 })),
    append(C, 'MemberElected', fact.elected('amy', '2012-10-27', { electionId: 'e1', rank: 1, votes: 1200 })),
    append(C, 'MemberElected', fact.elected('bob', '2012-10-27', { electionId: 'e1', curia: 'civil' })),
    append(C, 'MemberElected', fact.elected('cat', '2012-10-27')),
    // Facts on the same day, and one dated by its month (it begins first and ends last).
    append(C, 'MeetingHeld', fact.meeting('m1', '2013-01-10')),
    append(C, 'MeetingHeld', fact.meeting('m2', '2013-01-10')),
    append(C, 'MemberLeft', fact.left('cat', '2013-01')),
    append(C, 'MeetingHeld', fact.meeting('m3', '2013-01-11')),
  ];
  store.append('other', 'CouncilFounded', fact.founded('other'));
  const { db, close } = await readDatabaseOf(store, 'record-elections');
  return { close, record: new RecordQuery(db), elections: new ElectionsQuery(db), events, clerk, importer };
}

describe('record: the timeline page by page, the audit log', () => {
  it('the timeline walked in pages of 1 to 4 equals the whole timeline, in date order then record order', async () => {
    const f = await fixture();
    try {
      const whole = f.record.timelineEntries(C, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, NOW);
      // World order: the election (20 October) before the founding and the elections (27 October, in record
      // order); the departure dated by its month begins on 1 January, before the meetings of the 10th (record
      // order) and the 11th. The undated election has no place on the timeline.
      const worldOrder = [1, 0, 3, 4, 5, 6, 9, 7, 8, 10];
      expect(whole.map((e) => e.eventId)).toEqual(worldOrder.map((i) => f.events[i].id));
      for (const limit of [1, 2, 4]) {
        const walked: typeof whole = [];
        let after: CursorKey | undefined;
        for (let guard = 0; ; guard++) {
          if (guard > 30) throw new Error('the walk did not end');
          const rows = f.record.timelineEntries(C, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, NOW, { after, limit: limit + 1 });
          walked.push(...rows.slice(0, limit));
          if (rows.length <= limit) break;
          after = rows[limit - 1][KEY];
        }
        expect(walked.map((e) => e.eventId)).toEqual(whole.map((e) => e.eventId));
      }
    } finally {
      f.close();
    }
  });

  it('the audit log: each event after a position, up to a bound, with its data, metadata and who recorded it', async () => {
    const f = await fixture();
    try {
      const expected = f.events.map((e) => ({
        position: String(e.position),
        eventId: e.id,
        type: e.type,
        revision: String(e.revision),
        data: e.data,
        metadata: e.metadata,
        recordedBy: (e.metadata as { recordedBy?: unknown }).recordedBy ?? null,
        recordedAt: e.recordedAt.toISOString(),
      }));
      expect(f.record.recordedEvents(C, 0, 100)).toStrictEqual(expected);
      expect(f.record.recordedEvents(C, 0, 100)[1].recordedBy).toStrictEqual({ tokenId: 'tok-2', role: 'importer' });
      // After the second event, at most 3; up to the fifth event's position.
      expect(f.record.recordedEvents(C, Number(f.events[1].position), 3)).toStrictEqual(expected.slice(2, 5));
      expect(f.record.recordedEvents(C, 0, 100, Number(f.events[4].position))).toStrictEqual(expected.slice(0, 5));
      expect(f.record.recordedEvents('nobody', 0, 100)).toStrictEqual([]);
    } finally {
      f.close();
    }
  });
});

describe('elections', () => {
  it('in date order (undated first), each with only the figures given and the members tied to it by curia and rank', async () => {
    const f = await fixture();
    try {
      expect(f.elections.list(C, NOW)).toStrictEqual([
        { electionId: 'e0', note: 'a by-election, undated', eventId: f.events[2].id },
        {
          electionId: 'e1', heldOn: '2012-10-20', seats: 45, voters: 81000,
          members: [
            { memberId: 'bob', name: 'bob', curia: 'civil' },
            { memberId: 'amy', name: 'amy', curia: 'general', rank: 1, votes: 1200 },
            { memberId: 'zed', name: 'zed', curia: 'general', rank: 2, votes: 900 },
          ],
          eventId: f.events[1].id,
        },
      ]);
      // Before any member was tied to it.
      expect(f.elections.list(C, Number(f.events[2].position)).map((e) => Object.keys(e).includes('members'))).toEqual([false, false]);
    } finally {
      f.close();
    }
  });
});
