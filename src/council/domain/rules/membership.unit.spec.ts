import { elected, founded, left } from '../fixtures';
import { stateOf } from '../given-when-then';
import { MemberState } from '../state';
import { parseValidDate } from '../valid-date';
import { Findings } from '../violations';
import { checkCuriaSeats, inOffice, membershipOn } from './membership';

/** Focused tests of rules/membership.ts: the imprecise-date cases and the curia-seats days (mutation testing). */
const member = (electedOn: string, leftOn?: string): MemberState => ({
  memberId: 'm', name: 'M', aliases: [], curia: 'general', electedOn: parseValidDate(electedOn), ...(leftOn ? { leftOn: parseValidDate(leftOn) } : {}),
});
const on = (edtf: string) => parseValidDate(edtf);

describe('inOffice over an imprecise date: yes only for every day it can mean, no for none', () => {
  it('a month wholly inside the term is yes; the election month itself, or the departure month, is unknown', () => {
    expect(inOffice(member('2013-01-10', '2013-09-01'), on('2013-03'))).toBe('yes');
    expect(inOffice(member('2013-03-10'), on('2013-03'))).toBe('unknown');
    expect(inOffice(member('2013-01-10', '2013-03-10'), on('2013-03'))).toBe('unknown');
  });

  it('elected on the first day of the month: yes; leaving the day after its last day: yes; on its last day: unknown', () => {
    expect(inOffice(member('2013-03-01'), on('2013-03'))).toBe('yes');
    expect(inOffice(member('2013-01-01', '2013-04-01'), on('2013-03'))).toBe('yes');
    expect(inOffice(member('2013-01-01', '2013-03-31'), on('2013-03'))).toBe('unknown');
  });

  it('elected after the month, or gone before it: no; gone on its first day: no (the departure day is not in office)', () => {
    expect(inOffice(member('2013-04-01'), on('2013-03'))).toBe('no');
    expect(inOffice(member('2013-01-01', '2013-02-20'), on('2013-03'))).toBe('no');
    expect(inOffice(member('2013-01-01', '2013-03-01'), on('2013-03'))).toBe('no');
    expect(inOffice(member('2013-01-01', '2013-03-02'), on('2013-03'))).toBe('unknown');
  });

  it('an imprecise departure: its last possible day decides "no"; an imprecise election, its first', () => {
    // Left some day in February: the last day in office is at most 27 February.
    expect(inOffice(member('2013-01-01', '2013-02'), on('2013-03'))).toBe('no');
    expect(inOffice(member('2013-01-01', '2013-03'), on('2013-02'))).toBe('yes');
    expect(inOffice(member('2013-03', undefined), on('2013-02/2013-03-05'))).toBe('unknown');
    expect(inOffice(member('2013-04', undefined), on('2013-02/2013-03-31'))).toBe('no');
  });

  it('a single day uses the day rule', () => {
    expect(inOffice(member('2013-03-10', '2013-03-20'), on('2013-03-10'))).toBe('yes');
    expect(inOffice(member('2013-03-10', '2013-03-20'), on('2013-03-20'))).toBe('no');
    expect(inOffice(member('2013-03', undefined), on('2013-03-15'))).toBe('unknown');
  });
});

describe('membershipOn: certain and undecidable members, each with why', () => {
  const state = stateOf([
    founded,
    elected('a', { electedOn: '2013-01-01' }),
    elected('b', { electedOn: '2013-03' }),
    elected('c', { electedOn: '2013-01-01' }),
    left('c', '2013-03'),
    elected('d', { electedOn: '2013-05-01' }),
    elected('e', { electedOn: '2013-01-01', curia: 'left' }),
  ]);

  it('on a day: a certain member, one undecidable by election, one by departure; the others out', () => {
    const r = membershipOn(state, on('2013-03-15'));
    expect(r.certain.map((m) => m.memberId)).toEqual(['a', 'e']);
    expect(r.uncertain.map((u) => [u.member.memberId, u.why])).toEqual([
      ['b', 'elected 2013-03: may or may not have been elected by 2013-03-15'],
      ['c', 'left 2013-03: may or may not have left by 2013-03-15'],
    ]);
  });

  it('over a month, the why names the month; a filter keeps only the matching members', () => {
    const r = membershipOn(state, on('2013-03'));
    expect(r.uncertain.map((u) => u.why)).toEqual([
      'elected 2013-03: may or may not have been elected by 2013-03',
      'left 2013-03: may or may not have left by 2013-03',
    ]);
    expect(membershipOn(state, on('2013-03-15'), (m) => m.curia === 'left').certain.map((m) => m.memberId)).toEqual(['e']);
  });
});

describe('checkCuriaSeats: the election day and each later day another member of the curia takes office', () => {
  const curia = { key: 'left', name: 'Left', seats: 2 };
  const check = (events: Parameters<typeof stateOf>[0], electedOn: string, leftOn?: string) => {
    const findings = new Findings();
    checkCuriaSeats(stateOf([founded, ...events]), curia, on(electedOn), leftOn ? on(leftOn) : undefined, findings);
    return findings.violations;
  };

  it('full on the election day: a finding with the figures', () => {
    const v = check([elected('x', { curia: 'left' }), elected('y', { curia: 'left' })], '2013-01-01');
    expect(v).toEqual([{
      rule: 'curia-seats',
      message: 'curia left has 2 seats and 2 members in office on 2013-01-01; electing another makes 3',
      figures: { curia: 'left', seats: 2, inOffice: 2, on: '2013-01-01', after: 3 },
    }]);
  });

  it('one seat free on the day: none; members of other curiae do not count', () => {
    expect(check([elected('x', { curia: 'left' }), elected('z', { curia: 'liberal' }), elected('w', { curia: 'liberal' })], '2013-01-01')).toEqual([]);
  });

  it('full later, when another member takes office while the new one still sits: found on that day', () => {
    const v = check([elected('x', { curia: 'left' }), elected('y', { curia: 'left', electedOn: '2013-06-01' })], '2013-01-01');
    expect(v.map((x) => x.figures.on)).toEqual(['2013-06-01']);
  });

  it('not when the new member has left by then (the departure day excluded), nor for one who takes office earlier and left', () => {
    expect(check([elected('x', { curia: 'left' }), elected('y', { curia: 'left', electedOn: '2013-06-01' })], '2013-01-01', '2013-06-01')).toEqual([]);
    expect(check([elected('x', { curia: 'left' }), elected('y', { curia: 'left', electedOn: '2013-06-01' })], '2013-01-01', '2013-06-02').map((x) => x.figures.on)).toEqual(['2013-06-01']);
    expect(check([elected('x', { curia: 'left' }), elected('y', { curia: 'left' }), left('y', '2012-12-01')], '2013-01-01')).toEqual([]);
  });

  it('the earliest full day is the one reported, once', () => {
    const v = check([
      elected('x', { curia: 'left' }),
      elected('y', { curia: 'left', electedOn: '2013-09-01' }),
      elected('z', { curia: 'left', electedOn: '2013-06-01' }),
    ], '2013-01-01');
    expect(v.map((x) => [x.figures.on, x.figures.inOffice])).toEqual([['2013-06-01', 2]]);
  });
});
