import { NewVotingEvent } from './events';
import { VotingNotFoundError } from './errors';
import { castBallot, closeVoting, decideVerification, recordBatch, registerVoter, scheduleVoting, ScheduleVoting } from './decide';
import { given, votingState } from './given-when-then';
import { initialVotingState } from './state';
import { recount } from './tally';

const OPENS = Date.parse('2030-10-20T06:00:00Z');
const CLOSES = Date.parse('2030-10-22T18:00:00Z');
const DURING = OPENS + 3600_000;

const schedule: ScheduleVoting = {
  votingId: 'cc-2030',
  councilId: 'cc',
  title: 'Elections',
  opensAt: '2030-10-20T06:00:00Z',
  closesAt: '2030-10-22T18:00:00Z',
  verification: 'committee',
  minBatch: 3,
  councilCuriae: [
    { key: 'general', seats: 2 },
    { key: 'left', seats: 1 },
  ],
  ballots: [
    { key: 'general', title: 'General list', curia: 'general', seats: 2, maxMarks: 2, candidates: ['a', 'b', 'c', 'd'].map((id) => ({ candidateId: id, name: id.toUpperCase() })) },
    { key: 'left', title: 'Left', curia: 'left', seats: 1, maxMarks: 1, candidates: ['l1', 'l2'].map((id) => ({ candidateId: id, name: id })) },
  ],
};

const scheduled = scheduleVoting(initialVotingState(), schedule);
const voter = (voterId: string, verified?: boolean): NewVotingEvent[] => [
  { type: 'VoterRegistered', data: { voterId, tokenHash: `h-${voterId}`, name: voterId } },
  ...(verified === undefined ? [] : [{ type: 'VoterVerificationDecided' as const, data: { voterId, verified } }]),
];
const ballots = (batch: number, ...marks: Array<Record<string, string[]>>): NewVotingEvent => ({
  type: 'BallotsCast',
  data: { batch, ballots: marks.map((m, i) => ({ receipt: `r${batch}-${i}`, marks: m })) },
});

describe('votings: scheduling', () => {
  it('records the voting with its ballots and instants normalised', () => {
    given([]).when((s) => scheduleVoting(s, schedule)).then((events) => {
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'VotingScheduled', data: { opensAt: '2030-10-20T06:00:00.000Z', minBatch: 3 } });
    });
  });
  it('closes-after-opens', () => {
    given([]).when((s) => scheduleVoting(s, { ...schedule, closesAt: schedule.opensAt })).thenRefused('closes-after-opens');
  });
  it('duplicate-ballot-key and duplicate-candidate', () => {
    given([]).when((s) => scheduleVoting(s, { ...schedule, ballots: [schedule.ballots[0], schedule.ballots[0]] })).thenRefused('duplicate-ballot-key', { ballot: 'general' });
    const twice = { ...schedule.ballots[1], candidates: [{ candidateId: 'l1', name: 'x' }, { candidateId: 'l1', name: 'y' }] };
    given([]).when((s) => scheduleVoting(s, { ...schedule, ballots: [twice] })).thenRefused('duplicate-candidate', { candidateId: 'l1' });
  });
  it('unknown-curia and seats-exceed-curia name the council figures', () => {
    given([]).when((s) => scheduleVoting(s, { ...schedule, ballots: [{ ...schedule.ballots[1], curia: 'right' }] })).thenRefused('unknown-curia', { curia: 'right' });
    given([]).when((s) => scheduleVoting(s, { ...schedule, ballots: [{ ...schedule.ballots[1], seats: 2 }] })).thenRefused('seats-exceed-curia', { seats: 2, curiaSeats: 1 });
  });
  it('a voting id is used once (409)', () => {
    given(scheduled).when((s) => scheduleVoting(s, schedule)).thenRefused('voting-exists', {}, 409);
  });
});

