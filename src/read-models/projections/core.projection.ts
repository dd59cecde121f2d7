import type { Database } from 'better-sqlite3';
import { READ_SCHEMA_DDL, CORE_TABLES } from '../schema';
import { councilsProjector, membersProjector, motionsProjector, officersProjector } from './entities';
import { CurrentFacts, DerivedProjector, FactChange } from './fact-change';
import { FactVersion, bounds, describe, isFactType, subjectOf, validDateOf } from './facts';
import { ProjectedEvent, Projection, ProjectionContext } from './projection';
import { RowLocator, readLocatedRow } from './row-locator';
import { electionsProjector, groupsProjector, meetingsProjector, votePairsProjector, votesProjector, workingGroupsProjector } from './records';
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

/** A version's data: its own column for a correction's replacement, else its event's (facts.data is NULL). */
const FACT_DATA = 'COALESCE(data, (SELECT e.data FROM events e WHERE e.position = facts.fact_position))';

/** Subjects the entity tables fold (see entities.ts); a rebuild keeps their current facts in memory. */
const isEntitySubject = (subject: string): boolean =>
  subject === 'council' || subject.startsWith('member:') || subject.startsWith('officer:') || subject.startsWith('motion:');

/**
 * The core read models. Every event goes to `events` (record order); every fact becomes a version in
 * `facts`; a correction closes the version it names and, for a replacement, opens a new one with the same
 * fact id. Each fact change is then handed to the derived tables (councils, members, officers, meetings,
 * motions, votes, working groups).
 *
 * In a rebuild the facts table has no secondary index until the end, so what the projection looks up in
 * it is kept in memory instead: the open facts of each entity subject (a few per member, officer role,
 * motion and council) and a RowLocator from fact id to rowid for corrections.
 */
