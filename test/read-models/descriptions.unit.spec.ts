import { heldMeeting } from '../../src/read-models/projections/facts';

describe('timeline descriptions of meetings', () => {
  it.each([
    ['regular', 5, 'Meeting 5'],
    ['extraordinary', 7, 'Extraordinary meeting 7'],
    ['regular', undefined, 'A meeting'],
    ['extraordinary', undefined, 'An extraordinary meeting'],
    [undefined, undefined, 'A meeting'],
  ])('kind %s, number %s → "%s" (never "M meeting" or "Extraordinary m meeting")', (kind, number, expected) => {
    expect(heldMeeting(kind, number)).toBe(expected);
  });
});
