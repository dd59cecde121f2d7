import { DayInterval, DepartureInference, Explanation, FigureReading, InferenceFigure, Narrowing, Reading, Variable, ref } from './inference-model';
import { feasibleHull } from './positions';

/**
 * The departures' intervals under each explanation (explain), then what holds under all of them (conclude):
 * the inferred interval, what narrowed it, the assumptions it rests on and, where they differ, the alternatives.
 */

/** One explanation's intervals and figure readings. */
export function explain(r: Reading, variables: Map<string, Variable>, candidates: readonly InferenceFigure[], readingOf: (f: InferenceFigure) => FigureReading): Explanation {
  const { p } = r;
  const days = p.days;
  const departures: Explanation['departures'] = [];
  for (const v of variables.values()) {
    const m = v.member;
    if (m.leftEarliest === m.leftLatest && v.raisedBy === undefined) continue;
    const { first, last } = feasibleHull(p, m.memberId);
    // Position k means d_{k-1} < t ≤ d_k (1-based; K+1 = after the last day).
    const earliest = first === undefined ? v.lo : Math.max(v.lo, first > 1 ? days[first - 2] + 1 : v.lo);
    const latest = last === undefined ? v.hi : Math.min(v.hi, last <= days.length ? days[last - 1] : v.hi);
    const narrowedBy: Narrowing[] = [];
    if (v.raisedBy && v.lo > m.leftEarliest!) {
      narrowedBy.push({ kind: 'in-office', day: v.raisedBy.day, what: v.raisedBy.what, says: `${m.name} was in office on that day (${v.raisedBy.what})` });
    }
    if (first !== undefined && first > 1 && days[first - 2] + 1 > v.lo) {
      const f = r.used.find((u) => u.day === days[first - 2])!;
      narrowedBy.push({ kind: 'reported-membership', figure: ref(f), says: `"out of ${f.reported}" on that day: ${m.name} had not yet left` });
    }
    if (last !== undefined && last <= days.length && days[last - 1] < v.hi) {
      const f = r.used.find((u) => u.day === days[last - 1])!;
      narrowedBy.push({ kind: 'reported-membership', figure: ref(f), says: `"out of ${f.reported}" on that day: ${m.name} had left by then` });
    }
    departures.push({ memberId: m.memberId, inferred: { earliest, latest }, narrowedBy });
  }
  const figures = r.used.map((f) => {
    const k = days.indexOf(f.day) + 1;
    const unrecordedDepartures = r.changes.filter((c) => c.kind === 'departure' && c.position <= k).length;
    const unrecordedArrivals = r.changes.filter((c) => c.kind === 'arrival' && c.position <= k).length;
    const reading = readingOf(f);
    const undecidedGone = reading.certainlyInOffice + reading.undecided.length - unrecordedDepartures + unrecordedArrivals - f.reported;
    return { figure: ref(f), undecidedGone, unrecordedDepartures, unrecordedArrivals };
  });
  const unrecorded = r.changes.map((c) => ({
    kind: c.kind,
    ...(c.position > 1 ? { earliest: days[c.position - 2] + 1 } : {}),
    latest: days[c.position - 1],
  }));
  return { id: r.id, unrecorded, clashes: r.clashes, fitsEvery: r.used.length === candidates.length, departures, figures };
}

/** What holds under every explanation: the hull of their intervals, the reasons for its bounds, the alternatives. */
export function conclude(v: Variable, explanations: readonly Explanation[], fewest: number | undefined): DepartureInference {
  const m = v.member;
  const under = explanations.map((e) => ({ id: e.id, d: e.departures.find((d) => d.memberId === m.memberId)! }));
  const earliest = Math.min(...under.map((u) => u.d.inferred.earliest));
  const latest = Math.max(...under.map((u) => u.d.inferred.latest));
  const narrowedBy: Narrowing[] = [];
  if (v.raisedBy && v.lo > m.leftEarliest!) narrowedBy.push(under[0].d.narrowedBy.find((n) => n.kind === 'in-office')!);
  // The weakest reason for each bound: from an explanation at the bound.
  const atEarliest = under.find((u) => u.d.inferred.earliest === earliest)!;
  const atLatest = under.find((u) => u.d.inferred.latest === latest)!;
  const figureReason = (u: (typeof under)[number], which: 'not yet' | 'by then') =>
    u.d.narrowedBy.find((n) => n.kind === 'reported-membership' && n.says.includes(which === 'not yet' ? 'had not yet left' : 'had left by then'));
  if (earliest > v.lo) {
    const reason = figureReason(atEarliest, 'not yet');
    if (reason) narrowedBy.push(reason);
  }
  if (latest < v.hi) {
    const reason = figureReason(atLatest, 'by then');
    if (reason) narrowedBy.push(reason);
  }
  const byFigures = narrowedBy.some((n) => n.kind === 'reported-membership');
  const assumptions = byFigures ? assumptionsOf(explanations, fewest) : [];
  const groups = new Map<string, { inferred: DayInterval; explanations: string[] }>();
  for (const u of under) {
    const key = `${u.d.inferred.earliest}/${u.d.inferred.latest}`;
    const g = groups.get(key);
    if (g) g.explanations.push(u.id);
    else groups.set(key, { inferred: u.d.inferred, explanations: [u.id] });
  }
  return {
    memberId: m.memberId,
    name: m.name,
    recorded: { edtf: m.leftEdtf ?? '', earliest: m.leftEarliest!, latest: m.leftLatest! },
    inferred: { earliest, latest },
    narrowedBy,
    assumptions,
    ...(groups.size > 1 ? { alternatives: [...groups.values()] } : {}),
  };
}

function assumptionsOf(explanations: readonly Explanation[], fewest: number | undefined): string[] {
  const list = ['every "out of N" figure counts exactly the members in office on its day'];
  if (fewest === 0) list.push('no departure or arrival happened that the record does not hold');
  else if (fewest !== undefined) {
    list.push(
      `the record holds every departure and arrival but at most ${fewest} (the fewest that make every figure fit); ` +
        `read under the record as it is (figures it cannot fit set aside) and under each of the ${explanations.length - 1} ways to place ${fewest === 1 ? 'that one' : 'those'}`,
    );
  } else list.push('no departure or arrival happened that the record does not hold (the figures it cannot fit are set aside)');
  return list;
}
