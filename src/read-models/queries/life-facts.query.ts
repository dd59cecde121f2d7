import type { Database, Statement } from 'better-sqlite3';
import type { CouncilEventMap, MemberRef } from '../../council/domain/events';
import { KNOWN_AT, parseJson } from './known-at';

/**
 * Issue 25: the facts of a council's life that have no table of their own — member statuses, the council's
 * description, its bodies, statements by part of its members — read from the bitemporal `facts` table by
 * type (index facts_by_type): as known at position P, and, where a day is asked, in force on it.
 */
interface LifeRow<T> {
  data: T;
  edtf: string;
  earliest: number;
  latest: number;
  source: unknown;
  eventId: string;
}

type Raw = Record<string, string | number | null>;

export interface MemberStatusView {
  memberId: string;
  status: string;
  since: string;
  /** False when the status's date may be after the day asked about (then it may not yet hold). */
  certain: boolean;
  note?: string;
}

export interface CouncilDescriptionView {
  abbreviations?: string[];
  ideology?: string[];
  term?: string;
  convocation?: number;
  describedOn: string;
  sources: unknown[];
}

export interface CouncilBodyView {
  bodyId: string;
  kind: string;
  name?: string;
  count?: number;
  formedOn: string;
  membersKnown: boolean;
  members?: MemberRef[];
  note?: string;
  source: unknown;
  eventId: string;
}

export interface MembersStatementView {
  statementId: string;
  title: string;
  issuedOn: string;
  signatories?: MemberRef[];
  signatoryCount?: number;
  note?: string;
  source: unknown;
  eventId: string;
}

export class LifeFactsQuery {
  private readonly byType: Statement;

  constructor(db: Database) {
    this.byType = db.prepare(
      `SELECT COALESCE(f.data, e.data) AS data, f.valid_edtf, f.valid_earliest, f.valid_latest, f.source_event_id,
              json_extract(e.metadata, '$.source') AS source
       FROM facts f INDEXED BY facts_by_type JOIN events e ON e.event_id = f.source_event_id
       WHERE f.council_id = @c AND f.type = @t AND f.valid_earliest <= @d AND ${KNOWN_AT('f.')}
       ORDER BY f.valid_earliest, f.valid_latest, f.fact_position`,
    );
  }

  private rows<K extends keyof CouncilEventMap>(councilId: string, type: K, position: number, day = Number.MAX_SAFE_INTEGER): Array<LifeRow<CouncilEventMap[K]>> {
    return (this.byType.all({ c: councilId, t: type, p: position, d: day }) as Raw[]).map((r) => ({
      data: JSON.parse(r.data as string) as CouncilEventMap[K],
      edtf: r.valid_edtf as string,
      earliest: r.valid_earliest as number,
      latest: r.valid_latest as number,
      source: parseJson(r.source as string | null) ?? null,
      eventId: r.source_event_id as string,
    }));
  }

  /** Each member's latest status that may have begun by the day (the one with the latest start wins). */
  statusesOn(councilId: string, day: number, position: number): MemberStatusView[] {
    const latest = new Map<string, MemberStatusView>();
    for (const r of this.rows(councilId, 'MemberStatusChanged', position, day)) {
      latest.set(r.data.memberId, { memberId: r.data.memberId, status: r.data.status, since: r.edtf, certain: r.latest <= day, ...(r.data.note ? { note: r.data.note } : {}) });
    }
    return [...latest.values()].sort((a, b) => a.memberId.localeCompare(b.memberId));
  }

  /** Every status on record, in date order (a member's history). */
  statuses(councilId: string, position: number): Array<MemberStatusView & { source: unknown; eventId: string }> {
    return this.rows(councilId, 'MemberStatusChanged', position).map((r) => ({
      memberId: r.data.memberId,
      status: r.data.status,
      since: r.edtf,
      certain: true,
      ...(r.data.note ? { note: r.data.note } : {}),
      source: r.source,
      eventId: r.eventId,
    }));
  }

  /** The descriptions on record, later ones adding to (and overriding) earlier ones; undefined when none. */
  description(councilId: string, position: number): CouncilDescriptionView | undefined {
    const rows = this.rows(councilId, 'CouncilDescribed', position);
    if (rows.length === 0) return undefined;
    const view: CouncilDescriptionView = { describedOn: rows[0].edtf, sources: [] };
    for (const r of rows) {
      const { abbreviations, ideology, term, convocation } = r.data;
      Object.assign(view, JSON.parse(JSON.stringify({ abbreviations, ideology, term, convocation })) as object);
      view.sources.push(r.source);
    }
    return view;
  }

  /** Council bodies formed by the day (every body when no day is given). */
  bodies(councilId: string, position: number, day?: number): CouncilBodyView[] {
    return this.rows(councilId, 'CouncilBodyFormed', position, day).map((r) => ({
      bodyId: r.data.bodyId,
      kind: r.data.kind,
      ...(r.data.name !== undefined ? { name: r.data.name } : {}),
      ...(r.data.count !== undefined ? { count: r.data.count } : {}),
      formedOn: r.edtf,
      membersKnown: r.data.members !== undefined,
      ...(r.data.members !== undefined ? { members: r.data.members } : {}),
      ...(r.data.note ? { note: r.data.note } : {}),
      source: r.source,
      eventId: r.eventId,
    }));
  }

  statements(councilId: string, position: number): MembersStatementView[] {
    return this.rows(councilId, 'MembersStatementIssued', position).map((r) => ({
      statementId: r.data.statementId,
      title: r.data.title,
      issuedOn: r.edtf,
      ...(r.data.signatories !== undefined ? { signatories: r.data.signatories } : {}),
      ...(r.data.signatoryCount !== undefined ? { signatoryCount: r.data.signatoryCount } : {}),
      ...(r.data.note ? { note: r.data.note } : {}),
      source: r.source,
      eventId: r.eventId,
    }));
  }
}
