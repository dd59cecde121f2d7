import { AlreadyExistsError, NotFoundError } from './errors';
import { GivenEvent, given } from './given-when-then';
import { founded } from './fixtures';

const election: GivenEvent = {
  type: 'ElectionRecorded',
  id: 'election',
  data: {
    electionId: 'election-2012',
    heldOn: '2012-10-20/2012-10-22',
    seats: 45,
    curiae: [
      { key: 'general', seats: 30 },
      { key: 'left', seats: 5 },
      { key: 'liberal', seats: 5 },
      { key: 'nationalist', seats: 5 },
    ],
  },
};

describe('elections as facts', () => {
  it('records only the figures the source gives: unknown ones stay absent, never 0 or []', () => {
    const { result } = given([founded])
      .when({ kind: 'RecordElection', heldOn: '2012-10-20/2012-10-22', seats: 45, committee: [{ name: 'Leonid Volkov', role: 'chair' }] })
      .then([{ type: 'ElectionRecorded', data: { electionId: 'election-2012-10-20-2012-10-22', seats: 45, committee: [{ name: 'Leonid Volkov', role: 'chair' }] } }])
      .thenReply({ electionId: 'election-2012-10-20-2012-10-22' });
    const data = result!.events[0].data as unknown as Record<string, unknown>;
    for (const unknown of ['voters', 'candidateCount', 'candidates', 'curiae', 'note']) expect(data).not.toHaveProperty(unknown);
    expect((data.committee as object[])[0]).not.toHaveProperty('represents');
  });

  it('keeps candidates with their figures, curiae with their candidate counts, and the committee with whom each represents', () => {
    given([founded])
      .when({
        kind: 'RecordElection',
        electionId: 'e',
        heldOn: '2012-10-22',
        seats: 35,
        curiae: [{ key: 'general', seats: 30, candidates: 40 }, { key: 'left', seats: 5 }],
        candidates: [
          { name: 'A', curia: 'general', votes: 100, rank: 1, elected: true },
          { name: 'B', curia: 'left' },
        ],
        candidateCount: 58,
        voters: 1783,
        committee: [{ name: 'Alexander Ivanov', represents: 'the left' }],
      })
      .then([
        {
          type: 'ElectionRecorded',
          data: {
            curiae: [{ key: 'general', seats: 30, candidates: 40 }, { key: 'left', seats: 5 }],
            candidates: [{ name: 'A', votes: 100, rank: 1, elected: true }, { name: 'B', curia: 'left' }],
            candidateCount: 58,
            voters: 1783,
            committee: [{ name: 'Alexander Ivanov', represents: 'the left' }],
          },
        },
      ]);
  });

  it('election-seats-sum: the curiae must add up to the seats, with the figures', () => {
    const { error } = given([founded])
      .when({ kind: 'RecordElection', heldOn: '2012-10-22', seats: 45, curiae: [{ key: 'general', seats: 30 }, { key: 'left', seats: 5 }] })
      .thenViolates('election-seats-sum');
    expect((error as Error).message).toBe("the curiae's seats add up to 35, not the election's 45 seats");
  });

  it('election-elected-exceeds-seats and election-candidate-count: the figures must agree with each other', () => {
    given([founded])
      .when({
        kind: 'RecordElection',
        heldOn: '2012-10-22',
        seats: 1,
        candidateCount: 1,
        candidates: [{ name: 'A', elected: true }, { name: 'B', elected: true }],
      })
      .thenViolates('election-elected-exceeds-seats', 'election-candidate-count');
    given([founded])
      .when({
        kind: 'RecordElection',
        heldOn: '2012-10-22',
        curiae: [{ key: 'left', seats: 1, candidates: 1 }],
        candidates: [{ name: 'A', curia: 'left', elected: true }, { name: 'B', curia: 'left', elected: true }],
      })
      .thenViolates('election-elected-exceeds-seats', 'election-candidate-count');
  });

  it('electedCount: a stated number elected may not exceed the seats or the candidates', () => {
    given([founded])
      .when({ kind: 'RecordElection', heldOn: '2013-03-24', electedCount: 15, candidateCount: 27, voters: 1783 })
      .then([{ type: 'ElectionRecorded', data: { electedCount: 15, candidateCount: 27, voters: 1783 } }]);
    given([founded])
      .when({ kind: 'RecordElection', heldOn: '2013-03-24', seats: 10, electedCount: 15, candidateCount: 12 })
      .thenViolates('election-elected-exceeds-seats', 'election-candidate-count');
  });

  it('unknown-curia: curiae and candidates name curiae the council has', () => {
    given([founded]).when({ kind: 'RecordElection', heldOn: '2012-10-22', curiae: [{ key: 'green', seats: 3 }] }).thenViolates('unknown-curia');
    given([founded]).when({ kind: 'RecordElection', heldOn: '2012-10-22', candidates: [{ name: 'A', curia: 'green' }] }).thenViolates('unknown-curia');
    given([founded]).when({ kind: 'RecordElection', heldOn: '2012-10-22', candidates: [{ name: 'A', curia: 'left' }] }).then([{ type: 'ElectionRecorded' }]);
    given([founded])
      .when({ kind: 'RecordElection', heldOn: '2012-10-22', curiae: [{ key: 'left', seats: 5 }], candidates: [{ name: 'A', curia: 'general' }] })
      .thenViolates('unknown-curia');
  });

  it('recordAnomaly keeps a source that disagrees with itself, with the rule it breaks', () => {
    given([founded])
      .when({ kind: 'RecordElection', heldOn: '2012-10-22', seats: 45, curiae: [{ key: 'general', seats: 30 }], recordAnomaly: true })
      .then([{ type: 'ElectionRecorded', data: { anomalies: [{ rule: 'election-seats-sum', figures: { sum: 30, seats: 45 } }] } }]);
  });

  it('an election id is unique', () => {
    given([founded, election]).when({ kind: 'RecordElection', electionId: 'election-2012', heldOn: '2012-10-22' }).then(AlreadyExistsError);
  });

  it('a member tied to an election takes its date when the request gives none', () => {
    given([founded, election])
      .when({ kind: 'ElectMember', name: 'Alexei Navalny', curia: 'general', electionId: 'election-2012', rank: 1 })
      .then([{ type: 'MemberElected', data: { electionId: 'election-2012', electedOn: '2012-10-20/2012-10-22' } }]);
  });

  it('a member cannot be tied to an unknown election, nor elected before it', () => {
    given([founded]).when({ kind: 'ElectMember', name: 'A', curia: 'general', electionId: 'nope' }).then(NotFoundError);
    given([founded, election])
      .when({ kind: 'ElectMember', name: 'A', curia: 'general', electionId: 'election-2012', electedOn: '2012-10-19', recordAnomaly: true })
      .then([{ type: 'MemberElected', data: { anomalies: [{ rule: 'before-founding' }, { rule: 'elected-before-election' }] } }]);
    given([founded]).when({ kind: 'ElectMember', name: 'A', curia: 'general' }).thenViolates('elected-on-required');
  });

  it('can be corrected like any fact, keeping its id', () => {
    given([founded, election])
      .when({
        kind: 'CorrectFact',
        eventId: 'election',
        action: 'replace',
        reason: 'the text gives the voters',
        replacement: { kind: 'RecordElection', heldOn: '2012-10-20/2012-10-22', seats: 45, voters: 100 },
      })
      .then([{ type: 'FactCorrected', data: { replacement: { type: 'ElectionRecorded', data: { electionId: 'election-2012', voters: 100 } } } }]);
  });

  it('a working group whose composition the source does not give has no members list at all', () => {
    const { result } = given([founded])
      .when({ kind: 'FormWorkingGroup', name: 'WG 1', formedOn: '2013-01-20' })
      .then([{ type: 'WorkingGroupFormed', data: { workingGroupId: 'wg-1' } }]);
    expect(result!.events[0].data).not.toHaveProperty('members');
  });
});
