/**
 * Decision 52: counts a source gives are what it says, and a choice it leaves out is unknown, not 0
 * (`readingsOf` in tally-readings.ts). Under each membership of the day a left-out choice may have anything
 * from 0 to the votes nobody accounts for (the membership less every count given); a reading decides only
 * when every such completion gives the same result, and a report is ruled out only when no reading allows it.
 *
 * Councils (expected values are written from these figures, not from the code):
 * - `small`: 5 members, 2 of whom left at some day of February 2013: on the 16th 3 are certainly in office
 *   and 2 undecidable, so a majority is 2 (of 3) or 3 (of 4 or 5): the council of reported-winner.e2e.spec.ts.
 * - `full`: 45 members in office, 23 required.
 */
import { CouncilCommand } from '../commands';
import { MARAT, NATALYA, councilWithDepartures, founded, left, members, questionAndChoice } from '../fixtures';
import { GivenEvent, decided, refused } from '../given-when-then';

const small = [founded, ...members(5), left('general-4', '2013-02'), left('general-5', '2013-02'), ...questionAndChoice];
const full = [...councilWithDepartures(0), ...questionAndChoice];

type Decide = Extract<CouncilCommand, { kind: 'DecideMotion' }>;
const decide = (motionId: string, extra: Partial<Decide>): CouncilCommand => ({ kind: 'DecideMotion', motionId, decidedOn: '2013-02-16', ...extra });
const recorded = (events: GivenEvent[], command: CouncilCommand) => decided(events, command).events[0].data as unknown as Record<string, unknown>;

