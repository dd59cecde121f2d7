/**
 * What the reported figures imply about imprecisely dated departures — derived on read, never recorded.
 *
 * The model. A member is in office on day d when elected on or before d and d is before their departure
 * (`leftOn` is the first day out). A recorded departure date is an interval of days [lo, hi] (a day, a
 * month, an EDTF interval). A source's "out of N" on day d says exactly N members were in office that day.
 * A dated fact in which a member acted on day d (chaired, was named present, voted, joined a working group)
 * says they were still in office on d.
 *
 * Explanations. The record may not hold every departure (or arrival). So the figures are read under each
 * *explanation*: the record as it is (figures it cannot fit set aside, as minimal clashing sets found by
 * deletion), and, when that sets any aside, the record plus the fewest unrecorded departures or arrivals
 * that make every figure fit, each such change placed only between two figures' days (explanations.ts).
 * Under each, a departure's inferred interval is the hull of the positions at which a complete assignment
 * exists (positions.ts). A conclusion is stated as certain (`inferred`) only as far as it holds under every
 * explanation; where they differ it is also given per explanation (`alternatives`), with the assumptions
 * it rests on. A figure is set aside only when no explanation fits it.
 */
import { SearchLimits, UnrecordedChange, fewestChanges, shifted } from './explanations';
import { PlacedDeparture, Problem, feasible, feasibleHull, problem } from './positions';

export type { UnrecordedChange } from './explanations';

export interface InferenceMember {
  memberId: string;
  name: string;
  /** Days since 1970-01-01 (UTC): the first and last day the election can be. */
  electedEarliest: number;
  electedLatest: number;
  electedEdtf: string;
  /** The first day out of office: earliest and latest possible; absent when no departure is recorded. */
  leftEarliest?: number;
  leftLatest?: number;
  leftEdtf?: string;
}

export interface InferenceFigure {
  /** What the figure belongs to (a meeting id). */
  id: string;
  number?: number;
  /** The day the figure is for; figures on imprecise dates are not given here. */
  day: number;
  reported: number;
}

/** A member was in office on `day` (they acted on it). */
export interface InOfficeFact {
  memberId: string;
  day: number;
  /** What shows it, e.g. "chaired meeting-03". */
  what: string;
}

export interface FigureRef {
  id: string;
  number?: number;
  day: number;
  reported: number;
}

export type Narrowing =
  | { kind: 'reported-membership'; figure: FigureRef; says: string }
  | { kind: 'in-office'; day: number; what: string; says: string };

export interface DayInterval {
  earliest: number;
  latest: number;
}

export interface DepartureInference {
  memberId: string;
  name: string;
  recorded: { edtf: string; earliest: number; latest: number };
  /** The narrowest first-day-out interval that holds under every explanation. */
  inferred: DayInterval;
  narrowedBy: Narrowing[];
  /** What the narrowing rests on besides the record (empty when only dated facts narrow it). */
  assumptions: string[];
  /** When the explanations disagree: the interval under each (explanation ids). */
  alternatives?: Array<{ inferred: DayInterval; explanations: string[] }>;
}

export interface FigureReading {
  figure: FigureRef;
  /** Members certainly in office on the day, by the recorded dates. */
  certainlyInOffice: number;
  /** Departures the recorded dates leave undecided on the day (the member may or may not have left). */
  undecided: string[];
  /** How many of those the figure says had happened by the day, when every explanation using it agrees. */
  undecidedGone?: number;
  /** Used by at least one explanation. */
  used: boolean;
  /** Why no explanation uses the figure. */
  setAside?: string;
}

export interface Clash {
  figures: FigureRef[];
  why: string;
}

/** One consistent reading of the record and the figures. */
export interface Explanation {
  /** `record` for the record as it is; `e1`, `e2`, … for the record plus unrecorded changes. */
  id: string;
  /** Unrecorded departures or arrivals this explanation adds, each on some day in an interval. */
  unrecorded: Array<{ kind: UnrecordedChange['kind']; earliest?: number; latest: number }>;
  /** Figures this explanation cannot fit (only the record as it is may have any), with why. */
  clashes: Clash[];
  /** Whether it fits every figure that any explanation could use. */
  fitsEvery: boolean;
  departures: Array<{ memberId: string; inferred: DayInterval; narrowedBy: Narrowing[] }>;
  /** Each figure it uses: how many undecided departures it says had happened, and its unrecorded changes by then. */
  figures: Array<{ figure: FigureRef; undecidedGone: number; unrecordedDepartures: number; unrecordedArrivals: number }>;
}

