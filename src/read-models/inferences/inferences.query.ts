import type { Database, Statement } from 'better-sqlite3';
import { KNOWN_AT, isoDay } from '../queries/known-at';
import { infer } from './infer';
import { DayInterval, Explanation, FigureRef, InOfficeFact, InferenceFigure, InferenceMember, Inferences, Narrowing } from './inference-model';

/** A day interval as EDTF: one day, or `first/last`. */
const edtf = (earliest: number, latest: number): string => (earliest === latest ? isoDay(earliest) : `${isoDay(earliest)}/${isoDay(latest)}`);

export interface FigureView {
  meetingId: string;
  number?: number;
  date: string;
  reportedMembership: number;
}

export type NarrowingView =
  | ({ kind: 'reported-membership'; says: string } & FigureView)
  | { kind: 'in-office'; date: string; what: string; says: string };

export interface DatedInference {
  memberId: string;
  name: string;
  /** The date as recorded (EDTF). */
  recorded: string;
  /** The narrowest interval the figures and dated facts allow (EDTF); equal to `recorded` when nothing narrows it. */
  inferred: string;
  narrowed: boolean;
  narrowedBy: NarrowingView[];
  /** Departures only: what the narrowing rests on besides the record (absent when nothing but dated facts narrows it). */
  assumptions?: string[];
  /** Departures only, when the explanations disagree: the interval under each (EDTF), with the explanations' ids. */
  alternatives?: Array<{ inferred: string; explanations: string[] }>;
}

export interface ExplanationView {
  explanationId: string;
  says: string;
  /** Departures or arrivals the record does not hold, each on some day in `between` (EDTF interval). */
  unrecorded: Array<{ kind: 'departure' | 'arrival'; between: string }>;
  fitsEveryFigure: boolean;
  /** Figures this explanation cannot fit (the record as it is may have some). */
  clashes: Array<{ figures: FigureView[]; why: string }>;
  departures: Array<{ memberId: string; inferred: string }>;
  figures: Array<{ meetingId: string; date: string; undecidedGone: number; unrecordedDepartures: number; unrecordedArrivals: number }>;
}

export interface InferencesView {
  councilId: string;
  derived: string;
  /** For each imprecisely dated departure: the first day out of office. */
  departures: DatedInference[];
  /** For each imprecisely dated election of a member. */
  elections: DatedInference[];
  /** Each reported "out of N" against the record: how many undecided departures it says had happened. */
  figures: Array<FigureView & { certainlyInOffice: number; undecided: string[]; undecidedGone?: number; used: boolean; setAside?: string; says: string }>;
  /** Figures no explanation fits (with the record, or with each other); they narrow nothing. */
  clashes: Array<{ figures: FigureView[]; why: string }>;
  /** The readings the figures are taken under: the record as it is, then each placement of the fewest unrecorded changes. */
  explanations: ExplanationView[];
  /** The fewest departures or arrivals the record does not hold that make every figure fit (0: the record does); absent beyond the search limits. */
  fewestUnrecorded?: number;
  /** Why no explanation beyond the record is given although it sets figures aside. */
  searchStopped?: string;
}

type Raw = Record<string, string | number | null>;

/**
 * GET .../inferences: reads the members, the meetings' reported figures and the dated facts in which a
 * member acted, as the record stood at position P, and derives what they imply (infer.ts). Nothing is
 * written: the answer changes no state.
 */
export class InferencesQuery {
  private readonly members: Statement;
  private readonly figures: Statement;
  private readonly chairs: Statement;
  private readonly attendance: Statement;
  private readonly votes: Statement;
  private readonly groups: Statement;

  constructor(db: Database) {
    this.members = db.prepare(
      `SELECT member_id, name, elected_edtf, elected_earliest, elected_latest, left_edtf, left_earliest, left_latest
       FROM members WHERE council_id = @c AND ${KNOWN_AT()} ORDER BY member_id`,
    );
    this.figures = db.prepare(
      `SELECT meeting_id, number, date_earliest AS day, reported_membership FROM meetings
       WHERE council_id = @c AND ${KNOWN_AT()} AND reported_membership IS NOT NULL AND date_earliest = date_latest`,
    );
    this.chairs = db.prepare(
      `SELECT chair_member_id AS member_id, date_earliest AS day, meeting_id FROM meetings
       WHERE council_id = @c AND ${KNOWN_AT()} AND chair_member_id IS NOT NULL AND date_earliest = date_latest`,
    );
    this.attendance = db.prepare(
      `SELECT a.member_id, m.date_earliest AS day, m.meeting_id FROM meeting_attendance a
       JOIN meetings m ON m.council_id = a.council_id AND m.fact_id = a.fact_id AND ${KNOWN_AT('m.')}
       WHERE a.council_id = @c AND ${KNOWN_AT('a.')} AND a.member_id IS NOT NULL AND m.date_earliest = m.date_latest`,
    );
    this.votes = db.prepare(
      `SELECT member_id, cast_earliest AS day, motion_id FROM votes
       WHERE council_id = @c AND ${KNOWN_AT()} AND member_id IS NOT NULL AND cast_earliest = cast_latest`,
    );
    this.groups = db.prepare(
      `SELECT gm.member_id, g.formed_earliest AS day, g.working_group_id FROM working_group_members gm
       JOIN working_groups g ON g.council_id = gm.council_id AND g.fact_id = gm.fact_id AND ${KNOWN_AT('g.')}
       WHERE gm.council_id = @c AND ${KNOWN_AT('gm.')} AND gm.member_id IS NOT NULL AND g.formed_earliest = g.formed_latest`,
    );
  }

