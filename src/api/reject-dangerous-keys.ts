import { ProblemException } from './problem-details.filter';
import { problem } from './problem';

/**
 * `__proto__`, `constructor`, `prototype`, and every other name Object.prototype carries (toString,
 * valueOf, hasOwnProperty, ...): class-transformer silently skips such keys when it builds a DTO, so
 * forbidNonWhitelisted never sees them and an unknown field would be dropped instead of refused.
 */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);
const MAX_DEPTH = 32;

function findDangerousKey(value: unknown, path: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return `${path} (nested deeper than ${MAX_DEPTH} levels)`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findDangerousKey(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN.has(key)) return at;
      const found = findDangerousKey((value as Record<string, unknown>)[key], at, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * JSON.parse keeps "__proto__" as an own key; copying such a body into class instances could change
 * their prototype. No field of this API has such a name (nor any other Object.prototype name), so a
 * body that uses one is refused outright (400), right after it is parsed (see body-reader.ts).
 */
export function rejectDangerousKeys(body: unknown): void {
  const found = findDangerousKey(body, '', 0);
  if (!found) return;
  throw new ProblemException(
    problem(400, 'validation', 'Invalid request', `${found}: this key is not allowed`, {
      errors: [{ field: found, message: 'this key is not allowed' }],
    }),
  );
}
