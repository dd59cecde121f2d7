import fc from 'fast-check';
import { INFERENCE_LIMITS, infer } from './infer';
import { InferenceFigure, InferenceMember, InOfficeFact } from './inference-model';

/** Days are small integers here; the read side passes days since 1970-01-01. */
const member = (memberId: string, left?: [number, number], elected: [number, number] = [0, 0]): InferenceMember => ({
  memberId,
  name: memberId.toUpperCase(),
  electedEarliest: elected[0],
  electedLatest: elected[1],
  electedEdtf: `${elected[0]}/${elected[1]}`,
  ...(left ? { leftEarliest: left[0], leftLatest: left[1], leftEdtf: `${left[0]}/${left[1]}` } : {}),
});
const figure = (id: string, day: number, reported: number): InferenceFigure => ({ id, day, reported });
const interval = (result: ReturnType<typeof infer>, memberId: string) => {
  const d = result.departures.find((x) => x.memberId === memberId)!;
  return [d.inferred.earliest, d.inferred.latest];
};

describe('what the figures imply about undated departures (hand-made councils, exact answers)', () => {
  it('a later figure says the undated departure had happened; an earlier one that it had not', () => {
    const result = infer([member('a', [1, 100]), member('b', [50, 50]), member('c')], [figure('m1', 10, 3), figure('m2', 60, 1)]);
    expect(interval(result, 'a')).toEqual([11, 60]);
    const a = result.departures.find((d) => d.memberId === 'a')!;
    expect(a.narrowedBy.map((n) => (n.kind === 'reported-membership' ? n.figure.id : n.kind))).toEqual(['m1', 'm2']);
    expect(result.departures.map((d) => d.memberId)).toEqual(['a']); // b is dated to the day
    expect(result.clashes).toEqual([]);
  });

  it('two undated departures, one gone by the first figure and both by the second: each is narrowed only as far as the figures allow', () => {
    const result = infer([member('s', [1, 100]), member('t', [1, 100]), member('u')], [figure('m1', 20, 2), figure('m2', 40, 1)]);
    expect(interval(result, 's')).toEqual([1, 40]);
    expect(interval(result, 't')).toEqual([1, 40]);
    expect(result.figures.map((f) => [f.figure.id, f.certainlyInOffice, f.undecided.length, f.undecidedGone])).toEqual([
      ['m1', 1, 2, 1],
      ['m2', 1, 2, 2],
    ]);
  });

  it('the earliest deadline decides who left first: a month-dated departure and an open one', () => {
    // x left some day in 31..60, y some day in 1..100; "out of 1" on day 45 (of 2): exactly one gone by 45.
    const result = infer([member('x', [31, 60]), member('y', [1, 100])], [figure('m', 45, 1)]);
    expect(interval(result, 'x')).toEqual([31, 60]);
    expect(interval(result, 'y')).toEqual([1, 100]);
    // "out of 1" on day 61 too: x has certainly left by then, so y had not, so the one gone by 45 was x.
    const later = infer([member('x', [31, 60]), member('y', [1, 100])], [figure('m', 45, 1), figure('n', 61, 1)]);
    expect(interval(later, 'x')).toEqual([31, 45]);
    expect(interval(later, 'y')).toEqual([62, 100]);
  });

  it('a figure the record alone contradicts is set aside by the record as it is, and fits with one unrecorded departure', () => {
    const result = infer([member('s', [1, 100]), member('t', [1, 100]), member('u')], [figure('m', 50, 0)]);
    const [record, e1] = result.explanations;
    expect(record).toMatchObject({
      id: 'record',
      fitsEvery: false,
      clashes: [{ figures: [{ id: 'm', day: 50, reported: 0 }], why: 'against the record: the record has 1 members certainly in office on that day and 2 whose departure is undecided; "out of 0" needs 3 of those 2 to have left' }],
    });
    // "out of 0": s, t and one more (u, or anyone the record does not show leaving) gone by day 50.
    expect(result.fewestUnrecorded).toBe(1);
    expect(e1).toMatchObject({ id: 'e1', unrecorded: [{ kind: 'departure', latest: 50 }], clashes: [], fitsEvery: true });
    expect(result.explanations).toHaveLength(2);
    expect(e1.departures.map((d) => [d.memberId, d.inferred])).toEqual([['s', { earliest: 1, latest: 50 }], ['t', { earliest: 1, latest: 50 }]]);
    // Some explanation fits it: not set aside, no clash; s's "by day 50" holds under e1 only, so the certain answer is the record's.
    expect(result.clashes).toEqual([]);
    expect(result.figures[0]).toMatchObject({ used: true, undecidedGone: 2 });
    expect(interval(result, 's')).toEqual([1, 100]);
    expect(result.departures[0].alternatives).toEqual([
      { inferred: { earliest: 1, latest: 100 }, explanations: ['record'] },
      { inferred: { earliest: 1, latest: 50 }, explanations: ['e1'] },
    ]);
  });

  it('figures that cannot hold together: the fewest unrecorded departures and arrivals that fit them all, every placement listed', () => {
    // 2 members, s undated: "out of 1" on day 10, "out of 2" on day 20, "out of 1" on day 90.
    const result = infer([member('s', [1, 100]), member('u')], [figure('a', 10, 1), figure('b', 20, 2), figure('c', 90, 1)]);
    expect(result.explanations[0].clashes.map((c) => c.figures.map((f) => f.id))).toEqual([['a', 'b']]);
    expect(result.fewestUnrecorded).toBe(2);
    const placements = result.explanations.slice(1).map((e) => e.unrecorded.map((c) => `${c.kind[0]}${c.earliest ?? ''}-${c.latest}`).join(' '));
    // s stays past day 20 (one departure by 10, one arrival by 20: 1, 2) and leaves by 90; or s leaves by 10, one arrival by 20 and one departure by 90.
    expect(placements).toEqual(['d-10 a11-20', 'd21-90 a11-20']);
    expect(result.explanations.slice(1).map((e) => e.departures[0].inferred)).toEqual([
      { earliest: 21, latest: 90 },
      { earliest: 1, latest: 10 },
    ]);
    expect(result.clashes).toEqual([]);
    expect(result.figures.map((f) => [f.figure.id, f.used])).toEqual([['a', true], ['b', true], ['c', true]]);
    // Under the record as it is (a and b set aside) s left by 90; under every explanation too: certain.
    expect(interval(result, 's')).toEqual([1, 90]);
    expect(result.departures[0].assumptions).toEqual([
      'every "out of N" figure counts exactly the members in office on its day',
      'the record holds every departure and arrival but at most 2 (the fewest that make every figure fit); read under the record as it is (figures it cannot fit set aside) and under each of the 2 ways to place those',
    ]);
  });

  it('different figures for one day: no explanation fits them, so they are set aside as a clash', () => {
    const result = infer([member('s', [1, 100]), member('u')], [figure('a', 10, 1), figure('b', 10, 2), figure('c', 90, 1)]);
    expect(result.clashes).toEqual([{ figures: [{ id: 'a', day: 10, reported: 1 }, { id: 'b', day: 10, reported: 2 }], why: 'different "out of N" figures for the same day (1, 2)' }]);
    expect(result.figures.map((f) => [f.figure.id, f.used, f.setAside])).toEqual([
      ['a', false, 'clashes with another figure for the same day'],
      ['b', false, 'clashes with another figure for the same day'],
      ['c', true, undefined],
    ]);
    expect(result.explanations.map((e) => e.id)).toEqual(['record']);
    expect(result.fewestUnrecorded).toBe(0);
    expect(interval(result, 's')).toEqual([1, 90]);
  });

  it('beyond the search limits the record as it is stands alone and its clashing figures are set aside, saying why', () => {
    const result = infer([member('s', [1, 100]), member('u')], [figure('a', 10, 1), figure('b', 20, 2), figure('c', 90, 1)], [], {
      maxChanges: 1,
      maxChecks: 1000,
      maxExplanations: 10,
      maxWork: 1_000_000,
    });
    expect(result.fewestUnrecorded).toBeUndefined();
    expect(result.searchStopped).toBe('no explanation with at most 1 unrecorded departures or arrivals fits every figure');
    expect(result.clashes.map((c) => c.figures.map((f) => f.id))).toEqual([['a', 'b']]);
    expect(result.figures.map((f) => [f.figure.id, f.used])).toEqual([['a', false], ['b', false], ['c', true]]);
    expect(result.figures[0].setAside).toBe('clashes with other figures, and no explanation with at most 1 unrecorded departures or arrivals fits every figure');
    expect(interval(result, 's')).toEqual([1, 90]);
  });

  it('a council too large to read within the work limit: the record as it is, its clashes set aside, and why', () => {
    // 400 undated departures and 40 figures; the last needs one more departure than the record holds. Reading
    // each explanation takes up to 400 departures × 2 × 41 positions × 442 steps (about 14.5 million).
    const members = Array.from({ length: 400 }, (_, i) => member(`m${i}`, [1, 1000]));
    const figures = Array.from({ length: 40 }, (_, k) => figure(`f${k}`, 10 * (k + 1), k === 39 ? 0 : 400));
    const within = infer([...members, member('stays')], figures);
    expect(within.fewestUnrecorded).toBe(1);
    const result = infer([...members, member('stays')], figures, [], { ...INFERENCE_LIMITS, maxWork: 10_000_000 });
    expect(result.fewestUnrecorded).toBeUndefined();
    expect(result.searchStopped).toBe('reading 2 explanations of 400 departures would exceed the work limit');
    expect(result.explanations.map((e) => e.id)).toEqual(['record']);
    expect(result.clashes.length).toBeGreaterThan(0);
  });

  it('a member who acted on a day was still in office: the departure is after it', () => {
    const facts: InOfficeFact[] = [{ memberId: 's', day: 30, what: 'chaired meeting-3' }];
    const result = infer([member('s', [1, 100]), member('u')], [], facts);
    expect(interval(result, 's')).toEqual([31, 100]);
    expect(result.departures[0].narrowedBy).toEqual([expect.objectContaining({ kind: 'in-office', day: 30, what: 'chaired meeting-3' })]);
  });

  it('a figure on a day an election is undecided is not used', () => {
    const result = infer([member('s', [20, 100]), member('e', undefined, [0, 10])], [figure('m', 5, 1), figure('n', 50, 1)]);
    expect(result.figures[0]).toMatchObject({ used: false, setAside: expect.stringContaining('election undecided') });
    expect(interval(result, 's')).toEqual([20, 50]);
  });
});

