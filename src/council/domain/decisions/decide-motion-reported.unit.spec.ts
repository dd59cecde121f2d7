/**
 * Issue 22 follow-up (decision 47): DecideMotion records a reported outcome when the tally cannot decide,
 * between options as for a yes/no question, through one rule (`settleOutcome` in decide-motion.ts).
 *
 * The council has 45 members; 4 left at some day of February 2013, so on 16 February 41 are certainly in
 * office and 4 are undecidable. The votes required are a majority of the members in office: 21 of 41,
 * 22 of 42 or 43, 23 of 44 or 45. A tally decides only when it reads the same under each of these.
 * Expected values are written from those figures, not from the code.
 */
import { CouncilCommand } from '../commands';
import { MARAT, NATALYA, councilWithDepartures, questionAndChoice } from '../fixtures';
import { GivenEvent, decided, refused } from '../given-when-then';

const blurred = [...councilWithDepartures(4, '2013-02'), ...questionAndChoice];
const full = [...councilWithDepartures(0), ...questionAndChoice];
const BLURRED_BASE = { of: 'members', count: 41, uncertain: 4 };

type Decide = Extract<CouncilCommand, { kind: 'DecideMotion' }>;
const decide = (motionId: string, extra: Partial<Decide>): CouncilCommand => ({ kind: 'DecideMotion', motionId, decidedOn: '2013-02-16', ...extra });
const recorded = (events: GivenEvent[], command: CouncilCommand) => decided(events, command).events[0].data as unknown as Record<string, unknown>;

/** The same figures on both kinds of motion: "yes" on the question, Marat's votes between the options. */
const kinds = [
  { kind: 'yes/no', motionId: 'programme', counts: (votes: number, rest: number) => ({ yes: votes, no: rest }) },
  { kind: 'options', motionId: 'secretary', counts: (votes: number, rest: number) => ({ [MARAT]: votes, [NATALYA]: rest }) },
];

describe('a reported outcome stands when the undecidable members leave the tally undecided: both kinds of motion', () => {
  it.each(kinds)('$kind: 22 votes (enough of 41, not of 45) reported rejected: rejected is recorded, with no winner', ({ motionId, counts }) => {
    const data = recorded(blurred, decide(motionId, { counts: counts(22, 10), reportedOutcome: 'rejected' }));
    expect(data).toMatchObject({ outcome: 'rejected', reportedOutcome: 'rejected', required: 21, base: BLURRED_BASE, tallyFrom: 'reported' });
    expect('winner' in data).toBe(false);
    expect('anomalies' in data).toBe(false);
  });

  it.each(kinds)('$kind: 22 votes reported adopted: adopted is recorded', ({ motionId, counts }) => {
    expect(recorded(blurred, decide(motionId, { counts: counts(22, 10), reportedOutcome: 'adopted' }))).toMatchObject({ outcome: 'adopted', reportedOutcome: 'adopted', required: 21 });
  });

  it.each(kinds)('$kind: 30 votes (enough of 45) decide even with undecidable members: a reported rejection is refused, kept only as an anomaly and without a winner', ({ motionId, counts }) => {
    const command = decide(motionId, { counts: counts(30, 10), reportedOutcome: 'rejected' });
    const violations = refused(blurred, command);
    expect(violations.map((v) => [v.rule, v.figures.reportedOutcome, v.figures.derivedOutcome])).toEqual([['reported-outcome-contradicts-tally', 'rejected', 'adopted']]);
    const data = recorded(blurred, { ...command, recordAnomaly: true } as CouncilCommand);
    expect(data).toMatchObject({ outcome: 'rejected', reportedOutcome: 'rejected', anomalies: violations });
    // A rejected motion has no winner, even where the tally would elect one: the anomaly's figures say what it gives.
    expect('winner' in data).toBe(false);
  });

  it.each(kinds)('$kind: 20 votes (short of 21) decide a rejection: a reported adoption is refused, kept without a winner', ({ motionId, counts }) => {
    const command = decide(motionId, { counts: counts(20, 10), reportedOutcome: 'adopted' });
    expect(refused(blurred, command).map((v) => v.rule)).toEqual(['reported-outcome-contradicts-tally']);
    const data = recorded(blurred, { ...command, recordAnomaly: true } as CouncilCommand);
    expect(data).toMatchObject({ outcome: 'adopted', reportedOutcome: 'adopted' });
    expect('winner' in data).toBe(false);
  });
});

