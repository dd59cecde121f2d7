import type { TestApp } from './test-app';

/**
 * A small council for the analyst's tables (issue 27): three curiae (one with no member), three groups
 * (one with no member), two meetings that name who attended, one that gives only a count, and two motions
 * with individual votes. Some rows therefore have figures and some cannot: attendance of an empty curia,
 * a group's cohesion with fewer than two yes/no votes. Written through the public HTTP API.
 */
export const ANALYST_COUNCIL = 'analyst-council';

export async function recordAnalystCouncil(app: TestApp): Promise<string> {
  const post = async (path: string, body: object) => (await app.http().post(path).set(app.admin).send(body).expect(201)).body;
  const c = `/api/councils/${ANALYST_COUNCIL}`;
  await post('/api/councils', {
    councilId: ANALYST_COUNCIL, name: 'Analyst Council', foundedOn: '2020-01-01', seats: 7,
    curiae: [{ key: 'general', name: 'General curia', seats: 4 }, { key: 'youth', name: 'Youth curia', seats: 2 }, { key: 'regional', name: 'Regional curia', seats: 1 }],
  });
  const members: Array<[string, string]> = [['ann', 'general'], ['bob', 'general'], ['cat', 'general'], ['dan', 'general'], ['eve', 'youth'], ['fay', 'youth']];
  for (const [id, curia] of members) await post(`${c}/members`, { memberId: id, name: `${id[0].toUpperCase()}${id.slice(1)} Example`, electedOn: '2020-01-01', curia });
  for (const [groupId, name] of [['reds', 'Reds'], ['blues', 'Blues'], ['greens', 'Greens']]) await post(`${c}/groups`, { groupId, name, classification: 'party' });
  for (const [id, groupId] of [['ann', 'reds'], ['bob', 'reds'], ['cat', 'blues'], ['eve', 'blues'], ['fay', 'greens']]) {
    await post(`${c}/members/${id}/affiliations`, { groupId, from: '2020-01-01' });
  }
  await post(`${c}/meetings`, { meetingId: 's1', date: '2020-03-01', present: ['ann', 'bob', 'cat', 'eve', 'fay'] });
  await post(`${c}/meetings`, { meetingId: 's2', date: '2020-04-01', present: ['ann', 'cat', 'dan', 'eve'] });
  await post(`${c}/meetings`, { meetingId: 's3', date: '2020-05-01', presentCount: 4 });
  const votes: Array<[string, string, string, Record<string, string>]> = [
    ['m1', 's1', '2020-03-01', { ann: 'yes', bob: 'yes', cat: 'no', eve: 'no', fay: 'yes' }],
    ['m2', 's2', '2020-04-01', { ann: 'no', cat: 'no', dan: 'yes', eve: 'yes' }],
  ];
  let position = '0';
  for (const [motionId, meetingId, openedOn, choices] of votes) {
    await post(`${c}/motions`, { motionId, title: `Motion ${motionId}`, meetingId, openedOn });
    for (const [memberId, choice] of Object.entries(choices)) position = String((await post(`${c}/motions/${motionId}/votes`, { memberId, choice })).position);
  }
  return position;
}
