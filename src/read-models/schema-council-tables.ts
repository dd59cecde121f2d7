import { KNOWN } from './schema-record-tables';

/** Councils and who sits in them: the councils, members, elections, officers and working groups. */
export const COUNCIL_TABLES_DDL = `
    CREATE TABLE IF NOT EXISTS councils (
      council_id          TEXT    NOT NULL,
      name                TEXT    NOT NULL,
      founded_edtf        TEXT,               -- NULL: the founding date is unknown (issue 25)
      founded_earliest    INTEGER,
      founded_latest      INTEGER,
      seats               INTEGER,            -- NULL: the seat count is unknown (issue 25), never 0
      curiae              TEXT    NOT NULL,   -- JSON [{key,name,seats}]
      quorum_rule         TEXT    NOT NULL,   -- JSON QuorumRule
      decision_rule       TEXT    NOT NULL,
      election            TEXT,               -- JSON {heldOn,candidates,voters,note}
      dissolved_edtf      TEXT,
      dissolved_earliest  INTEGER,
      dissolved_latest    INTEGER,
      dissolution_reason  TEXT,
      founded_fact_id     TEXT    NOT NULL,
      dissolved_fact_id   TEXT,
      type                TEXT,               -- free text as a source states it ("people's council")
      level               TEXT,               -- international | national | regional | municipal | local
      parent_council_id   TEXT,               -- the council it sits under (not checked: it may be recorded later)
      ${KNOWN}
    );

    -- Membership intervals: one row per member per version of what the record says about their term.
    -- In office on day D: certainly when elected_latest <= D AND (left_earliest IS NULL OR left_earliest > D);
    -- certainly not when elected_earliest > D OR left_latest <= D; otherwise uncertain.
    CREATE TABLE IF NOT EXISTS members (
      council_id          TEXT    NOT NULL,
      member_id           TEXT    NOT NULL,
      name                TEXT    NOT NULL,
      aliases             TEXT    NOT NULL,   -- JSON [string]
      curia               TEXT    NOT NULL,
      votes               INTEGER,
      rank                INTEGER,
      elected_edtf        TEXT    NOT NULL,
      elected_earliest    INTEGER NOT NULL,
      elected_latest      INTEGER NOT NULL,
      left_edtf           TEXT,
      left_earliest       INTEGER,
      left_latest         INTEGER,
      left_reason         TEXT,
      left_announced_edtf TEXT,               -- issue 25: when the departure was announced
      departures          INTEGER NOT NULL DEFAULT 0, -- departures on record (more than one is an anomaly)
      election_id         TEXT,               -- the election that seated the member (elections.election_id), when recorded
      constituency        TEXT,               -- JSON {id?, name?}: the constituency (Popolo area) as the source gives it (issue 21)
      identifiers         TEXT,               -- JSON [{scheme, identifier}]: the person in other registers (wikidata, …) (issue 21)
      election_fact_id    TEXT    NOT NULL,
      departure_fact_id   TEXT,
      ${KNOWN}
    );

    -- Elections as facts: only the figures the source gives (NULL = not given, never 0), with the
    -- lists (curiae, candidates, committee) as JSON, NULL when the source does not give them.
    CREATE TABLE IF NOT EXISTS elections (
      council_id          TEXT    NOT NULL,
      election_id         TEXT    NOT NULL,
      held_edtf           TEXT,               -- NULL: the source gives no date (issue 25)
      held_earliest       INTEGER,
      held_latest         INTEGER,
      seats               INTEGER,
      candidate_count     INTEGER,
      elected_count       INTEGER,
      voters              INTEGER,
      curiae              TEXT,               -- JSON [{key,seats,candidates?}]
      candidates          TEXT,               -- JSON [{name,memberId?,curia?,votes?,rank?,elected?}]
      committee           TEXT,               -- JSON [{name,represents?,role?}]
      rules               TEXT,               -- JSON {ballots?, registration?, voterVerification?} (issue 25)
      note                TEXT,
      anomalies           TEXT,
      fact_id             TEXT    NOT NULL,
      source_event_id     TEXT    NOT NULL,
      ${KNOWN}
    );

    CREATE TABLE IF NOT EXISTS officers (
      council_id          TEXT    NOT NULL,
      role                TEXT    NOT NULL,
      member_id           TEXT,
      name                TEXT    NOT NULL,
      non_member          INTEGER NOT NULL DEFAULT 0,
      from_edtf           TEXT    NOT NULL,
      from_earliest       INTEGER NOT NULL,
      from_latest         INTEGER NOT NULL,
      to_edtf             TEXT,
      to_earliest         INTEGER,
      to_latest           INTEGER,
      end_reason          TEXT,               -- as stated, or 'succeeded' when a new appointment ended the term
      appointed_fact_id   TEXT    NOT NULL,
      ended_fact_id       TEXT,               -- the OfficerTermEnded, or the successor's OfficerAppointed
      ${KNOWN}
    );

    CREATE TABLE IF NOT EXISTS working_groups (
      council_id          TEXT    NOT NULL,
      working_group_id    TEXT    NOT NULL,
      name                TEXT    NOT NULL,
      formed_edtf         TEXT    NOT NULL,
      formed_earliest     INTEGER NOT NULL,
      formed_latest       INTEGER NOT NULL,
      members_known       INTEGER NOT NULL DEFAULT 1, -- 0 when the source does not give the composition
      fact_id             TEXT    NOT NULL,
      source_event_id     TEXT    NOT NULL,
      ${KNOWN}
    );

    CREATE TABLE IF NOT EXISTS working_group_members (
      council_id          TEXT    NOT NULL,
      working_group_id    TEXT    NOT NULL,
      member_id           TEXT,               -- NULL when the name did not resolve to a member
      name                TEXT    NOT NULL,
      fact_id             TEXT    NOT NULL,
      ${KNOWN}
    );
`;