describe('between options, the winner of an undecided tally', () => {
  it('reported adopted without a winner: the one option that can have won on any membership of the day (Marat: 22 of 41)', () => {
    const data = recorded(blurred, decide('secretary', { counts: { [MARAT]: 22, [NATALYA]: 10 }, reportedOutcome: 'adopted' }));
    expect(data).toMatchObject({ outcome: 'adopted', winner: MARAT, reportedOutcome: 'adopted' });
    expect('reportedWinner' in data).toBe(false);
  });

  it('23 to 21: with 21 required both reach it (no winner), with 22 or 23 Marat alone: reported adopted records Marat, not a rejection', () => {
    const counts = { [MARAT]: 23, [NATALYA]: 21 };
    expect(recorded(blurred, decide('secretary', { counts, reportedOutcome: 'adopted' }))).toMatchObject({ outcome: 'adopted', winner: MARAT, required: 21 });
    expect(recorded(blurred, decide('secretary', { counts, reportedOutcome: 'adopted', reportedWinner: MARAT }))).toMatchObject({ outcome: 'adopted', winner: MARAT, reportedWinner: MARAT });
    const rejected = recorded(blurred, decide('secretary', { counts, reportedOutcome: 'rejected' }));
    expect([rejected.outcome, 'winner' in rejected]).toEqual(['rejected', false]);
  });

  it('22 to 21: no winner with 21 or 23 required, Marat alone with 22 (42 or 43 members): undecided, so a reported adoption stands', () => {
    const counts = { [MARAT]: 22, [NATALYA]: 21 };
    expect(recorded(blurred, decide('secretary', { counts, reportedOutcome: 'adopted' }))).toMatchObject({ outcome: 'adopted', winner: MARAT });
    const unreported = recorded(blurred, decide('secretary', { counts }));
    expect([unreported.outcome, 'winner' in unreported]).toEqual(['rejected', false]);
  });

  it('reported adopted with a reported winner: the reported winner', () => {
    const data = recorded(blurred, decide('secretary', { counts: { [MARAT]: 22, [NATALYA]: 10 }, reportedOutcome: 'adopted', reportedWinner: MARAT }));
    expect(data).toMatchObject({ outcome: 'adopted', winner: MARAT, reportedOutcome: 'adopted', reportedWinner: MARAT });
  });

  it('the reply says what the event records, its certainty included', () => {
    expect(decided(blurred, decide('secretary', { counts: { [MARAT]: 22, [NATALYA]: 10 }, reportedOutcome: 'rejected' })).reply).toEqual({
      outcome: 'rejected',
      counts: { [MARAT]: 22, [NATALYA]: 10 },
      required: 21,
      outcomeCertain: true,
      outcomeBasis: 'reported',
      tallyFrom: 'reported',
      base: BLURRED_BASE,
    });
  });
});

