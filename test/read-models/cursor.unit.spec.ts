import { CursorCodec, afterKey, pageOf, windowParams } from '../../src/read-models/queries/paging';

/**
 * A cursor is signed: its payload edited in place (same length, same JSON shape, so no check of form can
 * see it) with the signature it came with is refused by the HMAC comparison alone.
 */
describe('CursorCodec', () => {
  const codec = new CursorCodec('a-secret-for-the-test');
  const cursor = { list: 'timeline', councilId: 'c', filters: '[null,null]', position: 1234, key: [15000, 15001, 1200, 'fact-1'] };

  it('decodes what it encoded', () => {
    expect(codec.decode(codec.encode(cursor), 'timeline', 'c', '[null,null]')).toEqual(cursor);
  });

  it.each([
    ['the record position', { ...cursor, position: 1235 }],
    ['the sort key', { ...cursor, key: [15000, 15001, 1200, 'fact-2'] }],
  ])('refuses a payload whose %s is edited in place, with the old signature', (_what, edited) => {
    const [payload, signature] = codec.encode(cursor).split('.');
    const [forged] = codec.encode(edited).split('.');
    expect(forged.length).toBe(payload.length);
    expect(forged).not.toBe(payload);
    expect(() => codec.decode(`${forged}.${signature}`, 'timeline', 'c', '[null,null]')).toThrow(
      expect.objectContaining({ response: expect.objectContaining({ type: expect.stringMatching(/invalid-cursor$/), detail: expect.stringMatching(/not issued by this service/) }) }),
    );
  });

  const refused = (text: string, detail: RegExp, list = 'timeline', council = 'c', filters = '[null,null]') =>
    expect(() => codec.decode(text, list, council, filters)).toThrow(expect.objectContaining({ response: expect.objectContaining({ status: 400, detail: expect.stringMatching(detail) }) }));

  it('refuses malformed cursors with a 400 (never a 500): no signature, no payload, an extra part, too long, a short signature, a payload that is not the JSON it should be', () => {
    const good = codec.encode(cursor);
    const [payload, signature] = good.split('.');
    refused(payload, /malformed/);
    refused(`.${signature}`, /malformed/);
    refused(`${good}.x`, /malformed/);
    refused(`${payload}.${signature}${'x'.repeat(4000)}`, /malformed/);
    refused(`${payload}.${signature.slice(1)}`, /not issued/); // a signature of another length: timingSafeEqual would throw
    const notJson = Buffer.from('not json').toString('base64url');
    const otherShape = Buffer.from(JSON.stringify(['timeline', 'c', '[null,null]', '12', []])).toString('base64url');
    const signer = codec as unknown as { sign(p: string): string };
    refused(`${notJson}.${signer.sign(notJson)}`, /malformed/);
    refused(`${otherShape}.${signer.sign(otherShape)}`, /malformed/);
  });

  it("refuses a genuine cursor of another list, council or filters", () => {
    const good = codec.encode(cursor);
    refused(good, /another list/, 'motions');
    refused(good, /another list/, 'timeline', 'other');
    refused(good, /another list/, 'timeline', 'c', '["2020",null]');
  });

  it('cuts pages: the next cursor names the last row kept; afterKey resumes after it, refuses a key no longer there; window parameters', () => {
    const rows = [1, 2, 3, 4, 5].map((n) => ({ n }));
    const base = { list: 'l', councilId: 'c', filters: '', position: 9 };
    expect(pageOf(rows.slice(0, 3), 3, (r) => [r.n], base)).toEqual({ rows: rows.slice(0, 3), position: 9 });
    expect(pageOf(rows.slice(0, 4), 3, (r) => [r.n], base)).toEqual({ rows: rows.slice(0, 3), next: { ...base, key: [3] }, position: 9 });
    expect(afterKey(rows, undefined, (r) => [r.n])).toBe(rows);
    expect(afterKey(rows, [2], (r) => [r.n])).toEqual(rows.slice(2));
    expect(() => afterKey(rows, [9], (r) => [r.n])).toThrow(expect.objectContaining({ response: expect.objectContaining({ detail: expect.stringMatching(/no longer in the list/) }) }));
    expect(windowParams(undefined, 2)).toEqual({ n: -1, k0: -Number.MAX_SAFE_INTEGER, k1: null });
    expect(windowParams({ after: ['x'], limit: 10 }, 3)).toEqual({ n: 10, k0: 'x', k1: null, k2: null });
  });

  it('refuses a cursor signed with another secret', () => {
    expect(() => new CursorCodec('another-secret').decode(codec.encode(cursor), 'timeline', 'c', '[null,null]')).toThrow();
  });
});
