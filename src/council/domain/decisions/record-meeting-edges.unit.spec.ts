/**
 * Issue 22 (mutation survivors of decisions/record-meeting.ts): the quorum judged on the meeting's own
 * membership at each boundary, undecidable members, the figures of every finding, the second meeting of a
 * day, the ids. The council: 45 members, a majority of the members (23) is the quorum.
 */
import { CouncilCommand } from '../commands';
import { ConflictError, NameResolutionError } from '../errors';
import { Violation } from '../events';
import { councilWithDepartures } from '../fixtures';
import { GivenEvent, given, refused, decided } from '../given-when-then';

type Meeting = Extract<CouncilCommand, { kind: 'RecordMeeting' }>;
const meet = (extra: Partial<Meeting> = {}): CouncilCommand => ({ kind: 'RecordMeeting', date: '2013-03-02', ...extra });

const council = councilWithDepartures(0);
// 4 members left at some day of March 2013: on 2 March 41 are certainly in office, 4 undecidable
// (a majority of 41 is 21, of 45 it is 23).
const blurred = councilWithDepartures(4, '2013-03');

describe('RecordMeeting: the quorum at its boundary', () => {
  it('23 present of 45 hold the meeting, 22 do not', () => {
    expect(decided(council, meet({ presentCount: 23 }))).toMatchObject({
      events: [{ type: 'MeetingHeld', data: { meetingId: 'meeting-2013-03-02', presentCount: 23, membership: { certain: 45, uncertain: 0 }, quorumCertain: true, outcomeBasis: 'attendance' } }],
      reply: { meetingId: 'meeting-2013-03-02', outcome: 'held', present: 23, membership: 45, quorum: 23, membershipUncertain: 0, quorumCertain: true, outcomeBasis: 'attendance', reportedMembershipDiffers: false },
    });
    expect(decided(council, meet({ presentCount: 22 }))).toMatchObject({ events: [{ type: 'QuorumFailed' }], reply: { outcome: 'quorum-failed', quorumCertain: true } });
  });

  it('reported-outcome-contradicts-quorum gives the figures; with recordAnomaly the reported outcome is kept', () => {
    expect(refused(council, meet({ presentCount: 30, reportedOutcome: 'quorum-failed' }))).toEqual([
      {
        rule: 'reported-outcome-contradicts-quorum',
        message: 'the source says quorum-failed, but 30 present of 45 members in office on 2013-03-02 is held (quorum 23)',
        figures: { reportedOutcome: 'quorum-failed', derivedOutcome: 'held', present: 30, membership: 45, quorum: 23 },
      },
    ]);
    expect(decided(council, meet({ presentCount: 30, reportedOutcome: 'quorum-failed', recordAnomaly: true })).reply).toMatchObject({ outcome: 'quorum-failed', outcomeBasis: 'reported', quorumCertain: true });
    expect(decided(council, meet({ presentCount: 30, reportedOutcome: 'held' })).reply).toMatchObject({ outcome: 'held', outcomeBasis: 'attendance' });
  });

  it('undecidable: 22 present reach 21 but not 23; the reported outcome decides, else held', () => {
    expect(decided(blurred, meet({ presentCount: 22, reportedOutcome: 'quorum-failed' })).reply).toMatchObject({
      outcome: 'quorum-failed',
      outcomeBasis: 'reported',
      quorumCertain: false,
      membership: 41,
      membershipUncertain: 4,
      quorum: 21,
    });
    expect(decided(blurred, meet({ presentCount: 22 })).reply).toMatchObject({ outcome: 'held', outcomeBasis: 'attendance', quorumCertain: false });
  });

  it('without attendance the reported outcome decides, else held', () => {
    expect(decided(council, meet({ reportedOutcome: 'quorum-failed' }))).toMatchObject({
      events: [{ type: 'QuorumFailed' }],
      reply: { outcome: 'quorum-failed', outcomeBasis: 'reported', present: null, quorumCertain: false },
    });
    expect(decided(council, meet()).reply).toMatchObject({ outcome: 'held', outcomeBasis: 'attendance', present: null });
  });

  it('present-exceeds-membership: 45 fit, 46 do not; with undecidable members it says "at most"', () => {
    expect(decided(council, meet({ presentCount: 45 })).events).toHaveLength(1);
    expect(refused(council, meet({ presentCount: 46 }))).toEqual([
      {
        rule: 'present-exceeds-membership',
        message: '46 present, but the council had 45 members in office on 2013-03-02',
        figures: { present: 46, membership: 45, membershipUncertain: 0, on: '2013-03-02' },
      },
    ]);
    expect(refused(blurred, meet({ presentCount: 46 }))).toEqual([
      {
        rule: 'present-exceeds-membership',
        message: '46 present, but the council had at most 45 members in office on 2013-03-02',
        figures: { present: 46, membership: 41, membershipUncertain: 4, on: '2013-03-02' },
      },
    ]);
  });

  it('reportedMembershipDiffers: outside certain..certain + undecidable', () => {
    const differs = (events: GivenEvent[], reportedMembership: number) => decided(events, meet({ reportedMembership })).reply.reportedMembershipDiffers;
    expect([44, 45, 46].map((n) => differs(council, n))).toEqual([true, false, true]);
    expect([40, 41, 45, 46].map((n) => differs(blurred, n))).toEqual([true, false, false, true]);
  });
});