describe('outcomeCertain (decision 49): false only when neither the tally nor the source settles the outcome', () => {
  it.each(kinds)('$kind: 22 votes (enough of 41, not of 45) and no report: the reading under 21 required, marked uncertain in the event and the reply', ({ kind, motionId, counts }) => {
    const decision = decided(blurred, decide(motionId, { counts: counts(22, 10) }));
    const data = decision.events[0].data as unknown as Record<string, unknown>;
    expect(data).toMatchObject({ outcome: 'adopted', outcomeCertain: false, outcomeBasis: 'tally', required: 21, base: BLURRED_BASE });
    // Between options the winner is the reading's too, and as uncertain: the one flag covers both.
    expect(data.winner).toBe(kind === 'options' ? MARAT : undefined);
    expect(decision.reply).toMatchObject({ outcome: 'adopted', outcomeCertain: false, outcomeBasis: 'tally', required: 21 });
  });

  it.each(kinds)('$kind: the same 22 votes with a reported outcome: the source settles it, certain as its claim, on the basis of the report', ({ motionId, counts }) => {
    expect(recorded(blurred, decide(motionId, { counts: counts(22, 10), reportedOutcome: 'rejected' }))).toMatchObject({ outcome: 'rejected', outcomeCertain: true, outcomeBasis: 'reported' });
    expect(decided(blurred, decide(motionId, { counts: counts(22, 10), reportedOutcome: 'adopted' })).reply).toMatchObject({ outcome: 'adopted', outcomeCertain: true, outcomeBasis: 'reported' });
  });

  it.each(kinds)('$kind: a tally that reads the same under 21, 22 and 23 required is certain without a report (30 adopt, 20 reject), and a report that agrees leaves its basis the tally', ({ motionId, counts }) => {
    expect(recorded(blurred, decide(motionId, { counts: counts(30, 10) }))).toMatchObject({ outcome: 'adopted', outcomeCertain: true, outcomeBasis: 'tally' });
    expect(recorded(blurred, decide(motionId, { counts: counts(20, 10) }))).toMatchObject({ outcome: 'rejected', outcomeCertain: true, outcomeBasis: 'tally' });
    expect(recorded(blurred, decide(motionId, { counts: counts(30, 10), reportedOutcome: 'adopted' }))).toMatchObject({ outcome: 'adopted', outcomeCertain: true, outcomeBasis: 'tally' });
  });

  it.each(kinds)('$kind: with no undecidable member (45 in office, 23 required) 22 votes certainly reject', ({ motionId, counts }) => {
    expect(recorded(full, decide(motionId, { counts: counts(22, 10) }))).toMatchObject({ outcome: 'rejected', outcomeCertain: true, outcomeBasis: 'tally', required: 23 });
  });

  it.each(kinds)('$kind: kept as an anomaly, a reported outcome the tally contradicts is the source\'s claim: certain, on the basis of the report', ({ motionId, counts }) => {
    const data = recorded(blurred, decide(motionId, { counts: counts(30, 10), reportedOutcome: 'rejected', recordAnomaly: true }));
    expect(data).toMatchObject({ outcome: 'rejected', outcomeCertain: true, outcomeBasis: 'reported', anomalies: [{ rule: 'reported-outcome-contradicts-tally' }] });
  });

  it.each(kinds)('$kind: neither a tally nor a report (no-tally, kept as an anomaly): rejected, uncertain; a report alone is the basis', ({ motionId }) => {
    const data = recorded(full, decide(motionId, { recordAnomaly: true }));
    expect(data).toMatchObject({ outcome: 'rejected', outcomeCertain: false, outcomeBasis: 'tally', tallyFrom: 'none', anomalies: [{ rule: 'no-tally' }] });
    expect(recorded(full, decide(motionId, { reportedOutcome: 'rejected' }))).toMatchObject({ outcome: 'rejected', outcomeCertain: true, outcomeBasis: 'reported', tallyFrom: 'none' });
  });

  it('yes/no: counts without a yes figure where yes may still reach the requirement (20 no: yes 0 to 25, 23 required) decide no reading: no-tally, uncertain unless reported', () => {
    const kept = recorded(full, decide('programme', { counts: { no: 20 }, recordAnomaly: true }));
    expect(kept).toMatchObject({ outcome: 'rejected', outcomeCertain: false, outcomeBasis: 'tally', anomalies: [{ rule: 'no-tally' }] });
    expect(recorded(full, decide('programme', { counts: { no: 20 }, reportedOutcome: 'rejected' }))).toMatchObject({ outcome: 'rejected', outcomeCertain: true, outcomeBasis: 'reported' });
  });

  it('yes/no: counts without a yes figure where yes cannot reach the requirement (23 no: yes at most 22, 23 required) decide a rejection (decision 52): certain, not no-tally', () => {
    const data = recorded(full, decide('programme', { counts: { no: 23 } }));
    expect(data).toMatchObject({ outcome: 'rejected', outcomeCertain: true, outcomeBasis: 'tally' });
    expect('anomalies' in data).toBe(false);
    expect('yes' in (data.tally as object)).toBe(false);
  });

  it('options, 22 to 21 without a report: no winner under 21 or 23, Marat under 22: rejected, uncertain', () => {
    const data = recorded(blurred, decide('secretary', { counts: { [MARAT]: 22, [NATALYA]: 21 } }));
    expect(data).toMatchObject({ outcome: 'rejected', outcomeCertain: false, outcomeBasis: 'tally' });
    expect('winner' in data).toBe(false);
  });

  it('options: a reported winner alone settles an undecided tally (adopted, certain), and one the decided tally contradicts is the source\'s claim; one it agrees with is the tally\'s', () => {
    expect(recorded(blurred, decide('secretary', { counts: { [MARAT]: 22, [NATALYA]: 10 }, reportedWinner: MARAT }))).toMatchObject({ outcome: 'adopted', winner: MARAT, outcomeCertain: true, outcomeBasis: 'reported' });
    expect(recorded(blurred, decide('secretary', { counts: { [MARAT]: 30, [NATALYA]: 10 }, reportedWinner: NATALYA, recordAnomaly: true }))).toMatchObject({
      outcome: 'adopted', winner: NATALYA, outcomeCertain: true, outcomeBasis: 'reported', anomalies: [{ rule: 'reported-winner-contradicts-tally' }],
    });
    expect(recorded(blurred, decide('secretary', { counts: { [MARAT]: 30, [NATALYA]: 10 }, reportedWinner: MARAT }))).toMatchObject({ outcome: 'adopted', winner: MARAT, outcomeCertain: true, outcomeBasis: 'tally' });
  });
});

