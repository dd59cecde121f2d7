import type { Database, Statement } from 'better-sqlite3';
import { ElectionCandidate, ElectionCommitteeMember, ElectionCuria, ElectionRules, ElectionFigures, SourceCitation } from '../../council/domain/events';
import { KNOWN_AT, parseJson } from './known-at';

/**
 * An election as the record states it. A figure or list the source does not give is left out of the
 * object (never 0 or []): `voters` absent means "not known", not "nobody voted".
 */
export interface ElectionView extends ElectionFigures {
  electionId: string;
  note?: string;
  anomalies?: unknown[];
  /** Members the record ties to this election (POST /members with electionId); absent when none is tied. */
  members?: Array<{ memberId: string; name: string; curia: string; rank?: number; votes?: number }>;
  source?: SourceCitation;
  eventId: string;
}

type Raw = Record<string, string | number | null>;

export class ElectionsQuery {
  private readonly elections: Statement;
  private readonly members: Statement;

  constructor(db: Database) {
    this.elections = db.prepare(
      `SELECT el.*, json_extract(e.metadata, '$.source') AS source
       FROM elections el JOIN events e ON e.event_id = el.source_event_id
       WHERE el.council_id = @c AND ${KNOWN_AT('el.')}
       ORDER BY el.held_earliest, el.held_latest, el.known_from_position`,
    );
    this.members = db.prepare(
      `SELECT member_id, name, curia, rank, votes, election_id FROM members
       WHERE council_id = @c AND election_id IS NOT NULL AND ${KNOWN_AT()}
       ORDER BY curia, rank IS NULL, rank, name`,
    );
  }

  list(councilId: string, position: number): ElectionView[] {
    const params = { c: councilId, p: position };
    const tied = new Map<string, NonNullable<ElectionView['members']>>();
    for (const m of this.members.all(params) as Raw[]) {
      const list = tied.get(m.election_id as string) ?? [];
      list.push(present({ memberId: m.member_id as string, name: m.name as string, curia: m.curia as string, rank: m.rank ?? undefined, votes: m.votes ?? undefined }) as never);
      tied.set(m.election_id as string, list);
    }
    return (this.elections.all(params) as Raw[]).map((r) =>
      present({
        electionId: r.election_id as string,
        heldOn: (r.held_edtf ?? undefined) as string | undefined,
        seats: r.seats ?? undefined,
        curiae: parseJson<ElectionCuria[]>(r.curiae as string | null),
        candidates: parseJson<ElectionCandidate[]>(r.candidates as string | null),
        candidateCount: r.candidate_count ?? undefined,
        electedCount: r.elected_count ?? undefined,
        voters: r.voters ?? undefined,
        committee: parseJson<ElectionCommitteeMember[]>(r.committee as string | null),
        rules: parseJson<ElectionRules>((r.rules ?? null) as string | null),
        note: r.note ?? undefined,
        anomalies: parseJson<unknown[]>(r.anomalies as string | null),
        members: tied.get(r.election_id as string),
        source: parseJson<SourceCitation>(r.source as string | null),
        eventId: r.source_event_id as string,
      }) as ElectionView,
    );
  }
}

/** The object without its undefined keys, so JSON leaves unknown figures out instead of writing null. */
function present<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}
