/**
 * Decision 50: a source's reported winner is judged by one rule on both kinds of motion (`reportedWinnerOf`
 * and `electable` in decide-motion.ts). It must be a choice that can win: one of the options, or on a
 * yes/no question yes or no ("the ayes/noes have it": yes means adopted, no means rejected); it contradicts
 * a reported outcome that says otherwise; and it contradicts the tally when no requirement of the day elects
 * it, whether the tally decides or not.
 *
 * The council has 45 members; 4 left at some day of February 2013, so on 16 February 41 are certainly in
 * office and 4 are undecidable: 21 (of 41), 22 (of 42 or 43) or 23 (of 44 or 45) votes are required. On a
 * day without departures 45 are in office and 23 are required. Expected values are written from these
 * figures, not from the code.
 */
import { CouncilCommand } from '../commands';
import { MARAT, NATALYA, councilWithDepartures, questionAndChoice } from '../fixtures';
import { GivenEvent, decided, refused } from '../given-when-then';

const blurred = [...councilWithDepartures(4, '2013-02'), ...questionAndChoice];
const full = [...councilWithDepartures(0), ...questionAndChoice];

type Decide = Extract<CouncilCommand, { kind: 'DecideMotion' }>;
const decide = (motionId: string, extra: Partial<Decide>): CouncilCommand => ({ kind: 'DecideMotion', motionId, decidedOn: '2013-02-16', ...extra });
const recorded = (events: GivenEvent[], command: CouncilCommand) => decided(events, command).events[0].data as unknown as Record<string, unknown>;
const contradicts = (figures: Record<string, unknown>, message: string) => ({ rule: 'reported-winner-contradicts-tally', message, figures });

describe('between options, a reported winner that no requirement of the day elects contradicts an undecided tally', () => {
  it('22 to 10: Marat wins with 21 or 22 required, nobody with 23; Natalya (10, short of even 21) wins under none: refused with the range and what each requirement gives', () => {
    const tally = { [MARAT]: 22, [NATALYA]: 10 };
    expect(refused(blurred, decide('secretary', { counts: tally, reportedWinner: NATALYA }))).toEqual([
      contradicts(
        { reportedWinner: NATALYA, derivedWinner: MARAT, derivedWinners: [MARAT, null], tally, required: 21, requiredIfAllUncertainIn: 23 },
        `the source says ${NATALYA} won, but with 21 to 23 votes required the tally gives ${MARAT} or no winner`,
      ),
    ]);
  });

  it('22 to 21: Natalya reaches 21 but so does Marat (no winner), and she is short of 22 and 23: refused; kept with recordAnomaly as the source says it', () => {
    const tally = { [MARAT]: 22, [NATALYA]: 21 };
    const command = decide('secretary', { counts: tally, reportedWinner: NATALYA });
    const violations = refused(blurred, command);
    expect(violations).toEqual([
      contradicts(
        { reportedWinner: NATALYA, derivedWinner: null, derivedWinners: [null, MARAT], tally, required: 21, requiredIfAllUncertainIn: 23 },
        `the source says ${NATALYA} won, but with 21 to 23 votes required the tally gives no winner or ${MARAT}`,
      ),
    ]);
    expect(recorded(blurred, { ...command, recordAnomaly: true } as CouncilCommand)).toMatchObject({
      outcome: 'adopted', winner: NATALYA, reportedWinner: NATALYA, outcomeCertain: true, outcomeBasis: 'reported', anomalies: violations,
    });
  });

  it('a reported adoption beside the winner changes nothing: the winner is judged, one finding', () => {
    const command = decide('secretary', { counts: { [MARAT]: 22, [NATALYA]: 10 }, reportedOutcome: 'adopted', reportedWinner: NATALYA });
    expect(refused(blurred, command).map((v) => v.rule)).toEqual(['reported-winner-contradicts-tally']);
  });

  it('a winner that some requirement of the day elects stands, also when it is not the one under `required`: 22 to 21 Marat (alone with 22 required), 21 to 22 Natalya', () => {
    expect(recorded(blurred, decide('secretary', { counts: { [MARAT]: 22, [NATALYA]: 21 }, reportedWinner: MARAT }))).toMatchObject({
      outcome: 'adopted', winner: MARAT, outcomeCertain: true, outcomeBasis: 'reported',
    });
    expect(recorded(blurred, decide('secretary', { counts: { [MARAT]: 21, [NATALYA]: 22 }, reportedWinner: NATALYA }))).toMatchObject({
      outcome: 'adopted', winner: NATALYA, outcomeCertain: true, outcomeBasis: 'reported',
    });
  });

  it('a decided tally on the blurred day names the whole range too (30 to 10: Marat under 21, 22 and 23)', () => {
    const tally = { [MARAT]: 30, [NATALYA]: 10 };
    expect(refused(blurred, decide('secretary', { counts: tally, reportedWinner: NATALYA }))).toEqual([
      contradicts(
        { reportedWinner: NATALYA, derivedWinner: MARAT, derivedWinners: [MARAT], tally, required: 21, requiredIfAllUncertainIn: 23 },
        `the source says ${NATALYA} won, but with 21 to 23 votes required the tally gives ${MARAT}`,
      ),
    ]);
  });
});

