import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BallotPool, PoolRandom } from '../../src/votings/application/ballot-pool';
import { seeded } from './fixture';

/**
 * The ballot pool on a real SQLite file: the shuffle checked deterministically (keys injected in casting
 * order, so only the shuffle can break that order; the shuffle's generator seeded), and the unique voter
 * index checked against the race it exists for (two loads of a voting, or two pools on one file, both
 * letting the same voter's ballot through the service's own check).
 */
describe('ballot pool (integration, real SQLite)', () => {
  let dir: string;
  const pools: BallotPool[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ballot-pool-'));
  });
  afterEach(() => {
    for (const p of pools.splice(0)) p.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = (random?: PoolRandom) => {
    const pool = new BallotPool(join(dir, 'pool.sqlite'), 'NORMAL', random);
    pools.push(pool);
    return pool;
  };

  /** Keys that increase with each row written (casting order = key order), and a seeded shuffle. */
  function inCastingOrder(seed: number): PoolRandom {
    let n = 0;
    const rand = seeded(seed);
    return {
      key: () => {
        const key = Buffer.alloc(16);
        key.writeUInt32BE(++n, 12);
        return key;
      },
      below: (k) => Math.floor(rand() * k),
    };
  }

  it('seals each batch in a uniformly shuffled order, unrelated to the order of casting (seeded, deterministic)', async () => {
    const pool = open(inCastingOrder(20261205));
    const BATCHES = 200;
    const SIZE = 10;
    let rhoSum = 0;
    let unchanged = 0;
    const firstLandsAt = new Array<number>(SIZE).fill(0);
    for (let b = 0; b < BATCHES; b++) {
      for (let i = 0; i < SIZE; i++) await pool.add('v', `voter-${b}-${i}`, `r-${b}-${i}`, { all: ['a'] });
      const sealed = pool.seal('v', b, SIZE);
      expect(sealed.ballots).toHaveLength(SIZE);
      const castIndex = sealed.ballots.map((x) => Number(x.receipt.split('-')[2]));
      expect([...castIndex].sort((x, y) => x - y)).toEqual([...Array(SIZE).keys()]); // a permutation: nothing lost or doubled
      if (castIndex.every((c, i) => c === i)) unchanged++;
      rhoSum += spearman(castIndex);
      firstLandsAt[castIndex.indexOf(0)]++;
      pool.drop('v', b);
    }
    // Without the shuffle every batch keeps casting order (ρ = 1): this fails on every run.
    expect(unchanged).toBeLessThan(3); // 200 × 1/10! expected ≈ 0.00006
    expect(Math.abs(rhoSum / BATCHES)).toBeLessThan(0.1);
    // Uniform: the first ballot cast lands on every position (a Sattolo-style off-by-one never leaves it in
    // place), and no position is favoured (χ² with 9 degrees of freedom below its 0.1 % quantile, 27.88).
    expect(firstLandsAt.every((n) => n > 0)).toBe(true);
    const expected = BATCHES / SIZE;
    expect(firstLandsAt.reduce((chi, n) => chi + (n - expected) ** 2 / expected, 0)).toBeLessThan(27.88);
  });

  it('a voter whose ballot reaches the pool twice at once is let in once: in one group commit, and from two pools on one file', async () => {
    const pool = open();
    const inOneGroup = await Promise.all([pool.add('v', 'voter-1', 'r-a', { all: ['a'] }), pool.add('v', 'voter-1', 'r-b', { all: ['b'] })]);
    expect(inOneGroup.sort()).toEqual([false, true]);
    // Two loads of the voting (or two processes) each passed the service's check: the pool's unique index decides.
    const other = open();
    const racing = await Promise.all([pool.add('v', 'voter-2', 'r-c', { all: ['a'] }), other.add('v', 'voter-2', 'r-d', { all: ['b'] })]);
    expect(racing.sort()).toEqual([false, true]);
    expect(pool.pendingVoters('v').sort()).toEqual(['voter-1', 'voter-2']);
    expect(pool.unsealedCount('v')).toBe(2);
    // The same voter in another voting is another participation.
    expect(await other.add('w', 'voter-1', 'r-e', { all: ['a'] })).toBe(true);
  });
});

/** Spearman's rank correlation between positions 0..n-1 and the given distinct values. */
function spearman(values: number[]): number {
  const n = values.length;
  const d2 = values.reduce((s, v, i) => s + (v - i) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}
