import { FactRoute } from '../http/fact-route';
import { SLUG } from '../http/slug';

interface Compiled {
  route: FactRoute;
  pattern: RegExp;
  names: string[];
}

export type Match = { route: FactRoute; params: Record<string, string> } | { error: 'unknown-path' | 'invalid-id'; detail: string };

/** Finds the route a batch item's path names, with its parameters (slugs, like the endpoints' SlugPipe). */
export class RouteMatcher {
  private readonly compiled: Compiled[];

  constructor(routes: readonly FactRoute[]) {
    const seen = new Set<string>();
    this.compiled = routes.map((route) => {
      if (seen.has(route.path)) throw new Error(`Batch route ${route.path} is registered twice`);
      seen.add(route.path);
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((part) => {
          if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(part.slice(1));
          return '([^/]+)';
        })
        .join('/');
      return { route, pattern: new RegExp(`^${source}/?$`), names };
    });
  }

  get paths(): string[] {
    return this.compiled.map((c) => c.route.path);
  }

  match(path: string): Match {
    for (const { route, pattern, names } of this.compiled) {
      const found = pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      for (const [i, name] of names.entries()) {
        let value: string;
        try {
          value = decodeURIComponent(found[i + 1]);
        } catch {
          value = found[i + 1];
        }
        if (!SLUG.test(value)) {
          return { error: 'invalid-id', detail: `${JSON.stringify(value.slice(0, 100))} is not a valid ${name} (lowercase letters, digits and hyphens).` };
        }
        params[name] = value;
      }
      return { route, params };
    }
    return { error: 'unknown-path', detail: `${JSON.stringify(path.slice(0, 200))} is not a path a batch takes (${this.paths.join(', ')}).` };
  }
}
