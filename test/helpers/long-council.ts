import type { TestApp } from './test-app';

/**
 * A council whose record is longer than one page of the lists (issue 27): 6 members, 240 meetings and
 * 40 motions recorded through the batch endpoint, then four corrections: the attendance of the 5th meeting
 * (far from the end of the record, beyond the rows a table shows at first) and of the 238th, the 3rd
 * motion's title and the election of one member.
 * The ids are returned for the tests to look for; everything goes through the public HTTP API.
 */
export const LONG_COUNCIL = 'long-council';
export const LONG_MEETINGS = 240;
export const LONG_MOTIONS = 40;

const day = (start: string, n: number) => new Date(Date.parse(start) + n * 86_400_000).toISOString().slice(0, 10);
export const longMeetingId = (i: number) => `m-${String(i).padStart(3, '0')}`;
export const longMotionId = (i: number) => `motion-${String(i).padStart(2, '0')}`;

export interface LongCouncil {
  /** Far from the end of the record (the 5th) and near it (the 238th). */
  correctedMeetings: string[];
  correctedMotion: string;
  correctedMember: string;
  /** The record time just before the first correction (nothing corrected yet as known then). */
  beforeCorrections: string;
  /** The position of the last write (for ?minPosition=). */
  position: string;
}

export async function recordLongCouncil(app: TestApp): Promise<LongCouncil> {
  const post = async (path: string, body: object) => (await app.http().post(path).set(app.admin).send(body).expect(201)).body;
  const batch = async (requests: Array<{ path: string; body: object }>) => post(`/api/councils/${LONG_COUNCIL}/batch`, { requests });
  await post('/api/councils', { councilId: LONG_COUNCIL, name: 'Long Council', foundedOn: '2020-01-01', seats: 7 });
  const names = ['Alma Berg', 'Bruno Costa', 'Carla Dias', 'Dario Esposito', 'Elena Fabbri', 'Franco Gallo'];
  const elected = await batch(names.map((name, i) => ({ path: '/members', body: { memberId: `member-${i + 1}`, name, electedOn: '2020-01-01' } })));
  const meetings = [];
  for (let i = 1; i <= LONG_MEETINGS; i++) meetings.push({ path: '/meetings', body: { meetingId: longMeetingId(i), number: i, date: day('2020-01-06', 2 * i), presentCount: 5 } });
  const recordedMeetings = await batch(meetings);
  const motions = [];
  for (let i = 1; i <= LONG_MOTIONS; i++) motions.push({ path: '/motions', body: { motionId: longMotionId(i), title: `Motion number ${i}`, online: true, openedOn: day('2020-01-07', 10 * i) } });
  const recordedMotions = await batch(motions);

  // Each of these items records one event: the batch's eventIds are in item order.
  const eventOf = (reply: { eventIds: string[] }, index: number) => reply.eventIds[index];
  const beforeCorrections = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  await post(`/api/councils/${LONG_COUNCIL}/corrections`, {
    eventId: eventOf(recordedMeetings, 4), action: 'replace', reason: 'the minutes count four present',
    replacement: { meetingId: longMeetingId(5), number: 5, date: day('2020-01-06', 10), presentCount: 4 },
  });
  await post(`/api/councils/${LONG_COUNCIL}/corrections`, {
    eventId: eventOf(recordedMeetings, 237), action: 'replace', reason: 'one member left early',
    replacement: { meetingId: longMeetingId(238), number: 238, date: day('2020-01-06', 2 * 238), presentCount: 4 },
  });
  await post(`/api/councils/${LONG_COUNCIL}/corrections`, {
    eventId: eventOf(recordedMotions, 2), action: 'replace', reason: 'the title as published',
    replacement: { motionId: longMotionId(3), title: 'Motion number 3, as published', online: true, openedOn: day('2020-01-07', 30) },
  });
  const last = await post(`/api/councils/${LONG_COUNCIL}/corrections`, {
    eventId: eventOf(elected, 1), action: 'replace', reason: 'the name as spelled in the register',
    replacement: { memberId: 'member-2', name: 'Bruno da Costa', electedOn: '2020-01-01' },
  });
  return { correctedMeetings: [longMeetingId(5), longMeetingId(238)], correctedMotion: longMotionId(3), correctedMember: 'member-2', beforeCorrections, position: String(last.position) };
}
