/**
 * Agreement between pairs of members over the motions both voted on, in O(members² × motions / 32):
 * each member's votes are bit sets (one bit per motion: voted at all, and one set per choice), so a pair's
 * shared motions and same choices are popcounts of ANDed words. The former way (every voter pair of every
 * motion in a Map keyed by strings) needed 16 s and 1.2 GB for 2,000 votes on one motion.
 */

export interface PairCount {
  a: string;
  b: string;
  motions: number;
  same: number;
  agreement: number;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Set bits of every 16-bit value. */
const BITS16 = new Uint8Array(1 << 16);
for (let i = 1; i < BITS16.length; i++) BITS16[i] = (i & 1) + BITS16[i >>> 1];

/** Pair order of the report: agreement (rounded) down, shared motions down, then a, b. */
function better(x: PairCount, y: PairCount): number {
  return y.agreement - x.agreement || y.motions - x.motions || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0);
}

/**
 * `ballots`: per motion, member → choice (each member's last vote on it). Returns the first `limit` pairs
 * (a < b by id) that shared at least `minMotions` motions, in report order, and how many pairs did.
 */
export function pairAgreement(ballots: Iterable<Map<string, string>>, limit: number, minMotions: number): { pairs: PairCount[]; total: number } {
  const motions = [...ballots];
  const memberIds = [...new Set(motions.flatMap((b) => [...b.keys()]))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const index = new Map(memberIds.map((id, i) => [id, i]));
  const choices = new Map<string, number>();
  for (const ballot of motions) for (const choice of ballot.values()) if (!choices.has(choice)) choices.set(choice, choices.size);
  const words = Math.ceil(motions.length / 32);
  // per member: [voted words][choice 0 words][choice 1 words]...
  const stride = words * (1 + choices.size);
  const bits = new Int32Array(memberIds.length * stride);
  motions.forEach((ballot, motion) => {
    const word = motion >>> 5;
    const bit = 1 << (motion & 31);
    for (const [member, choice] of ballot) {
      const base = index.get(member)! * stride;
      bits[base + word] |= bit;
      bits[base + words * (1 + choices.get(choice)!) + word] |= bit;
    }
  });
  let kept: PairCount[] = [];
  let total = 0;
  let worst: PairCount | undefined;
  const n = memberIds.length;
  for (let i = 0; i < n; i++) {
    const bi = i * stride;
    for (let j = i + 1; j < n; j++) {
      const bj = j * stride;
      let shared = 0;
      for (let w = 0; w < words; w++) {
        const x = bits[bi + w] & bits[bj + w];
        shared += BITS16[x & 0xffff] + BITS16[x >>> 16];
      }
      if (shared === 0 || shared < minMotions) continue;
      let same = 0;
      for (let w = words; w < stride; w++) {
        const x = bits[bi + w] & bits[bj + w];
        same += BITS16[x & 0xffff] + BITS16[x >>> 16];
      }
      total++;
      const agreement = round(same / shared);
      // Below the kept pairs' worst (agreement, then motions; a and b only grow): cannot be among the first `limit`.
      if (worst && (agreement < worst.agreement || (agreement === worst.agreement && shared <= worst.motions))) continue;
      kept.push({ a: memberIds[i], b: memberIds[j], motions: shared, same, agreement });
      if (kept.length >= 2 * limit + 64) {
        kept.sort(better);
        kept = kept.slice(0, limit);
        worst = kept[kept.length - 1];
      }
    }
  }
  kept.sort(better);
  return { pairs: kept.slice(0, limit), total };
}
