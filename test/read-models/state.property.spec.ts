import fc from 'fast-check';
import { StateQuery } from '../../src/read-models/queries/state.query';
import { RecordQuery } from '../../src/read-models/queries/record.query';
import { NOW } from '../../src/read-models/queries/known-at';
import { C, FIRST_DAY, LAST_DAY, history, permutation, record } from './history-generator';
import { project } from './helpers';
import { referenceState } from './reference-fold';

/**
 * Done when: state-at-date and known-at answers match a replay of the events over generated histories
 * (out-of-order records, imprecise dates, corrections and retractions), for random dates and record times.
 */
describe('state on D as known at T equals a fold of the events (property)', () => {
  it('matches the reference fold for random histories, days and record times', async () => {
    await fc.assert(
      fc.asyncProperty(
        history,
        fc.array(fc.tuple(fc.integer({ min: FIRST_DAY - 30, max: LAST_DAY + 30 }), fc.double({ min: -0.05, max: 1.05, noNaN: true })), { minLength: 1, maxLength: 12 }),
        async (h, probes) => {
          const store = record(h);
          const { db } = await project(store, { batchSize: 7 });
          const state = new StateQuery(db);
          const recordQuery = new RecordQuery(db);
          const first = store.events[0].recordedAt.getTime();
          const last = store.events[store.events.length - 1].recordedAt.getTime();
          for (const [day, fraction] of probes) {
            const knownAtMs = Math.round(first + (last - first) * fraction);
            for (const [position, ms] of [[recordQuery.positionAtTime(C, knownAtMs), knownAtMs], [NOW, 8.64e15]]) {
              const view = state.run(C, day, position, ms);
              const expected = referenceState(store.events, ms, day);
              expect({
                status: view.status,
                members: view.members.map((m) => m.memberId).sort(),
                uncertain: view.uncertainMembers.map((m) => m.memberId).sort(),
                groups: Object.fromEntries(view.members.filter((m) => m.group !== undefined).map((m) => [m.memberId, m.group])),
                meetingsHeld: view.meetingsHeld,
                quorumFailures: view.quorumFailures,
              }).toEqual(expected);
              expect(view.memberCount).toBe(expected.members.length);
            }
          }
          db.close();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives the same state whatever order the facts were recorded in (no corrections)', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.array(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), { minLength: 1, maxLength: 8 }), permutation(30), async (h, days, arrival) => {
        // One departure per member at most: which of two departures counts depends on record order by rule.
        // Likewise one affiliation per member: of two overlapping ones, the first recorded counts.
        const seen = new Set<number>();
        const affiliated = new Set<number>();
        const facts = h.facts.filter((f) =>
          f.kind === 'leave' ? !seen.has(f.member) && seen.add(f.member) : f.kind === 'affiliate' ? !affiliated.has(f.member) && affiliated.add(f.member) : true);
        const elections = new Set<number>();
        // Likewise one appointment and one end of term per role: which of two counts depends on record order by rule.
        const roles = new Set<string>();
        const once = (f: (typeof facts)[number]) => (f.kind !== 'appoint' && f.kind !== 'endTerm') || (!roles.has(`${f.kind}${f.role}`) && !!roles.add(`${f.kind}${f.role}`));
        const single = facts.filter((f) => (f.kind !== 'elect' || (!elections.has(f.member) && elections.add(f.member))) && f.kind !== 'dissolve' && once(f));
        const inWorldOrder = { ...h, facts: single, order: single.map((_, i) => i).sort((a, b) => dayOf(single[a]) - dayOf(single[b])) };
        // Any arrival order (a random permutation, not only the reverse of the world's).
        const shuffled = { ...h, facts: single, order: arrival.filter((i) => i < single.length) };
        // A departure is only counted once its member's election is on record, whatever its date.
        const electionsFirst = (x: typeof inWorldOrder) => ({ ...x, order: [...x.order].sort((a, b) => rank(single[a]) - rank(single[b])) });
        const a = await project(record(electionsFirst(inWorldOrder), { withCorrections: false }));
        const b = await project(record(electionsFirst(shuffled), { withCorrections: false }));
        const qa = new StateQuery(a.db);
        const qb = new StateQuery(b.db);
        for (const day of days) {
          const { knownAt: _a, knownAtPosition: _pa, ...left } = qa.run(C, day, NOW, 0);
          const { knownAt: _b, knownAtPosition: _pb, ...right } = qb.run(C, day, NOW, 0);
          expect(left).toEqual(right);
        }
      }),
      {
        numRuns: 60,
        // Found by this property: two meetings on the same imprecise date made lastMeeting depend on record order.
        examples: [[
          {
            founded: '2012-09-01',
            facts: [
              { kind: 'meeting', id: 0, date: '2012-09', failed: false },
              { kind: 'meeting', id: 1, date: '2012-09', failed: false },
              { kind: 'leave', member: 0, date: '2012-09-01' },
            ],
            order: [0, 1, 2],
            corrections: [],
          } as unknown as fc.Arbitrary<unknown> extends never ? never : Parameters<typeof record>[0],
          [15613],
          [2, 1, 0],
        ]],
      },
    );
  });
});

function dayOf(f: { date: string } | { from?: string; to?: string }): number {
  // An affiliation whose start is unknown (issue 25) is placed in the world by its end, else first.
  const date = 'date' in f ? f.date : (f.from ?? f.to ?? '0001-01-01');
  return Date.parse(date.slice(0, 10).padEnd(10, '-01'));
}
function rank(f: { kind: string }): number {
  return f.kind === 'elect' || f.kind === 'appoint' ? 0 : 1;
}
