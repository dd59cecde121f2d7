/**
 * Issue 25: a council whose seats or founding date the source does not give. Unknown stays absent (never 0,
 * never a made-up date), and a figure that needs the seats refuses with `seats-unknown`.
 */
import { given, stateOf } from './given-when-then';
import { statusOn } from './queries';
import { GivenEvent } from './given-when-then';

const unknownSeats: GivenEvent = {
  type: 'CouncilFounded',
  id: 'founded',
  data: {
    councilId: 'zhukovsky',
    name: "People's Council of Zhukovsky",
    foundedOn: '2013-03-24?',
    curiae: [{ key: 'general', name: 'General list' }],
    rules: { quorum: 'majority-of-members', decision: 'majority-of-members' },
  },
};
const unknownFounding: GivenEvent = {
  type: 'CouncilFounded',
  id: 'founded',
  data: {
    councilId: 'voronezh',
    name: 'Public City Council of Voronezh',
    seats: 21,
    curiae: [{ key: 'general', name: 'General list', seats: 21 }],
    rules: { quorum: 'majority-of-seats', decision: 'majority-of-members' },
  },
};
const member = (memberId: string, electedOn: string): GivenEvent => ({
  type: 'MemberElected',
  data: { memberId, name: memberId, aliases: [], curia: 'general', electedOn },
});

describe('founding a council whose seats are unknown (issue 25)', () => {
  it('given no council, when founded without seats, then the event and its default curia carry no seat count (not 0)', () => {
    const { result } = given([])
      .when({ kind: 'FoundCouncil', councilId: 'zhukovsky', name: 'Zhukovsky', foundedOn: '2013-03-24?' })
      .then([{ type: 'CouncilFounded', data: { councilId: 'zhukovsky', curiae: [{ key: 'general', name: 'General list' }] } }]);
    const data = result!.events[0].data as { seats?: number; curiae: Array<{ seats?: number }> };
    expect('seats' in data).toBe(false);
    expect('seats' in data.curiae[0]).toBe(false);
  });

  it('given no council, when founded without seats but with curiae, then the seats are the curiae\'s sum', () => {
    given([])
      .when({
        kind: 'FoundCouncil', councilId: 'cs', name: 'CS', foundedOn: '2012-10-22',
        curiae: [{ key: 'general', name: 'General', seats: 30 }, { key: 'left', name: 'Left', seats: 5 }],
      })
      .then([{ type: 'CouncilFounded', data: { seats: 35 } }]);
  });

  it('given no council, when founded without seats under majority-of-seats, then 422 seats-unknown names the rule (never a quorum of 1)', () => {
    const { error } = given([])
      .when({ kind: 'FoundCouncil', councilId: 'x', name: 'X', foundedOn: '2013', rules: { quorum: 'majority-of-seats' } })
      .thenViolates('seats-unknown');
    expect((error as Error).message).toContain('majority-of-seats');
  });

  it('seats-unknown cannot be recorded as an anomaly: the quorum could never be computed', () => {
    given([])
      .when({ kind: 'FoundCouncil', councilId: 'x', name: 'X', foundedOn: '2013', rules: { quorum: 'majority-of-seats' }, recordAnomaly: true })
      .thenViolates('seats-unknown');
  });

  it('given a council of unknown seats, when members are elected past any number, then no curia-seats rule applies', () => {
    const fifteen = Array.from({ length: 15 }, (_, i) => member(`m${i + 1}`, '2013-03-24'));
    given([unknownSeats, ...fifteen]).when({ kind: 'ElectMember', name: 'Sixteenth', electedOn: '2013-03-24' })
      .then([{ type: 'MemberElected', data: { curia: 'general' } }]);
  });

  it('given a council of unknown seats and majority-of-members, when a meeting is recorded, then its quorum comes from the members (no seats needed)', () => {
    const fifteen = Array.from({ length: 15 }, (_, i) => member(`m${i + 1}`, '2013-03-24'));
    given([unknownSeats, ...fifteen])
      .when({ kind: 'RecordMeeting', date: '2013-04-10', presentCount: 8 })
      .thenReply({ outcome: 'held', membership: 15, quorum: 8 });
  });

  it('given a council of known seats, when elected past them, then curia-seats still applies', () => {
    const founded21 = { ...unknownFounding, data: { ...(unknownFounding.data as object), rules: { quorum: 'majority-of-members', decision: 'majority-of-members' } } } as GivenEvent;
    const all = Array.from({ length: 21 }, (_, i) => member(`m${i + 1}`, '2014-01-01'));
    given([founded21, ...all]).when({ kind: 'ElectMember', name: 'Twenty-second', electedOn: '2014-01-01' }).thenViolates('curia-seats');
  });
});

