import { BadRequestException } from '@nestjs/common';
import { NotFoundError } from '../../../src/council/domain/errors';
import { CouncilsQuery } from '../../../src/read-models/queries/councils.query';
import { NOW } from '../../../src/read-models/queries/known-at';
import { RecordQuery } from '../../../src/read-models/queries/record.query';
import { parseSafePosition, resolveRecordTime } from '../../../src/read-models/queries/record-time';
import { TestStore, fact, project } from '../helpers';

/** Focused tests of record-time.ts, councils.query.ts and RecordQuery's lookups, over the real read database. */
const C = 'rt';

async function fixture() {
  const store = new TestStore();
  const founded = store.append(C, 'CouncilFounded', fact.founded(C), { recordedAt: Date.parse('2024-01-01T00:00:10Z') });
  const elected = store.append(C, 'MemberElected', fact.elected('ann', '2012-11-01'), { recordedAt: Date.parse('2024-01-01T00:00:20Z') });
  store.append('other', 'CouncilFounded', fact.founded('other', { name: 'Other', foundedOn: '2011-05-01', seats: 7, curiae: [{ key: 'a', name: 'A', seats: 7 }] }), { recordedAt: Date.parse('2024-01-01T00:00:25Z') });
  const left = store.append(C, 'MemberLeft', fact.left('ann', '2013-02-01'), { recordedAt: Date.parse('2024-01-01T00:00:30Z') });
  const { db } = await project(store);
  return { store, db, founded, elected, left, record: new RecordQuery(db) };
}