describe('between options, an option the counts leave out may have won', () => {
  it('2 for Marat, Natalya not given, the source says Natalya won: with 5 members in office she may have had 3 of the 3 required: accepted as reported (decision 50 refused it reading her count as 0)', () => {
    const data = recorded(small, decide('secretary', { counts: { [MARAT]: 2 }, reportedWinner: NATALYA }));
    expect(data).toMatchObject({ outcome: 'adopted', winner: NATALYA, outcomeCertain: true, outcomeBasis: 'reported', tally: { [MARAT]: 2 }, tallyFrom: 'reported', required: 2 });
    expect('anomalies' in data).toBe(false);
  });

  it('the same counts without a report: Marat wins with 3 in office (2 of 2 required, 1 vote left), nobody with 4, and with 5 Natalya may: Marat is recorded, uncertain', () => {
    const reply = decided(small, decide('secretary', { counts: { [MARAT]: 2 } })).reply;
    expect(reply).toMatchObject({ outcome: 'adopted', winner: MARAT, counts: { [MARAT]: 2 }, required: 2, outcomeCertain: false, outcomeBasis: 'tally' });
    expect(Object.keys(reply.counts as object)).toEqual([MARAT]);
  });

  it('a known option that reaches the requirement, and a left-out one that could reach it too (at least 10 of 45, Marat 20, 25 unaccounted for): undecided, the counts as given recorded, uncertain', () => {
    const own: GivenEvent = { type: 'MotionTabled', data: { motionId: 'low', title: 'Low bar', kind: 'appointment', openedOn: '2013-02-16', online: true, options: [MARAT, NATALYA], rule: { atLeast: 10 } } } as GivenEvent;
    const events = [...full, own];
    expect(recorded(events, decide('low', { counts: { [MARAT]: 20 } }))).toMatchObject({ outcome: 'adopted', winner: MARAT, required: 10, outcomeCertain: false, outcomeBasis: 'tally' });
    // A reported adoption says Natalya did not reach 10 too (two reaching it elect nobody): Marat won, for certain.
    expect(recorded(events, decide('low', { counts: { [MARAT]: 20 }, reportedOutcome: 'adopted' }))).toMatchObject({ outcome: 'adopted', winner: MARAT, outcomeCertain: true, outcomeBasis: 'reported' });
    // Natalya cannot win alone whatever her count: Marat reaches 10 under every membership.
    expect(refused(events, decide('low', { counts: { [MARAT]: 20 }, reportedWinner: NATALYA }))).toEqual([
      {
        rule: 'reported-winner-contradicts-tally',
        message: `the source says ${NATALYA} won, but with 10 votes required the tally gives ${MARAT} or no winner; ${NATALYA} is not given, and at most 25 votes are unaccounted for`,
        figures: { reportedWinner: NATALYA, derivedWinners: [MARAT, null], tally: { [MARAT]: 20 }, required: 10, requiredIfAllUncertainIn: 10, notGiven: [NATALYA], unaccountedAtMost: [25] },
      },
    ]);
  });

  it('a left-out option with too few votes unaccounted for to reach the requirement decides as before: 30 for Marat of 45 (Natalya at most 15 of 23), 20 and 10 abstaining (Natalya at most 15: nobody)', () => {
    expect(recorded(full, decide('secretary', { counts: { [MARAT]: 30 } }))).toMatchObject({ outcome: 'adopted', winner: MARAT, outcomeCertain: true, outcomeBasis: 'tally' });
    const none = recorded(full, decide('secretary', { counts: { [MARAT]: 20, abstain: 10 } }));
    expect(none).toMatchObject({ outcome: 'rejected', outcomeCertain: true, outcomeBasis: 'tally' });
    expect('winner' in none).toBe(false);
    expect(refused(full, decide('secretary', { counts: { [MARAT]: 20, abstain: 10 }, reportedWinner: NATALYA })).map((v) => [v.rule, v.figures.unaccountedAtMost])).toEqual([
      ['reported-winner-contradicts-tally', [15]],
    ]);
  });

  it('recorded votes are the tally: an option nobody voted for has 0 (no votes unaccounted for)', () => {
    const votes: GivenEvent[] = [1, 2].map((i) => ({ type: 'VoteCast', data: { motionId: 'secretary', memberId: `general-${i}`, choice: MARAT } }) as GivenEvent);
    // 2 votes for Marat: he alone reaches 2 with 3 in office, nobody reaches 3; Natalya (0) wins under no membership.
    expect(refused([...small, ...votes], decide('secretary', { reportedWinner: NATALYA })).map((v) => [v.rule, v.figures.notGiven])).toEqual([
      ['reported-winner-contradicts-tally', undefined],
    ]);
  });
});

