/**
 * Rules that keep impossible records out (issue 27): attendance beyond the membership, votes and results
 * dated before their motion was opened, and the same meeting recorded twice.
 */
import { ConflictError, RuleViolationError } from './errors';
import { councilWithDepartures, left } from './fixtures';
import { GivenEvent, given } from './given-when-then';

const meeting = (meetingId: string, date: string, extra: Record<string, unknown> = {}): GivenEvent => ({
  type: 'MeetingHeld',
  id: meetingId,
  data: {
    meetingId,
    date,
    kind: 'regular',
    presentCount: 30,
    membership: { certain: 45, uncertain: 0 },
    quorum: { rule: 'majority-of-members', required: 23, requiredIfAllUncertainIn: 23 },
    quorumCertain: true,
    outcomeBasis: 'attendance',
    ...extra,
  },
});
const motion = (motionId: string, openedOn: string, meetingId?: string): GivenEvent => ({
  type: 'MotionTabled',
  id: motionId,
  data: { motionId, title: motionId, kind: 'resolution', openedOn, online: meetingId === undefined, ...(meetingId ? { meetingId } : {}) },
});

describe('present-exceeds-membership: no more present than members in office that day', () => {
  // 40 members in office from 2013-06-01 (5 left).
  const council = councilWithDepartures(5);

  it('given 40 members in office, when 300 are reported present, then 422 naming the figures', () => {
    const { error } = given(council).when({ kind: 'RecordMeeting', date: '2013-08-24', presentCount: 300 }).thenViolates('present-exceeds-membership');
    const [violation] = (error as RuleViolationError).violations;
    expect(violation.figures).toEqual({ present: 300, membership: 40, membershipUncertain: 0, on: '2013-08-24' });
    expect(violation.message).toBe('300 present, but the council had 40 members in office on 2013-08-24');
  });

  it('given 40 members in office, when exactly 40 are present, then the meeting is held', () => {
    given(council).when({ kind: 'RecordMeeting', date: '2013-08-24', presentCount: 40 }).then([{ type: 'MeetingHeld', data: { presentCount: 40 } }]);
  });

  it('given 40 certain and 2 undecidable members, when 42 are present, then it passes; 43 is refused', () => {
    const events = [...councilWithDepartures(3), left('general-4', '2013-07'), left('general-5', '2013-07')];
    given(events).when({ kind: 'RecordMeeting', date: '2013-07-15', presentCount: 42 }).then([{ type: 'MeetingHeld' }]);
    const { error } = given(events).when({ kind: 'RecordMeeting', date: '2013-07-15', presentCount: 43 }).thenViolates('present-exceeds-membership');
    expect((error as RuleViolationError).violations[0].message).toContain('at most 42 members in office');
  });

  it('given the rule is broken, when the request says recordAnomaly, then the fact is kept with the anomaly', () => {
    given(council)
      .when({ kind: 'RecordMeeting', date: '2013-08-24', presentCount: 300, recordAnomaly: true })
      .then([{ type: 'MeetingHeld', data: { presentCount: 300, anomalies: [{ rule: 'present-exceeds-membership', figures: { present: 300, membership: 40 } }] } }]);
  });
});

describe('vote-before-opened / decided-before-opened', () => {
  const council = councilWithDepartures(0);

  it('given a motion opened on 2013-03-01 at a meeting of 2013-02-16, when a vote is cast, then 422 vote-before-opened', () => {
    const { error } = given([...council, meeting('m', '2013-02-16'), motion('late', '2013-03-01', 'm')])
      .when({ kind: 'CastVote', motionId: 'late', member: 'general-1', choice: 'yes' })
      .thenViolates('vote-before-opened');
    expect((error as RuleViolationError).violations[0].figures).toEqual({ motionId: 'late', openedOn: '2013-03-01', date: '2013-02-16' });
  });

  it('given a motion opened on 2013-03-01, when its result is dated 2013-02-20, then 422 decided-before-opened', () => {
    const { error } = given([...council, motion('online', '2013-03-01')])
      .when({ kind: 'DecideMotion', motionId: 'online', decidedOn: '2013-02-20', counts: { yes: 30, no: 2 } })
      .thenViolates('decided-before-opened');
    expect((error as RuleViolationError).violations[0].message).toBe('the decision on online is dated 2013-02-20, before the motion was opened on 2013-03-01');
  });

  it('given a motion opened some time in March 2013, when decided on 2013-03-01, then it may be on or after the opening: recorded', () => {
    given([...council, motion('online', '2013-03')])
      .when({ kind: 'DecideMotion', motionId: 'online', decidedOn: '2013-03-01', counts: { yes: 30, no: 2 } })
      .then([{ type: 'MotionDecided', data: { outcome: 'adopted' } }]);
  });

  it('given the result is dated before the opening, when the request says recordAnomaly, then it is kept with the anomaly', () => {
    given([...council, motion('online', '2013-03-01')])
      .when({ kind: 'DecideMotion', motionId: 'online', decidedOn: '2013-02-20', counts: { yes: 30, no: 2 }, recordAnomaly: true })
      .then([{ type: 'MotionDecided', data: { anomalies: [{ rule: 'decided-before-opened', figures: { openedOn: '2013-03-01', date: '2013-02-20' } }] } }]);
  });
});

describe('second-meeting-same-day: a day that has a meeting needs a number or kind for another', () => {
  const council = [...councilWithDepartures(5), meeting('meeting-2013-08-24', '2013-08-24')];

  it('given a meeting on 2013-08-24, when the same day is recorded again with neither number nor kind, then 409 naming the meeting', () => {
    const { error } = given(council).when({ kind: 'RecordMeeting', date: '2013-08-24', presentCount: 30 }).then(ConflictError);
    expect(error).toMatchObject({
      rule: 'second-meeting-same-day',
      figures: { date: '2013-08-24', meetingId: 'meeting-2013-08-24', kind: 'regular', outcome: 'held' },
    });
    expect((error as Error).message).toContain('meeting-2013-08-24');
  });

  it('recordAnomaly does not make a repeat into a second meeting', () => {
    given(council).when({ kind: 'RecordMeeting', date: '2013-08-24', presentCount: 30, recordAnomaly: true }).then(ConflictError);
  });

  it('given a meeting on 2013-08-24, when another that day says its kind or number, then it is recorded', () => {
    given(council)
      .when({ kind: 'RecordMeeting', date: '2013-08-24', meetingKind: 'extraordinary', presentCount: 25 })
      .then([{ type: 'MeetingHeld', data: { meetingId: 'meeting-2013-08-24-2', kind: 'extraordinary' } }]);
    given(council).when({ kind: 'RecordMeeting', date: '2013-08-24', number: 12, presentCount: 25 }).then([{ type: 'MeetingHeld', data: { meetingId: 'meeting-12' } }]);
  });

  it('imprecise dates do not clash: "2013-08" is not known to be 2013-08-24', () => {
    given(council).when({ kind: 'RecordMeeting', date: '2013-08', presentCount: 25 }).then([{ type: 'MeetingHeld', data: { date: '2013-08' } }]);
  });
});
