import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Transpiles a child-process entry point and every repository file it imports (relative imports) to
 * CommonJS in `outDir`, once, so that crash tests fork plain `node` on JavaScript: a child that starts in
 * a fraction of the time ts-node needs, which matters when it is started and killed twenty times.
 * Returns the path of the entry point's JavaScript. Packages resolve from the repository's node_modules.
 */
export function transpileWorker(entry: string, outDir: string): string {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile).config as { compilerOptions: object };
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
  const compilerOptions: ts.CompilerOptions = { ...options, module: ts.ModuleKind.CommonJS, sourceMap: false, declaration: false, noEmit: false };
  const seen = new Set<string>();
  const queue = [resolve(entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const out = ts.transpileModule(source, { compilerOptions, fileName: file }).outputText;
    const target = join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out);
    for (const match of out.matchAll(/require\((["'])(\.{1,2}\/[^"']+)\1\)/g)) {
      const base = resolve(dirname(file), match[2]);
      const candidate = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
      if (candidate) queue.push(candidate);
    }
  }
  return join(outDir, relative(ROOT, resolve(entry))).replace(/\.ts$/, '.js');
}

export const NODE_PATH = join(ROOT, 'node_modules');
