import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import type { CouncilEventMap, MemberStatus, SourceCitation } from '../../../src/council/domain/events';
import { NOW } from '../../../src/read-models/queries/known-at';
import { LifeFactsQuery } from '../../../src/read-models/queries/life-facts.query';
import { TestStore, fact } from '../helpers';
import { dayOf, readDatabaseOf } from './read-db';

/**
 * Focused tests of life-facts.query.ts over the real read database (a file in a temporary folder, fed by the
 * real projections): member statuses on a day and as known at a record position, with a correction in
 * between; the council's descriptions, bodies and members' statements. The reads property's generator
 * writes none of these facts. Expected values are computed here from the facts the test writes.
 */
const C = 'lfq';

/** A status fact as the test wrote it, and the record positions it is known over ([from, to)). */
interface StatusVersion {
  memberId: string;
  status: MemberStatus;
  on: string;
  note?: string;
  source: SourceCitation | null;
  eventId: string;
  /** Where the fact entered the record (a correction keeps it). */
  order: number;
  from: number;
  to: number;
}

/** The first and last day an EDTF date of the test can mean: a day or a month. */
function span(edtf: string): [number, number] {
  if (/^\d{4}-\d{2}-\d{2}$/.test(edtf)) return [dayOf(edtf), dayOf(edtf)];
  const [y, m] = edtf.split('-').map(Number);
  const first = Date.UTC(y, m - 1, 1) / 86_400_000;
  const next = Date.UTC(y, m, 1) / 86_400_000;
  return [first, next - 1];
}

const knownAt = (v: StatusVersion, position: number) => v.from <= position && position < v.to;
const byDates = (a: StatusVersion, b: StatusVersion) => span(a.on)[0] - span(b.on)[0] || span(a.on)[1] - span(b.on)[1] || a.order - b.order;

/** Each member's status that may have begun by the day (latest start wins), as known at the position. */
function expectedStatusesOn(versions: StatusVersion[], day: number, position: number) {
  const result: Array<{ memberId: string; status: string; since: string; certain: boolean; note?: string }> = [];
  const members = [...new Set(versions.map((v) => v.memberId))].sort();
  for (const memberId of members) {
    const begun = versions.filter((v) => v.memberId === memberId && knownAt(v, position) && span(v.on)[0] <= day).sort(byDates);
    const last = begun[begun.length - 1];
    if (!last) continue;
    result.push({ memberId, status: last.status, since: last.on, certain: span(last.on)[1] <= day, ...(last.note ? { note: last.note } : {}) });
  }
  return result;
}

async function fixture() {
  const store = new TestStore();
  const versions: StatusVersion[] = [];
  const source = (title: string): SourceCitation => ({ title, url: `https://example.org/${title.toLowerCase().replace(/ /g, '-')}` });
  const status = (data: CouncilEventMap['MemberStatusChanged'], cited?: SourceCitation): RecordedEvent => {
    const event = store.append(C, 'MemberStatusChanged', data, cited ? { metadata: { source: cited } } : {});
    const p = Number(event.position);
    versions.push({ ...data, source: cited ?? null, eventId: event.id, order: p, from: p, to: Infinity });
    return event;
  };
  store.append(C, 'CouncilFounded', fact.founded(C));
  store.append(C, 'MemberElected', fact.elected('zoe', '2012-10-27'));
  store.append(C, 'MemberElected', fact.elected('amy', '2012-10-27'));
  const arrested = status({ memberId: 'zoe', status: 'arrested', on: '2013-03-05', note: 'detained at a rally' }, source('Court report'));
  const abroad = status({ memberId: 'amy', status: 'left-the-country', on: '2013-04' });
  const houseArrest = status({ memberId: 'zoe', status: 'house-arrest', on: '2013-03-10' }, source('Lawyer statement'));
  const released = status({ memberId: 'zoe', status: 'released', on: '2013-03-20' });
  // The release's date is corrected: known as 20 March up to the correction, 25 March from it.
  const correctedData = { memberId: 'zoe', status: 'released' as const, on: '2013-03-25', note: 'the court ruled on the 25th' };
  const correction = store.append(C, 'FactCorrected', { eventId: released.id, originalType: 'MemberStatusChanged', replacement: { type: 'MemberStatusChanged', data: correctedData }, reason: 'date' }, { metadata: { source: source('Court ruling') } });
  const original = versions.find((v) => v.eventId === released.id)!;
  original.to = Number(correction.position);
  versions.push({ ...correctedData, source: { title: 'Court ruling', url: 'https://example.org/court-ruling' }, eventId: correction.id, order: original.order, from: Number(correction.position), to: Infinity });
  const returned = status({ memberId: 'amy', status: 'returned', on: '2013-06-02' });
  // Another council's status is never this council's.
  store.append('other', 'CouncilFounded', fact.founded('other'));
  store.append('other', 'MemberStatusChanged', { memberId: 'amy', status: 'died', on: '2013-01-01' });
  const { db, close } = await readDatabaseOf(store, 'life-facts');
  return { store, db, close, life: new LifeFactsQuery(db), versions, events: { arrested, abroad, houseArrest, released, correction, returned } };
}

