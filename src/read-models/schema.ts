import type { Database } from 'better-sqlite3';
import { AS_OF_DDL, AS_OF_TABLES } from './as-of-index';

/**
 * The read database (DATA_DIR/read.sqlite): every table here is a projection of the event store and can
 * be dropped and rebuilt from the first event (`npm run rebuild`). docs/read-models.md describes each
 * column for analysts.
 *
 * Conventions shared by all tables:
 * - Valid time (when something was true in the world) is kept as the EDTF string the source gave plus its
 *   bounds as day numbers (days since 1970-01-01, UTC calendar): `<x>_edtf`, `<x>_earliest`,
 *   `<x>_latest`. `date(<x>_earliest * 86400, 'unixepoch')` turns a bound into 'YYYY-MM-DD'.
 * - Record time (when the record said so) is a half-open interval of global event positions and of the
 *   events' recorded times in ms since the epoch: known from `known_from_position` (inclusive) until
 *   `known_to_position` (exclusive; NULL = still the current record). A correction, a departure, a
 *   decision... closes the row it supersedes and inserts the new version; nothing is updated in place
 *   except `known_to_*` and the checkpoint.
 *   "As known at position P": known_from_position <= P AND (known_to_position IS NULL OR known_to_position > P).
 * - `fact_id` is the id of the event that first stated a fact; it stays the same when a correction
 *   replaces the fact, while `source_event_id` is the event (original or correction) that stated this
 *   version.
 *
 * Bump READ_SCHEMA_VERSION on any change: a read database with another version is dropped and rebuilt.
 */
export const READ_SCHEMA_VERSION = 16;

/** Tables owned by the core projections (dropped on rebuild, in this order). */
export const CORE_TABLES = [
  'checkpoint',
  'parked_events',
  'read_generation',
  'events',
  'facts',
  'corrections',
  'councils',
  'members',
  'elections',
  'officers',
  'working_groups',
  'working_group_members',
  'meetings',
  'meeting_attendance',
  'motions',
  'votes',
  'vote_pairs',
  'political_groups',
  'affiliations',
] as const;

const KNOWN = `
      known_from_position INTEGER NOT NULL,
      known_from_ms       INTEGER NOT NULL,
      known_to_position   INTEGER,
      known_to_ms         INTEGER`;

export const READ_TABLES_DDL = `
    -- The single checkpoint: the global position of the last event applied to every table, written in
    -- the same transaction as the rows that event produced.
    CREATE TABLE IF NOT EXISTS checkpoint (
      id              INTEGER PRIMARY KEY CHECK (id = 1),
      position        INTEGER,
      events_applied  INTEGER NOT NULL DEFAULT 0,
      updated_ms      INTEGER,
      projections     TEXT,                -- the projections (name@version) the tables were built by
      store_identity  TEXT                 -- the event store they were built from (EventStore.identity)
    );
    INSERT OR IGNORE INTO checkpoint (id, position, events_applied, updated_ms, projections) VALUES (1, NULL, 0, NULL, NULL);

    -- Events a projection failed on (a poison event), set aside so the others go on: the runner applies
    -- the rest and the checkpoint moves past them. POST /api/projections/parked/:eventId/retry applies one
    -- again after a fix; GET /api/health/ready is not ready while any row is here.
    CREATE TABLE IF NOT EXISTS parked_events (
      event_id    TEXT    NOT NULL,
      projection  TEXT    NOT NULL,        -- the projection that failed ('core': the event was applied to none)
      position    INTEGER NOT NULL,
      stream_id   TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      type        TEXT    NOT NULL,
      error       TEXT    NOT NULL,
      attempts    INTEGER NOT NULL DEFAULT 1,
      parked_ms   INTEGER NOT NULL,
      PRIMARY KEY (event_id, projection)
    );

    -- How many times rows at positions the checkpoint had already passed were changed: a parked event
    -- applied by a retry (POST /api/projections/parked/:eventId/retry) changes the record as known at its
    -- own, earlier position and moves neither the checkpoint nor any council's position. Bumped in the
    -- transaction that changes the rows; every cached bounded read is keyed by it (BoundedReads, decision 51).
    CREATE TABLE IF NOT EXISTS read_generation (
      id          INTEGER PRIMARY KEY CHECK (id = 1),
      generation  INTEGER NOT NULL
    );
    INSERT OR IGNORE INTO read_generation (id, generation) VALUES (1, 0);

    -- Every council event in record order (the audit view), including corrections.
    CREATE TABLE IF NOT EXISTS events (
      position            INTEGER PRIMARY KEY,
      council_id          TEXT    NOT NULL,
      event_id            TEXT    NOT NULL,   -- unique per council (events_by_event_id)
      revision            INTEGER NOT NULL,
      type                TEXT    NOT NULL,
      data                TEXT    NOT NULL,   -- JSON, upcast to the current schema
      metadata            TEXT    NOT NULL,   -- JSON: source, recordedBy, correlationId...
      recorded_ms         INTEGER NOT NULL,
      recorded_by_token   TEXT,
      recorded_by_label   TEXT,
      recorded_by_role    TEXT
    );

    -- Every fact as the record has stated it over time (one row per version; corrections close a
    -- version and may add a new one). The timeline is these rows in valid-time order.
    CREATE TABLE IF NOT EXISTS facts (
      council_id          TEXT    NOT NULL,
      fact_id             TEXT    NOT NULL,
      fact_position       INTEGER NOT NULL,   -- where the fact first entered the record (kept by corrections)
      source_event_id     TEXT    NOT NULL,
      type                TEXT    NOT NULL,   -- the fact's event type (a replacement may change it)
      subject             TEXT    NOT NULL,   -- what it is about: council | member:<id> | officer:<role> | meeting:<id> | motion:<id> | working-group:<id>
      valid_edtf          TEXT,
      valid_earliest      INTEGER,
      valid_latest        INTEGER,
      description         TEXT    NOT NULL,   -- a human sentence
      data                TEXT,               -- JSON of this version when a correction stated it; NULL when the fact's own
                                              -- event did: then it is events.data at position fact_position
      anomalies           TEXT,               -- JSON array of Violation when recorded with recordAnomaly
      ${KNOWN}
    );

    -- Each correction as filed: which fact it retracted or replaced, and why.
    CREATE TABLE IF NOT EXISTS corrections (
      position            INTEGER PRIMARY KEY,
      council_id          TEXT    NOT NULL,
      event_id            TEXT    NOT NULL,
      target_event_id     TEXT    NOT NULL,   -- the event id the correction names
      fact_id             TEXT,               -- the fact it resolved to (NULL if unknown to the record)
      subject             TEXT,               -- that fact's subject (facts.subject) when it was corrected; NULL with fact_id
      action              TEXT    NOT NULL,   -- retract | replace
      original_type       TEXT,
      replacement_type    TEXT,
      reason              TEXT,
      recorded_ms         INTEGER NOT NULL
    );

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
${AS_OF_DDL}`;

