import { createHash } from 'node:crypto';

/** Case-, diacritics- and whitespace-insensitive form of a name: "  Daniil  KONSTANTÍNOV " → "daniil konstantinov". */
export function normalizeName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

// Russian/Ukrainian/Belarusian Cyrillic to Latin (BGN/PCGN-like, simplified), so that default ids of
// councils and members named in Cyrillic stay readable: "Координационный совет" → "koordinatsionnyy-sovet".
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u',
};

function transliterate(value: string): string {
  // Before NFKD, which would split й and ё into a base letter and a combining mark.
  return value.toLowerCase().replace(/[Ѐ-ӿ]/g, (c) => CYRILLIC[c] ?? c);
}

/** An ASCII slug for default ids: "Alexei Navalny" → "alexei-navalny", "Народный совет" → "narodnyy-sovet". */
export function slugify(value: string, fallback: string, maxLength = 60): string {
  const slug = normalizeName(transliterate(value))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
  return slug === '' ? fallback : slug;
}

/** A council id from its name (transliterated); a name with no letters to keep gets a stable hashed id. */
export function councilIdFromName(name: string): string {
  return slugify(name, `council-${createHash('sha1').update(name).digest('hex').slice(0, 8)}`, 80);
}

/** `base`, else `base-2`, `base-3`, ... whichever is free. */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/** Drops keys whose value is undefined, so events carry only what the source gives. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
