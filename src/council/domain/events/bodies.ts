/** The council's officers, working groups, political groups (and members' affiliations), and its other bodies. */
import type { Fact, MemberRef } from './fact';

export interface OfficerAppointed extends Fact {
  role: string;
  /** Absent for an officer who is not a member of the council (`nonMember`). */
  memberId?: string;
  name: string;
  from: string;
  nonMember?: boolean;
}

export interface OfficerTermEnded extends Fact {
  role: string;
  memberId?: string;
  name: string;
  to: string;
  reason?: string;
}

export interface WorkingGroupFormed extends Fact {
  workingGroupId: string;
  name: string;
  formedOn: string;
  /** Absent when the source does not give the composition (unknown, not none). */
  members?: MemberRef[];
}

/** A political group (party, faction, list) that members of this council sit for. */
export interface GroupFounded extends Fact {
  groupId: string;
  name: string;
  classification?: string;
  /** When the group came to be, if the source says; it may predate the council. */
  foundedOn?: string;
}

/**
 * A member sat for a group over a period (Popolo's `on_behalf_of`): from `from` up to, not including,
 * `to` (like a departure); without `to`, until the member's departure.
 */
export interface MemberAffiliated extends Fact {
  memberId: string;
  groupId: string;
  /** Absent when the source does not say since when (issue 25): the affiliation is then certain on no day. */
  from?: string;
  to?: string;
  /**
   * Issue 25: a membership of an organization outside the council (a party the member belonged to), not the
   * group the member sat for: it sets no `group` in reads, and is not bound to the member's term.
   */
  outside?: true;
}

export type CouncilBodyKind = 'committee' | 'working-groups' | 'forum' | 'other';
export const COUNCIL_BODY_KINDS: readonly CouncilBodyKind[] = ['committee', 'working-groups', 'forum', 'other'];

/**
 * A body of the council other than a single named working group (issue 25): a committee, a set of N working
 * groups whose names the source does not give (`kind: working-groups`, `count`), a forum. The name, count
 * and members are absent when the source does not give them.
 */
export interface CouncilBodyFormed extends Fact {
  bodyId: string;
  kind: CouncilBodyKind;
  name?: string;
  count?: number;
  formedOn: string;
  members?: MemberRef[];
}