/**
 * The secondary indexes of the core tables. A live database has them all; a rebuild creates the tables
 * without them, applies every event, then builds them once (a sorted bulk build instead of an insert into
 * each index per row). Nothing in a rebuild reads through them: it keeps what it looks up in memory.
 */
export const READ_INDEXES_DDL: readonly string[] = [
  `CREATE UNIQUE INDEX IF NOT EXISTS events_by_event_id ON events (event_id, council_id);`,
  `CREATE INDEX IF NOT EXISTS events_by_council ON events (council_id, position);`,
  `CREATE INDEX IF NOT EXISTS events_by_council_time ON events (council_id, recorded_ms, position);`,
  `CREATE INDEX IF NOT EXISTS facts_open_by_position ON facts (fact_position) WHERE known_to_position IS NULL;`,
  `CREATE INDEX IF NOT EXISTS facts_current_by_subject ON facts (council_id, subject, fact_position) WHERE known_to_position IS NULL AND type <> 'VoteCast';`,
  `CREATE INDEX IF NOT EXISTS facts_by_valid_time ON facts (council_id, valid_earliest, valid_latest, known_from_position);`,
  // Issue 25: the life facts (statuses, description, bodies, members' statements) are read by type.
  `CREATE INDEX IF NOT EXISTS facts_by_type ON facts (council_id, type, valid_earliest, known_from_position);`,
  // The corrections of a list row's subjects known at a position (the lists' `corrections` count, issue 27).
  `CREATE INDEX IF NOT EXISTS corrections_by_subject ON corrections (council_id, subject, position);`,
  `CREATE INDEX IF NOT EXISTS councils_by_id ON councils (council_id, known_from_position, known_to_position);`,
  `CREATE INDEX IF NOT EXISTS members_on_day ON members (council_id, elected_earliest, known_from_position, known_to_position, left_latest);`,
  `CREATE INDEX IF NOT EXISTS members_current ON members (council_id, member_id) WHERE known_to_position IS NULL;`,
  `CREATE INDEX IF NOT EXISTS elections_by_council ON elections (council_id, held_earliest, known_from_position);`,
  `CREATE INDEX IF NOT EXISTS elections_by_fact ON elections (fact_id) WHERE known_to_position IS NULL;`,
  `CREATE INDEX IF NOT EXISTS officers_on_day ON officers (council_id, from_earliest, known_from_position, known_to_position);`,
  `CREATE INDEX IF NOT EXISTS officers_current ON officers (council_id, role) WHERE known_to_position IS NULL;`,
  `CREATE INDEX IF NOT EXISTS working_groups_by_council ON working_groups (council_id, known_to_position);`,
  `CREATE INDEX IF NOT EXISTS working_groups_by_fact ON working_groups (fact_id) WHERE known_to_position IS NULL;`,
  `CREATE INDEX IF NOT EXISTS working_group_members_by_group ON working_group_members (council_id, working_group_id);`,
  `CREATE INDEX IF NOT EXISTS working_group_members_by_fact ON working_group_members (fact_id) WHERE known_to_position IS NULL;`,
  `CREATE INDEX IF NOT EXISTS meetings_by_date ON meetings (council_id, date_latest, known_from_position, known_to_position, outcome);`,
  `CREATE INDEX IF NOT EXISTS meetings_by_fact ON meetings (fact_id) WHERE known_to_position IS NULL;`,
  `CREATE INDEX IF NOT EXISTS meeting_attendance_by_meeting ON meeting_attendance (council_id, meeting_id);`,
  `CREATE INDEX IF NOT EXISTS meeting_attendance_by_member ON meeting_attendance (council_id, member_id);`,
  `CREATE INDEX IF NOT EXISTS meeting_attendance_by_fact ON meeting_attendance (fact_id) WHERE known_to_position IS NULL;`,
  `CREATE INDEX IF NOT EXISTS motions_by_date ON motions (council_id, opened_earliest, known_from_position, known_to_position);`,
  `CREATE INDEX IF NOT EXISTS motions_current ON motions (council_id, motion_id) WHERE known_to_position IS NULL;`,
  `CREATE INDEX IF NOT EXISTS votes_by_motion ON votes (council_id, motion_id, known_from_position);`,
  `CREATE INDEX IF NOT EXISTS vote_pairs_by_motion ON vote_pairs (council_id, motion_id, known_from_position);`,

  `CREATE INDEX IF NOT EXISTS political_groups_by_council ON political_groups (council_id, known_from_position);`,
  `CREATE INDEX IF NOT EXISTS political_groups_by_fact ON political_groups (fact_id) WHERE known_to_position IS NULL;`,
  `CREATE INDEX IF NOT EXISTS affiliations_by_member ON affiliations (council_id, member_id, from_earliest);`,
  `CREATE INDEX IF NOT EXISTS affiliations_by_fact ON affiliations (fact_id) WHERE known_to_position IS NULL;`,
];