describe('votings: voters and the committee', () => {
  it('registers a voter before or during the voting, not after closing', () => {
    given(scheduled).when((s) => registerVoter(s, { voterId: 'v1', tokenHash: 'h', name: 'Ann', now: OPENS - 1000 })).then((e) => expect(e[0].type).toBe('VoterRegistered'));
    given(scheduled).when((s) => registerVoter(s, { voterId: 'v1', tokenHash: 'h', name: 'Ann', now: CLOSES })).thenRefused('voting-closed', { closesAt: '2030-10-22T18:00:00.000Z' });
  });
  it('the committee verifies or rejects a registered voter; an unknown voter is a 404', () => {
    given([...scheduled, ...voter('v1')]).when((s) => decideVerification(s, { voterId: 'v1', verified: true, now: DURING })).then((e) =>
      expect(e[0]).toEqual({ type: 'VoterVerificationDecided', data: { voterId: 'v1', verified: true } }),
    );
    given(scheduled).when((s) => decideVerification(s, { voterId: 'nobody', verified: true, now: DURING })).thenError(VotingNotFoundError);
  });
  it('no-verification: a voting without a committee has nothing to verify', () => {
    given([{ ...scheduled[0], data: { ...(scheduled[0].data as object), verification: 'none' } } as NewVotingEvent, ...voter('v1')])
      .when((s) => decideVerification(s, { voterId: 'v1', verified: true, now: DURING }))
      .thenRefused('no-verification');
  });
  it('voter-has-voted: a verification is not revoked once the voter has voted', () => {
    given([...scheduled, ...voter('v1', true), { type: 'VotersParticipated', data: { batch: 0, voterIds: ['v1'] } }])
      .when((s) => decideVerification(s, { voterId: 'v1', verified: false, now: DURING }))
      .thenRefused('voter-has-voted');
  });
  it('verified counts each voter once, whatever the committee changes', () => {
    const s = votingState([...scheduled, ...voter('v1', true), ...voter('v2', true), { type: 'VoterVerificationDecided', data: { voterId: 'v1', verified: true } }, { type: 'VoterVerificationDecided', data: { voterId: 'v2', verified: false } }]);
    expect(s.verified).toBe(1);
  });
});

describe('votings: casting a ballot', () => {
  const ready = [...scheduled, ...voter('v1', true), ...voter('v2'), ...voter('v3', false)];
  const cast = (marks: Record<string, string[]>, voterId = 'v1', now = DURING) => (s: ReturnType<typeof votingState>) => castBallot(s, { voterId, marks, now });

  it('accepts a valid ballot and returns it normalised (every list present)', () => {
    given(ready).when(cast({ general: ['b', 'a'] })).then((marks) => expect(marks).toEqual({ general: ['b', 'a'], left: [] }));
  });
  it('voting-not-open before opensAt; voting-closed at closesAt and after a close', () => {
    given(ready).when(cast({}, 'v1', OPENS - 1)).thenRefused('voting-not-open', { opensAt: '2030-10-20T06:00:00.000Z' });
    given(ready).when(cast({}, 'v1', CLOSES)).thenRefused('voting-closed');
    const closed = [...ready, ...closeVoting(votingState(ready), { now: DURING, closedBy: 'request' })];
    given(closed).when(cast({}, 'v1', DURING + 1)).thenRefused('voting-closed');
  });
  it('voter-not-verified under committee: pending and rejected voters may not vote', () => {
    given(ready).when(cast({}, 'v2')).thenRefused('voter-not-verified', { status: 'pending' });
    given(ready).when(cast({}, 'v3')).thenRefused('voter-not-verified', { status: 'rejected' });
  });
  it('already-voted (409): one ballot per voter', () => {
    given([...ready, { type: 'VotersParticipated', data: { batch: 0, voterIds: ['v1'] } }]).when(cast({ general: ['a'] })).thenRefused('already-voted', {}, 409);
  });
  it('too-many-marks names the ballot, the marks and maxMarks', () => {
    given(ready).when(cast({ general: ['a', 'b', 'c'] })).thenRefused('too-many-marks', { ballot: 'general', marks: 3, maxMarks: 2 });
  });
  it('candidate-not-on-ballot: candidates on their own ballot only', () => {
    given(ready).when(cast({ left: ['a'] })).thenRefused('candidate-not-on-ballot', { ballot: 'left', candidateId: 'a' });
  });
  it('repeated-mark', () => {
    given(ready).when(cast({ general: ['a', 'a'] })).thenRefused('repeated-mark', { ballot: 'general', candidateId: 'a' });
  });
  it('unknown-ballot', () => {
    given(ready).when(cast({ right: [] })).thenRefused('unknown-ballot', { ballot: 'right' });
  });
  it('under "none" a registered voter votes without the committee', () => {
    const open = [{ ...scheduled[0], data: { ...(scheduled[0].data as object), verification: 'none' } } as NewVotingEvent, ...voter('v2')];
    given(open).when(cast({ left: ['l2'] }, 'v2')).then((marks) => expect(marks.left).toEqual(['l2']));
  });
});