export interface Inferences {
  departures: DepartureInference[];
  figures: FigureReading[];
  /** Figures no explanation fits. */
  clashes: Clash[];
  explanations: Explanation[];
  /** The fewest unrecorded departures or arrivals that make every figure fit (0: the record does); absent beyond the limits. */
  fewestUnrecorded?: number;
  /** Why no explanation beyond the record is given, when the record sets figures aside and none was found. */
  searchStopped?: string;
}

export const INFERENCE_LIMITS: SearchLimits = { maxChanges: 3, maxChecks: 100_000, maxExplanations: 64, maxWork: 50_000_000 };

const ref = (f: InferenceFigure): FigureRef => ({ id: f.id, number: f.number, day: f.day, reported: f.reported });

interface Variable {
  member: InferenceMember;
  lo: number;
  hi: number;
  /** The in-office fact that raised `lo`, if any. */
  raisedBy?: InOfficeFact;
}

interface Reading {
  id: string;
  used: InferenceFigure[];
  changes: UnrecordedChange[];
  clashes: Clash[];
  p: Problem;
}

export function infer(
  members: readonly InferenceMember[],
  figures: readonly InferenceFigure[],
  facts: readonly InOfficeFact[] = [],
  limits: SearchLimits = INFERENCE_LIMITS,
): Inferences {
  const variables = departuresAfterFacts(members, facts);
  const placed: PlacedDeparture[] = [...variables.values()].map((v) => ({ id: v.member.memberId, lo: v.lo, hi: v.hi }));
  const problemOf = (used: readonly InferenceFigure[]): Problem => {
    const { days, goneBy } = countsOf(used, members);
    return problem(days, goneBy, placed);
  };

  const readings: FigureReading[] = [];
  const clashes: Clash[] = [];
  let candidates: InferenceFigure[] = [];
  for (const f of [...figures].sort((x, y) => x.day - y.day || x.id.localeCompare(y.id))) {
    const reading = readFigure(f, members, variables);
    readings.push(reading);
    if (!reading.setAside) candidates.push(f);
  }
  const readingOf = (f: InferenceFigure | FigureRef) => readings.find((r) => r.figure.id === f.id)!;
  const setAside = (f: InferenceFigure | FigureRef, why: string) => Object.assign(readingOf(f), { used: false, setAside: why });

  // Figures for one day that disagree: no explanation fits both.
  for (const [day, group] of groupBy(candidates, (f) => f.day)) {
    if (new Set(group.map((f) => f.reported)).size > 1) {
      clashes.push({ figures: group.map(ref), why: `different "out of N" figures for the same day (${group.map((f) => f.reported).join(', ')})` });
      for (const f of group) setAside(f, 'clashes with another figure for the same day');
      candidates = candidates.filter((c) => c.day !== day);
    }
  }

  // The record as it is.
  const record = readRecord(candidates, readingOf, problemOf);
  const explained: Reading[] = [record];
  let fewestUnrecorded: number | undefined = 0;
  let searchStopped: string | undefined;
  if (record.clashes.length > 0) {
    const withoutDeparture = members.filter((m) => m.leftEarliest === undefined).length;
    const search = fewestChanges(problemOf(candidates), withoutDeparture, limits);
    if (search.found) {
      fewestUnrecorded = search.changes;
      const all = problemOf(candidates);
      search.explanations.forEach((changes, i) => explained.push({ id: `e${i + 1}`, used: candidates, changes, clashes: [], p: shifted(all, changes) }));
    } else {
      fewestUnrecorded = undefined;
      searchStopped = search.why;
      for (const c of record.clashes) {
        clashes.push(c);
        const withWhat = c.why.startsWith('against the record') ? 'the record' : 'other figures';
        for (const f of c.figures) setAside(f, `clashes with ${withWhat}, and ${search.why}`);
      }
    }
  }

  const explanations = explained.map((r) => explain(r, variables, candidates, readingOf));
  for (const reading of readings) {
    if (reading.setAside) continue;
    const gone = explanations.flatMap((e) => e.figures.filter((f) => f.figure.id === reading.figure.id).map((f) => f.undecidedGone));
    reading.used = gone.length > 0;
    if (gone.length > 0 && gone.every((g) => g === gone[0])) reading.undecidedGone = gone[0];
  }

  const departures: DepartureInference[] = [];
  for (const v of variables.values()) {
    const m = v.member;
    if (m.leftEarliest === m.leftLatest && v.raisedBy === undefined) continue; // dated to the day: nothing to infer
    departures.push(conclude(v, explanations, fewestUnrecorded));
  }
  departures.sort((x, y) => x.recorded.earliest - y.recorded.earliest || x.memberId.localeCompare(y.memberId));
  return {
    departures,
    figures: readings,
    clashes,
    explanations,
    ...(fewestUnrecorded === undefined ? {} : { fewestUnrecorded }),
    ...(searchStopped === undefined ? {} : { searchStopped }),
  };
}