describe('a yes/no motion\'s reported winner: yes or no, spelled as the choice; yes says adopted, no says rejected', () => {
  it('must be yes or no: anything else (abstain included) is invalid-reported-winner, listing yes and no', () => {
    for (const reportedWinner of ['maybe', 'abstain']) {
      expect(refused(full, decide('programme', { counts: { yes: 30, no: 10 }, reportedWinner }))).toEqual([
        { rule: 'invalid-reported-winner', message: `${JSON.stringify(reportedWinner)} is not one of the options (yes, no)`, figures: { reportedWinner, options: ['yes', 'no'] } },
      ]);
    }
  });

  it('without a tally, "No" records a rejection and "YES" an adoption, as the source says (certain, on the basis of the report); no winner field', () => {
    const no = recorded(full, decide('programme', { reportedWinner: 'No' }));
    expect(no).toMatchObject({ outcome: 'rejected', reportedWinner: 'No', outcomeCertain: true, outcomeBasis: 'reported', tallyFrom: 'none' });
    expect('winner' in no).toBe(false);
    expect('anomalies' in no).toBe(false);
    expect(decided(full, decide('programme', { reportedWinner: 'YES' })).reply).toMatchObject({ outcome: 'adopted', outcomeCertain: true, outcomeBasis: 'reported' });
  });

  it('on an undecided tally (22 yes: adopted with 21 required, not with 23) "no" settles it as a rejection, like a reported rejection', () => {
    expect(recorded(blurred, decide('programme', { counts: { yes: 22, no: 10 }, reportedWinner: 'no' }))).toMatchObject({
      outcome: 'rejected', outcomeCertain: true, outcomeBasis: 'reported', required: 21,
    });
  });

  it('a decided tally contradicts it with the same rule and figures as between options (30 yes of 23 required, the source says no won); kept, the rejection is recorded', () => {
    const tally = { yes: 30, no: 10 };
    const command = decide('programme', { counts: tally, reportedWinner: 'no' });
    const violations = refused(full, command);
    expect(violations).toEqual([
      contradicts(
        { reportedWinner: 'no', derivedWinner: 'yes', derivedWinners: ['yes'], tally, required: 23, requiredIfAllUncertainIn: 23 },
        'the source says no won, but with 23 votes required the tally gives an adoption (yes won)',
      ),
    ]);
    const data = recorded(full, { ...command, recordAnomaly: true } as CouncilCommand);
    expect(data).toMatchObject({ outcome: 'rejected', reportedWinner: 'no', outcomeCertain: true, outcomeBasis: 'reported', anomalies: violations });
    expect('winner' in data).toBe(false);
  });

  it('a winner the decided tally confirms passes, on the basis of the tally', () => {
    expect(recorded(full, decide('programme', { counts: { yes: 30, no: 10 }, reportedWinner: 'yes' }))).toMatchObject({ outcome: 'adopted', outcomeCertain: true, outcomeBasis: 'tally' });
    expect(recorded(full, decide('programme', { counts: { yes: 20, no: 10 }, reportedWinner: 'no' }))).toMatchObject({ outcome: 'rejected', outcomeCertain: true, outcomeBasis: 'tally' });
  });

  it('"no" beside a reported adoption (or "yes" beside a rejection) is the source contradicting itself; kept, the reported outcome is recorded', () => {
    expect(refused(full, decide('programme', { reportedOutcome: 'adopted', reportedWinner: 'no' }))).toEqual([
      {
        rule: 'reported-winner-contradicts-reported-outcome',
        message: 'the source says programme was adopted, but names no as its winner',
        figures: { motionId: 'programme', reportedOutcome: 'adopted', reportedWinner: 'no' },
      },
    ]);
    expect(refused(full, decide('programme', { reportedOutcome: 'rejected', reportedWinner: 'Yes' })).map((v) => v.rule)).toEqual(['reported-winner-contradicts-reported-outcome']);
    expect(recorded(full, decide('programme', { reportedOutcome: 'adopted', reportedWinner: 'no', recordAnomaly: true }))).toMatchObject({ outcome: 'adopted', reportedWinner: 'no' });
    expect(recorded(full, decide('programme', { reportedOutcome: 'rejected', reportedWinner: 'no' }))).toMatchObject({ outcome: 'rejected', outcomeCertain: true });
  });
});