  run(councilId: string, position: number): InferencesView {
    const params = { c: councilId, p: position };
    const members: InferenceMember[] = (this.members.all(params) as Raw[]).map((r) => ({
      memberId: r.member_id as string,
      name: r.name as string,
      electedEdtf: r.elected_edtf as string,
      electedEarliest: r.elected_earliest as number,
      electedLatest: r.elected_latest as number,
      ...(r.left_edtf === null
        ? {}
        : { leftEdtf: r.left_edtf as string, leftEarliest: r.left_earliest as number, leftLatest: r.left_latest as number }),
    }));
    const figures: InferenceFigure[] = (this.figures.all(params) as Raw[]).map((r) => ({
      id: r.meeting_id as string,
      ...(r.number === null ? {} : { number: r.number as number }),
      day: r.day as number,
      reported: r.reported_membership as number,
    }));
    const facts: InOfficeFact[] = [
      ...(this.chairs.all(params) as Raw[]).map((r) => ({ memberId: r.member_id as string, day: r.day as number, what: `chaired ${r.meeting_id}` })),
      ...(this.attendance.all(params) as Raw[]).map((r) => ({ memberId: r.member_id as string, day: r.day as number, what: `present at ${r.meeting_id}` })),
      ...(this.votes.all(params) as Raw[]).map((r) => ({ memberId: r.member_id as string, day: r.day as number, what: `voted on ${r.motion_id}` })),
      ...(this.groups.all(params) as Raw[]).map((r) => ({ memberId: r.member_id as string, day: r.day as number, what: `joined ${r.working_group_id}` })),
    ].sort((x, y) => x.day - y.day || x.what.localeCompare(y.what));

    const result = infer(members, figures, facts);
    return view(councilId, members, facts, result);
  }
}

/** The read's answer from infer's result: days as EDTF, ids as the API names them. */
export function view(councilId: string, members: readonly InferenceMember[], facts: readonly InOfficeFact[], result: Inferences): InferencesView {
  const names = new Map(members.map((m) => [m.memberId, m.name]));
  return {
    councilId,
    derived: 'Derived on read from the record as known at the read\'s record time; never recorded, and no state answer depends on it.',
    departures: result.departures.map((d) => ({
      memberId: d.memberId,
      name: d.name,
      recorded: d.recorded.edtf,
      inferred: d.inferred.earliest === d.recorded.earliest && d.inferred.latest === d.recorded.latest ? d.recorded.edtf : edtf(d.inferred.earliest, d.inferred.latest),
      narrowed: d.inferred.earliest !== d.recorded.earliest || d.inferred.latest !== d.recorded.latest,
      narrowedBy: d.narrowedBy.map(narrowingView),
      ...(d.assumptions.length > 0 ? { assumptions: d.assumptions } : {}),
      ...(d.alternatives ? { alternatives: d.alternatives.map((a) => ({ inferred: intervalEdtf(a.inferred, d.recorded), explanations: a.explanations })) } : {}),
    })),
    elections: electionInferences(members, facts),
    figures: result.figures.map((f) => ({
      ...figureView(f.figure),
      certainlyInOffice: f.certainlyInOffice,
      undecided: f.undecided,
      ...(f.undecidedGone === undefined ? {} : { undecidedGone: f.undecidedGone }),
      used: f.used,
      ...(f.setAside === undefined ? {} : { setAside: f.setAside }),
      says: figureSays(f.figure, f.certainlyInOffice, f.undecided.map((id) => names.get(id) ?? id), f.undecidedGone, f.setAside),
    })),
    clashes: result.clashes.map((c) => ({ figures: c.figures.map(figureView), why: c.why })),
    explanations: result.explanations.map((e) => explanationView(e, result, names)),
    ...(result.fewestUnrecorded === undefined ? {} : { fewestUnrecorded: result.fewestUnrecorded }),
    ...(result.searchStopped === undefined ? {} : { searchStopped: result.searchStopped }),
  };
}

