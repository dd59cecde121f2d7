/** The explorer's pure parts: seat model and layout, EDTF day bounds, Link headers. */
import { buildSeats, hemicyclePoints } from '../../web/src/seats';
import { edtfBounds, isDay } from '../../web/src/dates';
import { nextLink } from '../../web/src/link-header';
import type { Council, CouncilState, MemberTerm } from '../../web/src/types';

const council: Council = {
  councilId: 'c',
  name: 'C',
  seats: 10,
  curiae: [
    { key: 'a', name: 'A', seats: 6 },
    { key: 'b', name: 'B', seats: 4 },
  ],
};
const member = (memberId: string, curia: string, group?: string) => ({ memberId, name: memberId, curia, since: '2012-01-01', group });
const state = (over: Partial<CouncilState>): CouncilState => ({
  councilId: 'c',
  at: '2013-01-01',
  knownAt: '2026-01-01T00:00:00Z',
  status: 'active',
  memberCount: 0,
  members: [],
  uncertainMembers: [],
  officers: [],
  ...over,
});
const count = (seats: Array<{ state: string; block: string }>, st: string, block?: string) =>
  seats.filter((s) => s.state === st && (block === undefined || s.block === block)).length;

describe('seat model', () => {
  it('fills each curia with its certain, then uncertain members, the rest vacant', () => {
    const terms = new Map<string, MemberTerm>([['u1', { memberId: 'u1', name: 'u1', curia: 'b' }]]);
    const { seats, blocks } = buildSeats(
      council,
      state({ members: [member('m1', 'a'), member('m2', 'a'), member('m3', 'b')], uncertainMembers: [{ memberId: 'u1', name: 'u1', why: 'left 2012/2013' }] }),
      terms,
    );
    expect(blocks.map((b) => b.key)).toEqual(['a', 'b']);
    expect(seats).toHaveLength(10);
    expect([count(seats, 'filled', 'a'), count(seats, 'vacant', 'a')]).toEqual([2, 4]);
    // The uncertain member's curia comes from the member's term when the state does not give it.
    expect([count(seats, 'filled', 'b'), count(seats, 'uncertain', 'b'), count(seats, 'vacant', 'b')]).toEqual([1, 1, 2]);
  });

  it('colours by group when members carry one, vacancies after them', () => {
    const { seats, blocks, blockKind } = buildSeats(council, state({ members: [member('m1', 'a', 'g1'), member('m2', 'b', 'g2'), member('m3', 'a', 'g2')] }), new Map());
    expect(blockKind).toBe('group');
    expect(blocks.map((b) => b.key)).toEqual(['g2', 'g1']); // larger group first
    expect([count(seats, 'filled'), count(seats, 'vacant')]).toEqual([3, 7]);
  });

  it('seats no one when the council is dissolved or not founded, and never drops a member beyond the seats', () => {
    expect(count(buildSeats(council, state({ status: 'dissolved' }), new Map()).seats, 'filled')).toBe(0);
    const many = Array.from({ length: 12 }, (_, i) => member(`m${i}`, i < 8 ? 'a' : 'b'));
    const { seats } = buildSeats(council, state({ members: many }), new Map());
    expect(count(seats, 'filled')).toBe(12);
    expect(count(seats, 'vacant')).toBe(0);
  });

  it('lays out n seats on half circles, left to right, without overlaps', () => {
    for (const n of [1, 5, 45, 100, 450]) {
      const { points, seatRadius } = hemicyclePoints(n);
      expect(points).toHaveLength(n);
      for (const p of points) expect(p.y).toBeGreaterThanOrEqual(-1e-9);
      for (let i = 1; i < points.length; i++) expect(points[i].angle).toBeLessThanOrEqual(points[i - 1].angle + 1e-9);
      let closest = Infinity;
      for (let i = 0; i < points.length; i++) {
        for (let j = i + 1; j < points.length; j++) closest = Math.min(closest, Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y));
      }
      if (n > 1) expect(closest).toBeGreaterThan(2 * seatRadius);
    }
  });
});

describe('dates and links', () => {
  it('gives the day bounds of EDTF values', () => {
    expect(edtfBounds('2012-10-22')).toEqual({ earliest: '2012-10-22', latest: '2012-10-22' });
    expect(edtfBounds('2013-02')).toEqual({ earliest: '2013-02-01', latest: '2013-02-28' });
    expect(edtfBounds('2012-12-17/2013-10-19')).toEqual({ earliest: '2012-12-17', latest: '2013-10-19' });
    expect(edtfBounds('2013-03-24?')).toEqual({ earliest: '2013-03-24', latest: '2013-03-24' });
    expect(edtfBounds('201X')).toEqual({ earliest: '2010-01-01', latest: '2019-12-31' });
    expect(edtfBounds(null)).toEqual({});
    expect([isDay('2013-02-29'), isDay('2012-02-29'), isDay('2013-1-2')]).toEqual([false, true, false]);
  });

  it('finds rel="next" in a Link header', () => {
    expect(nextLink('</api/councils/c/meetings?limit=2&cursor=abc>; rel="next"')).toBe('/api/councils/c/meetings?limit=2&cursor=abc');
    expect(nextLink('<https://x/a?cursor=1>; rel="prev", <https://x/a?cursor=3>; rel="next"')).toBe('https://x/a?cursor=3');
    expect(nextLink('<https://x/a>; rel="first last"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});
