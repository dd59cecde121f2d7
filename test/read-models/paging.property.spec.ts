import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { TestApp, startTestApp } from '../helpers/test-app';

/**
 * Paged lists (e2e, real app and store): walking every page by its Link header returns each row exactly
 * once, and exactly the rows of the list as it stood when the walk began, while writes continue between
 * pages (new members, meetings, motions and votes; a correction of a row already walked or still ahead).
 */
const LISTS = ['timeline', 'motions', 'meetings', 'members', 'members-at', 'anomalies', 'events'] as const;
type List = (typeof LISTS)[number];

describe('paged lists (property, e2e)', () => {
  let t: TestApp;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const batch = async (councilId: string, requests: Array<{ path: string; body: object }>) => {
    const res = await t.http().post(`/api/councils/${councilId}/batch`).set(t.admin).send({ requests });
    expect(res.status).toBe(201);
    return res.body as { position: string; eventIds: string[] };
  };

  /** Some facts, numbered from `from`, on days spread over two years. */
  const facts = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => {
      const k = from + i;
      const day = `2020-${String((k % 12) + 1).padStart(2, '0')}-${String((k % 27) + 1).padStart(2, '0')}`;
      switch (k % 4) {
        case 0:
          return { path: '/members', body: { memberId: `m${k}`, name: `Member ${k}`, electedOn: day } };
        case 1:
          return { path: '/meetings', body: { meetingId: `s${k}`, date: day, presentCount: 1, reportedMembership: 1000 } };
        case 2:
          return { path: '/motions', body: { motionId: `q${k}`, title: `Motion ${k}`, openedOn: day, online: true } };
        default:
          return { path: '/members', body: { name: `Same Name`, electedOn: day } };
      }
    });

  const url = (councilId: string, list: List, limit: number) => {
    const base = `/api/councils/${councilId}`;
    switch (list) {
      case 'members-at':
        return `${base}/members?at=2021-06-01&limit=${limit}`;
      case 'timeline':
        return `${base}/timeline?from=2019&limit=${limit}`;
      default:
        return `${base}/${list}?limit=${limit}`;
    }
  };
  const rowsOf = (list: List, body: unknown): unknown[] => (list.startsWith('members') ? (body as { members: unknown[] }).members : (body as unknown[]));
  const idOf = (list: List, row: Record<string, unknown>): string =>
    list === 'timeline' ? String(row.eventId) : list === 'events' ? String(row.position)
      : list === 'anomalies' ? JSON.stringify(row) : String(row.motionId ?? row.meetingId ?? row.memberId);

  it('walking all pages returns each row exactly once while writes continue', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LISTS),
        fc.integer({ min: 8, max: 30 }),
        fc.integer({ min: 2, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 5 }),
        async (list, initial, limit, writes) => {
          const councilId = `paged-${++n}`;
          const founded = await t.http().post('/api/councils').set(t.admin).send({ councilId, name: `Paged ${n}`, foundedOn: '2019-12-01', seats: 500 });
          expect(founded.status).toBe(201);
          const first = await batch(councilId, facts(0, initial));
          let next: string | undefined = `${url(councilId, list, limit)}&minPosition=${first.position}`;
          const walked: unknown[] = [];
          let recordPosition: string | undefined;
          let written = initial;
          let w = 0;
          let pages = 0;
          let retracted = false;
          while (next) {
            const res = await t.http().get(next).expect(200);
            pages += 1;
            if (pages > 500) throw new Error(`${list}: more than 500 pages (${next})`);
            recordPosition ??= res.headers['x-record-position'];
            expect(res.headers['x-record-position']).toBe(recordPosition);
            const rows = rowsOf(list, res.body);
            expect(rows.length).toBeLessThanOrEqual(limit);
            walked.push(...rows);
            const link = res.headers.link as string | undefined;
            next = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : undefined;
            if (next) expect(rows.length).toBe(limit);
            // Writes between pages: new facts, and now and then a correction of the first fact.
            const count = w < writes.length ? writes[w] : 0;
            w += 1;
            if (next && count > 0) {
              const more = facts(written, count);
              written += count;
              const retract = w % 3 === 0 && !retracted;
              if (retract) more.push({ path: '/corrections', body: { eventId: first.eventIds[0], action: 'retract', reason: 'test' } } as never);
              const done = await batch(councilId, more);
              await t.http().get(`/api/councils/${councilId}/events?limit=1&minPosition=${done.position}`).expect(200);
              if (retract) retracted = true;
            }
          }
          const ids = walked.map((r) => idOf(list, r as Record<string, unknown>));
          expect(new Set(ids).size).toBe(ids.length);
          if (list === 'events') {
            // The audit log walks to the head as it was when the walk began: every event up to it, in order, once.
            const positions = walked.map((r) => BigInt((r as { position: string }).position));
            expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
            expect(positions.length).toBe(initial + 1);
            expect(positions[positions.length - 1]).toBe(BigInt(first.position));
            return;
          }
          // Exactly the rows of the list as it stood at the walk's record position, read in one page.
          const whole = await t.http().get(`${url(councilId, list, 10_000)}&knownAtPosition=${recordPosition}`).expect(200);
          expect(whole.headers.link).toBeUndefined();
          expect(walked).toEqual(rowsOf(list, whole.body));
          expect(pages).toBeGreaterThanOrEqual(Math.ceil(walked.length / limit));
        },
      ),
      { numRuns: Number(process.env.PAGING_RUNS ?? 25), verbose: true },
    );
  });

  it('a malformed, forged or foreign cursor and a limit out of range are 400', async () => {
    const councilId = `paged-${++n}`;
    await t.http().post('/api/councils').set(t.admin).send({ councilId, name: `Paged ${n}`, foundedOn: '2019-12-01', seats: 500 }).expect(201);
    const done = await batch(councilId, facts(0, 10));
    const page = await t.http().get(`/api/councils/${councilId}/timeline?limit=2&minPosition=${done.position}`).expect(200);
    const cursor = new URL(/^<([^>]+)>/.exec(page.headers.link)![1], 'http://x').searchParams.get('cursor')!;
    await t.http().get(`/api/councils/${councilId}/timeline?limit=2&cursor=${cursor}`).expect(200);
    for (const bad of ['nonsense', `${cursor}x`, `${Buffer.from('[1]').toString('base64url')}.${cursor.split('.')[1]}`]) {
      const res = await t.http().get(`/api/councils/${councilId}/timeline?cursor=${encodeURIComponent(bad)}`).expect(400);
      expect(res.body.type).toMatch(/invalid-cursor/);
    }
    // The cursor of a timeline is not one of motions, nor of a timeline with other filters.
    await t.http().get(`/api/councils/${councilId}/motions?cursor=${cursor}`).expect(400);
    await t.http().get(`/api/councils/${councilId}/timeline?from=2020-06&cursor=${cursor}`).expect(400);
    for (const limit of ['0', '10001', '-1', 'x', '2.5']) {
      await t.http().get(`/api/councils/${councilId}/motions?limit=${limit}`).expect(400);
    }
    await t.http().get(`/api/councils/${councilId}/events?limit=10000`).expect(200);
  });

  it('a cursor whose payload is edited but keeps its length and shape, with the old signature, is 400 (the HMAC decides)', async () => {
    const councilId = `paged-${++n}`;
    await t.http().post('/api/councils').set(t.admin).send({ councilId, name: `Paged ${n}`, foundedOn: '2019-12-01', seats: 500 }).expect(201);
    const done = await batch(councilId, facts(0, 10));
    const page = await t.http().get(`/api/councils/${councilId}/timeline?limit=2&minPosition=${done.position}`).expect(200);
    const cursor = new URL(/^<([^>]+)>/.exec(page.headers.link)![1], 'http://x').searchParams.get('cursor')!;
    const [payload, signature] = cursor.split('.');
    const [list, council, filters, position, key] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, string, string, number, unknown[]];
    // The same list, council and filters; the record position one earlier (or later), with as many digits.
    const edited = String(position - 1).length === String(position).length ? position - 1 : position + 1;
    const forged = Buffer.from(JSON.stringify([list, council, filters, edited, key]), 'utf8').toString('base64url');
    expect(forged.length).toBe(payload.length);
    const res = await t.http().get(`/api/councils/${councilId}/timeline?limit=2&cursor=${forged}.${signature}`).expect(400);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/invalid-cursor$/), detail: expect.stringMatching(/not issued by this service/) });
    // The genuine cursor still reads.
    await t.http().get(`/api/councils/${councilId}/timeline?limit=2&cursor=${cursor}`).expect(200);
  });

  it('a cursor outlives a restart of the service on the same DATA_DIR (its key is kept there), not a fresh one', async () => {
    const councilId = `paged-${++n}`;
    const dir = mkdtempSync(join(tmpdir(), 'council-record-cursor-'));
    try {
      let app = await startTestApp({}, dir);
      await app.http().post('/api/councils').set(app.admin).send({ councilId, name: `Paged ${n}`, foundedOn: '2019-12-01', seats: 500 }).expect(201);
      const done = await app.http().post(`/api/councils/${councilId}/batch`).set(app.admin).send({ requests: facts(0, 6) }).expect(201);
      const page = await app.http().get(`/api/councils/${councilId}/timeline?limit=2&minPosition=${done.body.position}`).expect(200);
      const next = /^<([^>]+)>/.exec(page.headers.link)![1];
      await app.close();
      app = await startTestApp({}, dir);
      const after = await app.http().get(`${next}&minPosition=${done.body.position}`);
      await app.close();
      expect(after.status).toBe(200);
      expect(after.body).toHaveLength(2);
      const elsewhere = await startTestApp();
      const foreign = await elsewhere.http().get(next);
      await elsewhere.close();
      expect(foreign.status).toBe(400);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
