import { AlreadyExistsError, NameResolutionError } from './errors';
import { councilWithDepartures, elected, founded, left } from './fixtures';
import { GivenEvent, given } from './given-when-then';

const withRule = (quorum: unknown): GivenEvent => ({ ...founded, data: { ...founded.data, rules: { quorum, decision: 'majority-of-members' } } } as GivenEvent);

describe('meetings and quorum', () => {
  it('20 July 2013: 14 present of 40 in office is a QuorumFailed (quorum 21)', () => {
    given(councilWithDepartures(5))
      .when({ kind: 'RecordMeeting', date: '2013-07-20', presentCount: 14, reportedMembership: 40 })
      .then([
        {
          type: 'QuorumFailed',
          data: {
            meetingId: 'meeting-2013-07-20',
            membership: { certain: 40, uncertain: 0 },
            quorum: { rule: 'majority-of-members', required: 21, requiredIfAllUncertainIn: 21 },
            quorumCertain: true,
            outcomeBasis: 'attendance',
          },
        },
      ])
      .thenReply({ meetingId: 'meeting-2013-07-20', outcome: 'quorum-failed', present: 14, membership: 40, quorum: 21, reportedMembershipDiffers: false });
  });

  it('21 September 2013 (meeting 11): 23 present of 39 is a MeetingHeld (quorum 20)', () => {
    given(councilWithDepartures(6))
      .when({ kind: 'RecordMeeting', number: 11, date: '2013-09-21', presentCount: 23 })
      .then([{ type: 'MeetingHeld', data: { meetingId: 'meeting-11', number: 11, quorum: { required: 20 } } }])
      .thenReply({ outcome: 'held', present: 23, membership: 39, quorum: 20 });
  });

  it('present counts remote participants; remote-exceeds-present when remoteCount > presentCount', () => {
    given(councilWithDepartures(0))
      .when({ kind: 'RecordMeeting', date: '2012-11-24', presentCount: 37, remoteCount: 2 })
      .then([{ type: 'MeetingHeld', data: { presentCount: 37, remoteCount: 2 } }]);
    given(councilWithDepartures(0))
      .when({ kind: 'RecordMeeting', date: '2012-11-24', presentCount: 3, remoteCount: 5 })
      .thenViolates('remote-exceeds-present');
  });

  describe('uncertain membership: a range [certain, certain + uncertain]', () => {
    // 40 certain + 2 who left "2013-07": on 2013-07-15 quorum is 21 (of 40) to 22 (of 42).
    const events = [...councilWithDepartures(3), left('general-4', '2013-07'), left('general-5', '2013-07')];

    it('held when present reaches the quorum at the top of the range', () => {
      given(events).when({ kind: 'RecordMeeting', date: '2013-07-15', presentCount: 22 }).then([{ type: 'MeetingHeld', data: { quorumCertain: true } }]);
    });

    it('failed when present is below the quorum at the bottom of the range', () => {
      given(events).when({ kind: 'RecordMeeting', date: '2013-07-15', presentCount: 20 }).then([{ type: 'QuorumFailed', data: { quorumCertain: true } }]);
    });

    it('undecidable: held with quorumCertain false, or as reported', () => {
      given(events)
        .when({ kind: 'RecordMeeting', date: '2013-07-15', presentCount: 21 })
        .then([{ type: 'MeetingHeld', data: { quorumCertain: false, membership: { certain: 40, uncertain: 2 }, quorum: { required: 21, requiredIfAllUncertainIn: 22 } } }])
        .thenReply({ membership: 40, membershipUncertain: 2, quorumCertain: false });
      given(events)
        .when({ kind: 'RecordMeeting', date: '2013-07-15', presentCount: 21, reportedOutcome: 'quorum-failed' })
        .then([{ type: 'QuorumFailed', data: { quorumCertain: false, outcomeBasis: 'reported' } }]);
    });
  });

  it('reported-outcome-contradicts-quorum: 422, or with recordAnomaly the reported outcome is recorded', () => {
    const events = councilWithDepartures(5);
    given(events)
      .when({ kind: 'RecordMeeting', date: '2013-07-20', presentCount: 14, reportedOutcome: 'held' })
      .thenViolates('reported-outcome-contradicts-quorum');
    given(events)
      .when({ kind: 'RecordMeeting', date: '2013-07-20', presentCount: 14, reportedOutcome: 'held', recordAnomaly: true })
      .then([{ type: 'MeetingHeld', data: { outcomeBasis: 'reported', anomalies: [{ rule: 'reported-outcome-contradicts-quorum', figures: { present: 14, quorum: 21 } }] } }]);
  });

  it('without attendance, the reported outcome decides; with neither, held with quorumCertain false', () => {
    const events = councilWithDepartures(6);
    given(events)
      .when({ kind: 'RecordMeeting', date: '2013-10-19', reportedOutcome: 'quorum-failed' })
      .then([{ type: 'QuorumFailed', data: { outcomeBasis: 'reported', quorumCertain: false } }])
      .thenReply({ present: null });
    given(events)
      .when({ kind: 'RecordMeeting', date: '2013-10-19' })
      .then([{ type: 'MeetingHeld', data: { outcomeBasis: 'attendance', quorumCertain: false } }]);
  });

  it('majority-of-seats and { atLeast } quorum rules', () => {
    const members = councilWithDepartures(10).slice(1);
    given([withRule('majority-of-seats'), ...members])
      .when({ kind: 'RecordMeeting', date: '2013-07-20', presentCount: 22 })
      .then([{ type: 'QuorumFailed', data: { quorum: { required: 23 } } }]);
    given([withRule({ atLeast: 10 }), ...members])
      .when({ kind: 'RecordMeeting', date: '2013-07-20', presentCount: 10 })
      .then([{ type: 'MeetingHeld', data: { quorum: { required: 10 } } }]);
  });

  it('out of order: a 2012 meeting recorded after 2013 departures is judged on its own date', () => {
    // 10 departures in 2013 leave 35; on 16 December 2012 all 45 were in office, so 22 is below quorum (23).
    given(councilWithDepartures(10, '2013-05-01'))
      .when({ kind: 'RecordMeeting', number: 3, date: '2012-12-16', presentCount: 22 })
      .then([{ type: 'QuorumFailed', data: { membership: { certain: 45 }, quorum: { required: 23 } } }]);
    given(councilWithDepartures(10, '2013-05-01'))
      .when({ kind: 'RecordMeeting', date: '2013-05-18', presentCount: 22 })
      .then([{ type: 'MeetingHeld', data: { membership: { certain: 35 }, quorum: { required: 18 } } }]);
  });

  it('meeting-number-taken: numbers are unique per council; an explicit id that exists is AlreadyExistsError', () => {
    const events = [...councilWithDepartures(0), { type: 'MeetingHeld', id: 'm1', data: meetingData('meeting-1', 1, '2012-10-27') } as GivenEvent];
    given(events).when({ kind: 'RecordMeeting', number: 1, date: '2012-11-24', presentCount: 38 }).thenViolates('meeting-number-taken');
    given(events).when({ kind: 'RecordMeeting', meetingId: 'meeting-1', date: '2012-11-24' }).then(AlreadyExistsError);
  });

  describe('chair and participants', () => {
    const events = [
      founded,
      elected('daniil-konstantinov', { name: 'Daniil Konstantinov', curia: 'nationalist' }),
      elected('kralin', { name: 'Vladlen Kralin', aliases: ['Vladimir Tor'], curia: 'nationalist' }),
      elected('chirikova', { name: 'Yevgenia Chirikova' }),
      left('chirikova', '2013-01-05'),
    ];

    it('a chair resolves by alias to the member', () => {
      given(events)
        .when({ kind: 'RecordMeeting', number: 4, date: '2013-01-20', chair: 'Vladimir Tor', present: ['daniil konstantinov', 'kralin'] })
        .then([{ type: 'MeetingHeld', data: { chair: { memberId: 'kralin', name: 'Vladlen Kralin' }, present: [{ memberId: 'daniil-konstantinov' }, { memberId: 'kralin' }] } }])
        .thenReply({ present: 2, membership: 2 });
    });

    it('an unknown chair is a NameResolutionError listing the nearest candidates', () => {
      const { error } = given(events).when({ kind: 'RecordMeeting', number: 9, date: '2013-06-15', chair: 'Ilya Konstantinov' }).then(NameResolutionError);
      expect((error as NameResolutionError).candidates.map((c) => c.memberId)).toEqual(['daniil-konstantinov']);
    });

    it('chair-not-a-member: with recordAnomaly the chair is kept as the source names them (meeting 9)', () => {
      given(events)
        .when({ kind: 'RecordMeeting', number: 9, date: '2013-06-15', chair: 'Ilya Konstantinov', presentCount: 2, recordAnomaly: true })
        .then([{ type: 'MeetingHeld', data: { chair: { name: 'Ilya Konstantinov' }, anomalies: [{ rule: 'chair-not-a-member' }] } }]);
    });

    it('chair-not-in-office / participant-not-in-office: a known member who had left', () => {
      given(events).when({ kind: 'RecordMeeting', date: '2013-01-20', chair: 'Yevgenia Chirikova' }).thenViolates('chair-not-in-office');
      given(events).when({ kind: 'RecordMeeting', date: '2013-01-20', present: ['chirikova', 'kralin'] }).thenViolates('participant-not-in-office');
    });
  });
});

function meetingData(meetingId: string, number: number, date: string) {
  return {
    meetingId,
    number,
    date,
    kind: 'regular',
    agenda: [],
    presentCount: 37,
    membership: { certain: 45, uncertain: 0 },
    quorum: { rule: 'majority-of-members', required: 23, requiredIfAllUncertainIn: 23 },
    quorumCertain: true,
    outcomeBasis: 'attendance',
  };
}
