/**
 * Agreement between pairs of members over the motions both voted on, in O(voters² × motions / 32): each
 * member's ballots are bit sets, one bit per motion: "voted", and the bits of the choice's code (two
 * planes for yes/no/abstain). A pair's shared motions are the popcount of the ANDed "voted" words, and
 * its same choices the popcount of those bits where no plane differs. The former way (every voter pair of
 * every motion in a Map keyed by strings) needed 16 s and 1.2 GB for 2,000 votes on one motion.
 */

export interface PairCount {
  /** Member indices (index order is id order), a < b. */
  a: number;
  b: number;
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
  return y.agreement - x.agreement || y.motions - x.motions || x.a - y.a || x.b - y.b;
}

/**
 * `voters` and `codes`: per motion, the vote rows in record order (member index, choice code; a member's
 * last row is their ballot); `members` indices and `choiceCount` codes in all. Returns the first `limit`
 * pairs that shared at least `minMotions` motions, in report order, and how many pairs did.
 */
export function pairAgreement(
  voters: readonly Int32Array[], codes: readonly Uint16Array[], members: number, choiceCount: number, limit: number, minMotions: number,
): { pairs: PairCount[]; total: number } {
  const motions = voters.length;
  // Only members who voted at all take part (index order kept, so a < b still means id order).
  const slot = new Int32Array(members).fill(-1);
  for (const list of voters) for (const m of list) slot[m] = 0;
  const who: number[] = [];
  for (let m = 0; m < members; m++) if (slot[m] === 0) slot[m] = who.push(m) - 1;
  const planes = choiceCount <= 1 ? 0 : 32 - Math.clz32(choiceCount - 1);
  const words = Math.ceil(motions / 32);
  // per voter, per word: [voted][plane 0]...[plane planes-1]
  const lane = 1 + planes;
  const stride = words * lane;
  const bits = new Int32Array(who.length * stride);
  for (let motion = 0; motion < motions; motion++) {
    const bit = 1 << (motion & 31);
    const offset = (motion >>> 5) * lane;
    const list = voters[motion];
    const choice = codes[motion];
    for (let k = 0; k < list.length; k++) {
      const base = slot[list[k]] * stride + offset;
      bits[base] |= bit;
      // A later row of the same member replaces the earlier one: every plane is set or cleared.
      for (let p = 0; p < planes; p++) {
        if ((choice[k] >>> p) & 1) bits[base + 1 + p] |= bit;
        else bits[base + 1 + p] &= ~bit;
      }
    }
  }
  let kept: PairCount[] = [];
  let total = 0;
  let worst: PairCount | undefined;
  const n = who.length;
  for (let i = 0; i < n; i++) {
    const bi = i * stride;
    for (let j = i + 1; j < n; j++) {
      const bj = j * stride;
      let shared = 0;
      let same = 0;
      for (let w = 0; w < stride; w += lane) {
        const both = bits[bi + w] & bits[bj + w];
        if (both === 0) continue;
        shared += BITS16[both & 0xffff] + BITS16[both >>> 16];
        let differ = 0;
        for (let p = 1; p < lane; p++) differ |= bits[bi + w + p] ^ bits[bj + w + p];
        const equal = both & ~differ;
        same += BITS16[equal & 0xffff] + BITS16[equal >>> 16];
      }
      if (shared === 0 || shared < minMotions) continue;
      total++;
      const agreement = round(same / shared);
      // Below the kept pairs' worst (agreement, then motions; a and b only grow): cannot be among the first `limit`.
      if (worst && (agreement < worst.agreement || (agreement === worst.agreement && shared <= worst.motions))) continue;
      kept.push({ a: who[i], b: who[j], motions: shared, same, agreement });
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