describe('edges of the rule', () => {
  it('a tally that allows every result (counts without yes where yes may still reach the requirement; no tally between options) rules out no winner: the source\'s stands', () => {
    // 20 no of 45: yes may have anything from 0 to 25, and 23 are required.
    expect(recorded(full, decide('programme', { counts: { no: 20 }, reportedWinner: 'yes' }))).toMatchObject({ outcome: 'adopted', outcomeCertain: true, outcomeBasis: 'reported' });
    expect(recorded(full, decide('secretary', { reportedWinner: NATALYA }))).toMatchObject({ outcome: 'adopted', winner: NATALYA, tallyFrom: 'none' });
  });

  it('decision 52 changes this deliberately: 23 no of 45 certainly in office, yes not given, leaves yes at most 22 of the 23 required, so "yes won" is ruled out (decision 50 asserted the adoption)', () => {
    const tally = { no: 23 };
    expect(refused(full, decide('programme', { counts: tally, reportedWinner: 'yes' }))).toEqual([
      contradicts(
        { reportedWinner: 'yes', derivedWinner: 'no', derivedWinners: ['no'], tally, required: 23, requiredIfAllUncertainIn: 23, notGiven: ['yes'], unaccountedAtMost: [22] },
        'the source says yes won, but with 23 votes required the tally gives a rejection (no won); yes is not given, and at most 22 votes are unaccounted for',
      ),
    ]);
  });

  it('an invalid winner beside a rejection: between options any name says adopted (both findings); on a question it says nothing (one)', () => {
    expect(refused(full, decide('secretary', { reportedOutcome: 'rejected', reportedWinner: 'Someone' })).map((v) => v.rule)).toEqual([
      'invalid-reported-winner',
      'reported-winner-contradicts-reported-outcome',
    ]);
    expect(refused(full, decide('programme', { reportedOutcome: 'rejected', reportedWinner: 'maybe' })).map((v) => v.rule)).toEqual(['invalid-reported-winner']);
  });

  it('an invalid winner alone is not also no-tally; kept, nothing settles the outcome: rejected, uncertain', () => {
    const data = recorded(full, decide('programme', { reportedWinner: 'maybe', recordAnomaly: true }));
    expect(data).toMatchObject({ outcome: 'rejected', outcomeCertain: false, reportedWinner: 'maybe', anomalies: [{ rule: 'invalid-reported-winner' }] });
    expect((data.anomalies as unknown[]).length).toBe(1);
  });
});

describe('the same rule on both kinds: the winner that says adopted (yes, Marat) against a tally that rejects for certain', () => {
  it.each<{ kind: string; motionId: string; winner: string; tally: Record<string, number> }>([
    { kind: 'yes/no', motionId: 'programme', winner: 'yes', tally: { yes: 20, no: 10 } },
    { kind: 'options', motionId: 'secretary', winner: MARAT, tally: { [MARAT]: 20, [NATALYA]: 10 } },
  ])('$kind: 20 votes, short of 21: refused as reported-winner-contradicts-tally, no winner under 21 to 23', ({ motionId, winner, tally }) => {
    expect(refused(blurred, decide(motionId, { counts: tally, reportedWinner: winner }))).toEqual([
      contradicts(
        { reportedWinner: winner, derivedWinner: motionId === 'programme' ? 'no' : null, derivedWinners: [motionId === 'programme' ? 'no' : null], tally, required: 21, requiredIfAllUncertainIn: 23 },
        `the source says ${winner} won, but with 21 to 23 votes required the tally gives ${motionId === 'programme' ? 'a rejection (no won)' : 'no winner'}`,
      ),
    ]);
  });
});
