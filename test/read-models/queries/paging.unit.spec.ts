import { BadRequestException } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CursorCodec, afterKey, storedCursorSecret } from '../../../src/read-models/queries/paging';

/**
 * Focused tests of paging.ts beyond cursor.unit.spec.ts: the cursor secret kept in the data folder, the
 * problem body of a refused cursor (API.md: RFC 9457, the field named), the length limit at its edge, and
 * afterKey from the first row.
 */
describe('the cursor secret kept in the data folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cursor-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made once (32 random bytes, base64url, mode 600), then read back: a cursor outlives a restart', () => {
    const secret = storedCursorSecret(dir);
    const file = join(dir, 'cursor-secret');
    expect(readFileSync(file, 'utf8')).toBe(secret);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // "Restart": the same folder gives the same secret, and a cursor signed before still decodes.
    const cursor = { list: 'members', councilId: 'c', filters: '[null]', position: 42, key: ['Anna', 'm-a'] };
    const before = new CursorCodec(secret).encode(cursor);
    expect(storedCursorSecret(dir)).toBe(secret);
    expect(readFileSync(file, 'utf8')).toBe(secret);
    expect(new CursorCodec(storedCursorSecret(dir)).decode(before, 'members', 'c', '[null]')).toEqual(cursor);
    // Another folder, another secret: the cursor is refused there.
    const other = mkdtempSync(join(tmpdir(), 'cursor-secret-'));
    try {
      expect(storedCursorSecret(other)).not.toBe(secret);
      expect(() => new CursorCodec(storedCursorSecret(other)).decode(before, 'members', 'c', '[null]')).toThrow(BadRequestException);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('a secret already in the file is kept as it is (trimmed of its line end), never replaced', () => {
    writeFileSync(join(dir, 'cursor-secret'), 'set-by-the-operator\n');
    expect(storedCursorSecret(dir)).toBe('set-by-the-operator');
    expect(readFileSync(join(dir, 'cursor-secret'), 'utf8')).toBe('set-by-the-operator\n');
  });

  it('a data folder that does not exist is an error, not a secret made up in memory', () => {
    expect(() => storedCursorSecret(join(dir, 'missing'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

describe('a refused cursor', () => {
  const problemOf = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(BadRequestException);
      return (e as BadRequestException).getResponse();
    }
    throw new Error('not refused');
  };

  it('is an RFC 9457 problem: type, title, status, detail, and the cursor named as the field', () => {
    const codec = new CursorCodec('a-secret');
    const detail = 'The cursor is malformed; use the one a Link header gave.';
    expect(problemOf(() => codec.decode('no-signature', 'motions', 'c', ''))).toStrictEqual({
      type: 'https://council-record.dev/problems/invalid-cursor',
      title: 'Invalid cursor',
      status: 400,
      detail,
      errors: [{ field: 'cursor', message: detail }],
    });
  });

  it('may be 4,000 characters long, not one more', () => {
    const codec = new CursorCodec('a-secret');
    const signature = 'A'.repeat(22);
    // At 4,000 characters the cursor is read (and refused only for its signature); at 4,001 it is not read.
    const atLimit = `${'a'.repeat(4000 - 23)}.${signature}`;
    expect(atLimit).toHaveLength(4000);
    expect(problemOf(() => codec.decode(atLimit, 'motions', 'c', ''))).toMatchObject({ detail: expect.stringMatching(/not issued by this service/) });
    expect(problemOf(() => codec.decode(`a${atLimit}`, 'motions', 'c', ''))).toMatchObject({ detail: expect.stringMatching(/malformed/) });
  });

  it('signed with a secret given as text: two codecs with the same secret agree, another secret does not', () => {
    const cursor = { list: 'timeline', councilId: 'c', filters: '', position: 7, key: [1] };
    const text = new CursorCodec('shared').encode(cursor);
    expect(new CursorCodec('shared').decode(text, 'timeline', 'c', '')).toEqual(cursor);
    expect(() => new CursorCodec('other').decode(text, 'timeline', 'c', '')).toThrow(BadRequestException);
    // Without a secret, one at random per codec.
    expect(() => new CursorCodec().decode(new CursorCodec().encode(cursor), 'timeline', 'c', '')).toThrow(BadRequestException);
  });
});

describe('afterKey', () => {
  it('after the first row: every row but the first; after the last: none', () => {
    const rows = ['a', 'b', 'c'].map((id) => ({ id }));
    const keyOf = (r: { id: string }) => [r.id];
    expect(afterKey(rows, ['a'], keyOf)).toEqual(rows.slice(1));
    expect(afterKey(rows, ['c'], keyOf)).toEqual([]);
  });
});