export const READ_SCHEMA_DDL = `${READ_TABLES_DDL}\n${READ_INDEXES_DDL.join('\n')}\n`;

/**
 * The indexes a rebuild keeps from the start: the entity tables' lookups of their current versions (small
 * tables, looked up by every change of an entity and, for member names, by every vote).
 */
export const REBUILD_LIVE_INDEXES: ReadonlySet<string> = new Set(['councils_by_id', 'members_current', 'officers_current', 'motions_current']);

export const indexName = (ddl: string): string => /INDEX IF NOT EXISTS (\w+)/.exec(ddl)![1];

/** Opens a read database for writing or reading: WAL (readers never block the runner), NORMAL sync. */
export function configureReadDatabase(db: Database): void {
  db.pragma('journal_mode = WAL');
  // The read database can always be rebuilt and its checkpoint commits with its rows, so a lost tail
  // after a power cut only means re-applying those events.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Checkpoint every ~40 MB of WAL rather than SQLite's 4 MB: the projections rewrite the same right-edge
  // pages batch after batch, and a page is copied into the database once per checkpoint however often it
  // changed (9.0 → 6.8 kB written per projected event over the 100,000-event history; docs/benchmarks.md).
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

/**
 * Creates the tables (idempotent). A database written by another schema version is emptied first, so
 * the runner rebuilds it from the first event. Returns true when it was (re)created empty.
 */
export function applyReadSchema(db: Database, extraTables: readonly string[] = []): boolean {
  const version = db.pragma('user_version', { simple: true }) as number;
  let reset = false;
  if (version !== READ_SCHEMA_VERSION) {
    dropReadTables(db, extraTables);
    reset = true;
  }
  db.exec(READ_SCHEMA_DDL);
  db.pragma(`user_version = ${READ_SCHEMA_VERSION}`);
  return reset;
}

export function dropReadTables(db: Database, extraTables: readonly string[] = []): void {
  db.transaction(() => {
    // The as-of index (rtrees, counters) first: dropping a core table drops its triggers with it.
    for (const table of [...AS_OF_TABLES, ...CORE_TABLES, ...extraTables]) db.exec(`DROP TABLE IF EXISTS "${table}"`);
  })();
}
