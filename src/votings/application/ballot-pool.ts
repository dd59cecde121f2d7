import Database, { Database as Db, Statement } from 'better-sqlite3';
import { randomBytes, randomInt } from 'node:crypto';
import { CastBallotRecord, Marks } from '../domain/events';

interface PendingCast {
  votingId: string;
  voterId: string;
  receipt: string;
  marks: string;
  resolve: (added: boolean) => void;
  reject: (error: unknown) => void;
}

/** Batches between two truncations of the pool's write-ahead log. */
const TRUNCATE_EVERY = 5;

/**
 * Where the pool's randomness comes from: the rows' keys and the shuffle. Cryptographic by default; a test
 * injects its own (keys in casting order, a seeded shuffle) to check the shuffle deterministically.
 */
export interface PoolRandom {
  /** A row key (16 bytes). */
  key(): Buffer;
  /** A uniformly random integer in [0, n). */
  below(n: number): number;
}

export const CRYPTO_RANDOM: PoolRandom = { key: () => randomBytes(16), below: (n) => randomInt(n) };

export interface SealedBatch {
  batch: number;
  voterIds: string[];
  ballots: CastBallotRecord[];
}

/**
 * The pool where accepted ballots wait, durably, until they are appended to the event store in a batch.
 *
 * Secrecy by construction: a ballot row and its voter's participation row are two rows in two tables that
 * share nothing — no id, no time, no sequence. Each row's primary key is 128 random bits and the tables are
 * WITHOUT ROWID, so neither the keys nor the storage order follow the order of casting. Deleted rows are
 * overwritten (`secure_delete`) and the write-ahead log is truncated after each batch leaves the pool.
 *
 * Durability: a cast is acknowledged only once its transaction (participation row + ballot row, together)
 * has committed. Concurrent casts are committed together (group commit), as the event store does.
 */
export class BallotPool {
  private readonly db: Db;
  private queue: PendingCast[] = [];
  private scheduled = false;
  private drops = 0;
  private readonly insertParticipation: Statement;
  private readonly insertBallot: Statement;
  private readonly writeGroup: { immediate(group: PendingCast[]): boolean[] };

