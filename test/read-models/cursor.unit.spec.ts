import { CursorCodec } from '../../src/read-models/queries/paging';

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

  it('refuses a cursor signed with another secret', () => {
    expect(() => new CursorCodec('another-secret').decode(codec.encode(cursor), 'timeline', 'c', '[null,null]')).toThrow();
  });
});