export const coreProjection: Projection = {
  name: 'core',
  tables: CORE_TABLES.filter((t) => t !== 'checkpoint'),
  ddl: READ_SCHEMA_DDL,
  init(db: Database, context: ProjectionContext = {}) {
    const rebuild = context.rebuild === true;
    const insertEvent = db.prepare(
      `INSERT INTO events (position, council_id, event_id, revision, type, data, metadata, recorded_ms, recorded_by_token, recorded_by_label, recorded_by_role)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFact = db.prepare(
      `INSERT INTO facts (council_id, fact_id, fact_position, source_event_id, type, subject, valid_edtf, valid_earliest, valid_latest,
         description, data, anomalies, known_from_position, known_from_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The open version of the fact an event id names: the event's position (events_by_event_id), then the
    // version opened by the fact at that position (facts_open_by_position, a right-edge insert per fact;
    // an index on fact_id itself would put every new fact at a random leaf, dirtying a page per fact).
    const currentFact = db.prepare(
      `SELECT rowid AS _rowid, fact_id, fact_position, source_event_id, type, ${FACT_DATA} AS data, known_from_position FROM facts
       WHERE fact_position = (SELECT position FROM events WHERE event_id = @id AND council_id = @c) AND fact_id = @id AND council_id = @c
         AND known_to_position IS NULL`,
    );
    const factAt = db.prepare(
      `SELECT rowid AS _rowid, fact_id, fact_position, source_event_id, type, ${FACT_DATA} AS data, known_from_position FROM facts
       WHERE rowid = ? AND fact_id = ? AND council_id = ? AND known_to_position IS NULL`,
    );
    const closeFact = db.prepare('UPDATE facts SET known_to_position = ?, known_to_ms = ? WHERE rowid = ?');
    const deleteFact = db.prepare('DELETE FROM facts WHERE rowid = ?');
    // Entity subjects only (never a vote's): facts_current_by_subject leaves votes out, so a vote adds no entry to it.
    const subjectFacts = db.prepare(
      `SELECT rowid AS _rowid, fact_id, fact_position, source_event_id, type, ${FACT_DATA} AS data, known_from_position FROM facts
       WHERE council_id = ? AND subject = ? AND known_to_position IS NULL AND type <> 'VoteCast' ORDER BY fact_position`,
    );
    const insertCorrection = db.prepare(
      `INSERT INTO corrections (position, council_id, event_id, target_event_id, fact_id, subject, action, original_type, replacement_type, reason, recorded_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const memberName = db.prepare<[string, string], { name: string }>(
      'SELECT name FROM members WHERE council_id = ? AND member_id = ? AND known_to_position IS NULL',
    ).pluck();

    const toVersion = (row: FactRow): FactVersion =>
      ({ factId: row.fact_id, factPosition: row.fact_position, sourceEventId: row.source_event_id, type: row.type, data: JSON.parse(row.data) }) as FactVersion;

    // Rebuild only: the open facts of each entity subject (by council and subject, in fact_position order)
    // and where each fact's versions are.
    const subjects = new Map<string, FactRow[]>();
    const factRows = rebuild ? new RowLocator() : undefined;
    const subjectKey = (councilId: string, subject: string) => `${councilId}\n${subject}`;

    const current: CurrentFacts = (councilId, subject) => {
      if (rebuild && isEntitySubject(subject)) return (subjects.get(subjectKey(councilId, subject)) ?? []).map(toVersion);
      return (subjectFacts.all(councilId, subject) as FactRow[]).map(toVersion);
    };
    const openFact = (factId: string, councilId: string): FactRow | undefined => {
      if (!factRows) return currentFact.get({ id: factId, c: councilId }) as FactRow | undefined;
      for (const rowid of factRows.candidates(factId)) {
        const row = readLocatedRow(factAt, 'facts', rowid, rowid, factId, councilId) as FactRow | undefined;
        if (row) return row;
      }
      return undefined;
    };
    // Member names as the members table holds them (each vote's description names its voter); a rebuild
    // keeps the members' open rows in memory (VersionedTable's mirror) and never reads the table.
    const members = membersProjector(db, current, context);
    const names = (councilId: string) => (memberId: string): string | undefined =>
      rebuild ? members.nameOf(councilId, memberId) : (memberName.get(councilId, memberId) as string | undefined);
    const changed = (change: FactChange) => {
      for (const project of derived) project(change);
    };

    const derived: DerivedProjector[] = [
      councilsProjector(db, current, context),
      members,
      officersProjector(db, current, context),
      motionsProjector(db, current, context),
      meetingsProjector(db, context),
      votesProjector(db, context),
      votePairsProjector(db, context),
      workingGroupsProjector(db, context),
      groupsProjector(db, context),
      electionsProjector(db, context),
    ];

    // `dataJson` is the version's data; facts.data keeps it only when it is not its event's own data.
    const openVersion = (councilId: string, fact: FactVersion, stamp: Stamp, dataJson: string, ownEvent: boolean) => {
      const valid = bounds(validDateOf(fact));
      const anomalies = (fact.data as { anomalies?: unknown[] }).anomalies;
      const subject = subjectOf(fact);
      const rowid = insertFact.run(
        councilId, fact.factId, fact.factPosition, fact.sourceEventId, fact.type, subject, valid.edtf, valid.earliest, valid.latest,
        describe(fact, names(councilId)), ownEvent ? null : dataJson, anomalies?.length ? JSON.stringify(anomalies) : null, stamp.position, stamp.ms,
      ).lastInsertRowid as number;
      if (!factRows) return;
      factRows.add(fact.factId, rowid);
      if (!isEntitySubject(subject)) return;
      const row: FactRow = {
        _rowid: rowid, fact_id: fact.factId, fact_position: fact.factPosition, source_event_id: fact.sourceEventId, type: fact.type,
        data: dataJson, known_from_position: stamp.position,
      };
      const key = subjectKey(councilId, subject);
      const list = subjects.get(key);
      if (!list) subjects.set(key, [row]);
      else {
        let i = list.length;
        while (i > 0 && list[i - 1].fact_position > row.fact_position) i -= 1;
        list.splice(i, 0, row);
      }
    };

    const closeVersion = (councilId: string, row: FactRow, before: FactVersion, stamp: Stamp) => {
      if (row.known_from_position >= stamp.position) deleteFact.run(row._rowid);
      else closeFact.run(stamp.position, stamp.ms, row._rowid);
      if (!rebuild) return;
      const key = subjectKey(councilId, subjectOf(before));
      const list = subjects.get(key);
      if (!list) return;
      const i = list.findIndex((r) => r._rowid === row._rowid);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) subjects.delete(key);
    };

    const correct = (event: ProjectedEvent & { type: 'FactCorrected' | 'FactRetracted' }, stamp: Stamp) => {
      const d = event.data;
      const row = openFact(d.eventId, event.councilId);
      const replacement = event.type === 'FactCorrected' ? event.data.replacement : undefined;
      // The subject of the version it corrects: what the lists' `corrections` count is keyed by.
      const before = row ? toVersion(row) : undefined;
      insertCorrection.run(
        stamp.position, event.councilId, event.id, d.eventId, row?.fact_id ?? null, before ? subjectOf(before) : null, replacement ? 'replace' : 'retract',
        d.originalType ?? null, replacement?.type ?? null, d.reason ?? null, stamp.ms,
      );
      // Like evolve(): a correction of a fact the record does not hold (or no longer holds) changes nothing.
      if (!row || !before) return;
      closeVersion(event.councilId, row, before, stamp);
      let after: FactVersion | undefined;
      if (replacement && isFactType(replacement.type)) {
        after = { factId: row.fact_id, factPosition: row.fact_position, sourceEventId: event.id, type: replacement.type, data: replacement.data } as FactVersion;
        openVersion(event.councilId, after, stamp, JSON.stringify(after.data), false);
      }
      changed({ councilId: event.councilId, factId: row.fact_id, before, after, stamp });
    };

    return (event: ProjectedEvent) => {
      const stamp: Stamp = { position: Number(event.position), ms: event.recordedAt.getTime() };
      const by = event.metadata.recordedBy;
      // As the store holds them when it read them as text (the same JSON: they were written by JSON.stringify).
      const data = event.json?.data ?? JSON.stringify(event.data);
      insertEvent.run(
        stamp.position, event.councilId, event.id, Number(event.revision), event.type, data,
        event.json?.metadata ?? JSON.stringify(event.metadata), stamp.ms, by?.tokenId ?? null, by?.label ?? null, by?.role ?? null,
      );
      if (event.type === 'FactCorrected' || event.type === 'FactRetracted') {
        correct(event, stamp);
        return;
      }
      const fact = { factId: event.id, factPosition: stamp.position, sourceEventId: event.id, type: event.type, data: event.data } as FactVersion;
      openVersion(event.councilId, fact, stamp, data, true);
      changed({ councilId: event.councilId, factId: event.id, after: fact, stamp });
    };
  },
};