/** Dated facts first: a member who acted on day d left after d. */
function departuresAfterFacts(members: readonly InferenceMember[], facts: readonly InOfficeFact[]): Map<string, Variable> {
  const variables = new Map<string, Variable>();
  for (const m of members) {
    if (m.leftEarliest === undefined || m.leftLatest === undefined) continue;
    variables.set(m.memberId, { member: m, lo: Math.max(m.leftEarliest, m.electedEarliest + 1), hi: m.leftLatest });
  }
  for (const fact of facts) {
    const v = variables.get(fact.memberId);
    // A fact dated after the latest possible departure contradicts the record (the anomalies report shows
    // it); it cannot narrow anything.
    if (v && fact.day + 1 > v.lo && fact.day + 1 <= v.hi) {
      v.lo = fact.day + 1;
      v.raisedBy = fact;
    }
  }
  return variables;
}

/** The record as it is: figures it contradicts alone, then minimal clashing sets by deletion, set aside. */
function readRecord(
  candidates: readonly InferenceFigure[],
  readingOf: (f: InferenceFigure) => FigureReading,
  problemOf: (used: readonly InferenceFigure[]) => Problem,
): Reading {
  const clashes: Clash[] = [];
  let used = [...candidates];
  for (const f of candidates) {
    const reading = readingOf(f);
    const gone = reading.certainlyInOffice + reading.undecided.length - f.reported;
    if (gone < 0 || gone > reading.undecided.length) {
      const held = `the record has ${reading.certainlyInOffice} members certainly in office on that day and ${reading.undecided.length} whose departure is undecided`;
      const why =
        gone < 0
          ? `"out of ${f.reported}" is more than that: ${-gone} more members than the record can hold`
          : `"out of ${f.reported}" needs ${gone} of those ${reading.undecided.length} to have left`;
      clashes.push({ figures: [ref(f)], why: `against the record: ${held}; ${why}` });
      used = used.filter((u) => u !== f);
    }
  }
  while (!feasible(problemOf(used))) {
    let core = [...used];
    for (const f of [...core]) {
      const without = core.filter((c) => c !== f);
      if (!feasible(problemOf(without))) core = without;
    }
    const list = core.map((f) => `"out of ${f.reported}"`).join(', ');
    clashes.push({ figures: core.map(ref), why: `these figures cannot all hold with the recorded dates (${list}): no order of the undecided departures gives every one of them` });
    used = used.filter((f) => !core.includes(f));
  }
  return { id: 'record', used, changes: [], clashes, p: problemOf(used) };
}

/** One explanation's intervals and figure readings. */
function explain(r: Reading, variables: Map<string, Variable>, candidates: readonly InferenceFigure[], readingOf: (f: InferenceFigure) => FigureReading): Explanation {
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
function conclude(v: Variable, explanations: readonly Explanation[], fewest: number | undefined): DepartureInference {
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

/** The figure's day against the recorded dates: who is certainly in office, whose departure is undecided. */
function readFigure(f: InferenceFigure, members: readonly InferenceMember[], variables: Map<string, Variable>): FigureReading {
  let certain = 0;
  const undecided: string[] = [];
  let electionUndecided = false;
  for (const m of members) {
    if (m.electedEarliest > f.day) continue;
    if (m.electedLatest > f.day) {
      electionUndecided = true;
      continue;
    }
    const v = variables.get(m.memberId);
    if (!v) {
      certain += 1;
      continue;
    }
    if (v.hi <= f.day) continue; // certainly gone
    if (v.lo > f.day) certain += 1; // certainly still in office
    else undecided.push(m.memberId);
  }
  const reading: FigureReading = { figure: ref(f), certainlyInOffice: certain, undecided, used: !electionUndecided };
  if (electionUndecided) reading.setAside = 'an election undecided on that day: the figure is not used to narrow departures';
  return reading;
}

/** The figures' distinct days and, for each, how many members elected by then are gone. */
function countsOf(used: readonly InferenceFigure[], members: readonly InferenceMember[]): { days: number[]; goneBy: number[] } {
  const sorted = [...used].sort((x, y) => x.day - y.day);
  const days: number[] = [];
  const goneBy: number[] = [];
  for (const f of sorted) {
    if (days[days.length - 1] === f.day) continue;
    // Every member elected by the day who is not in office is gone; the undecided elections were set aside.
    const elected = members.filter((m) => m.electedLatest <= f.day).length;
    days.push(f.day);
    goneBy.push(elected - f.reported);
  }
  return { days, goneBy };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
