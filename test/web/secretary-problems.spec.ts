/** The secretary's refusals in plain words, beside their field, each said once (web/src/secretary-problems.ts). */
import { fieldPath, problemMessages } from '../../web/src/secretary-problems';

const meeting = { names: ['date', 'number', 'kind', 'presentCount', 'remoteCount'], dateField: 'date' };

describe('problemMessages', () => {
  it('puts a rule violation beside its field, in the service’s own sentence, without the rule id', () => {
    const out = problemMessages(
      { status: 422, rule: 'present-exceeds-membership', detail: '300 present, but the council had 40 members in office on 2013-08-24',
        violations: [{ rule: 'present-exceeds-membership', message: '300 present, but the council had 40 members in office on 2013-08-24', figures: {} }] },
      meeting,
    );
    expect(out).toEqual({ fields: { presentCount: '300 present, but the council had 40 members in office on 2013-08-24.' } });
  });

  it('a lifetime rule goes beside the form’s own date field; two violations on one field are both said, once each', () => {
    const out = problemMessages(
      { status: 422, violations: [
        { rule: 'after-dissolution', message: 'meeting 3 on 2014-01-01 is after the council was dissolved on 2013-10-19' },
        { rule: 'remote-exceeds-present', message: '5 took part remotely but only 3 took part' },
        { rule: 'after-dissolution', message: 'meeting 3 on 2014-01-01 is after the council was dissolved on 2013-10-19' },
      ] },
      meeting,
    );
    expect(out.fields).toEqual({ date: 'Meeting 3 on 2014-01-01 is after the council was dissolved on 2013-10-19.', remoteCount: '5 took part remotely but only 3 took part.' });
  });

  it('a 409 names the meeting beside the date; validation errors drop the field name', () => {
    expect(problemMessages({ status: 409, rule: 'second-meeting-same-day', detail: '2013-08-24 already has a meeting on record: meeting-2013-08-24. To record another meeting that day, give its number or kind.' }, meeting).fields)
      .toEqual({ date: '2013-08-24 already has a meeting on record: meeting-2013-08-24. To record another meeting that day, give its number or kind.' });
    expect(problemMessages({ status: 400, detail: 'presentCount: must not be less than 0', errors: [{ field: 'presentCount', message: 'presentCount must not be less than 0' }] }, meeting).fields)
      .toEqual({ presentCount: 'Must not be less than 0.' });
  });

  it('a roll call’s vote is named by its member, never votes[k]', () => {
    const form = { names: ['motionId', 'decidedOn', 'votes'], dateField: 'decidedOn', voteName: (i: number) => ['Anna Petrova', 'Boris Orlov'][i] };
    const out = problemMessages(
      { status: 422, at: 'votes[1]', detail: 'votes[1]: Boris Orlov was not a member in office on 2013-02-16',
        violations: [{ rule: 'voter-not-in-office', message: 'Boris Orlov was not a member in office on 2013-02-16' }] },
      form,
    );
    expect(out.fields).toEqual({ votes: 'Boris Orlov was not a member in office on 2013-02-16.' }); // the name said once
    const bad = problemMessages({ status: 400, errors: [{ field: 'votes.0.choice', message: 'choice must be a string' }] }, form);
    expect(bad.fields.votes).toBe('Vote of Anna Petrova: must be a string.');
    expect(JSON.stringify([out, bad])).not.toMatch(/votes\[|votes\.\d/);
  });

  it('what belongs to no field goes to the form; a refused token says so in words', () => {
    expect(problemMessages({ status: 401, title: 'Authentication required', detail: 'The bearer token is unknown or has been revoked.' }, meeting))
      .toEqual({ fields: {}, form: 'The token was refused (unknown or revoked). Enter a valid token above.' });
    expect(problemMessages({ status: 404, detail: 'Unknown motion "x"' }, meeting)).toEqual({ fields: {}, form: 'Unknown motion "x".' });
  });

  it('fieldPath reads dotted and bracketed indexes', () => {
    expect(fieldPath('votes.3.choice')).toEqual({ base: 'votes', index: 3 });
    expect(fieldPath('votes[2]')).toEqual({ base: 'votes', index: 2 });
    expect(fieldPath('date')).toEqual({ base: 'date', index: undefined });
  });
});