describe('a yes/no question whose yes count is not given: yes is unknown, at most the votes unaccounted for', () => {
  it('3 no of at most 5 in office: yes has at most 0 (of 2 required), 1 or 2 (of 3): rejected under every membership, so "yes won" is refused; kept, recorded as the source says', () => {
    const command = decide('programme', { counts: { no: 3 }, reportedWinner: 'yes' });
    const violations = refused(small, command);
    expect(violations).toEqual([
      {
        rule: 'reported-winner-contradicts-tally',
        message: 'the source says yes won, but with 2 to 3 votes required the tally gives a rejection (no won); yes is not given, and at most 0 to 2 votes are unaccounted for',
        figures: {
          reportedWinner: 'yes', derivedWinner: 'no', derivedWinners: ['no'], tally: { no: 3 }, required: 2, requiredIfAllUncertainIn: 3,
          notGiven: ['yes'], unaccountedAtMost: [0, 1, 2],
        },
      },
    ]);
    expect(recorded(small, { ...command, recordAnomaly: true } as CouncilCommand)).toMatchObject({
      outcome: 'adopted', reportedWinner: 'yes', outcomeCertain: true, outcomeBasis: 'reported', anomalies: violations,
    });
  });

  it('a reported adoption on the same counts is refused by the outcome rule, saying rejected and why', () => {
    expect(refused(small, decide('programme', { counts: { no: 3 }, reportedOutcome: 'adopted' }))).toEqual([
      {
        rule: 'reported-outcome-contradicts-tally',
        message: 'the source says adopted, but with 2 to 3 votes required (majority-of-members) the tally gives rejected: yes cannot reach it; yes is not given, and at most 0 to 2 votes are unaccounted for',
        figures: {
          reportedOutcome: 'adopted', derivedOutcome: 'rejected', yes: undefined, no: 3, abstain: undefined, required: 2, rule: 'majority-of-members',
          requiredIfAllUncertainIn: 3, notGiven: ['yes'], unaccountedAtMost: [0, 1, 2],
        },
      },
    ]);
  });

  it('without a report, a rejection decided under every membership is certain and not no-tally; one that yes may still reach is no-tally', () => {
    const certain = recorded(small, decide('programme', { counts: { no: 3 } }));
    expect(certain).toMatchObject({ outcome: 'rejected', outcomeCertain: true, outcomeBasis: 'tally' });
    expect('anomalies' in certain).toBe(false);
    // 2 no: yes at most 1 of 2 (3 in office) and 2 of 3 (4), but 3 of 3 with 5: the last reading does not decide.
    const partly = recorded(small, decide('programme', { counts: { no: 2 } }));
    expect(partly).toMatchObject({ outcome: 'rejected', outcomeCertain: false, outcomeBasis: 'tally' });
    expect('anomalies' in partly).toBe(false);
    // 1 no: yes may reach the requirement under every membership: nothing decides.
    expect(refused(small, decide('programme', { counts: { no: 1 } }))).toEqual([
      {
        rule: 'no-tally',
        message: 'neither votes, counts with yes, nor a reported outcome decide the motion (tally from reported); yes is not given, and at most 2 to 4 votes are unaccounted for',
        figures: { required: 2, requiredIfAllUncertainIn: 3, notGiven: ['yes'], unaccountedAtMost: [2, 3, 4] },
      },
    ]);
  });

  it('under a majority of those present the votes unaccounted for are the attendance less the counts: 14 no of 27 present leave yes at most 13 of 14', () => {
    const rules = { ...founded, data: { ...founded.data, rules: { quorum: 'majority-of-members', decision: 'majority-of-present' } } } as GivenEvent;
    const meeting = { type: 'MeetingHeld', data: { meetingId: 'm1', date: '2013-02-16', presentCount: 27 } } as GivenEvent;
    const atMeeting = { type: 'MotionTabled', data: { motionId: 'atm', title: 'At the meeting', kind: 'resolution', openedOn: '2013-02-16', meetingId: 'm1' } } as GivenEvent;
    const events = [rules, ...councilWithDepartures(0).slice(1), meeting, atMeeting];
    expect(refused(events, decide('atm', { counts: { no: 14 }, reportedOutcome: 'adopted' })).map((v) => [v.rule, v.figures.unaccountedAtMost])).toEqual([
      ['reported-outcome-contradicts-tally', [13]],
    ]);
    // 13 no: yes may have 14.
    expect(recorded(events, decide('atm', { counts: { no: 13 }, reportedOutcome: 'adopted' }))).toMatchObject({ outcome: 'adopted', outcomeCertain: true, outcomeBasis: 'reported' });
  });
});

/**
 * Review of decision 52 (two premises it kept): a key that is no choice (kept with recordAnomaly as
 * `invalid-count-key`) says nothing about how many votes were cast, so it bounds no left-out count; and with a
 * rule counted against those present and the attendance unknown (`majority-of-present-without-attendance`,
 * kept with recordAnomaly) the votes required are unknown, so no count decides the outcome.
 */
