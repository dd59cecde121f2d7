import { TestApp } from '../helpers/test-app';

/** A deterministic pseudo-random source (mulberry32), so a generated election is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `fn` over `items` with at most `width` in flight. */
export async function inChunks<T, R>(items: T[], width: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** Picks `k` distinct indexes from 0..n-1, favouring low indexes (popular candidates) so results are clear. */
export function pick(rand: () => number, n: number, k: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < k) chosen.add(Math.min(n - 1, Math.floor(n * rand() ** 2)));
  return [...chosen];
}

/** Counts marks independently of the service: candidateId → marks, per ballot key. */
export function countMarks(ballots: Array<Record<string, string[]>>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const b of ballots) {
    for (const [key, ids] of Object.entries(b)) {
      const m = out.get(key) ?? new Map<string, number>();
      for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
      out.set(key, m);
    }
  }
  return out;
}

export async function foundCouncil(t: TestApp, councilId: string, seats: number, curiae: Array<{ key: string; name: string; seats: number }>) {
  const res = await t.http().post('/api/councils').set(t.admin).send({ councilId, name: councilId, foundedOn: '2012-01-01', seats, curiae });
  if (res.status !== 201) throw new Error(`council: ${res.status} ${JSON.stringify(res.body)}`);
}

export function instant(offsetMs: number): string {
  return new Date(Date.now() + offsetMs).toISOString();
}