describe('property: the true departure days of a generated council lie inside the inferred intervals', () => {
  const council = fc
    .array(
      fc.record({
        elected: fc.integer({ min: 0, max: 30 }),
        stays: fc.boolean(),
        after: fc.integer({ min: 1, max: 200 }),
        widenBefore: fc.integer({ min: 0, max: 120 }),
        widenAfter: fc.integer({ min: 0, max: 120 }),
      }),
      { minLength: 1, maxLength: 9 },
    )
    .chain((people) =>
      fc.record({
        people: fc.constant(people),
        days: fc.array(fc.integer({ min: 31, max: 260 }), { maxLength: 7 }),
        acts: fc.array(fc.record({ who: fc.nat({ max: people.length - 1 }), day: fc.integer({ min: 0, max: 260 }) }), { maxLength: 6 }),
      }),
    );

  it('holds for every council, with no clash, since the figures are the true counts', () => {
    fc.assert(
      fc.property(council, ({ people, days, acts }) => {
        const truth = people.map((p) => (p.stays ? undefined : p.elected + p.after));
        const members = people.map((p, i) => {
          const t = truth[i];
          if (t === undefined) return member(`m${i}`, undefined, [p.elected, p.elected]);
          return member(`m${i}`, [Math.max(p.elected + 1, t - p.widenBefore), t + p.widenAfter], [p.elected, p.elected]);
        });
        const inOffice = (i: number, day: number) => people[i].elected <= day && (truth[i] === undefined || day < truth[i]!);
        const figures = days.map((day, k) => figure(`f${k}`, day, people.filter((_, i) => inOffice(i, day)).length));
        const facts = acts.filter((a) => inOffice(a.who, a.day)).map((a) => ({ memberId: `m${a.who}`, day: a.day, what: 'acted' }));
        const result = infer(members, figures, facts);
        expect(result.clashes).toEqual([]);
        for (const d of result.departures) {
          const t = truth[Number(d.memberId.slice(1))]!;
          expect(d.inferred.earliest).toBeLessThanOrEqual(t);
          expect(d.inferred.latest).toBeGreaterThanOrEqual(t);
          expect(d.inferred.earliest).toBeGreaterThanOrEqual(d.recorded.earliest);
          expect(d.inferred.latest).toBeLessThanOrEqual(d.recorded.latest);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: the inferred intervals are the narrowest (against brute force over every order of departures)', () => {
  const small = fc
    .array(fc.record({ stays: fc.boolean(), t: fc.integer({ min: 1, max: 60 }), before: fc.integer({ min: 0, max: 40 }), after: fc.integer({ min: 0, max: 40 }) }), {
      minLength: 1,
      maxLength: 5,
    })
    .chain((people) => fc.record({ people: fc.constant(people), days: fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 4 }) }));

  it('every day in the hull of feasible days, and no other, is inferred', () => {
    fc.assert(
      fc.property(small, ({ people, days }) => {
        const members = people.map((p, i) =>
          p.stays ? member(`m${i}`) : member(`m${i}`, [Math.max(1, p.t - p.before), p.t + p.after]),
        );
        const inOffice = (left: number | undefined, day: number) => left === undefined || day < left;
        const truth = people.map((p) => (p.stays ? undefined : p.t));
        const figures = days.map((day, k) => figure(`f${k}`, day, truth.filter((t) => inOffice(t, day)).length));
        // Brute force: every combination of representative days (the bounds and each side of each figure's day).
        const choices = members.map((m) => {
          if (m.leftEarliest === undefined) return [undefined];
          const reps = new Set<number>([m.leftEarliest, m.leftLatest!]);
          for (const d of days) for (const x of [d, d + 1]) if (x >= m.leftEarliest && x <= m.leftLatest!) reps.add(x);
          return [...reps];
        });
        const feasibleDays = members.map(() => [] as number[]);
        const walk = (i: number, picked: Array<number | undefined>) => {
          if (i === members.length) {
            if (figures.every((f) => picked.filter((t) => inOffice(t, f.day)).length === f.reported)) picked.forEach((t, j) => t !== undefined && feasibleDays[j].push(t));
            return;
          }
          for (const c of choices[i]) walk(i + 1, [...picked, c]);
        };
        walk(0, []);
        const result = infer(members, figures);
        for (const d of result.departures) {
          const j = Number(d.memberId.slice(1));
          expect([d.inferred.earliest, d.inferred.latest]).toEqual([Math.min(...feasibleDays[j]), Math.max(...feasibleDays[j])]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: with figures that need departures or arrivals the record lacks (against brute force over every explanation)', () => {
  // A council of up to 4 members (all elected on day 0), the truth perturbed: each figure is off by -1..+1.
  const council = fc
    .array(fc.record({ stays: fc.boolean(), t: fc.integer({ min: 1, max: 60 }), before: fc.integer({ min: 0, max: 40 }), after: fc.integer({ min: 0, max: 40 }) }), {
      minLength: 1,
      maxLength: 4,
    })
    .chain((people) =>
      fc.record({
        people: fc.constant(people),
        figures: fc.uniqueArray(fc.record({ day: fc.integer({ min: 1, max: 100 }), off: fc.integer({ min: -1, max: 1 }) }), { maxLength: 4, selector: (f) => f.day }),
      }),
    );

  it('finds the fewest unrecorded changes, lists every placement of them, and each interval is the brute-force hull', () => {
    fc.assert(
      fc.property(council, ({ people, figures: raw }) => {
        const members = people.map((p, i) => (p.stays ? member(`m${i}`) : member(`m${i}`, [Math.max(1, p.t - p.before), p.t + p.after])));
        const truth = people.map((p) => (p.stays ? undefined : p.t));
        const inOffice = (left: number | undefined, day: number) => left === undefined || day < left;
        const figures = raw
          .map((f, k) => figure(`f${k}`, f.day, Math.max(0, truth.filter((t) => inOffice(t, f.day)).length + f.off)))
          .sort((x, y) => x.day - y.day);
        const days = figures.map((f) => f.day);
        const withoutDeparture = members.filter((m) => m.leftEarliest === undefined).length;
        // Recorded departures: representative days (each bound, each side of each figure's day).
        const choices = members.map((m) => {
          if (m.leftEarliest === undefined) return [undefined];
          const reps = new Set<number>([m.leftEarliest, m.leftLatest!]);
          for (const d of days) for (const x of [d, d + 1]) if (x >= m.leftEarliest && x <= m.leftLatest!) reps.add(x);
          return [...reps];
        });
        // Unrecorded changes: a kind and a figure's day it happened on or before (after the one before it).
        const changeSets = (size: number): Array<Array<{ kind: 'd' | 'a'; by: number }>> => {
          const out: Array<Array<{ kind: 'd' | 'a'; by: number }>> = [];
          const options = [...days.map((by) => ({ kind: 'd' as const, by })), ...days.map((by) => ({ kind: 'a' as const, by }))];
          const walk = (from: number, picked: Array<{ kind: 'd' | 'a'; by: number }>) => {
            if (picked.length === size) {
              const dep = picked.filter((c) => c.kind === 'd');
              if (dep.length <= withoutDeparture && !dep.some((d) => picked.some((c) => c.kind === 'a' && c.by === d.by))) out.push(picked);
              return;
            }
            for (let i = from; i < options.length; i++) walk(i, [...picked, options[i]]);
          };
          walk(0, []);
          return out;
        };
        const hullUnder = (changes: Array<{ kind: 'd' | 'a'; by: number }>) => {
          const feasibleDays = members.map(() => [] as number[]);
          let any = false;
          const walk = (i: number, picked: Array<number | undefined>) => {
            if (i === members.length) {
              const fits = figures.every((f) => {
                const shift = changes.filter((c) => c.by <= f.day).reduce((s, c) => s + (c.kind === 'a' ? 1 : -1), 0);
                return picked.filter((t) => inOffice(t, f.day)).length + shift === f.reported;
              });
              if (fits) {
                any = true;
                picked.forEach((t, j) => t !== undefined && feasibleDays[j].push(t));
              }
              return;
            }
            for (const c of choices[i]) walk(i + 1, [...picked, c]);
          };
          walk(0, []);
          return any ? feasibleDays : undefined;
        };
        let fewest: number | undefined;
        let fitting: Array<Array<{ kind: 'd' | 'a'; by: number }>> = [];
        for (let size = 0; size <= 3 && fewest === undefined; size++) {
          fitting = changeSets(size).filter((c) => hullUnder(c) !== undefined);
          if (fitting.length > 0) fewest = size;
        }
        const result = infer(members, figures);
        expect(result.fewestUnrecorded).toBe(fewest);
        if (fewest === undefined) return;
        // A figure is set aside only when no explanation fits it: here one always does.
        expect(result.clashes).toEqual([]);
        expect(result.figures.every((f) => f.used)).toBe(true);
        const extra = result.explanations.filter((e) => e.id !== 'record');
        const key = (cs: Array<{ kind: 'd' | 'a'; by: number }>) => cs.map((c) => `${c.kind}${c.by}`).sort().join(' ');
        if (fewest === 0) expect(result.explanations.map((e) => e.id)).toEqual(['record']);
        else expect(extra.map((e) => key(e.unrecorded.map((c) => ({ kind: c.kind === 'departure' ? 'd' : 'a', by: c.latest })))).sort()).toEqual(fitting.map(key).sort());
        for (const e of fewest === 0 ? result.explanations : extra) {
          const hull = hullUnder(e.unrecorded.map((c) => ({ kind: c.kind === 'departure' ? ('d' as const) : ('a' as const), by: c.latest })))!;
          for (const d of e.departures) {
            const j = Number(d.memberId.slice(1));
            expect([d.inferred.earliest, d.inferred.latest]).toEqual([Math.min(...hull[j]), Math.max(...hull[j])]);
          }
        }
        // The certain answer is the hull over every explanation, and each alternative lies inside it.
        for (const d of result.departures) {
          const under = result.explanations.map((e) => e.departures.find((x) => x.memberId === d.memberId)!.inferred);
          expect(d.inferred).toEqual({ earliest: Math.min(...under.map((u) => u.earliest)), latest: Math.max(...under.map((u) => u.latest)) });
          expect(d.alternatives === undefined).toBe(new Set(under.map((u) => `${u.earliest}/${u.latest}`)).size === 1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
