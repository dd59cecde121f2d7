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
import { SearchLimits, fewestChanges, shifted } from './explanations';
import { conclude, explain } from './conclusions';
import { Clash, DepartureInference, FigureReading, FigureRef, InOfficeFact, InferenceFigure, InferenceMember, Inferences, Reading, Variable, ref } from './inference-model';
import { PlacedDeparture, Problem, feasible, problem } from './positions';

export const INFERENCE_LIMITS: SearchLimits = { maxChanges: 3, maxChecks: 100_000, maxExplanations: 64, maxWork: 50_000_000 };

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
