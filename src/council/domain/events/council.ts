/** The council's own life: its founding (seats, curiae, rules), placement, descriptions, and dissolution. */
import type { Fact } from './fact';

export type QuorumRule = 'majority-of-members' | 'majority-of-seats' | { atLeast: number };
export type DecisionRule = 'majority-of-members' | 'majority-of-present';
/** A motion's own decision rule (a council's rule is one of the first two); absent, the council's applies. */
export type MotionRule = DecisionRule | 'two-thirds-of-present' | 'two-thirds-of-members' | { atLeast: number };

export interface Curia {
  key: string;
  name: string;
  /** Absent only for the default curia of a council whose seats the source does not give (issue 25). */
  seats?: number;
}

/** Where a council sits among councils: a national council and the regional ones under it. */
export const COUNCIL_LEVELS = ['international', 'national', 'regional', 'municipal', 'local'] as const;
export type CouncilLevel = (typeof COUNCIL_LEVELS)[number];

/**
 * What kind of council it is and which council it sits under, as a source states it. `parentCouncilId`
 * names another council (another stream: it need not be recorded yet, and is not checked).
 */
export interface CouncilPlacement {
  /** Free text, e.g. "coordination council", "people's council" (Popolo's organization classification). */
  type?: string;
  level?: CouncilLevel;
  parentCouncilId?: string;
}

export interface CouncilRules {
  quorum: QuorumRule;
  decision: DecisionRule;
}

export interface CouncilFounded extends Fact, CouncilPlacement {
  councilId: string;
  name: string;
  /** Absent when the source gives no founding date (issue 25): never a made-up date. */
  foundedOn?: string;
  /** Absent when the source gives no seat count (issue 25): never 0, never the number elected. */
  seats?: number;
  curiae: Curia[];
  rules: CouncilRules;
  election?: { heldOn?: string; candidates?: number; voters?: number; note?: string };
}

/**
 * What the council was, beyond its founding (issue 25): names it went by, its stated ideology, its term and
 * convocation. Each field absent when the source does not give it; a later description adds to earlier ones.
 */
export interface CouncilDescribed extends Fact {
  /** EDTF: the day the description holds from (usually the founding). */
  describedOn: string;
  abbreviations?: string[];
  ideology?: string[];
  /** The term it was elected for, an ISO 8601 duration (`P1Y`). */
  term?: string;
  /** Which convocation this council is (1 for "the first convocation"). */
  convocation?: number;
}

/** The council's type, level or parent as a source states them (the fields given replace earlier ones). */
export interface CouncilClassified extends Fact, CouncilPlacement {}

export interface CouncilDissolved extends Fact {
  dissolvedOn: string;
  reason?: string;
}
