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

/**
 * The indexes a rebuild keeps from the start: the entity tables' lookups of their current versions (small
 * tables, looked up by every change of an entity and, for member names, by every vote).
 */
export const REBUILD_LIVE_INDEXES: ReadonlySet<string> = new Set(['councils_by_id', 'members_current', 'officers_current', 'motions_current']);

export const indexName = (ddl: string): string => /INDEX IF NOT EXISTS (\w+)/.exec(ddl)![1];
