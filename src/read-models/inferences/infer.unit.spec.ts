import fc from 'fast-check';
import { InferenceFigure, InferenceMember, InOfficeFact, infer } from './infer';

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

  it('a figure the record alone contradicts is a clash, set aside, and narrows nothing', () => {
    const result = infer([member('s', [1, 100]), member('t', [1, 100]), member('u')], [figure('m', 50, 0)]);
    expect(result.clashes).toEqual([{ figures: [{ id: 'm', day: 50, reported: 0 }], why: 'against the record: the record has 1 members certainly in office on that day and 2 whose departure is undecided; "out of 0" needs 3 of those 2 to have left' }]);
    expect(result.figures[0]).toMatchObject({ used: false, setAside: 'clashes with the record' });
    expect(interval(result, 's')).toEqual([1, 100]);
  });

  it('figures that cannot hold together form a minimal clash; a third consistent figure still narrows', () => {
    // 2 members, s undated: "out of 1" on day 10 (s gone), "out of 2" on day 20 (s back?) clash; "out of 1" on day 90 is fine alone.
    const result = infer([member('s', [1, 100]), member('u')], [figure('a', 10, 1), figure('b', 20, 2), figure('c', 90, 1)]);
    expect(result.clashes.map((c) => c.figures.map((f) => f.id))).toEqual([['a', 'b']]);
    expect(result.figures.map((f) => [f.figure.id, f.used])).toEqual([['a', false], ['b', false], ['c', true]]);
    expect(interval(result, 's')).toEqual([1, 90]);
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
