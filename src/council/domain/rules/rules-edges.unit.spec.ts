import { AffiliationState, CouncilInfo, MemberState } from '../state';
import { parseValidDate, toDay } from '../valid-date';
import { Findings } from '../violations';
import { RuleViolationError } from '../errors';
import { checkAffiliationInTerm, checkAffiliationOverlap, groupOn, startText } from './affiliation';
import { optionsWinner, ruleBase } from './decision';
import { checkLifetime } from './lifetime';
import { inOffice, membershipOn } from './membership';
import { quorumFigures } from './quorum';
import { initialState } from '../state';

/** The rules' edges: each finding with its rule, message and figures, and the boundary days (mutation testing). */
const d = (edtf: string) => parseValidDate(edtf);
const member = (electedOn: string, leftOn?: string): MemberState => ({
  memberId: 'anna', name: 'Anna', aliases: [], curia: 'general', electedOn: d(electedOn), ...(leftOn ? { leftOn: d(leftOn) } : {}),
});
const affiliation = (groupId: string, from?: string, to?: string): AffiliationState => ({
  memberId: 'anna', groupId, eventId: `aff-${groupId}`, ...(from ? { from: d(from) } : {}), ...(to ? { to: d(to) } : {}),
});

describe('affiliation rules', () => {
  it('startText: the start as recorded, or "an unknown date"', () => {
    expect(startText(d('2013-03'))).toBe('2013-03');
    expect(startText(undefined)).toBe('an unknown date');
  });

  it('a period certainly beginning before the election: the election day and the period in the message and figures', () => {
    const findings = new Findings();
    checkAffiliationInTerm(member('2012-10-22'), { from: d('2012-10-01') }, findings);
    expect(findings.violations).toEqual([
      {
        rule: 'affiliation-member-not-in-office',
        message: 'Anna was elected on 2012-10-22: not in office from 2012-10-01',
        figures: { memberId: 'anna', from: '2012-10-01', to: undefined, electedOn: '2012-10-22', leftOn: undefined },
      },
    ]);
  });

  it('an open period beginning on the departure day breaks the rule; one beginning the day before does not', () => {
    const findings = new Findings();
    checkAffiliationInTerm(member('2012-10-22', '2013-04-04'), { from: d('2013-04-04') }, findings);
    expect(findings.violations).toEqual([
      {
        rule: 'affiliation-member-not-in-office',
        message: 'Anna left on 2013-04-04: not in office from 2013-04-04',
        figures: { memberId: 'anna', from: '2013-04-04', to: undefined, electedOn: '2012-10-22', leftOn: '2013-04-04', notInOfficeFrom: '2013-04-04' },
      },
    ]);
    const none = new Findings();
    checkAffiliationInTerm(member('2012-10-22', '2013-04-04'), { from: d('2013-04-03') }, none);
    expect(none.violations).toEqual([]);
  });

  it('a closed period certainly running past the departure: "until" its end', () => {
    const findings = new Findings();
    checkAffiliationInTerm(member('2012-10-22', '2013-04-04'), { from: d('2013-01-01'), to: d('2013-05-01') }, findings);
    expect(findings.violations.map((v) => [v.message, v.figures.notInOfficeFrom, v.figures.to])).toEqual([['Anna left on 2013-04-04: not in office until 2013-05-01', '2013-04-04', '2013-05-01']]);
  });

  it('an overlap names the group already held, both periods and the fact on record', () => {
    const closed = new Findings();
    checkAffiliationOverlap([affiliation('g1', '2012-10-22', '2013-01-01')], { from: d('2012-12-01'), to: d('2013-02-01') }, closed);
    expect(closed.violations).toEqual([
      {
        rule: 'affiliation-overlap',
        message: 'anna already sits for g1 from 2012-10-22 to 2013-01-01, which overlaps 2012-12-01 to 2013-02-01',
        figures: { memberId: 'anna', groupId: 'g1', from: '2012-10-22', to: '2013-01-01', eventId: 'aff-g1' },
      },
    ]);
    const open = new Findings();
    checkAffiliationOverlap([affiliation('g1', '2012-10-22')], { from: d('2012-12-01') }, open);
    expect(open.violations.map((v) => v.message)).toEqual(['anna already sits for g1 from 2012-10-22, which overlaps 2012-12-01']);
  });

  it('groupOn: from the first day of a period, not before it; the first certain group recorded wins', () => {
    expect(groupOn([affiliation('g1', '2013-03-01')], toDay('2013-03-01'))).toBe('g1');
    expect(groupOn([affiliation('g1', '2013-03-01')], toDay('2013-02-28'))).toBeUndefined();
    expect(groupOn([affiliation('g1', '2012-01-01'), affiliation('g2', '2013-01-01')], toDay('2013-06-01'))).toBe('g1');
  });

  it('groupOn: undecidable on the first day of a month in which the period ends', () => {
    expect(groupOn([affiliation('g1', '2012-01-01', '2013-03')], toDay('2013-03-01'))).toBe('unknown');
    expect(groupOn([affiliation('g1', '2012-01-01', '2013-03')], toDay('2013-02-28'))).toBe('g1');
  });
});