describe('life facts: member statuses', () => {
  it('on a day and as known at a position: the latest status begun by the day, certain only when it surely began; a correction in between', async () => {
    const { close, life, versions, events } = await fixture();
    try {
      const positions = [events.arrested, events.abroad, events.houseArrest, events.released, events.correction, events.returned].map((e) => Number(e.position));
      positions.unshift(0);
      positions.push(NOW);
      const days = ['2013-02-28', '2013-03-04', '2013-03-05', '2013-03-09', '2013-03-10', '2013-03-19', '2013-03-20', '2013-03-22', '2013-03-25', '2013-03-31', '2013-04-01', '2013-04-29', '2013-04-30', '2013-05-01', '2013-06-01', '2013-06-02', '2020-01-01'].map(dayOf);
      let nonEmpty = 0;
      for (const position of positions) {
        for (const day of days) {
          const expected = expectedStatusesOn(versions, day, position);
          if (expected.length > 0) nonEmpty += 1;
          expect({ position, day, statuses: life.statusesOn(C, day, position) }).toStrictEqual({ position, day, statuses: expected });
        }
      }
      expect(nonEmpty).toBeGreaterThan(50);
    } finally {
      close();
    }
  });

  it('a few probes stated by hand: the correction moves the release, a month is uncertain until its last day, both members in id order', async () => {
    const { close, life, events } = await fixture();
    try {
      const beforeCorrection = Number(events.released.position);
      // 22 March: released (20 March) as first recorded; still under house arrest once the release is corrected to the 25th.
      expect(life.statusesOn(C, dayOf('2013-03-22'), beforeCorrection)).toStrictEqual([{ memberId: 'zoe', status: 'released', since: '2013-03-20', certain: true }]);
      expect(life.statusesOn(C, dayOf('2013-03-22'), NOW)).toStrictEqual([{ memberId: 'zoe', status: 'house-arrest', since: '2013-03-10', certain: true }]);
      expect(life.statusesOn(C, dayOf('2013-03-05'), NOW)).toStrictEqual([{ memberId: 'zoe', status: 'arrested', since: '2013-03-05', certain: true, note: 'detained at a rally' }]);
      // amy (recorded after zoe's first status) comes first; her April is certain only on 30 April.
      expect(life.statusesOn(C, dayOf('2013-04-29'), NOW)).toStrictEqual([
        { memberId: 'amy', status: 'left-the-country', since: '2013-04', certain: false },
        { memberId: 'zoe', status: 'released', since: '2013-03-25', certain: true, note: 'the court ruled on the 25th' },
      ]);
      expect(life.statusesOn(C, dayOf('2013-04-30'), NOW)[0]).toStrictEqual({ memberId: 'amy', status: 'left-the-country', since: '2013-04', certain: true });
      expect(life.statusesOn(C, dayOf('2013-03-04'), NOW)).toStrictEqual([]);
    } finally {
      close();
    }
  });

  it('every status on record in date order, with its source and event, as known at a position', async () => {
    const { close, life, versions, events } = await fixture();
    try {
      for (const position of [Number(events.abroad.position), Number(events.released.position), Number(events.correction.position), NOW]) {
        const expected = versions
          .filter((v) => knownAt(v, position))
          .sort(byDates)
          .map((v) => ({ memberId: v.memberId, status: v.status, since: v.on, certain: true, ...(v.note ? { note: v.note } : {}), source: v.source, eventId: v.eventId }));
        expect(life.statuses(C, position)).toStrictEqual(expected);
      }
      expect(life.statuses(C, NOW).map((s) => s.status)).toEqual(['arrested', 'house-arrest', 'released', 'left-the-country', 'returned']);
      expect(life.statuses(C, 0)).toStrictEqual([]);
    } finally {
      close();
    }
  });
});

