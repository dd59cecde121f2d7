import { TestApp, startTestApp } from '../helpers/test-app';
import { LONG_COUNCIL, LONG_MEETINGS, LONG_MOTIONS, LongCouncil, recordLongCouncil } from '../helpers/long-council';

/**
 * The lists' `corrections` count (issue 27): on every row of every page, as known at `knownAt`, for a
 * record longer than a page. Through HTTP on the real store.
 */
describe('corrections count on the list reads (e2e)', () => {
  let t: TestApp;
  let long: LongCouncil;

  beforeAll(async () => {
    t = await startTestApp();
    long = await recordLongCouncil(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Every row of a list, walking `Link: rel="next"` with a small page, so the corrected rows are on later pages. */
  async function walk(list: string, query: string, minPosition = long.position): Promise<{ rows: Array<Record<string, unknown>>; pages: number }> {
    const rows: Array<Record<string, unknown>> = [];
    let next: string | undefined = `/api/councils/${LONG_COUNCIL}/${list}?limit=50&minPosition=${minPosition}${query}`;
    let pages = 0;
    while (next) {
      const res: { body: any; headers: Record<string, string> } = await t.http().get(next).expect(200);
      pages += 1;
      rows.push(...(list === 'members' ? res.body[0]?.members ?? res.body.members : res.body));
      const link: string | undefined = /<([^>]+)>;\s*rel="next"/.exec(res.headers.link ?? '')?.[1];
      next = link ? new URL(link, 'http://x').pathname + new URL(link, 'http://x').search : undefined;
    }
    return { rows, pages };
  }

  const countsOf = (rows: Array<Record<string, unknown>>, id: string) => Object.fromEntries(rows.map((r) => [r[id] as string, r.corrections]));

  it('marks the corrected meeting, motion and member wherever their page is, and no other row', async () => {
    const meetings = await walk('meetings', '');
    expect(meetings.rows).toHaveLength(LONG_MEETINGS);
    expect(meetings.pages).toBeGreaterThan(4);
    // The 5th meeting is on the first page in date order, the 238th on the fifth.
    const expectedMeetings = Object.fromEntries(meetings.rows.map((m) => [m.meetingId, long.correctedMeetings.includes(m.meetingId as string) ? 1 : 0]));
    expect(countsOf(meetings.rows, 'meetingId')).toEqual(expectedMeetings);
    expect(meetings.rows.findIndex((m) => m.meetingId === 'm-238')).toBeGreaterThanOrEqual(200);
    for (const id of long.correctedMeetings) expect(meetings.rows.find((m) => m.meetingId === id)).toMatchObject({ present: 4 });

    const motions = await walk('motions', '');
    expect(motions.rows).toHaveLength(LONG_MOTIONS);
    expect(countsOf(motions.rows, 'motionId')).toEqual(Object.fromEntries(motions.rows.map((m) => [m.motionId, m.motionId === long.correctedMotion ? 1 : 0])));

    const members = await t.http().get(`/api/councils/${LONG_COUNCIL}/members?minPosition=${long.position}`).expect(200);
    const memberRows = members.body[0]?.members ?? members.body.members;
    expect(countsOf(memberRows, 'memberId')).toEqual(Object.fromEntries(memberRows.map((m: { memberId: string }) => [m.memberId, m.memberId === long.correctedMember ? 1 : 0])));
  });

  it('counts only the corrections known at knownAt', async () => {
    const before = await walk('meetings', `&knownAt=${encodeURIComponent(long.beforeCorrections)}`);
    expect(before.rows).toHaveLength(LONG_MEETINGS);
    expect(before.rows.every((m) => m.corrections === 0)).toBe(true);
    for (const id of long.correctedMeetings) expect(before.rows.find((m) => m.meetingId === id)).toMatchObject({ present: 5 });
    const motions = await walk('motions', `&knownAt=${encodeURIComponent(long.beforeCorrections)}`);
    expect(motions.rows.every((m) => m.corrections === 0)).toBe(true);
  });

  it('a later correction of a row beyond the first page is counted on its page, and a second one adds to it', async () => {
    const late = await t.http().get(`/api/councils/${LONG_COUNCIL}/meetings?limit=1000&minPosition=${long.position}`).expect(200);
    const target = late.body.find((m: { meetingId: string }) => m.meetingId === 'm-200');
    const replacement = { meetingId: 'm-200', number: 200, date: target.date, presentCount: 3 };
    const first = await t.http().post(`/api/councils/${LONG_COUNCIL}/corrections`).set(t.admin)
      .send({ eventId: target.eventId, action: 'replace', reason: 'recount', replacement }).expect(201);
    // The replacement is now the version in force: correcting it again names the new event.
    const again = await t.http().get(`/api/councils/${LONG_COUNCIL}/meetings?limit=1000&minPosition=${first.body.position}`).expect(200);
    const current = again.body.find((m: { meetingId: string }) => m.meetingId === 'm-200');
    expect(current.corrections).toBe(1);
    const second = await t.http().post(`/api/councils/${LONG_COUNCIL}/corrections`).set(t.admin)
      .send({ eventId: target.eventId, action: 'replace', reason: 'second recount', replacement: { ...replacement, presentCount: 2 } }).expect(201);
    const after = await walk('meetings', '', second.body.position);
    const row = after.rows.find((m) => m.meetingId === 'm-200')!;
    expect(after.rows.indexOf(row)).toBeGreaterThanOrEqual(50);
    expect(row).toMatchObject({ corrections: 2, present: 2 });
  });
});
