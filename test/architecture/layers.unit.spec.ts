import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The shape the code keeps: the domain (decide/evolve) depends on nothing outside its folder, and the
// cross-cutting layers (api, auth, event-store, config) never reach up into the slices and read models above.
const ROOT = resolve(__dirname, '../../src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every relative import of a file, resolved to a path under src/. */
function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((s) => relative(ROOT, resolve(dirname(file), s)));
}

function violations(layer: string, allowed: (target: string) => boolean): string[] {
  return sourceFiles(join(ROOT, layer)).flatMap((file) =>
    localImports(file)
      .filter((target) => !allowed(target))
      .map((target) => `${relative(ROOT, file)} imports ${target}`),
  );
}

describe('layers', () => {
  it('the domain imports nothing outside src/council/domain', () => {
    expect(violations('council/domain', (t) => t.startsWith('council/domain/'))).toEqual([]);
  });

  it('the votings domain imports nothing outside src/votings/domain', () => {
    expect(violations('votings/domain', (t) => t.startsWith('votings/domain/'))).toEqual([]);
  });

  // The pure domain is the bottom layer: anything may use its types and errors, nothing it does not own.
  it.each(['api', 'auth', 'event-store', 'config'])('%s reaches into neither council slices nor read-models', (layer) => {
    const upward = (t: string) => (t.startsWith('council/') && !t.startsWith('council/domain/')) || t.startsWith('read-models/');
    expect(violations(layer, (t) => !upward(t))).toEqual([]);
  });

  it('the checker sees imports (a file known to import the domain is found)', () => {
    // Guards the test above against passing because the scan found nothing.
    expect(localImports(join(ROOT, 'read-models/projection-runner.ts'))).toContain('council/domain/upcasting');
  });
});
