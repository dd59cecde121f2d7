import { councilWithDepartures } from './fixtures';
import { given, stateOf } from './given-when-then';

const council = councilWithDepartures(0);

describe('meetings: not assembled, place, start time, a replaced scheduled chair, a count of decisions (issue 25)', () => {
  it('a meeting the source says could not be assembled is MeetingNotAssembled: no attendance, no quorum, its reason kept', () => {
    given(council)
      .when({ kind: 'RecordMeeting', date: '2013-08', reportedOutcome: 'not-assembled', reason: 'due to the preparation for the elections' })
      .then([{ type: 'MeetingNotAssembled', data: { meetingId: 'meeting-2013-08-not-assembled', date: '2013-08', kind: 'regular', reason: 'due to the preparation for the elections' } }])
      .thenReply({ meetingId: 'meeting-2013-08-not-assembled', outcome: 'not-assembled', present: null });
  });

  it('not-assembled-with-attendance / not-assembled-with-chair: figures and a chair a meeting that did not assemble cannot have', () => {
    given(council).when({ kind: 'RecordMeeting', date: '2013-08', reportedOutcome: 'not-assembled', presentCount: 14 }).thenViolates('not-assembled-with-attendance');
    given(council).when({ kind: 'RecordMeeting', date: '2013-08', reportedOutcome: 'not-assembled', chair: 'general-1' }).thenViolates('not-assembled-with-chair');
  });

  it('the state knows the meeting as not assembled; motion-at-unassembled-meeting for a motion tabled at it', () => {
    const events = [...council, { type: 'MeetingNotAssembled' as const, data: { meetingId: 'aug', date: '2013-08', kind: 'regular' as const } }];
    expect(stateOf(events).meetings.get('aug')).toEqual(expect.objectContaining({ meetingId: 'aug', outcome: 'not-assembled' }));
    given(events).when({ kind: 'TableMotion', title: 'x', openedOn: '2013-08', meetingId: 'aug' }).thenViolates('motion-at-unassembled-meeting');
  });

  it('keeps place, start time, the decision count and a scheduled chair who was replaced (a member resolved by name)', () => {
    given(council)
      .when({ kind: 'RecordMeeting', number: 5, date: '2013-02-16', presentCount: 27, chair: 'general-2', scheduledChair: 'GENERAL-1', place: 'Moscow', startTime: '12:00', decisionCount: 16 })
      .then([
        {
          type: 'MeetingHeld',
          data: { chair: { memberId: 'general-2' }, scheduledChair: { memberId: 'general-1', name: 'general-1' }, place: 'Moscow', startTime: '12:00', decisionCount: 16 },
        },
      ]);
  });

  it('a scheduled chair who is not a member is kept by name; scheduled-chair-chaired when the same person is both', () => {
    given(council)
      .when({ kind: 'RecordMeeting', number: 5, date: '2013-02-16', presentCount: 27, chair: 'general-2', scheduledChair: 'Somebody Else' })
      .then([{ type: 'MeetingHeld', data: { scheduledChair: { name: 'Somebody Else' } } }]);
    given(council)
      .when({ kind: 'RecordMeeting', number: 5, date: '2013-02-16', presentCount: 27, chair: 'general-2', scheduledChair: 'general-2' })
      .thenViolates('scheduled-chair-chaired');
  });

  it('reason-without-not-assembled: a reason belongs to a meeting that could not be assembled', () => {
    given(council).when({ kind: 'RecordMeeting', date: '2013-02-16', presentCount: 27, reason: 'elections' }).thenViolates('reason-without-not-assembled');
  });
});