describe('life facts: description, bodies, statements', () => {
  async function councilFixture() {
    const store = new TestStore();
    const cite = { title: 'Charter', url: 'https://example.org/charter' };
    store.append(C, 'CouncilFounded', fact.founded(C));
    const first: CouncilEventMap['CouncilDescribed'] = { describedOn: '2012-10-27', abbreviations: ['KS'], ideology: ['liberal'], term: 'P1Y' };
    const d1 = store.append(C, 'CouncilDescribed', first, { metadata: { source: cite } });
    const second: CouncilEventMap['CouncilDescribed'] = { describedOn: '2013-01', ideology: ['liberal', 'democratic'], convocation: 1 };
    const d2 = store.append(C, 'CouncilDescribed', second);
    const committee: CouncilEventMap['CouncilBodyFormed'] = {
      bodyId: 'ethics', kind: 'committee', name: 'Ethics committee', formedOn: '2013-01-15', members: [{ memberId: 'amy', name: 'Amy' }, { name: 'An outsider' }], note: 'by vote',
    };
    const b1 = store.append(C, 'CouncilBodyFormed', committee, { metadata: { source: cite } });
    const groups: CouncilEventMap['CouncilBodyFormed'] = { bodyId: 'wgs', kind: 'working-groups', count: 5, formedOn: '2013-02' };
    const b2 = store.append(C, 'CouncilBodyFormed', groups);
    const forum: CouncilEventMap['CouncilBodyFormed'] = { bodyId: 'forum', kind: 'forum', formedOn: '2013-03-01', members: [] };
    const b3 = store.append(C, 'CouncilBodyFormed', forum);
    const s1Data: CouncilEventMap['MembersStatementIssued'] = { statementId: 's1', title: 'On the arrests', issuedOn: '2013-03-06', signatories: [{ memberId: 'zoe', name: 'Zoe' }, { name: 'A citizen' }] };
    const s1 = store.append(C, 'MembersStatementIssued', s1Data, { metadata: { source: cite } });
    const s2Data: CouncilEventMap['MembersStatementIssued'] = { statementId: 's2', title: 'Appeal', issuedOn: '2013-02-10', signatoryCount: 120, note: 'count from the organisers' };
    const s2 = store.append(C, 'MembersStatementIssued', s2Data);
    const retraction = store.append(C, 'FactRetracted', { eventId: b3.id, originalType: 'CouncilBodyFormed', reason: 'not a body of the council' });
    store.append('bare', 'CouncilFounded', fact.founded('bare'));
    const { db, close } = await readDatabaseOf(store, 'life-council');
    return { close, life: new LifeFactsQuery(db), cite, first, second, committee, groups, forum, d1, d2, b1, b2, b3, s1, s2, s1Data, s2Data, retraction };
  }

  it('the description: later ones add to and override earlier ones, with every source; absent when none', async () => {
    const f = await councilFixture();
    try {
      expect(f.life.description(C, NOW)).toStrictEqual({
        describedOn: f.first.describedOn,
        abbreviations: f.first.abbreviations,
        ideology: f.second.ideology,
        term: f.first.term,
        convocation: f.second.convocation,
        sources: [f.cite, null],
      });
      // As known before the second description.
      expect(f.life.description(C, Number(f.d1.position))).toStrictEqual({ describedOn: '2012-10-27', abbreviations: ['KS'], ideology: ['liberal'], term: 'P1Y', sources: [f.cite] });
      expect(f.life.description(C, Number(f.d1.position) - 1)).toBeUndefined();
      expect(f.life.description('bare', NOW)).toBeUndefined();
    } finally {
      f.close();
    }
  });

  it('bodies formed by a day (every one without a day), fields absent when unsaid; a retracted body is gone from then on', async () => {
    const f = await councilFixture();
    try {
      const ethics = { bodyId: 'ethics', kind: 'committee', name: 'Ethics committee', formedOn: '2013-01-15', membersKnown: true, members: f.committee.members, note: 'by vote', source: f.cite, eventId: f.b1.id };
      const wgs = { bodyId: 'wgs', kind: 'working-groups', count: 5, formedOn: '2013-02', membersKnown: false, source: null, eventId: f.b2.id };
      const forum = { bodyId: 'forum', kind: 'forum', formedOn: '2013-03-01', membersKnown: true, members: [], source: null, eventId: f.b3.id };
      expect(f.life.bodies(C, NOW)).toStrictEqual([ethics, wgs]);
      expect(f.life.bodies(C, Number(f.retraction.position) - 1)).toStrictEqual([ethics, wgs, forum]);
      // By a day: formed when its first possible day is on or before it.
      expect(f.life.bodies(C, NOW, dayOf('2013-01-14'))).toStrictEqual([]);
      expect(f.life.bodies(C, NOW, dayOf('2013-01-15'))).toStrictEqual([ethics]);
      expect(f.life.bodies(C, NOW, dayOf('2013-02-01'))).toStrictEqual([ethics, wgs]);
      expect(f.life.bodies(C, Number(f.b2.position) - 1, dayOf('2013-02-01'))).toStrictEqual([ethics]);
      expect(f.life.bodies('bare', NOW)).toStrictEqual([]);
    } finally {
      f.close();
    }
  });

  it("members' statements in date order, with signatories or a count, and the source", async () => {
    const f = await councilFixture();
    try {
      const s1 = { statementId: 's1', title: f.s1Data.title, issuedOn: '2013-03-06', signatories: f.s1Data.signatories, source: f.cite, eventId: f.s1.id };
      const s2 = { statementId: 's2', title: 'Appeal', issuedOn: '2013-02-10', signatoryCount: 120, note: 'count from the organisers', source: null, eventId: f.s2.id };
      expect(f.life.statements(C, NOW)).toStrictEqual([s2, s1]);
      expect(f.life.statements(C, Number(f.s1.position))).toStrictEqual([s1]);
      expect(f.life.statements('bare', NOW)).toStrictEqual([]);
    } finally {
      f.close();
    }
  });
});
