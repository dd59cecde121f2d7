import { UnrecordedChange } from './explanations';
import { Problem } from './positions';

export type { UnrecordedChange } from './explanations';

/** What infer() takes and gives (infer.ts), and the working types it shares with conclusions.ts. */

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

export const ref = (f: InferenceFigure): FigureRef => ({ id: f.id, number: f.number, day: f.day, reported: f.reported });

/** A recorded departure's first day out, as days [lo, hi], once the dated facts have narrowed it. */
export interface Variable {
  member: InferenceMember;
  lo: number;
  hi: number;
  /** The in-office fact that raised `lo`, if any. */
  raisedBy?: InOfficeFact;
}

/** The figures one explanation uses, the unrecorded changes it adds, what it sets aside, and its problem. */
export interface Reading {
  id: string;
  used: InferenceFigure[];
  changes: UnrecordedChange[];
  clashes: Clash[];
  p: Problem;
}
