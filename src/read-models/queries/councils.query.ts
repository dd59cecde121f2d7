import type { Database, Statement } from 'better-sqlite3';

export interface CouncilSummaryRow {
  councilId: string;
  name: string;
  /** Absent when the record gives no founding date (issue 25). */
  foundedOn?: string;
  dissolvedOn: string | null;
  /** Absent when the record gives no seat count (issue 25): never 0. */
  seats?: number;
  curiae: Array<{ key: string; name: string; seats?: number }>;
  rules: { quorum: unknown; decision: string };
  election: unknown;
  /** Absent when the record does not say (never null). */
  type?: string;
  level?: string;
  parentCouncilId?: string;
}

type Raw = Record<string, unknown>;

/** The councils as the record currently states them (the rows no correction has closed). */
export class CouncilsQuery {
  private readonly all: Statement;
  private readonly one: Statement;

  constructor(db: Database) {
    const columns = `council_id, name, founded_edtf, dissolved_edtf, seats, curiae, quorum_rule, decision_rule, election, type, level, parent_council_id`;
    this.all = db.prepare(`SELECT ${columns} FROM councils WHERE known_to_position IS NULL ORDER BY founded_earliest, council_id`);
    this.one = db.prepare(`SELECT ${columns} FROM councils WHERE council_id = ? AND known_to_position IS NULL`);
  }

  list(): CouncilSummaryRow[] {
    return (this.all.all() as Raw[]).map(toSummary);
  }

  get(councilId: string): CouncilSummaryRow | undefined {
    const row = this.one.get(councilId) as Raw | undefined;
    return row ? toSummary(row) : undefined;
  }
}

function toSummary(r: Raw): CouncilSummaryRow {
  return {
    councilId: r.council_id as string,
    name: r.name as string,
    ...(r.founded_edtf !== null ? { foundedOn: r.founded_edtf as string } : {}),
    dissolvedOn: (r.dissolved_edtf as string | null) ?? null,
    ...(r.seats !== null ? { seats: r.seats as number } : {}),
    curiae: JSON.parse(r.curiae as string),
    rules: { quorum: JSON.parse(r.quorum_rule as string), decision: r.decision_rule as string },
    election: r.election ? JSON.parse(r.election as string) : null,
    ...(r.type !== null ? { type: r.type as string } : {}),
    ...(r.level !== null ? { level: r.level as string } : {}),
    ...(r.parent_council_id !== null ? { parentCouncilId: r.parent_council_id as string } : {}),
  };
}
