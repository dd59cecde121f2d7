/**
 * The council's facts. Each is a past-tense event in one stream per council (`council-<councilId>`).
 * `data` holds the fact as it was in the world (with its EDTF valid date); `metadata` holds how it entered
 * the record (source, who recorded it, correlation/causation, idempotency key, schema version).
 * Changing a shape means a new schema version plus an upcaster in upcasting.ts, never a rewrite.
 *
 * One file per area: fact.ts (what every fact shares, the metadata), council.ts (founding, rules,
 * description, dissolution), members.ts (elections, members, departures, statuses), meetings.ts,
 * motions.ts (motions and votes), bodies.ts (officers, working groups, groups, other bodies), and
 * catalogue.ts (the corrections, the map of every type, the stream names). Import from here.
 */
export { SCHEMA_VERSION } from './fact';
export type { EventMetadataV1, MemberRef, SourceCitation, Violation } from './fact';
export * from './council';
export * from './members';
export * from './meetings';
export * from './motions';
export * from './bodies';
export * from './catalogue';
