/** Membership: members elected and the elections that seated them, departures, statuses, and members' statements. */
import type { Fact, MemberRef } from './fact';

export interface MemberElected extends Fact {
  memberId: string;
  name: string;
  aliases: string[];
  curia: string;
  electedOn: string;
  votes?: number;
  rank?: number;
  /** The election that seated the member, when the record has it (ElectionRecorded.electionId). */
  electionId?: string;
  /** The constituency (Popolo area) the member was elected for, as the source names it; absent when not given. */
  constituency?: Constituency;
  /** The person's identifiers in other registers (Popolo identifiers: wikidata, …); absent when none given. */
  identifiers?: PersonIdentifier[];
}

/** A constituency as the source gives it: its id (Popolo area_id), its name, or both. */
export interface Constituency {
  id?: string;
  name?: string;
}

/** An identifier of a person in another register, e.g. `{ scheme: 'wikidata', identifier: 'Q12358062' }`. */
export interface PersonIdentifier {
  scheme: string;
  identifier: string;
}

/** A seat allocation of an election: a curia (or list) with its seats and, when known, its candidates. */
export interface ElectionCuria {
  key: string;
  seats: number;
  /** How many candidates stood in this curia; absent when the source does not say. */
  candidates?: number;
}

/** A candidate as the source names them; every figure the source does not give is absent. */
export interface ElectionCandidate {
  name: string;
  memberId?: string;
  curia?: string;
  votes?: number;
  rank?: number;
  elected?: boolean;
}

/** A member of the body that ran the election, as the source names them. */
export interface ElectionCommitteeMember {
  name: string;
  /** Whom they represent or were delegated by, in the source's words ("the left", "Golos association"). */
  represents?: string;
  /** Their role on the committee as the source states it (e.g. "chair", "expert"). */
  role?: string;
}

/**
 * An election held (to this council, or by it): only what the source states. Unknown figures are absent,
 * never 0; an empty list would claim "none", so lists the source does not give are absent too.
 */
export interface ElectionRecorded extends Fact, ElectionFigures {
  electionId: string;
}

/** What a source may state about an election: the command, the event and the read share it. */
export interface ElectionFigures {
  /** Absent when the source gives no date at all (issue 25: Voronezh's elections), never a made-up one. */
  heldOn?: string;
  seats?: number;
  curiae?: ElectionCuria[];
  candidates?: ElectionCandidate[];
  /** The number of candidates the source states (it may name fewer, or none). */
  candidateCount?: number;
  /** How many were elected, when the source states it (it may give no seat count). */
  electedCount?: number;
  voters?: number;
  /** The election committee, when the source names its members. */
  committee?: ElectionCommitteeMember[];
  /** How it was run, when the source says (issue 25): ballots, candidate registration, voter verification. */
  rules?: ElectionRules;
}

/** An election's rules as a source states them; each part absent when it does not. */
export interface ElectionRules {
  /** The ballots each voter received: a key (a curia's key when it is that curia's), and the most marks allowed. */
  ballots?: Array<{ key: string; maxMarks?: number }>;
  /** What a candidate needed to register: signatures to collect, and other requirements in the source's words. */
  registration?: { signatures?: number; requirements?: string[] };
  /** How voters were verified: electronically, by the election committee, or not at all. */
  voterVerification?: 'electronic' | 'committee' | 'none';
}

export type DepartureReason = 'resigned' | 'expelled' | 'died' | 'imprisoned' | 'other';

export interface MemberLeft extends Fact {
  memberId: string;
  /** The first day out of office (the effective date). */
  leftOn: string;
  reason?: DepartureReason;
  /** When the departure was announced, beside its effective date (issue 25); absent when the source gives none. */
  announcedOn?: string;
}

/** A member's status that is not a departure (issue 25): shown in state as of a date, until a later status. */
export type MemberStatus = 'arrested' | 'house-arrest' | 'imprisoned' | 'released' | 'left-the-country' | 'returned' | 'died';
export const MEMBER_STATUSES: readonly MemberStatus[] = ['arrested', 'house-arrest', 'imprisoned', 'released', 'left-the-country', 'returned', 'died'];

export interface MemberStatusChanged extends Fact {
  memberId: string;
  status: MemberStatus;
  /** EDTF: when the status began. */
  on: string;
}

/** A statement or appeal published by part of the members, not by the council (issue 25). */
export interface MembersStatementIssued extends Fact {
  statementId: string;
  title: string;
  issuedOn: string;
  /** The signatories the source names (members resolved, others by name); absent when it names none. */
  signatories?: MemberRef[];
  /** How many signed, when the source gives a count. */
  signatoryCount?: number;
}
