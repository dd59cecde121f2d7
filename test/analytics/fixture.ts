import { TestApp } from '../helpers/test-app';

export const C = 'analytics-council';
export const SOURCE = { title: 'Minutes of the council', url: 'https://example.org/minutes', locator: 'p. 3', quote: 'chaired by Outsider Person' };

export interface Recorded {
  /** The global position of the last write (read with ?minPosition= to see it). */
  last: string;
  /** The position just before the recordAnomaly write. */
  beforeAnomaly: string;
  chairAnomalyEventId: string;
  meetingIds: Record<string, string>;
}

/**
 * A small council recorded through the HTTP API:
 * - curiae a, b, c of 3 seats; members a1-a3, b1-b3, c1-c3 elected 2012-10-22;
 * - b3 left "2013-07" (some day in July), c3 left "2012-12-17/2013-10-19" (some day in that interval);
 * - meeting 1 (2012-11-01) names six participants; meeting 2 (2013-07-15) counts 6 present, 2 remote,
 *   "out of 6"; meeting 4 (2013-08-10) "out of 8"; meeting 5 (2013-09-01) chaired by a non-member,
 *   recorded by a historian with recordAnomaly; number 3 is missing;
 * - motion mo1 (meeting 1): a1 yes, a2 yes, a3 no, b1 yes, b2 yes, c1 abstain; motion mo2 (online):
 *   a1 yes, a2 no, a3 no, b1 no, b2 yes.
 */
export async function recordCouncil(t: TestApp): Promise<Recorded> {
  let last = '0';
  const post = async (path: string, body: object, status = 201) => {
    const res = await t.http().post(`/api/councils${path}`).set(t.admin).send(body);
    if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = res.body.position ?? last;
    return res.body;
  };
  await post('', {
    councilId: C, name: 'Analytics Council', foundedOn: '2012-10-22', seats: 9,
    curiae: [{ key: 'a', name: 'Curia A', seats: 3 }, { key: 'b', name: 'Curia B', seats: 3 }, { key: 'c', name: 'Curia C', seats: 3 }],
  });
  for (const curia of ['a', 'b', 'c']) {
    for (let i = 1; i <= 3; i++) {
      await post(`/${C}/members`, { memberId: `${curia}${i}`, name: `Member ${curia.toUpperCase()}${i}`, curia, electedOn: '2012-10-22', rank: i,
        ...(curia === 'a' && i === 1 ? { aliases: ['A. One'] } : {}) });
    }
  }
  await post(`/${C}/members/b3/departure`, { leftOn: '2013-07', reason: 'resigned' });
  await post(`/${C}/members/c3/departure`, { leftOn: '2012-12-17/2013-10-19' });
  const meetingIds: Record<string, string> = {};
  const m1 = await post(`/${C}/meetings`, {
    meetingId: 'm1', number: 1, date: '2012-11-01', chair: 'a1', present: ['a1', 'a2', 'a3', 'b1', 'b2', 'c1'], reportedMembership: 9,
    agenda: ['-1 budget, "draft"', '=cmd|calc'],
  });
  meetingIds.m1 = m1.eventIds[0];
  await post(`/${C}/meetings`, { meetingId: 'm2', number: 2, date: '2013-07-15', presentCount: 6, remoteCount: 2, reportedMembership: 6 });
  await post(`/${C}/meetings`, { meetingId: 'm4', number: 4, date: '2013-08-10', presentCount: 5, reportedMembership: 8 });
  await post(`/${C}/motions`, { motionId: 'mo1', title: 'First motion', kind: 'resolution', meetingId: 'm1', openedOn: '2012-11-01' });
  for (const [member, choice] of [['a1', 'yes'], ['a2', 'yes'], ['a3', 'no'], ['b1', 'yes'], ['b2', 'yes'], ['c1', 'abstain']]) {
    await post(`/${C}/motions/mo1/votes`, { memberId: member, choice });
  }
  await post(`/${C}/motions/mo1/result`, { decidedOn: '2012-11-01' });
  await post(`/${C}/motions`, { motionId: 'mo2', title: 'Online motion', kind: 'statement', online: true, openedOn: '2012-11-05' });
  for (const [member, choice] of [['a1', 'yes'], ['a2', 'no'], ['a3', 'no'], ['b1', 'no'], ['b2', 'yes']]) {
    await post(`/${C}/motions/mo2/votes`, { memberId: member, choice });
  }
  const beforeAnomaly = last;
  const m5 = await post(`/${C}/meetings`, {
    meetingId: 'm5', number: 5, date: '2013-09-01', chair: 'Outsider Person', presentCount: 6, recordAnomaly: true, source: SOURCE,
  });
  return { last, beforeAnomaly, chairAnomalyEventId: m5.eventIds[0], meetingIds };
}
