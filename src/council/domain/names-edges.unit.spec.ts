import { elected, founded } from './fixtures';
import { stateOf } from './given-when-then';
import { councilIdFromName, levenshtein, slugify, uniqueId } from './names';
import { resolveMember } from './resolve-member';

/** Focused tests of names.ts and the near-miss suggestions (mutation testing found them untested). */
describe('slugify: the exact shape of a default id', () => {
  it('joins runs of punctuation and spaces with one hyphen and trims hyphens at both ends', () => {
    expect(slugify('a, b', 'x')).toBe('a-b');
    expect(slugify('  --Alpha & Beta!!  ', 'x')).toBe('alpha-beta');
    expect(slugify('-a-', 'x')).toBe('a');
  });

  it('cuts at maxLength and drops a hyphen left at the cut', () => {
    expect(slugify('abcde fgh', 'x', 6)).toBe('abcde');
    expect(slugify('abcdef', 'x', 3)).toBe('abc');
    expect(slugify('a'.repeat(70), 'x')).toBe('a'.repeat(60));
  });

  it('a council id from its name allows 80 characters; a name with nothing to keep gets a stable hashed id', () => {
    expect(councilIdFromName('b'.repeat(90))).toBe('b'.repeat(80));
    expect(councilIdFromName('中文')).toMatch(/^council-[0-9a-f]{8}$/);
    expect(councilIdFromName('中文')).toBe(councilIdFromName('中文'));
    expect(councilIdFromName('中文')).not.toBe(councilIdFromName('日本'));
  });
});

describe('uniqueId', () => {
  it('gives the base when free, else the first free of base-2, base-3, ...', () => {
    expect(uniqueId('kim', () => false)).toBe('kim');
    const taken = new Set(['kim', 'kim-2', 'kim-3']);
    expect(uniqueId('kim', (id) => taken.has(id))).toBe('kim-4');
    expect(uniqueId('lee', (id) => id === 'lee')).toBe('lee-2');
  });
});

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('abc', 'abc')).toBe(0);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', '')).toBe(3);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('flaw', 'lawn')).toBe(2);
    expect(levenshtein('ab', 'ba')).toBe(2);
    expect(levenshtein('gudkov', 'gudkow')).toBe(1);
  });
});

describe('near-miss suggestions for an unknown name', () => {
  const state = stateOf([
    founded,
    elected('ivanova', { name: 'Anna Ivanova' }),
    elected('ivanov', { name: 'Boris Ivanov' }),
    elected('petrov', { name: 'Pyotr Petrov', aliases: ['Petr Petroff'] }),
    elected('sidorov', { name: 'Semyon Sidorov' }),
    elected('kuznetsov', { name: 'Kirill Kuznetsov' }),
  ]);
  const suggest = (name: string) => {
    const r = resolveMember(state, name);
    if (r.kind !== 'unknown') throw new Error(`expected unknown, got ${r.kind}`);
    return r.candidates.map((c) => c.memberId);
  };

  it('lists the members sharing a word first, nearest first, at most three', () => {
    // "ivanov" is a word of Boris Ivanov's name; "Anna Ivanova" shares none and is 5 edits away (limit 3).
    expect(suggest('Ivan Ivanov')).toEqual(['ivanov']);
    // Both share a word; Pyotr Petrov is nearer (5 edits, against 7 for the id "ivanov").
    expect(suggest('Ivanov Petrov')).toEqual(['petrov', 'ivanov']);
    expect(suggest('Anna Petrov Sidorov Kuznetsov').length).toBe(3);
  });

  it('takes a close spelling within a third of the name, not a distant one', () => {
    expect(suggest('Pyotr Petrow')).toEqual(['petrov']);
    // 14 letters: the limit is 4 edits; "Semyon Sidorov" is 3 away, Kuznetsov far.
    expect(suggest('Semen Sidorovv')).toEqual(['sidorov']);
    expect(suggest('Zzzzzz Qqqqqq')).toEqual([]);
  });

  it('matches aliases and ids too', () => {
    expect(suggest('Petr Petrof')).toEqual(['petrov']);
    expect(suggest('kuznetsof')).toEqual(['kuznetsov']);
  });
});
