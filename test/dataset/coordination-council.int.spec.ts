import { join } from 'node:path';
import { importRequests, readDataset } from '../../scripts/import';
import { TestApp, startTestApp, ADMIN } from '../helpers/test-app';

/**
 * The Coordination Council dataset, imported through the HTTP API exactly as `npm run demo` does, checked
 * against the reference text (../shared/reference/coordination-council-2012-2013.txt).
 */
describe('Coordination Council 2012–2013 dataset (integration)', () => {
  let t: TestApp;
  let base: string;
  let position: string;
  const C = '/api/councils/coordination-council';
  const get = (path: string) => t.http().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    const root = join(__dirname, '..', '..', 'data');
    const { requests } = readDataset(['coordination-council', 'zhukovsky-peoples-council', 'voronezh-public-city-council'].map((f) => join(root, f)));
    const summary = await importRequests(base, ADMIN, requests, { progress: false });
    expect(summary.failed).toEqual([]);
    position = summary.lastPosition!;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('importing twice changes nothing', async () => {
    const before = (await t.http().get('/api/health')).body.info.eventStore.headPosition;
    // The data set is imported: the head is a position, not a missing field equal to itself.
    expect(before).toMatch(/^[1-9][0-9]*$/);
    expect(BigInt(before)).toBe(BigInt(position));
    const { requests } = readDataset([join(__dirname, '..', '..', 'data', 'coordination-council')]);
    const again = await importRequests(base, ADMIN, requests, { progress: false });
    expect(again.failed).toEqual([]);
    expect((await t.http().get('/api/health')).body.info.eventStore.headPosition).toBe(before);
  });

  it('has 45 members on 27 October 2012, 30/5/5/5 by curia', async () => {
    const res = await get(`${C}/state?at=2012-10-27`);
    expect(res.body.status).toBe('active');
    expect(res.body.memberCount).toBe(45);
    expect(res.body.uncertainMembers).toEqual([]);
    const byCuria: Record<string, number> = {};
    for (const m of res.body.members) byCuria[m.curia] = (byCuria[m.curia] ?? 0) + 1;
    expect(byCuria).toEqual({ general: 30, left: 5, liberal: 5, nationalist: 5 });
  });

  it('records the meeting table: numbers, dates, chairs and "N out of M"', async () => {
    const res = await get(`${C}/meetings`);
    const table = res.body
      .filter((m: { number: number | null }) => m.number !== null)
      .map((m: { number: number; date: string; chair: { name: string } | null; present: number | null; reportedMembership: number | null }) => [
        m.number, m.date, m.chair?.name ?? null, m.present, m.reportedMembership,
      ]);
    expect(table).toEqual([
      [1, '2012-10-27', 'Alexei Navalny', 37, 45],
      [2, '2012-11-24', 'Garry Kasparov', 38, 45],
      [3, '2012-12-16', 'Gennady Gudkov', 34, 45],
      [4, '2013-01-20', 'Vladlen Kralin', 33, 44],
      [5, '2013-02-16', 'Boris Nemtsov', 27, 43],
      [6, '2013-03-16', 'Alexei Gaskarov', 27, 43],
      [7, '2013-04-20', 'Mikhail Gelfand', 30, 42],
      [8, '2013-05-18', 'Sergey Davidis', 27, 42],
      [9, '2013-06-15', 'Ilya Konstantinov', 26, 40],
      [11, '2013-09-21', null, 23, 39],
    ]);
    const first = res.body.find((m: { number: number }) => m.number === 1);
    expect(first.remoteCount).toBe(2);
    const tor = res.body.find((m: { number: number }) => m.number === 4);
    expect(tor.chair.memberId).toBe('vladlen-kralin'); // "Vladimir Tor" resolved through the alias
    const ninth = res.body.find((m: { number: number }) => m.number === 9);
    expect(ninth.chair.memberId).toBeUndefined(); // not among the 45: kept as the source names him
    const extraordinary = res.body.find((m: { date: string }) => m.date === '2013-04-29');
    expect(extraordinary.kind).toBe('extraordinary');
  });

  it('has the two meetings that failed for lack of quorum', async () => {
    const res = await get(`${C}/meetings`);
    const failed = res.body.filter((m: { outcome: string }) => m.outcome === 'quorum-failed');
    expect(failed.map((m: { date: string; present: number | null; reportedMembership: number | null }) => [m.date, m.present, m.reportedMembership])).toEqual([
      ['2013-07-20', 14, 40],
      ['2013-10-19', null, null],
    ]);
    const state = await get(`${C}/state?at=2013-10-18`);
    expect(state.body.quorumFailures).toBe(1);
  });

  it('is dissolved on 20 October 2013 and was active the day before the last meeting', async () => {
    expect((await get(`${C}/state?at=2013-10-20`)).body.status).toBe('dissolved');
    expect((await get(`${C}/state?at=2013-10-18`)).body.status).toBe('active');
  });

  it('adopted the programmatic statement with 23 of 45, the minimum required', async () => {
    const res = await get(`${C}/motions`);
    const statement = res.body.find((m: { title: string; tally: { yes?: number } | null }) => m.tally?.yes === 23);
    expect(statement).toMatchObject({ outcome: 'adopted', required: 23, rule: 'majority-of-members' });
    expect(res.body.find((m: { tally: { yes?: number } | null }) => m.tally?.yes === 27)).toMatchObject({ outcome: 'adopted' });
  });

  it('keeps departures at the precision the text gives', async () => {
    const july = await get(`${C}/state?at=2013-07-15`);
    expect(july.body.uncertainMembers.map((m: { memberId: string }) => m.memberId)).toContain('olga-romanova');
    const after = await get(`${C}/state?at=2013-05-28`);
    expect(after.body.members.map((m: { memberId: string }) => m.memberId)).not.toContain('maxim-katz');
  });

  it('records the regional councils as councils of their own', async () => {
    const list = await get('/api/councils');
    expect(list.body.map((c: { councilId: string }) => c.councilId).sort()).toEqual(
      ['coordination-council', 'voronezh-public-city-council', 'zhukovsky-peoples-council'],
    );
  });
});