  constructor(path: string, synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA', private readonly random: PoolRandom = CRYPTO_RANDOM) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.pragma('secure_delete = ON');
    this.db.pragma('journal_size_limit = 0');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS pending_participation (
        k BLOB PRIMARY KEY, voting_id TEXT NOT NULL, voter_id TEXT NOT NULL, batch INTEGER
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX IF NOT EXISTS pending_participation_voter ON pending_participation (voting_id, voter_id);
      CREATE TABLE IF NOT EXISTS pending_ballots (
        k BLOB PRIMARY KEY, voting_id TEXT NOT NULL, receipt TEXT NOT NULL, marks TEXT NOT NULL, batch INTEGER, ord INTEGER
      ) WITHOUT ROWID;
    `);
    this.insertParticipation = this.db.prepare('INSERT OR IGNORE INTO pending_participation (k, voting_id, voter_id) VALUES (?, ?, ?)');
    this.insertBallot = this.db.prepare('INSERT INTO pending_ballots (k, voting_id, receipt, marks) VALUES (?, ?, ?, ?)');
    this.writeGroup = this.db.transaction((group: PendingCast[]) => {
      // A voter already in the pool adds nothing (its ballot is refused); the others are written.
      return group.map((p) => {
        if (this.insertParticipation.run(this.random.key(), p.votingId, p.voterId).changes === 0) return false;
        this.insertBallot.run(this.random.key(), p.votingId, p.receipt, p.marks);
        return true;
      });
    });
  }

  /**
   * Resolves with true once the ballot and its voter's participation are durable (never one without the
   * other), with false when the voter's participation is in the pool already (nothing is written).
   */
  add(votingId: string, voterId: string, receipt: string, marks: Marks): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ votingId, voterId, receipt, marks: JSON.stringify(marks), resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    let added: boolean[];
    try {
      added = this.writeGroup.immediate(group);
    } catch (error) {
      for (const p of group) p.reject(error);
      return;
    }
    group.forEach((p, i) => p.resolve(added[i]));
  }

  /** Voting ids with anything in the pool. */
  votings(): string[] {
    return (this.db.prepare('SELECT DISTINCT voting_id AS v FROM pending_participation').all() as Array<{ v: string }>).map((r) => r.v);
  }

  /** Every voter of the voting whose ballot is in the pool (sealed or not). */
  pendingVoters(votingId: string): string[] {
    return (this.db.prepare('SELECT voter_id AS v FROM pending_participation WHERE voting_id = ?').all(votingId) as Array<{ v: string }>).map((r) => r.v);
  }

  /** The marks of the waiting ballot with this receipt, if any (a keyed retry looks its ballot up). */
  ballotMarks(votingId: string, receipt: string): Marks | undefined {
    const row = this.db.prepare('SELECT marks FROM pending_ballots WHERE voting_id = ? AND receipt = ?').get(votingId, receipt) as { marks: string } | undefined;
    return row ? (JSON.parse(row.marks) as Marks) : undefined;
  }

  /** How many ballots of the voting are in the pool and not yet in a sealed batch. */
  unsealedCount(votingId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM pending_ballots WHERE voting_id = ? AND batch IS NULL').get(votingId) as { n: number }).n;
  }

  /** The batch sealed and not yet dropped, if any (a crash may leave one behind). */
  sealed(votingId: string): SealedBatch | undefined {
    const row = this.db.prepare('SELECT batch FROM pending_ballots WHERE voting_id = ? AND batch IS NOT NULL LIMIT 1').get(votingId) as { batch: number } | undefined;
    if (!row) return undefined;
    return this.readBatch(votingId, row.batch);
  }

  /**
   * Seals up to `limit` ballots (and as many participations) as batch `batch`, in one transaction: the
   * rows are taken in the order of their random keys and the ballots given a uniformly shuffled order.
   */
  seal(votingId: string, batch: number, limit: number): SealedBatch {
    this.db.transaction(() => {
      const ballots = this.db.prepare('SELECT k FROM pending_ballots WHERE voting_id = ? AND batch IS NULL LIMIT ?').all(votingId, limit) as Array<{ k: Buffer }>;
      const voters = this.db.prepare('SELECT k FROM pending_participation WHERE voting_id = ? AND batch IS NULL LIMIT ?').all(votingId, ballots.length) as Array<{ k: Buffer }>;
      const order = shuffled(ballots.length, this.random);
      const setBallot = this.db.prepare('UPDATE pending_ballots SET batch = ?, ord = ? WHERE k = ?');
      ballots.forEach((b, i) => setBallot.run(batch, order[i], b.k));
      const setVoter = this.db.prepare('UPDATE pending_participation SET batch = ? WHERE k = ?');
      for (const v of voters) setVoter.run(batch, v.k);
    }).immediate();
    return this.readBatch(votingId, batch);
  }

  /**
   * Removes a batch once the event store holds it. The freed pages are zeroed (secure_delete); the
   * write-ahead log, which still holds the commits the rows arrived in, is truncated every
   * TRUNCATE_EVERY batches and whenever the pool is empty (always at closing).
   */
  drop(votingId: string, batch: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM pending_ballots WHERE voting_id = ? AND batch = ?').run(votingId, batch);
      this.db.prepare('DELETE FROM pending_participation WHERE voting_id = ? AND batch = ?').run(votingId, batch);
    }).immediate();
    this.drops += 1;
    const empty = this.db.prepare('SELECT 1 FROM pending_ballots LIMIT 1').get() === undefined;
    if (empty || this.drops % TRUNCATE_EVERY === 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private readBatch(votingId: string, batch: number): SealedBatch {
    const ballots = (this.db.prepare('SELECT receipt, marks FROM pending_ballots WHERE voting_id = ? AND batch = ? ORDER BY ord').all(votingId, batch) as Array<{ receipt: string; marks: string }>).map(
      (r) => ({ receipt: r.receipt, marks: JSON.parse(r.marks) as Marks }),
    );
    const voterIds = (this.db.prepare('SELECT voter_id AS v FROM pending_participation WHERE voting_id = ? AND batch = ?').all(votingId, batch) as Array<{ v: string }>).map((r) => r.v);
    return { batch, voterIds, ballots };
  }
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates with a cryptographic source). */
export function shuffled(n: number, random: PoolRandom = CRYPTO_RANDOM): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.below(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
