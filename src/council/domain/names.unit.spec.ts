import { NameResolutionError } from './errors';
import { elected, founded, left } from './fixtures';
import { given, stateOf } from './given-when-then';
import { normalizeName, slugify } from './names';
import { resolveMember } from './resolve-member';
import { parseValidDate } from './valid-date';

const events = [
  founded,
  elected('kralin', { name: 'Vladlen Kralin', aliases: ['Vladimir Tor'], curia: 'nationalist' }),
  elected('gudkov-dmitry', { name: 'Dmitry Gudkov', aliases: ['Gudkov'] }),
  elected('gudkov-gennady', { name: 'Gennady Gudkov', aliases: ['Gudkov'] }),
  elected('dolgih', { name: 'Anton Dolgikh', aliases: ['Anton Dolgih'], curia: 'liberal' }),
];

describe('name resolution', () => {
  const state = stateOf(events);

  it('normalizes case, diacritics and whitespace', () => {
    expect(normalizeName('  Vladímir   TOR ')).toBe('vladimir tor');
    expect(normalizeName('Артём')).toBe(normalizeName('Артем'));
  });

  it('resolves by id, by name and by alias', () => {
    for (const ref of ['kralin', 'Vladlen Kralin', 'vladimir  tor', 'VLADÍMIR TOR', 'anton dolgih']) {
      const resolution = resolveMember(state, ref);
      expect(resolution.kind).toBe('member');
    }
  });

  it('an ambiguous alias is a NameResolutionError with both candidates', () => {
    const resolution = resolveMember(state, 'gudkov', parseValidDate('2013-01-20'));
    expect(resolution.kind).toBe('ambiguous');
    expect(resolution.kind !== 'member' && resolution.candidates.map((c) => c.memberId).sort()).toEqual(['gudkov-dmitry', 'gudkov-gennady']);
    given(events)
      .when({ kind: 'FormWorkingGroup', name: 'wg', formedOn: '2013-01-20', members: ['Gudkov'] })
      .then(NameResolutionError);
  });

  it('an ambiguous name is settled by the date when only one of them can have been in office', () => {
    const later = stateOf([...events, left('gudkov-gennady', '2012-12-01')]);
    const resolution = resolveMember(later, 'Gudkov', parseValidDate('2013-01-20'));
    expect(resolution.kind === 'member' && resolution.member.memberId).toBe('gudkov-dmitry');
  });

  it('an unknown name lists the nearest candidates', () => {
    const resolution = resolveMember(state, 'Vladlen Kralln');
    expect(resolution).toEqual({ kind: 'unknown', candidates: [expect.objectContaining({ memberId: 'kralin' })] });
    expect(resolveMember(state, 'Zzz Qqq')).toEqual({ kind: 'unknown', candidates: [] });
  });
});

describe('slugify', () => {
  it('transliterates Cyrillic so default ids stay readable', () => {
    expect(slugify('Координационный совет оппозиции', 'x')).toBe('koordinatsionnyy-sovet-oppozitsii');
    expect(slugify('Алексей Навальный', 'x')).toBe('aleksey-navalnyy');
    expect(slugify('Zhukovsky People’s Council', 'x')).toBe('zhukovsky-people-s-council');
    expect(slugify('中文', 'fallback')).toBe('fallback');
  });
});