describe('RecordMeeting: attendance figures', () => {
  it('present-count-below-named: 2 named fit a count of 2, 3 do not; participant-twice names the member', () => {
    expect(decided(council, meet({ present: ['general-1', 'general-2'], presentCount: 2 })).reply).toMatchObject({ present: 2 });
    expect(refused(council, meet({ present: ['general-1', 'general-2', 'GENERAL-2'], presentCount: 2 }))).toEqual([
      { rule: 'participant-twice', message: 'general-2 is listed twice as present', figures: { memberId: 'general-2' } },
      { rule: 'present-count-below-named', message: '3 participants are named but presentCount is 2', figures: { presentCount: 2, named: 3 } },
    ]);
  });

  it('remote-exceeds-present: 30 of 30 may be remote, 31 not; the named participants count when no count is given', () => {
    expect(decided(council, meet({ presentCount: 30, remoteCount: 30 })).events).toHaveLength(1);
    expect(refused(council, meet({ presentCount: 30, remoteCount: 31 }))).toEqual([
      { rule: 'remote-exceeds-present', message: '31 took part remotely but only 30 took part', figures: { remoteCount: 31, present: 30 } },
    ]);
    expect(refused(council, meet({ present: ['general-1'], remoteCount: 2 }))[0]).toMatchObject({ rule: 'remote-exceeds-present', figures: { remoteCount: 2, present: 1 } });
  });
});

describe('RecordMeeting: chair, participants, scheduled chair, reason', () => {
  const gone = councilWithDepartures(1, '2013-01-10');

  it('chair-not-in-office and participant-not-in-office name the member and the day', () => {
    expect(refused(gone, meet({ chair: 'general-1', present: ['general-1'] }))).toEqual([
      { rule: 'chair-not-in-office', message: 'chair general-1 was not a member in office on 2013-03-02', figures: { memberId: 'general-1', on: '2013-03-02' } },
      { rule: 'participant-not-in-office', message: 'participant general-1 was not a member in office on 2013-03-02', figures: { memberId: 'general-1', on: '2013-03-02' } },
    ]);
  });

  it('an unknown chair or participant: refused for its field, kept by name with recordAnomaly', () => {
    const chairError = given(council).when(meet({ chair: 'Nobody At All' })).error;
    expect(chairError).toBeInstanceOf(NameResolutionError);
    expect(chairError).toMatchObject({ field: 'chair', reference: 'Nobody At All' });
    expect(given(council).when(meet({ present: ['Nobody At All'] })).error).toMatchObject({ field: 'present' });
    const kept = decided(council, meet({ chair: 'Nobody At All', present: ['Nobody At All'], recordAnomaly: true })).events[0].data as Record<string, unknown>;
    expect(kept.chair).toEqual({ name: 'Nobody At All' });
    expect(kept.present).toEqual([{ name: 'Nobody At All' }]);
    expect((kept.anomalies as Violation[]).map((v) => [v.rule, v.message, v.figures.name])).toEqual([
      ['chair-not-a-member', 'chair Nobody At All is not a member of the council', 'Nobody At All'],
      ['participant-not-a-member', 'participant Nobody At All is not a member of the council', 'Nobody At All'],
    ]);
  });

  it('scheduled-chair-chaired: the same member in both; another member or a non-member by name passes', () => {
    expect(refused(council, meet({ chair: 'general-1', scheduledChair: 'GENERAL-1' }))).toEqual([
      { rule: 'scheduled-chair-chaired', message: 'general-1 is given both as the chair and as the scheduled chair who was replaced', figures: { chair: 'general-1' } },
    ]);
    expect(decided(council, meet({ chair: 'general-1', scheduledChair: 'general-2' })).events[0].data).toMatchObject({
      chair: { memberId: 'general-1', name: 'general-1' },
      scheduledChair: { memberId: 'general-2', name: 'general-2' },
    });
    expect(decided(council, meet({ chair: 'general-1', scheduledChair: 'A. Guest' })).events[0].data).toMatchObject({ scheduledChair: { name: 'A. Guest' } });
  });

  it('reason-without-not-assembled gives the reason', () => {
    expect(refused(council, meet({ reason: 'no room' }))).toEqual([
      { rule: 'reason-without-not-assembled', message: 'a reason is given only for a meeting that could not be assembled', figures: { reason: 'no room' } },
    ]);
  });
});

