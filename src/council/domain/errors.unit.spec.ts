import { AlreadyExistsError, ConflictError, DomainError, NameResolutionError, NotFoundError, RuleViolationError } from './errors';
import { councilIdOfStream, councilStream, Violation } from './events';
import { InvalidDateError } from './valid-date';

/** Each domain error: its class name, its message (with the figures) and how the API answers it (problemHint). */
describe('domain errors', () => {
  const quorum: Violation = { rule: 'quorum', message: 'Quorum needs 23 members present; 20 were', figures: { required: 23, present: 20 } };
  const seats: Violation = { rule: 'seats', message: 'The general list has 30 seats; a 31st member', figures: { seats: 30 } };

  it('RuleViolationError: every violation in the message, the first rule named, 422 rule-violation with the figures', () => {
    const error = new RuleViolationError([quorum, seats]);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('RuleViolationError');
    expect(error.message).toBe('Quorum needs 23 members present; 20 were; The general list has 30 seats; a 31st member');
    expect(error.problemHint()).toEqual({
      status: 422,
      slug: 'rule-violation',
      title: 'The council rules forbid this',
      extra: { rule: 'quorum', violations: [quorum, seats], hint: 'Historians may record the fact as the source states it with "recordAnomaly": true.' },
    });
  });

  it('RuleViolationError without violations names no rule', () => {
    const error = new RuleViolationError([]);
    expect(error.message).toBe('');
    expect(error.problemHint().extra).toMatchObject({ rule: undefined, violations: [] });
  });

  it('NotFoundError: the entity and the id quoted; 404 unknown-<entity>', () => {
    const error = new NotFoundError('motion', 'm "7"');
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toBe('Unknown motion "m \\"7\\""');
    expect(error.problemHint()).toEqual({ status: 404, slug: 'unknown-motion', title: 'Unknown motion', extra: { entity: 'motion', id: 'm "7"' } });
  });

  it('AlreadyExistsError: the entity and the id; 409 already-exists', () => {
    const error = new AlreadyExistsError('member', 'kralin');
    expect(error.name).toBe('AlreadyExistsError');
    expect(error.message).toBe('member "kralin" already exists');
    expect(error.problemHint()).toEqual({ status: 409, slug: 'already-exists', title: 'Already exists', extra: { id: 'kralin' } });
  });

  it('NameResolutionError for a name nobody has: 422 unresolved-name, "Unknown name"', () => {
    const error = new NameResolutionError('chair', 'Ivan Ivanov', []);
    expect(error.name).toBe('NameResolutionError');
    expect(error.message).toBe('chair: no member is called "Ivan Ivanov"');
    expect(error.problemHint()).toEqual({ status: 422, slug: 'unresolved-name', title: 'Unknown name', extra: { field: 'chair', reference: 'Ivan Ivanov', candidates: [] } });
  });

  it('NameResolutionError for a name two members have: each candidate with its id, "Ambiguous name"', () => {
    const candidates = [
      { memberId: 'a1', name: 'Anna Petrova', aliases: [] },
      { memberId: 'a2', name: 'Anna Petrova', aliases: ['A. P.'] },
    ];
    const error = new NameResolutionError('present[3]', 'Anna Petrova', candidates);
    expect(error.message).toBe('present[3]: "Anna Petrova" could be Anna Petrova (a1) or Anna Petrova (a2)');
    expect(error.problemHint()).toEqual({
      status: 422,
      slug: 'unresolved-name',
      title: 'Ambiguous name',
      extra: { field: 'present[3]', reference: 'Anna Petrova', candidates },
    });
  });

  it('ConflictError: the message as given; 409 with the rule as slug and the figures', () => {
    const error = new ConflictError('meeting-on-same-day', 'A meeting is on record on 2012-11-03', { meetingId: 'mt1', date: '2012-11-03' });
    expect(error.name).toBe('ConflictError');
    expect(error.message).toBe('A meeting is on record on 2012-11-03');
    expect(error.problemHint()).toEqual({
      status: 409,
      slug: 'meeting-on-same-day',
      title: 'Conflicts with the record',
      extra: { rule: 'meeting-on-same-day', figures: { meetingId: 'mt1', date: '2012-11-03' } },
    });
  });

  it('InvalidDateError: the value quoted and the reason; 400 invalid-date', () => {
    const error = new InvalidDateError('2013-02-30', 'no such day');
    expect(error.name).toBe('InvalidDateError');
    expect(error.message).toBe('"2013-02-30" is not a valid EDTF date: no such day');
    expect(error.problemHint()).toEqual({ status: 400, slug: 'invalid-date', title: 'Invalid date' });
  });
});

describe('council streams', () => {
  it('are named council-<id>, and only such names give a council id back', () => {
    expect(councilStream('cs')).toBe('council-cs');
    expect(councilIdOfStream('council-cs')).toBe('cs');
    expect(councilIdOfStream('council-council-x')).toBe('council-x');
    expect(councilIdOfStream('voting-v1')).toBeUndefined();
    expect(councilIdOfStream('x-council-')).toBeUndefined();
  });
});