describe('founding a council whose founding date is unknown (issue 25)', () => {
  it('given no council, when founded without foundedOn (or with EDTF XXXX), then the event has no foundedOn', () => {
    for (const foundedOn of [undefined, 'XXXX']) {
      const { result } = given([])
        .when({ kind: 'FoundCouncil', councilId: 'voronezh', name: 'Voronezh', seats: 21, ...(foundedOn ? { foundedOn } : {}) })
        .then([{ type: 'CouncilFounded', data: { councilId: 'voronezh', seats: 21 } }]);
      expect('foundedOn' in (result!.events[0].data as object)).toBe(false);
    }
  });

  it('given an unknown founding, then no day is before the founding: the status is active on any day before a dissolution', () => {
    const state = stateOf([unknownFounding]);
    expect(statusOn(state, '1990-01-01')).toBe('active');
    expect(statusOn(state, '2013-06-01')).toBe('active');
  });

  it('given an unknown founding, when a fact is dated in any year, then before-founding never applies', () => {
    given([unknownFounding]).when({ kind: 'ElectMember', name: 'A', electedOn: '1995-05-05' }).then([{ type: 'MemberElected' }]);
  });

  it('given an unknown founding and majority-of-seats with 21 seats, when a meeting is recorded, then the quorum is 11', () => {
    const members = Array.from({ length: 12 }, (_, i) => member(`m${i + 1}`, '2014-01-01'));
    given([unknownFounding, ...members]).when({ kind: 'RecordMeeting', date: '2014-02-01', presentCount: 11 }).thenReply({ outcome: 'held', quorum: 11 });
  });

  it('given an unknown founding, when the council is described without describedOn, then 422 description-date-unknown', () => {
    given([unknownFounding]).when({ kind: 'DescribeCouncil', convocation: 1 }).thenViolates('description-date-unknown');
    given([unknownFounding]).when({ kind: 'DescribeCouncil', convocation: 1, describedOn: '2014' }).then([{ type: 'CouncilDescribed', data: { describedOn: '2014', convocation: 1 } }]);
  });

  it('given a council founded by events written before issue 25 (seats and foundedOn present), then nothing changes', () => {
    const state = stateOf([{ ...unknownFounding, data: { ...(unknownFounding.data as object), foundedOn: '2013' } } as GivenEvent]);
    expect(state.council?.foundedOn?.edtf).toBe('2013');
    expect(state.council?.seats).toBe(21);
    expect(statusOn(state, '2012-12-31')).toBe('not-founded');
  });
});

describe('an election whose date is unknown (issue 25)', () => {
  it('given a council, when an election is recorded without heldOn, then the event has none and its id is "election"', () => {
    const { result } = given([unknownFounding])
      .when({ kind: 'RecordElection', seats: 21, candidateCount: 58 })
      .then([{ type: 'ElectionRecorded', data: { electionId: 'election', seats: 21, candidateCount: 58 } }]);
    expect('heldOn' in (result!.events[0].data as object)).toBe(false);
  });

  it('given an undated election, when a member names it without electedOn, then 422 elected-on-required (no date to take)', () => {
    const undated: GivenEvent = { type: 'ElectionRecorded', data: { electionId: 'election', seats: 21 } };
    given([unknownFounding, undated]).when({ kind: 'ElectMember', name: 'A', electionId: 'election' }).thenViolates('elected-on-required');
    given([unknownFounding, undated]).when({ kind: 'ElectMember', name: 'A', electionId: 'election', electedOn: '2014' })
      .then([{ type: 'MemberElected', data: { electionId: 'election', electedOn: '2014' } }]);
  });

  it('given a dissolved council, an undated election is not after-dissolution (nothing to compare)', () => {
    given([unknownFounding, { type: 'CouncilDissolved', data: { dissolvedOn: '2015' } }]).when({ kind: 'RecordElection', seats: 21 }).then([{ type: 'ElectionRecorded' }]);
  });
});