describe('record time: knownAt / knownAtPosition resolved to a position', () => {
  it('knownAt: the last position of the council recorded at or before the instant, and that instant', async () => {
    const { db, record, founded, elected, left } = await fixture();
    try {
      const at = (knownAt: string) => resolveRecordTime(record, C, { knownAt });
      expect(at('2024-01-01T00:00:20Z')).toEqual({ position: Number(elected.position), knownAtMs: Date.parse('2024-01-01T00:00:20Z') });
      expect(at('2024-01-01T00:00:19.999Z').position).toBe(Number(founded.position));
      // The other council's event (at :25) is not this council's position.
      expect(at('2024-01-01T00:00:27Z').position).toBe(Number(elected.position));
      expect(at('2024-01-01T00:00:30Z').position).toBe(Number(left.position));
      expect(at('2023-12-31T00:00:00Z')).toEqual({ position: 0, knownAtMs: Date.parse('2023-12-31T00:00:00Z') });
    } finally {
      db.close();
    }
  });

  it('knownAtPosition: that position, known as of when the last event at or before it was recorded (0 before any)', async () => {
    const { db, record, elected, left } = await fixture();
    try {
      expect(resolveRecordTime(record, C, { knownAtPosition: String(elected.position) })).toEqual({ position: Number(elected.position), knownAtMs: Date.parse('2024-01-01T00:00:20Z') });
      expect(resolveRecordTime(record, C, { knownAtPosition: '0' })).toEqual({ position: 0, knownAtMs: 0 });
      // Any council's event counts: a position past the last event is as of the last one.
      expect(resolveRecordTime(record, C, { knownAtPosition: String(left.position + 5n) })).toEqual({ position: Number(left.position) + 5, knownAtMs: Date.parse('2024-01-01T00:00:30Z') });
    } finally {
      db.close();
    }
  });

  it('neither: now, at the current record', async () => {
    const { db, record } = await fixture();
    try {
      const before = Date.now();
      const r = resolveRecordTime(record, C, {});
      expect(r.position).toBe(NOW);
      expect(r.knownAtMs).toBeGreaterThanOrEqual(before);
      expect(r.knownAtMs).toBeLessThanOrEqual(Date.now());
    } finally {
      db.close();
    }
  });

  it('refuses both options, a bad instant and a bad position with a 400 naming the field; an unknown council is a 404', async () => {
    const { db, record } = await fixture();
    try {
      const refusal = (time: Parameters<typeof resolveRecordTime>[2]) => {
        try {
          resolveRecordTime(record, C, time);
        } catch (e) {
          expect(e).toBeInstanceOf(BadRequestException);
          const body = (e as BadRequestException).getResponse() as { status: number; detail: string; errors: Array<{ field: string; message: string }> };
          return [body.status, body.detail, body.errors];
        }
        throw new Error('not refused');
      };
      expect(refusal({ knownAt: '2024-01-01T00:00:00Z', knownAtPosition: '3' })).toEqual([400, 'Give knownAt or knownAtPosition, not both', [{ field: 'knownAtPosition', message: 'cannot be combined with knownAt' }]]);
      expect(refusal({ knownAt: 'yesterday' })).toEqual([400, 'knownAt must be an ISO 8601 instant', [{ field: 'knownAt', message: 'must be an ISO 8601 instant' }]]);
      expect(refusal({ knownAtPosition: '9007199254740992' })).toEqual([400, 'knownAtPosition must be a global position (digits, at most 2^53−1)', [{ field: 'knownAtPosition', message: 'must be a global position (digits, at most 2^53−1)' }]]);
      expect(() => resolveRecordTime(record, 'nobody', {})).toThrow(NotFoundError);
      expect(() => resolveRecordTime(record, 'nobody', {})).toThrow(expect.objectContaining({ entity: 'council', id: 'nobody' }));
      // The 400's problem type and title (API.md: a validation problem).
      expect(() => resolveRecordTime(record, C, { knownAt: 'yesterday' })).toThrow(
        expect.objectContaining({ response: expect.objectContaining({ type: 'https://council-record.dev/problems/validation', title: 'Invalid request', status: 400 }) }),
      );
      expect(record.councilKnown(C)).toBe(true);
      expect(record.councilKnown('nobody')).toBe(false);
    } finally {
      db.close();
    }
  });

  it('parseSafePosition: digits up to 2^53−1 only', () => {
    expect(parseSafePosition('0')).toBe(0);
    expect(parseSafePosition('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseSafePosition('9007199254740992')).toBeUndefined();
    expect(parseSafePosition('12345678901234567890')).toBeUndefined();
    expect(parseSafePosition('1234567890123456789')).toBeUndefined();
    expect(parseSafePosition('-1')).toBeUndefined();
    expect(parseSafePosition('1e3')).toBeUndefined();
    expect(parseSafePosition(' 1')).toBeUndefined();
    expect(parseSafePosition('1 ')).toBeUndefined();
    expect(parseSafePosition('')).toBeUndefined();
  });
});

describe('councils query: the councils as currently recorded', () => {
  it('lists them by founding date then id, each with its figures; optional fields absent when unsaid', async () => {
    const { db } = await fixture();
    try {
      const q = new CouncilsQuery(db);
      const all = q.list();
      expect(all.map((c) => c.councilId)).toEqual(['other', C]);
      expect(q.get(C)).toEqual({
        councilId: C, name: 'Coordination Council', foundedOn: '2012-10-27', dissolvedOn: null, seats: 45,
        curiae: [{ key: 'general', name: 'General list', seats: 45 }], rules: { quorum: 'majority-of-members', decision: 'majority-of-members' }, election: null,
      });
      expect(q.get('other')).toMatchObject({ name: 'Other', foundedOn: '2011-05-01', seats: 7 });
      expect(q.get('nobody')).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('leaves out the founding date and the seats when the record does not give them (never null, never 0)', async () => {
    const store = new TestStore();
    const { foundedOn: _f, seats: _s, ...unsaid } = fact.founded('vague', { curiae: [{ key: 'general', name: 'General list' }] });
    store.append('vague', 'CouncilFounded', unsaid);
    const { db } = await project(store);
    try {
      const council = new CouncilsQuery(db).get('vague')!;
      expect(council).toStrictEqual({
        councilId: 'vague', name: 'Coordination Council', dissolvedOn: null, curiae: [{ key: 'general', name: 'General list' }],
        rules: { quorum: 'majority-of-members', decision: 'majority-of-members' }, election: null,
      });
      expect(new CouncilsQuery(db).list()).toStrictEqual([council]);
    } finally {
      db.close();
    }
  });

  it('gives type, level, parent and election when the record says them, and the dissolution', async () => {
    const store = new TestStore();
    store.append('child', 'CouncilFounded', fact.founded('child', { type: 'coordination', level: 'national', parentCouncilId: 'root', election: { method: 'online' } } as never));
    store.append('child', 'CouncilDissolved', fact.dissolved('2014-01'));
    const { db } = await project(store);
    try {
      expect(new CouncilsQuery(db).get('child')).toMatchObject({ type: 'coordination', level: 'national', parentCouncilId: 'root', election: { method: 'online' }, dissolvedOn: '2014-01' });
    } finally {
      db.close();
    }
  });
});
