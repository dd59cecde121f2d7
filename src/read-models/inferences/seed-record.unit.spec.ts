import { infer } from './infer';
import { InferenceFigure, InferenceMember } from './inference-model';

/**
 * The seed record (data/coordination-council) read by hand. 45 members elected 2012-10-20/22; departures as
 * recorded: Piontkovsky 2013-04-04 and Katz 2013-05-27 (to the day), Romanova 2013-07, the September five
 * 2013-09, Shein and Aitova 2012-12-17/2013-10-19 (first day out). The table's "out of N" figures below.
 *
 * Members gone by each figure's day = 45 − N: 0, 0, 0 (Oct–Dec 2012), 1 (20 Jan), 2, 2 (16 Feb, 16 Mar),
 * 3, 3 (20 Apr, 18 May), 5 (15 Jun), 5 (20 Jul), 6 (21 Sep). Piontkovsky is one of them from 20 Apr,
 * Katz from 15 Jun, so the undated departures must supply 1, 2, 2, 2, 2, 3, 3, 4.
 *
 * The record as it is. By 15 June only Shein and Aitova can be gone (Romanova's July and the five's
 * September are after it): 3 cannot be supplied, so "out of 40" on 15 June is set aside. Then Shein and
 * Aitova: one by 20 Jan, both by 16 Feb; 20 July needs 3: Romanova too, by 20 July (1–20 July); 21 Sep
 * needs 4: one of the five by 21 Sep (each stays 1–30 Sep).
 *
 * The fewest unrecorded changes: one departure, X, makes every figure fit. The three of {Shein, Aitova, X}
 * must supply 1 by 20 Jan, 2 by 16 Feb (through 18 May), 3 by 15 June: one each in (16 Dec, 20 Jan],
 * (20 Jan, 16 Feb] and (18 May, 15 Jun]. X can be any of the three (it cannot be elsewhere: before 27 Oct
 * the first figure fails, and between 16 Feb and 18 May a count would overshoot). Under all three 20 July
 * needs Pion., Katz, X, Shein, Aitova = 5: Romanova not yet (21–31 July); 21 Sep needs 6: Romanova, and none
 * of the five yet (22–30 Sep).
 *   e1: X 2012-12-17/2013-01-20 → Shein and Aitova in (20 Jan, 16 Feb] or (18 May, 15 Jun]: 2013-01-21/2013-06-15
 *   e2: X 2013-01-21/2013-02-16 → (16 Dec, 20 Jan] or (18 May, 15 Jun]: 2012-12-17/2013-06-15
 *   e3: X 2013-05-19/2013-06-15 → (16 Dec, 20 Jan] or (20 Jan, 16 Feb]: 2012-12-17/2013-02-16
 * Certain (under the record and all three): Shein and Aitova left 2012-12-17/2013-06-15 — assuming the
 * figures are exact and at most one departure is missing from the record. Romanova and the five: only
 * alternatives (1–20 July under the record, 21–31 July under e1–e3; 1–30 Sep and 22–30 Sep).
 */
const day = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
const span = (i: { earliest: number; latest: number }) => `${iso(i.earliest)}/${iso(i.latest)}`;

const departed: Record<string, [string, string]> = {
  'andrei-piontkovsky': ['2013-04-04', '2013-04-04'],
  'maxim-katz': ['2013-05-27', '2013-05-27'],
  'olga-romanova': ['2013-07-01', '2013-07-31'],
  'dmitry-gudkov': ['2013-09-01', '2013-09-30'],
  'gennady-gudkov': ['2013-09-01', '2013-09-30'],
  'sergei-parkhomenko': ['2013-09-01', '2013-09-30'],
  'yevgenia-chirikova': ['2013-09-01', '2013-09-30'],
  'petr-tsarykov': ['2013-09-01', '2013-09-30'],
  'oleg-shein': ['2012-12-17', '2013-10-19'],
  'ekaterina-aitova': ['2012-12-17', '2013-10-19'],
};
const members: InferenceMember[] = [
  ...Object.entries(departed).map(([memberId, [lo, hi]]) => ({ memberId, name: memberId, lo, hi })),
  ...Array.from({ length: 35 }, (_, i) => ({ memberId: `stayed-${i + 1}`, name: `stayed-${i + 1}`, lo: undefined, hi: undefined })),
].map((m) => ({
  memberId: m.memberId,
  name: m.name,
  electedEarliest: day('2012-10-20'),
  electedLatest: day('2012-10-22'),
  electedEdtf: '2012-10-20/2012-10-22',
  ...(m.lo === undefined ? {} : { leftEarliest: day(m.lo), leftLatest: day(m.hi!), leftEdtf: `${m.lo}/${m.hi}` }),
}));
const table: Array<[string, string, number]> = [
  ['meeting-01', '2012-10-27', 45], ['meeting-02', '2012-11-24', 45], ['meeting-03', '2012-12-16', 45], ['meeting-04', '2013-01-20', 44],
  ['meeting-05', '2013-02-16', 43], ['meeting-06', '2013-03-16', 43], ['meeting-07', '2013-04-20', 42], ['meeting-08', '2013-05-18', 42],
  ['meeting-09', '2013-06-15', 40], ['meeting-2013-07-20', '2013-07-20', 40], ['meeting-11', '2013-09-21', 39],
];
const figures: InferenceFigure[] = table.map(([id, date, reported]) => ({ id, day: day(date), reported }));

