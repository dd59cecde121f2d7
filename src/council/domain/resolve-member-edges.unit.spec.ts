import { elected, founded, left } from './fixtures';
import { stateOf } from './given-when-then';
import { resolveMember, resolveOrThrow } from './resolve-member';
import { NameResolutionError } from './errors';
import { parseValidDate } from './valid-date';

/** resolveMember's edges: a shared name with and without a date, and the limits of the near-miss suggestions. */
describe('resolveMember at the edges', () => {
  const namesakes = stateOf([founded, elected('kim-1', { name: 'Lee Kim' }), elected('kim-2', { name: 'Lee Kim', electedOn: '2013-05-01' }), left('kim-1', '2013-04-01')]);

  it('a name two members share is ambiguous without a date, whoever was in office', () => {
    const resolution = resolveMember(namesakes, 'lee  KIM');
    expect(resolution).toEqual({
      kind: 'ambiguous',
      candidates: [
        { memberId: 'kim-1', name: 'Lee Kim', aliases: [] },
        { memberId: 'kim-2', name: 'Lee Kim', aliases: [] },
      ],
    });
    expect(() => resolveOrThrow(namesakes, 'chair', 'Lee Kim')).toThrow(NameResolutionError);
  });

  it('with a date, the one who can have been in office that day', () => {
    expect(resolveOrThrow(namesakes, 'chair', 'Lee Kim', parseValidDate('2013-03-01')).memberId).toBe('kim-1');
    expect(resolveOrThrow(namesakes, 'chair', 'Lee Kim', parseValidDate('2013-06-01')).memberId).toBe('kim-2');
  });

  const state = stateOf([
    founded,
    elected('ivanova', { name: 'Anna Ivanova' }),
    elected('petrovna', { name: 'Anna Petrovna' }),
    elected('smithson', { name: 'John Smithson' }),
    elected('na', { name: 'Li Na' }),
  ]);
  const suggest = (name: string) => {
    const r = resolveMember(state, name);
    if (r.kind !== 'unknown') throw new Error(`expected unknown, got ${r.kind}`);
    return r.candidates.map((c) => c.memberId);
  };

  it('members sharing a word come nearest first, whatever their order in the record', () => {
    // Both share "anna"; "anna petrova" is 1 edit from "anna petrovna", 6 from "anna ivanova".
    expect(suggest('Anna Petrova')).toEqual(['petrovna', 'ivanova']);
  });

  it('a spelling exactly at the limit (a third of 12 letters: 4 edits) is suggested', () => {
    // "jan smythsan" → "john smithson": a→o, +h, y→i, a→o. No word shared.
    expect(suggest('Jan Smythsan')).toEqual(['smithson']);
    // "jan smythzen": 5 edits (a→o, +h, y→i, z→s, e→o): not suggested.
    expect(suggest('Jan Smythzen')).toEqual([]);
  });

  it('close spellings sharing no word come nearest first too, whatever their order in the record', () => {
    const spellings = stateOf([founded, elected('pitrova', { name: 'Pitrova' }), elected('petrof', { name: 'Petrof' })]);
    const r = resolveMember(spellings, 'Petrov');
    // "petrov": 1 edit from "petrof" (v→f), 2 from "pitrova" (e→i, +a); the limit for 6 letters is 2.
    expect(r.kind === 'unknown' && r.candidates.map((c) => c.memberId)).toEqual(['petrof', 'pitrova']);
  });

  it('words of two letters are not matched as shared words', () => {
    expect(suggest('Li Qzxwvbnmtr')).toEqual([]);
  });
});