describe('reported-winner-contradicts-reported-outcome: a source that names a winner of a rejected motion', () => {
  const finding = {
    rule: 'reported-winner-contradicts-reported-outcome',
    message: `the source says secretary was rejected, but names ${NATALYA} as its winner`,
    figures: { motionId: 'secretary', reportedOutcome: 'rejected', reportedWinner: NATALYA },
  };
  const selfContradicting = { reportedOutcome: 'rejected' as const, reportedWinner: NATALYA };

  it('is refused without a tally, with an undecided one and with one that no option wins', () => {
    expect(refused(full, decide('secretary', selfContradicting))).toEqual([finding]);
    expect(refused(blurred, decide('secretary', { ...selfContradicting, counts: { [MARAT]: 10, [NATALYA]: 22 } }))).toEqual([finding]);
    expect(refused(full, decide('secretary', { ...selfContradicting, counts: { [MARAT]: 10, [NATALYA]: 10 } }))).toEqual([finding]);
  });

  it('with recordAnomaly the reported outcome is recorded, with no winner; the reported winner stays as the source gives it', () => {
    const data = recorded(full, decide('secretary', { ...selfContradicting, recordAnomaly: true }));
    expect(data).toMatchObject({ outcome: 'rejected', reportedOutcome: 'rejected', reportedWinner: NATALYA, tallyFrom: 'none', anomalies: [finding] });
    expect('winner' in data).toBe(false);
  });

  it('beside a tally that certainly elects her, the outcome contradicts the tally too', () => {
    expect(refused(full, decide('secretary', { ...selfContradicting, counts: { [MARAT]: 10, [NATALYA]: 30 } })).map((v) => v.rule)).toEqual([
      'reported-winner-contradicts-reported-outcome',
      'reported-outcome-contradicts-tally',
    ]);
  });

  it('a reported winner with a reported adoption is no contradiction', () => {
    expect(recorded(full, decide('secretary', { reportedOutcome: 'adopted', reportedWinner: NATALYA }))).toMatchObject({ outcome: 'adopted', winner: NATALYA, tallyFrom: 'none' });
  });
});