describe('RecordMeeting: ids, numbers and the second meeting of a day', () => {
  const m1: GivenEvent = { type: 'MeetingHeld', data: { meetingId: 'm1', date: '2013-03-02' } } as GivenEvent;
  const m3: GivenEvent = { type: 'MeetingHeld', data: { meetingId: 'm3', number: 3, date: '2013-03-02', kind: 'extraordinary' } } as GivenEvent;

  it('ids from the number or the date, the next free one after; a given id taken is a 409; lifetime by number', () => {
    expect(decided(council, meet({ number: 5 })).reply).toMatchObject({ meetingId: 'meeting-5' });
    const taken: GivenEvent = { type: 'MeetingHeld', data: { meetingId: 'meeting-5', date: '2013-01-01' } } as GivenEvent;
    expect(decided([...council, taken], meet({ number: 5 })).reply).toMatchObject({ meetingId: 'meeting-5-2' });
    expect(given([...council, m1]).when(meet({ meetingId: 'm1', date: '2013-04-01' })).error).toMatchObject({ entity: 'meeting', id: 'm1' });
    const dissolved: GivenEvent = { type: 'CouncilDissolved', data: { dissolvedOn: '2013-02-01' } } as GivenEvent;
    expect(refused([...council, dissolved], meet({ number: 5 }))[0].message).toBe('meeting 5 on 2013-03-02 is after the council was dissolved on 2013-02-01');
    expect(refused([...council, dissolved], meet())[0].message).toBe('meeting meeting-2013-03-02 on 2013-03-02 is after the council was dissolved on 2013-02-01');
  });

  it('meeting-number-taken names the meeting', () => {
    expect(refused([...council, m3], meet({ number: 3, date: '2013-04-01' }))).toEqual([
      { rule: 'meeting-number-taken', message: 'meeting number 3 is already m3', figures: { number: 3, meetingId: 'm3' } },
    ]);
  });

  it('second-meeting-same-day (409) names the meeting on record; a number, a kind or an imprecise date tells them apart', () => {
    const conflict = given([...council, m1]).when(meet()).error as ConflictError;
    expect(conflict).toBeInstanceOf(ConflictError);
    expect([conflict.rule, conflict.message, conflict.figures]).toEqual([
      'second-meeting-same-day',
      '2013-03-02 already has a meeting on record: m1. To record another meeting that day, give its number or kind.',
      { date: '2013-03-02', meetingId: 'm1', number: undefined, kind: undefined, outcome: 'held' },
    ]);
    expect((given([...council, m3]).when(meet()).error as ConflictError).message).toBe(
      '2013-03-02 already has an extraordinary meeting on record: meeting 3 (m3). To record another meeting that day, give its number or kind.',
    );
    expect(decided([...council, m1], meet({ number: 2 })).events).toHaveLength(1);
    expect(decided([...council, m1], meet({ meetingKind: 'extraordinary' })).events).toHaveLength(1);
    expect(decided([...council, m1], meet({ date: '2013-03' })).events).toHaveLength(1);
    const march: GivenEvent = { type: 'MeetingHeld', data: { meetingId: 'march', date: '2013-03' } } as GivenEvent;
    expect(decided([...council, march], meet()).events).toHaveLength(1);
    // Two meetings "in March 2013" are not known to share a day.
    expect(decided([...council, march], meet({ date: '2013-03' })).events).toHaveLength(1);
    expect(decided([...council, m1], meet({ date: '2013-03-03' })).events).toHaveLength(1);
  });
});
