/**
 * Summarises a V8 .cpuprofile (written by node --cpu-prof): self time by function, and total (inclusive)
 * time for product functions, so docs/benchmarks.md can show what bounds a figure.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT, round } from './common';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileLine {
  fn: string;
  where: string;
  selfPct: number;
  totalPct: number;
}

function where(node: Node): string {
  const url = node.callFrame.url.replace(/^file:\/\//, '');
  if (!url) return '(native)';
  const rel = url.startsWith(ROOT) ? relative(ROOT, url).replace(/^dist\//, '').replace(/\.js$/, '.ts') : url.replace(/^.*node_modules\//, '');
  return `${rel}:${node.callFrame.lineNumber + 1}`;
}

export function summarizeProfile(path: string, top = 15): { self: ProfileLine[]; inclusive: ProfileLine[]; totalMs: number } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const hits = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Idle samples (the event loop waiting, e.g. on the network) are left out: percentages are of busy time.
  for (let i = 0; i < samples.length; i++) {
    if (byId.get(samples[i])!.callFrame.functionName === '(idle)') continue;
    hits.set(samples[i], (hits.get(samples[i]) ?? 0) + (deltas[i] ?? 0));
  }
  let total = 0;
  for (const v of hits.values()) total += v;
  const key = (n: Node) => `${n.callFrame.functionName || '(anonymous)'}\u0000${where(n)}`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, t] of hits) {
    const node = byId.get(id)!;
    self.set(key(node), (self.get(key(node)) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + t);
    }
  }
  const line = (k: string): ProfileLine => {
    const [fn, w] = k.split('\u0000');
    return { fn, where: w, selfPct: round((100 * (self.get(k) ?? 0)) / total, 1), totalPct: round((100 * (inclusive.get(k) ?? 0)) / total, 1) };
  };
  const ignore = /^\((root|program|idle)\)$/;
  const selfTop = [...self.keys()].filter((k) => !ignore.test(k.split('\u0000')[0])).sort((a, b) => self.get(b)! - self.get(a)!).slice(0, top).map(line);
  const inclTop = [...inclusive.keys()]
    .filter((k) => k.includes('src/') && !ignore.test(k.split('\u0000')[0]))
    .sort((a, b) => inclusive.get(b)! - inclusive.get(a)!)
    .slice(0, top)
    .map(line);
  return { self: selfTop, inclusive: inclTop, totalMs: round(total / 1000) };
}

if (require.main === module) {
  const s = summarizeProfile(process.argv[2], Number(process.argv[3] ?? 20));
  console.log(`total ${s.totalMs} ms\nSELF`);
  for (const l of s.self) console.log(`${String(l.selfPct).padStart(5)}% ${String(l.totalPct).padStart(5)}%  ${l.fn}  ${l.where}`);
  console.log('INCLUSIVE (src)');
  for (const l of s.inclusive) console.log(`${String(l.selfPct).padStart(5)}% ${String(l.totalPct).padStart(5)}%  ${l.fn}  ${l.where}`);
}