describe('the seed record under every explanation (derived by hand above)', () => {
  const result = infer(members, figures);
  const under = (id: string) => Object.fromEntries(result.explanations.find((e) => e.id === id)!.departures.map((d) => [d.memberId, span(d.inferred)]));
  const five = ['dmitry-gudkov', 'gennady-gudkov', 'sergei-parkhomenko', 'yevgenia-chirikova', 'petr-tsarykov'];
  const each = (ids: string[], value: string) => Object.fromEntries(ids.map((id) => [id, value]));

  it('lists the record as it is and the three placements of one unrecorded departure', () => {
    expect(result.fewestUnrecorded).toBe(1);
    expect(result.explanations.map((e) => [e.id, e.unrecorded.map((c) => `${c.kind} ${span({ earliest: c.earliest!, latest: c.latest })}`), e.fitsEvery])).toEqual([
      ['record', [], false],
      ['e1', ['departure 2012-12-17/2013-01-20'], true],
      ['e2', ['departure 2013-01-21/2013-02-16'], true],
      ['e3', ['departure 2013-05-19/2013-06-15'], true],
    ]);
    expect(result.explanations[0].clashes.map((c) => c.figures.map((f) => f.id))).toEqual([['meeting-09']]);
    // Some explanation fits 15 June's "out of 40": nothing is set aside, no clash stands.
    expect(result.clashes).toEqual([]);
    expect(result.figures.every((f) => f.used && f.setAside === undefined)).toBe(true);
  });

  it('gives each explanation its own intervals', () => {
    expect(under('record')).toEqual({
      ...each(['oleg-shein', 'ekaterina-aitova'], '2012-12-17/2013-02-16'),
      'olga-romanova': '2013-07-01/2013-07-20',
      ...each(five, '2013-09-01/2013-09-30'),
    });
    const after = { 'olga-romanova': '2013-07-21/2013-07-31', ...each(five, '2013-09-22/2013-09-30') };
    expect(under('e1')).toEqual({ ...each(['oleg-shein', 'ekaterina-aitova'], '2013-01-21/2013-06-15'), ...after });
    expect(under('e2')).toEqual({ ...each(['oleg-shein', 'ekaterina-aitova'], '2012-12-17/2013-06-15'), ...after });
    expect(under('e3')).toEqual({ ...each(['oleg-shein', 'ekaterina-aitova'], '2012-12-17/2013-02-16'), ...after });
  });

  it('states as certain only what holds under all four: Shein and Aitova by 15 June, with the assumptions; Romanova and the five as alternatives', () => {
    const d = Object.fromEntries(result.departures.map((x) => [x.memberId, x]));
    for (const id of ['oleg-shein', 'ekaterina-aitova']) {
      expect(span(d[id].inferred)).toBe('2012-12-17/2013-06-15');
      expect(d[id].narrowedBy.map((n) => (n.kind === 'reported-membership' ? n.figure.id : n.kind))).toEqual(['meeting-09']);
      expect(d[id].assumptions).toEqual([
        'every "out of N" figure counts exactly the members in office on its day',
        'the record holds every departure and arrival but at most 1 (the fewest that make every figure fit); read under the record as it is (figures it cannot fit set aside) and under each of the 3 ways to place that one',
      ]);
      expect(d[id].alternatives!.map((a) => [span(a.inferred), a.explanations])).toEqual([
        ['2012-12-17/2013-02-16', ['record', 'e3']],
        ['2013-01-21/2013-06-15', ['e1']],
        ['2012-12-17/2013-06-15', ['e2']],
      ]);
    }
    expect(span(d['olga-romanova'].inferred)).toBe('2013-07-01/2013-07-31');
    expect(d['olga-romanova'].narrowedBy).toEqual([]);
    expect(d['olga-romanova'].alternatives!.map((a) => [span(a.inferred), a.explanations])).toEqual([
      ['2013-07-01/2013-07-20', ['record']],
      ['2013-07-21/2013-07-31', ['e1', 'e2', 'e3']],
    ]);
    for (const id of five) {
      expect(span(d[id].inferred)).toBe('2013-09-01/2013-09-30');
      expect(d[id].alternatives!.map((a) => [span(a.inferred), a.explanations])).toEqual([
        ['2013-09-01/2013-09-30', ['record']],
        ['2013-09-22/2013-09-30', ['e1', 'e2', 'e3']],
      ]);
    }
  });

  it('says per figure how many undecided departures had happened, under each explanation', () => {
    const gone = (id: string) => result.explanations.map((e) => e.figures.find((f) => f.figure.id === id)?.undecidedGone ?? null);
    // 20 Jan: 43 certain + Shein, Aitova undecided, "out of 44": 1 of them gone, or 0 when X left first (e1).
    expect(gone('meeting-04')).toEqual([1, 0, 1, 1]);
    expect(gone('meeting-05')).toEqual([2, 1, 1, 2]);
    expect(gone('meeting-09')).toEqual([null, 2, 2, 2]);
    // 20 July: 40 certain, 3 undecided (+ Romanova): all 3 under the record, 2 (not Romanova) under e1–e3.
    expect(gone('meeting-2013-07-20')).toEqual([3, 2, 2, 2]);
    // 21 Sep: 35 certain (Romanova certainly gone), 7 undecided (Shein, Aitova, the five): Shein, Aitova and one of the five under the record; Shein and Aitova only under e1–e3.
    expect(gone('meeting-11')).toEqual([3, 2, 2, 2]);
    const top = Object.fromEntries(result.figures.map((f) => [f.figure.id, f.undecidedGone ?? null]));
    expect(top).toMatchObject({ 'meeting-01': 0, 'meeting-04': null, 'meeting-09': 2, 'meeting-11': null });
  });
});
