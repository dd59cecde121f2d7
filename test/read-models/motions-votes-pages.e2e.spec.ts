import { TestApp, startTestApp } from '../helpers/test-app';

/**
 * `GET .../motions?votes=true` is bounded by the votes a page holds (READ_PAGE_VOTES, decision 46), not only
 * by its limit: the page stops before the motion that would pass the bound (never before its first motion)
 * and its Link says where the next page starts. Following the links gives every motion and every vote once.
 */
describe('motions with votes: pages bounded by their votes (e2e)', () => {
  let t: TestApp;
  const C = 'paged-votes';
  /** Motion k gets k + 1 votes (1, 2, 3, 4, 5, 6). */
  const MOTIONS = 6;

  beforeAll(async () => {
    t = await startTestApp({ READ_PAGE_VOTES: '5' });
    const post = async (path: string, body: object) => {
      const res = await t.http().post(`/api/councils${path}`).set(t.admin).send(body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { position: string };
    };
    await post('', { councilId: C, name: 'Paged', foundedOn: '2012-01-01', seats: 10 });
    await post(`/${C}/batch`, { requests: Array.from({ length: 6 }, (_, i) => ({ path: '/members', body: { memberId: `p${i}`, name: `Person ${i}`, electedOn: '2012-01-01' } })) });
    let last = '';
    for (let k = 0; k < MOTIONS; k++) {
      await post(`/${C}/motions`, { motionId: `mo${k}`, title: `Motion ${k}`, openedOn: `2012-02-${String(k + 1).padStart(2, '0')}` });
      ({ position: last } = await post(`/${C}/motions/mo${k}/roll-call`, { votes: Array.from({ length: k + 1 }, (_, i) => ({ memberId: `p${i}`, choice: 'yes' })) }));
    }
    await t.http().get(`/api/councils/${C}?minPosition=${last}`).expect(200);
  });

  afterAll(() => t.close());

  it('each page holds at most 5 votes (one motion when a motion alone has more), and the links give every vote once', async () => {
    const pages: Array<Array<{ motionId: string; votes: unknown[] }>> = [];
    let path: string | undefined = `/api/councils/${C}/motions?votes=true&limit=100`;
    while (path) {
      const res = await t.http().get(path).expect(200);
      pages.push(res.body);
      const link = res.headers.link as string | undefined;
      path = link ? /<([^>]+)>; rel="next"/.exec(link)![1].replace(/^https?:\/\/[^/]+/, '') : undefined;
    }
    // votes per motion 1..6: pages [1, 2] (3 votes), [3] , [4], [5], [6] (alone past the bound)
    expect(pages.map((p) => p.map((m) => m.votes.length))).toEqual([[1, 2], [3], [4], [5], [6]]);
    expect(pages.flat().map((m) => m.motionId)).toEqual(Array.from({ length: MOTIONS }, (_, k) => `mo${k}`));
  });

  it('without votes, the limit alone cuts the page', async () => {
    const res = await t.http().get(`/api/councils/${C}/motions?limit=100`).expect(200);
    expect(res.body).toHaveLength(MOTIONS);
    expect(res.headers.link).toBeUndefined();
  });
});
