/**
 * The record-time columns every versioned read table ends with: known from `known_from_position` (inclusive)
 * until `known_to_position` (exclusive; NULL = still the current record). schema.ts describes the convention.
 */
export const KNOWN = `
      known_from_position INTEGER NOT NULL,
      known_from_ms       INTEGER NOT NULL,
      known_to_position   INTEGER,
      known_to_ms         INTEGER`;

/** The runner's own tables: its checkpoint, the events it parked, the generation of rewritten rows. */
export const RUNNER_TABLES_DDL = `
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
`;

/** The record as stated: every council event, every fact's versions, every correction. */
export const RECORD_TABLES_DDL = `
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
`;