describe('votings: batches and counting', () => {
  it('a batch records participation sorted and ballots as given, sharing only the batch number', () => {
    given(scheduled)
      .when((s) => recordBatch(s, 0, ['v3', 'v1'], [{ receipt: 'r1', marks: { general: ['a'] } }, { receipt: 'r2', marks: {} }]))
      .then((events) => {
        expect(events[0]).toEqual({ type: 'VotersParticipated', data: { batch: 0, voterIds: ['v1', 'v3'] } });
        expect(events[1].type).toBe('BallotsCast');
        expect(JSON.stringify(events[1].data)).not.toMatch(/v1|v3/);
      });
  });
  it('batch-out-of-order and batch-mismatch', () => {
    given(scheduled).when((s) => recordBatch(s, 1, [], [])).thenRefused('batch-out-of-order');
    given(scheduled).when((s) => recordBatch(s, 0, ['v1'], [])).thenRefused('batch-mismatch');
  });
  it('closing counts: top seats elected, ranks shared on equal marks', () => {
    const history = [...scheduled, ballots(0, { general: ['a', 'b'], left: ['l1'] }, { general: ['a', 'c'], left: ['l1'] }, { general: ['b', 'a'], left: ['l2'] })];
    given(history).when((s) => closeVoting(s, { now: DURING, closedBy: 'request' })).then(([event]) => {
      expect(event.type).toBe('VotingClosed');
      const results = (event.data as { results: { ballotsCast: number; ballots: Array<{ elected: string[]; candidates: unknown[]; tie?: unknown }> } }).results;
      expect(results.ballotsCast).toBe(3);
      expect(results.ballots[0].elected).toEqual(['a', 'b']);
      expect(results.ballots[0].candidates).toEqual([
        { candidateId: 'a', name: 'A', marks: 3, rank: 1, elected: true },
        { candidateId: 'b', name: 'B', marks: 2, rank: 2, elected: true },
        { candidateId: 'c', name: 'C', marks: 1, rank: 3, elected: false },
        { candidateId: 'd', name: 'D', marks: 0, rank: 4, elected: false },
      ]);
      expect(results.ballots[1].elected).toEqual(['l1']);
      expect(results.ballots[1].tie).toBeUndefined();
    });
  });
  it('a tie at the last seat is reported and not broken', () => {
    const history = [...scheduled, ballots(0, { general: ['a', 'b'] }, { general: ['a', 'c'] }, { left: ['l1'] }, { left: ['l2'] })];
    given(history).when((s) => closeVoting(s, { now: DURING, closedBy: 'request' })).then(([event]) => {
      const [general, left] = (event.data as { results: { ballots: Array<{ elected: string[]; tie?: unknown; candidates: Array<{ tied?: boolean }> }> } }).results.ballots;
      expect(general.elected).toEqual(['a']);
      expect(general.tie).toEqual({ marks: 1, seats: 1, candidates: ['b', 'c'] });
      expect(left.elected).toEqual([]);
      expect(left.tie).toEqual({ marks: 1, seats: 1, candidates: ['l1', 'l2'] });
    });
  });
  it('voting-already-closed (409); voting-not-open before opensAt; a late automatic close is dated at closesAt', () => {
    const closed = [...scheduled, ...closeVoting(votingState(scheduled), { now: DURING, closedBy: 'request' })];
    given(closed).when((s) => closeVoting(s, { now: DURING, closedBy: 'request' })).thenRefused('voting-already-closed', {}, 409);
    given(scheduled).when((s) => closeVoting(s, { now: OPENS - 1, closedBy: 'request' })).thenRefused('voting-not-open');
    given(scheduled).when((s) => closeVoting(s, { now: CLOSES + 3600_000, closedBy: 'schedule' })).then(([e]) =>
      expect((e.data as { closedAt: string }).closedAt).toBe('2030-10-22T18:00:00.000Z'),
    );
  });
  it('recounting the ballots gives the fold\'s tally', () => {
    const b = [{ general: ['a', 'b'], left: ['l1'] }, { general: ['d'], left: [] }, { general: [], left: ['l2'] }];
    const s = votingState([...scheduled, ballots(0, ...b)]);
    const [closed] = closeVoting(s, { now: DURING, closedBy: 'request' });
    expect(recount(schedule, b.map((marks) => ({ marks })))).toEqual((closed.data as { results: { ballots: unknown } }).results.ballots);
  });
});
