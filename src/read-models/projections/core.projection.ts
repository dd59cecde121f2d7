import type { Database } from 'better-sqlite3';
import { READ_SCHEMA_DDL, CORE_TABLES } from '../schema';
import { councilsProjector, membersProjector, motionsProjector, officersProjector } from './entities';
import { CurrentFacts, DerivedProjector } from './fact-change';
import { FactVersion, bounds, describe, isFactType, subjectOf, validDateOf } from './facts';
import { ProjectedEvent, Projection } from './projection';
import { meetingsProjector, votesProjector, workingGroupsProjector } from './records';
import { Stamp } from './stamp';

interface FactRow {
  _rowid: number;
  fact_id: string;
  fact_position: number;
  source_event_id: string;
  type: string;
  data: string;
  known_from_position: number;
}

/**
 * The core read models. Every event goes to `events` (record order); every fact becomes a version in
 * `facts`; a correction closes the version it names and, for a replacement, opens a new one with the same
 * fact id. Each fact change is then handed to the derived tables (councils, members, officers, meetings,
 * motions, votes, working groups).
 */
export const coreProjection: Projection = {
  name: 'core',
  tables: CORE_TABLES.filter((t) => t !== 'checkpoint'),
  ddl: READ_SCHEMA_DDL,
  init(db: Database) {
    const insertEvent = db.prepare(
      `INSERT INTO events (position, council_id, event_id, revision, type, data, metadata, recorded_ms, recorded_by_token, recorded_by_label, recorded_by_role)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFact = db.prepare(
      `INSERT INTO facts (council_id, fact_id, fact_position, source_event_id, type, subject, valid_edtf, valid_earliest, valid_latest,
         description, data, anomalies, known_from_position, known_from_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const currentFact = db.prepare(
      `SELECT rowid AS _rowid, fact_id, fact_position, source_event_id, type, data, known_from_position FROM facts
       WHERE fact_id = ? AND council_id = ? AND known_to_position IS NULL`,
    );
    const closeFact = db.prepare('UPDATE facts SET known_to_position = ?, known_to_ms = ? WHERE rowid = ?');
    const deleteFact = db.prepare('DELETE FROM facts WHERE rowid = ?');
    const subjectFacts = db.prepare(
      `SELECT rowid AS _rowid, fact_id, fact_position, source_event_id, type, data, known_from_position FROM facts
       WHERE council_id = ? AND subject = ? AND known_to_position IS NULL ORDER BY fact_position`,
    );
    const insertCorrection = db.prepare(
      `INSERT INTO corrections (position, council_id, event_id, target_event_id, fact_id, action, original_type, replacement_type, reason, recorded_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const memberName = db.prepare<[string, string], { name: string }>(
      'SELECT name FROM members WHERE council_id = ? AND member_id = ? AND known_to_position IS NULL',
    );

    const toVersion = (row: FactRow): FactVersion =>
      ({ factId: row.fact_id, factPosition: row.fact_position, sourceEventId: row.source_event_id, type: row.type, data: JSON.parse(row.data) }) as FactVersion;
    const current: CurrentFacts = (councilId, subject) => (subjectFacts.all(councilId, subject) as FactRow[]).map(toVersion);
    const names = (councilId: string) => (memberId: string) => memberName.get(councilId, memberId)?.name;

    const derived: DerivedProjector[] = [
      councilsProjector(db, current),
      membersProjector(db, current),
      officersProjector(db, current),
      motionsProjector(db, current),
      meetingsProjector(db),
      votesProjector(db),
      workingGroupsProjector(db),
    ];

    const openVersion = (councilId: string, fact: FactVersion, stamp: Stamp) => {
      const valid = bounds(validDateOf(fact));
      const anomalies = (fact.data as { anomalies?: unknown[] }).anomalies;
      insertFact.run(
        councilId, fact.factId, fact.factPosition, fact.sourceEventId, fact.type, subjectOf(fact), valid.edtf, valid.earliest, valid.latest,
        describe(fact, names(councilId)), JSON.stringify(fact.data), anomalies?.length ? JSON.stringify(anomalies) : null, stamp.position, stamp.ms,
      );
    };

    const correct = (event: ProjectedEvent & { type: 'FactCorrected' | 'FactRetracted' }, stamp: Stamp) => {
      const d = event.data;
      const row = currentFact.get(d.eventId, event.councilId) as FactRow | undefined;
      const replacement = event.type === 'FactCorrected' ? event.data.replacement : undefined;
      insertCorrection.run(
        stamp.position, event.councilId, event.id, d.eventId, row?.fact_id ?? null, replacement ? 'replace' : 'retract',
        d.originalType ?? null, replacement?.type ?? null, d.reason ?? null, stamp.ms,
      );
      // Like evolve(): a correction of a fact the record does not hold (or no longer holds) changes nothing.
      if (!row) return;
      if (row.known_from_position >= stamp.position) deleteFact.run(row._rowid);
      else closeFact.run(stamp.position, stamp.ms, row._rowid);
      const before = toVersion(row);
      let after: FactVersion | undefined;
      if (replacement && isFactType(replacement.type)) {
        after = { factId: row.fact_id, factPosition: row.fact_position, sourceEventId: event.id, type: replacement.type, data: replacement.data } as FactVersion;
        openVersion(event.councilId, after, stamp);
      }
      for (const project of derived) project({ councilId: event.councilId, factId: row.fact_id, before, after, stamp });
    };

    return (event: ProjectedEvent) => {
      const stamp: Stamp = { position: Number(event.position), ms: event.recordedAt.getTime() };
      const by = event.metadata.recordedBy;
      insertEvent.run(
        stamp.position, event.councilId, event.id, Number(event.revision), event.type, JSON.stringify(event.data),
        JSON.stringify(event.metadata), stamp.ms, by?.tokenId ?? null, by?.label ?? null, by?.role ?? null,
      );
      if (event.type === 'FactCorrected' || event.type === 'FactRetracted') {
        correct(event, stamp);
        return;
      }
      const fact = { factId: event.id, factPosition: stamp.position, sourceEventId: event.id, type: event.type, data: event.data } as FactVersion;
      openVersion(event.councilId, fact, stamp);
      for (const project of derived) project({ councilId: event.councilId, factId: event.id, after: fact, stamp });
    };
  },
};

