/** A council's type, level and parent council (issue 27: the regional councils under the national one). */
import { RuleViolationError } from './errors';
import { founded } from './fixtures';
import { given } from './given-when-then';

describe('council placement: type, level and parent', () => {
  it('given nothing, when a council is founded with a level and a parent, then the founding carries them', () => {
    given([])
      .when({ kind: 'FoundCouncil', councilId: 'zhukovsky', name: 'Zhukovsky', foundedOn: '2013-03-24?', seats: 15, level: 'regional', type: "people's council", parentCouncilId: 'cs' })
      .then([{ type: 'CouncilFounded', data: { level: 'regional', type: "people's council", parentCouncilId: 'cs' } }]);
  });

  it('given a council, when it is classified, then CouncilClassified states what was given and the state holds it', () => {
    const outcome = given([founded]).when({ kind: 'ClassifyCouncil', level: 'regional', parentCouncilId: 'national' });
    outcome.then([{ type: 'CouncilClassified', data: { level: 'regional', parentCouncilId: 'national' } }]).thenReply({ councilId: 'cs', level: 'regional', parentCouncilId: 'national' });
    expect(outcome.result!.events[0].data).not.toHaveProperty('type');
  });

  it('given a classification, when another states only the type, then the level and parent stay', () => {
    const classified = { type: 'CouncilClassified' as const, data: { level: 'regional' as const, parentCouncilId: 'national' } };
    const { state } = given([founded, classified, { type: 'CouncilClassified', data: { type: 'city council' } }]);
    expect(state.council!.placement).toEqual({ level: 'regional', parentCouncilId: 'national', type: 'city council' });
  });

  it('a council cannot sit under itself (council-parent-self, even with recordAnomaly); an empty classification is refused', () => {
    given([founded]).when({ kind: 'ClassifyCouncil', parentCouncilId: 'cs', recordAnomaly: true }).thenViolates('council-parent-self');
    given([]).when({ kind: 'FoundCouncil', councilId: 'x', name: 'X', foundedOn: '2012', seats: 3, parentCouncilId: 'x' }).thenViolates('council-parent-self');
    const { error } = given([founded]).when({ kind: 'ClassifyCouncil' }).thenViolates('classification-empty');
    expect(error).toBeInstanceOf(RuleViolationError);
  });

  it('a classification can be corrected like any fact', () => {
    const classified = { type: 'CouncilClassified' as const, id: 'c1', data: { level: 'national' as const } };
    given([founded, classified])
      .when({ kind: 'CorrectFact', eventId: 'c1', action: 'replace', reason: 'the text calls it regional', replacement: { kind: 'ClassifyCouncil', level: 'regional' } })
      .then([{ type: 'FactCorrected', data: { replacement: { type: 'CouncilClassified', data: { level: 'regional' } } } }]);
  });
});