describe('what the counts cannot bound or decide', () => {
  it('{no: 1, total: 4} on `small`: "total" is no choice, so yes may have had 3 of the 3 required: not a certain rejection', () => {
    const data = recorded(small, decide('programme', { counts: { no: 1, total: 4 }, recordAnomaly: true }));
    // Read as 4 votes cast, the slack was 0 and the rejection certain.
    expect(data).toMatchObject({ outcome: 'rejected', outcomeCertain: false });
    // And a source that says yes won is not contradicted by a key the domain does not understand.
    const rules = refused(small, decide('programme', { counts: { no: 1, total: 4 }, reportedWinner: 'yes' })).map((v) => v.rule);
    expect(rules).toEqual(['invalid-count-key']);
  });

  describe('a majority of those present, the attendance unknown', () => {
    const ofPresent = { ...founded, data: { ...founded.data, rules: { ...(founded.data as { rules: object }).rules, decision: 'majority-of-present' } } } as GivenEvent;
    const council = [ofPresent, ...members(45), { type: 'MeetingHeld', data: { meetingId: 'm1', date: '2013-02-16' } } as GivenEvent];
    const question = { type: 'MotionTabled', data: { motionId: 'q', title: 'q', kind: 'resolution', openedOn: '2013-02-16', meetingId: 'm1' } } as GivenEvent;
    const choice = { type: 'MotionTabled', data: { motionId: 'o', title: 'o', kind: 'appointment', openedOn: '2013-02-16', meetingId: 'm1', options: [MARAT, NATALYA] } } as GivenEvent;

    it('5 yes, 10 no: at least 15 present, so at least 8 required: never recorded as a certain adoption (it was, against 1 required "of 0 present")', () => {
      const data = recorded([...council, question], decide('q', { counts: { yes: 5, no: 10 }, recordAnomaly: true }));
      expect(data).toMatchObject({ outcomeCertain: false });
      expect(data.outcome).not.toBe('adopted');
    });

    it('Marat 5, Natalya 15: Natalya won or nobody did: not a certain rejection', () => {
      const data = recorded([...council, choice], decide('o', { counts: { [MARAT]: 5, [NATALYA]: 15 }, recordAnomaly: true }));
      expect(data).toMatchObject({ outcomeCertain: false });
    });

    it('Marat 5, Natalya not given, the source says Natalya won: nothing contradicts it (only the attendance is an anomaly)', () => {
      const data = recorded([...council, choice], decide('o', { counts: { [MARAT]: 5 }, reportedWinner: NATALYA, recordAnomaly: true }));
      expect(data).toMatchObject({ outcome: 'adopted', winner: NATALYA });
      expect((data.anomalies as Array<{ rule: string }>).map((a) => a.rule)).toEqual(['majority-of-present-without-attendance']);
    });
  });
});

describe('one choice counted twice', () => {
  it('"Marat Davletbaev": 30 and "marat davletbaev": 3 name one option: refused naming both keys and figures; kept, its count is unknown (the later figure used to replace the first silently)', () => {
    const counts = { [MARAT]: 30, [MARAT.toLowerCase()]: 3 };
    expect(refused(full, decide('secretary', { counts }))).toEqual([
      {
        rule: 'duplicate-count-key',
        message: `"${MARAT}" and "${MARAT.toLowerCase()}" both count ${MARAT} on secretary: 30 and 3`,
        figures: { choice: MARAT, keys: [MARAT, MARAT.toLowerCase()], counts: [30, 3] },
      },
    ]);
    const data = recorded(full, decide('secretary', { counts, recordAnomaly: true }));
    // Neither figure is in the tally: both options unknown, 45 votes unaccounted for, nothing decided.
    expect(data).toMatchObject({ tally: {}, outcomeCertain: false });
    expect((data.anomalies as Array<{ rule: string }>).map((a) => a.rule)).toContain('duplicate-count-key');
  });

  it('on a question, "yes" and "Yes" likewise; yes is then unknown, and 0 no decide nothing (no-tally)', () => {
    expect(refused(small, decide('programme', { counts: { yes: 3, Yes: 1, no: 0 } })).map((v) => v.rule)).toEqual(['duplicate-count-key', 'no-tally']);
  });
});
