import { KNOWN } from './schema-record-tables';

/** Meetings and their attendance; motions (at a meeting or online), their votes and pairs. */
export const MEETING_AND_VOTE_TABLES_DDL = `
    -- Meetings, held or failed for lack of quorum, with reported beside derived figures.
    CREATE TABLE IF NOT EXISTS meetings (
      council_id          TEXT    NOT NULL,
      meeting_id          TEXT    NOT NULL,
      number              INTEGER,
      date_edtf           TEXT    NOT NULL,
      date_earliest       INTEGER NOT NULL,
      date_latest         INTEGER NOT NULL,
      kind                TEXT    NOT NULL,   -- regular | extraordinary
      outcome             TEXT    NOT NULL,   -- held | quorum-failed | not-assembled
      outcome_basis       TEXT,               -- attendance | reported
      reported_outcome    TEXT,
      chair_member_id     TEXT,
      chair_name          TEXT,
      present_count       INTEGER,            -- everyone who took part (stated, else the named count)
      named_present       INTEGER,            -- how many participants the source names
      remote_count        INTEGER,
      membership_certain  INTEGER,            -- derived membership on the date, when recorded
      membership_uncertain INTEGER,
      reported_membership INTEGER,            -- the source's "out of N"
      quorum_rule         TEXT,               -- JSON QuorumRule
      quorum_required     INTEGER,
      quorum_required_if_all_uncertain_in INTEGER,
      quorum_certain      INTEGER,            -- 0/1
      agenda              TEXT,               -- JSON [string]; NULL when the source gives no agenda
      place               TEXT,               -- issue 25: as the source says it
      start_time          TEXT,               -- HH:MM
      scheduled_chair_member_id TEXT,         -- who was to chair it but was replaced
      scheduled_chair_name TEXT,
      decision_count      INTEGER,            -- "16 decisions were made"
      not_assembled_reason TEXT,              -- outcome not-assembled: the reason the source gives
      note                TEXT,
      anomalies           TEXT,               -- JSON [Violation]
      fact_id             TEXT    NOT NULL,
      source_event_id     TEXT    NOT NULL,
      ${KNOWN}
    );

    -- Named attendance: one row per participant the source names.
    CREATE TABLE IF NOT EXISTS meeting_attendance (
      council_id          TEXT    NOT NULL,
      meeting_id          TEXT    NOT NULL,
      member_id           TEXT,               -- NULL when the name did not resolve to a member
      name                TEXT    NOT NULL,
      fact_id             TEXT    NOT NULL,
      ${KNOWN}
    );

    -- Motions: as tabled and, once decided, with the recorded tally, rule, required votes and outcome.
    CREATE TABLE IF NOT EXISTS motions (
      council_id          TEXT    NOT NULL,
      motion_id           TEXT    NOT NULL,
      title               TEXT    NOT NULL,
      kind                TEXT    NOT NULL,
      meeting_id          TEXT,
      online              INTEGER NOT NULL,
      mode                TEXT    NOT NULL,   -- online | meeting | unknown (issue 25)
      options             TEXT,               -- JSON [string] for a choice; NULL for yes/no
      proposers           TEXT,               -- JSON [MemberRef]; NULL when the source names none (issue 25)
      opened_edtf         TEXT    NOT NULL,
      opened_earliest     INTEGER NOT NULL,
      opened_latest       INTEGER NOT NULL,
      decided_edtf        TEXT,
      decided_earliest    INTEGER,
      decided_latest      INTEGER,
      tally               TEXT,               -- JSON {yes,no,abstain} or {<option>: n}
      tally_from          TEXT,               -- votes | reported | none
      decision_rule       TEXT,
      base_of             TEXT,               -- members | present
      base_count          INTEGER,
      base_uncertain      INTEGER,
      required            INTEGER,
      outcome             TEXT,               -- adopted | rejected; NULL while open
      winner              TEXT,
      reported_outcome    TEXT,
      reported_winner     TEXT,
      outcome_certain     INTEGER,            -- 0/1: 0 when neither the tally nor the source settles it (decision 49); NULL while open or recorded before
      outcome_basis       TEXT,               -- tally | reported (decision 49); NULL while open or recorded before
      tabled_fact_id      TEXT    NOT NULL,
      decided_fact_id     TEXT,
      ${KNOWN}
    );

    -- Individual votes: one row per member per motion.
    CREATE TABLE IF NOT EXISTS votes (
      council_id          TEXT    NOT NULL,
      motion_id           TEXT    NOT NULL,
      member_id           TEXT,               -- NULL when the name did not resolve to a member
      name                TEXT    NOT NULL,
      choice              TEXT    NOT NULL,   -- yes | no | abstain | <option>
      cast_edtf           TEXT    NOT NULL,
      cast_earliest       INTEGER NOT NULL,
      cast_latest         INTEGER NOT NULL,
      anomalies           TEXT,
      fact_id             TEXT    NOT NULL,
      source_event_id     TEXT    NOT NULL,
      ${KNOWN}
    );

    -- Issue 21: members who did not vote on a motion, paired with another member (Popolo option "paired",
    -- pair_id). Not votes: nothing here counts in a tally.
    CREATE TABLE IF NOT EXISTS vote_pairs (
      council_id          TEXT    NOT NULL,
      motion_id           TEXT    NOT NULL,
      member_id           TEXT    NOT NULL,
      name                TEXT    NOT NULL,
      paired_with         TEXT    NOT NULL,   -- the partner's member_id
      paired_with_name    TEXT    NOT NULL,
      cast_edtf           TEXT    NOT NULL,
      anomalies           TEXT,
      fact_id             TEXT    NOT NULL,
      source_event_id     TEXT    NOT NULL,
      ${KNOWN}
    );
`;