/** An interval as EDTF, the recorded form when it is the recorded interval. */
function intervalEdtf(i: DayInterval, recorded: { edtf: string; earliest: number; latest: number }): string {
  return i.earliest === recorded.earliest && i.latest === recorded.latest ? recorded.edtf : edtf(i.earliest, i.latest);
}

function explanationView(e: Explanation, result: Inferences, names: Map<string, string>): ExplanationView {
  const unrecorded = e.unrecorded.map((c) => ({ kind: c.kind, between: c.earliest === undefined ? `../${isoDay(c.latest)}` : edtf(c.earliest, c.latest) }));
  const recorded = new Map(result.departures.map((d) => [d.memberId, d.recorded]));
  const departures = e.departures
    .filter((d) => recorded.has(d.memberId))
    .map((d) => ({ memberId: d.memberId, inferred: intervalEdtf(d.inferred, recorded.get(d.memberId)!) }));
  const changes = unrecorded.map((c) => `one ${c.kind} the record does not hold, on some day ${c.between}`).join('; ');
  const setAside = e.clashes.flatMap((c) => c.figures).map((f) => `"out of ${f.reported}" on ${isoDay(f.day)}`);
  const says =
    e.id === 'record'
      ? `The record as it is${setAside.length > 0 ? `; it cannot fit ${setAside.join(', ')}, set aside in this reading` : ', fitting every figure'}.`
      : `The record plus ${changes}; every figure fits.`;
  const inOffice = departures.filter((d) => names.has(d.memberId)).map((d) => `${names.get(d.memberId)} left ${d.inferred}`);
  return {
    explanationId: e.id,
    says: inOffice.length > 0 ? `${says} Then: ${inOffice.join('; ')}.` : says,
    unrecorded,
    fitsEveryFigure: e.fitsEvery,
    clashes: e.clashes.map((c) => ({ figures: c.figures.map(figureView), why: c.why })),
    departures,
    figures: e.figures.map((f) => ({
      meetingId: f.figure.id,
      date: isoDay(f.figure.day),
      undecidedGone: f.undecidedGone,
      unrecordedDepartures: f.unrecordedDepartures,
      unrecordedArrivals: f.unrecordedArrivals,
    })),
  };
}

function figureSays(f: FigureRef, certain: number, undecided: string[], gone: number | undefined, setAside: string | undefined): string {
  const head = `"out of ${f.reported}" on ${isoDay(f.day)}`;
  if (setAside !== undefined) return `${head}: set aside (${setAside})`;
  if (undecided.length === 0) return `${head}: the record agrees (${certain} members certainly in office, no departure undecided)`;
  if (gone === undefined) return `${head}: how many of the ${undecided.length} departures the record leaves undecided that day (${undecided.join(', ')}) had happened differs between the explanations (see explanations)`;
  return `${head}: ${gone} of the ${undecided.length} departures the record leaves undecided that day (${undecided.join(', ')}) had happened`;
}

function figureView(f: FigureRef): FigureView {
  return { meetingId: f.id, ...(f.number === undefined ? {} : { number: f.number }), date: isoDay(f.day), reportedMembership: f.reported };
}

function narrowingView(n: Narrowing): NarrowingView {
  return n.kind === 'reported-membership'
    ? { kind: n.kind, ...figureView(n.figure), says: n.says }
    : { kind: n.kind, date: isoDay(n.day), what: n.what, says: n.says };
}

/** An imprecise election ends no later than the first day the member acted as a member. */
function electionInferences(members: readonly InferenceMember[], facts: readonly InOfficeFact[]): DatedInference[] {
  const result: DatedInference[] = [];
  for (const m of members) {
    if (m.electedEarliest === m.electedLatest) continue;
    const first = facts.find((f) => f.memberId === m.memberId && f.day >= m.electedEarliest && f.day < m.electedLatest);
    const latest = first ? first.day : m.electedLatest;
    result.push({
      memberId: m.memberId,
      name: m.name,
      recorded: m.electedEdtf,
      inferred: first ? edtf(m.electedEarliest, latest) : m.electedEdtf,
      narrowed: first !== undefined,
      narrowedBy: first ? [{ kind: 'in-office', date: isoDay(first.day), what: first.what, says: `${m.name} was in office on that day (${first.what})` }] : [],
    });
  }
  return result;
}
