import { createHash } from 'node:crypto';

export const CRASH_CANDIDATES = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];

/** The ballot a crash-test voter casts: up to 3 marks, derived from the voter id (so the parent knows it). */
export function marksFor(voterId: string): { list: string[] } {
  const h = createHash('sha1').update(voterId).digest();
  const picked = new Set<string>();
  for (let i = 0; i < h[0] % 4; i++) picked.add(CRASH_CANDIDATES[h[i + 1] % CRASH_CANDIDATES.length]);
  return { list: [...picked] };
}