describe('lifetime rules', () => {
  const council: CouncilInfo = {
    councilId: 'cs', name: 'C', foundedOn: d('2012-10-22'), dissolvedOn: d('2014-06'), seats: 45, curiae: new Map(),
    rules: { quorum: 'majority-of-members', decision: 'majority-of-members' }, placement: {},
  };

  it('before the founding and after the dissolution: what, when, and the council date, in message and figures', () => {
    const findings = new Findings();
    checkLifetime(council, d('2012-10-21'), 'A meeting', findings);
    checkLifetime(council, d('2014-07-01'), 'A vote', findings);
    checkLifetime(council, d('2014-06-30'), 'A vote', findings);
    expect(findings.violations).toEqual([
      { rule: 'before-founding', message: 'A meeting on 2012-10-21 is before the council was founded on 2012-10-22', figures: { date: '2012-10-21', foundedOn: '2012-10-22' } },
      { rule: 'after-dissolution', message: 'A vote on 2014-07-01 is after the council was dissolved on 2014-06', figures: { date: '2014-07-01', dissolvedOn: '2014-06' } },
    ]);
  });
});

describe('decision and quorum rules', () => {
  it('ruleBase: the present for *-of-present, the members otherwise', () => {
    expect(ruleBase('majority-of-present')).toBe('present');
    expect(ruleBase('two-thirds-of-present')).toBe('present');
    expect(ruleBase('majority-of-members')).toBe('members');
    expect(ruleBase({ atLeast: 3 })).toBe('members');
  });

  it('optionsWinner: the only option reaching exactly the votes required wins; two reaching them, none', () => {
    expect(optionsWinner({ a: 12, b: 11 }, ['a', 'b'], 12)).toBe('a');
    expect(optionsWinner({ a: 12, b: 12 }, ['a', 'b'], 12)).toBeUndefined();
    expect(optionsWinner({ a: 11, b: 3 }, ['a', 'b'], 12)).toBeUndefined();
  });

  it('quorum by seats without a seat count: 422 seats-unknown naming what needs it', () => {
    let error: unknown;
    try {
      quorumFigures('majority-of-seats', undefined, { certain: 40, uncertain: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).violations).toEqual([
      {
        rule: 'seats-unknown',
        message: "the quorum rule majority-of-seats needs the council's seat count, which the record does not give",
        figures: { seats: null, needs: 'the quorum rule majority-of-seats' },
      },
    ]);
    expect(quorumFigures('majority-of-seats', 45, { certain: 40, uncertain: 0 })).toEqual({ rule: 'majority-of-seats', required: 23, requiredIfAllUncertainIn: 23 });
  });
});

describe('membership rules at the edges', () => {
  it('elected on the last day of a month: undecidable over that month, not "no"', () => {
    expect(inOffice(member('2013-07-31'), d('2013-07'))).toBe('unknown');
    expect(inOffice(member('2013-08-01'), d('2013-07'))).toBe('no');
  });

  it('says why a member is undecidable, naming the day as a plain day even when it was given as a timestamp', () => {
    const state = initialState();
    state.members.set('anna', member('2013-07-15', '2013-07'));
    state.members.set('boris', { ...member('2013-07'), memberId: 'boris', name: 'Boris' });
    const on = membershipOn(state, d('2013-07-15T10:00:00Z'));
    expect(on.certain).toEqual([]);
    expect(on.uncertain.map((u) => [u.member.memberId, u.why])).toEqual([
      ['anna', 'left 2013-07: may or may not have left by 2013-07-15'],
      ['boris', 'elected 2013-07: may or may not have been elected by 2013-07-15'],
    ]);
  });
});