/** The political groups members sit for, and their affiliations. */
export const POLITICAL_GROUP_TABLES_DDL = `
    -- Political groups (parties, factions, lists) members sit for.
    CREATE TABLE IF NOT EXISTS political_groups (
      council_id          TEXT    NOT NULL,
      group_id            TEXT    NOT NULL,
      name                TEXT    NOT NULL,
      classification      TEXT,
      founded_edtf        TEXT,
      founded_earliest    INTEGER,
      founded_latest      INTEGER,
      fact_id             TEXT    NOT NULL,
      source_event_id     TEXT    NOT NULL,
      ${KNOWN}
    );

    -- Affiliations: a member sat for a group from from_* up to, not including, to_* (NULL: until the
    -- member left). Certainly in the group on day D: from_latest <= D AND (to_earliest IS NULL OR to_earliest > D).
    -- Issue 25: from_edtf NULL is an unknown start, kept as the widest bounds (from_earliest the first indexed
    -- day, from_latest the last), so no day is certain and every day before the end is possible; outside = 1
    -- is a membership of an organization outside the council (a party), never the group a member sat for.
    CREATE TABLE IF NOT EXISTS affiliations (
      council_id          TEXT    NOT NULL,
      member_id           TEXT    NOT NULL,
      group_id            TEXT    NOT NULL,
      outside             INTEGER NOT NULL DEFAULT 0,
      from_edtf           TEXT,
      from_earliest       INTEGER NOT NULL,
      from_latest         INTEGER NOT NULL,
      to_edtf             TEXT,
      to_earliest         INTEGER,
      to_latest           INTEGER,
      anomalies           TEXT,
      fact_id             TEXT    NOT NULL,
      fact_position       INTEGER NOT NULL,   -- record order of the fact (kept by corrections): the first of two overlapping wins
      source_event_id     TEXT    NOT NULL,
      ${KNOWN}
    );
`;
