/**
 * Every spec under src/council/domain in one jest test file, for Stryker's `domain` scope only (stryker.config.mjs;
 * not a *.spec.ts, so `npm test` never runs it). Jest builds a fresh module registry for each test file: a domain
 * mutant covered by most specs (one in evolve.ts or state.ts) cost about 17 s of jest per run over 30 files,
 * and the folder's 2,800 mutants hours. Here each run loads the mutated modules once. Each spec keeps its own
 * describe block, named after its file.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', 'src', 'council', 'domain');

function specs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return specs(path);
    return entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = specs(root).sort();
if (files.length === 0) throw new Error(`no spec under ${root}`);
for (const file of files) {
  describe(relative(root, file), () => {
    require(file);
  });
}
