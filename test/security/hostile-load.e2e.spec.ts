import { startTestApp, TestApp } from '../helpers/test-app';
import { Http, httpClient, Latencies, probe, probeClient, seedChamber } from './support/hostile-load';

/**
 * The hostile load of issue 26, replayed at modest sizes on the real app (real SQLite, listening on a port):
 * while each attack runs, probes keep asking `/api/health/live` and a normal read. This suite asserts only
 * that everything is answered (no network error, no 5xx other than a bounded read's 503) with generous
 * timeouts; the latencies are measured by `npm run bench -- --only=hostile` (docs/security.md).
 */
describe('hostile load: every attack is answered and the service keeps answering (e2e)', () => {
  let t: TestApp;
  let http: Http;
  let probes: Http;
  let seeded: string;
  const C = 'chamber';

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_TOKEN: '1000000' });
    await t.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    http = httpClient(base);
    probes = probeClient(base);
    seeded = await seedChamber(http, t.admin, C, 200, 20);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function underProbes<T>(attack: () => Promise<T>): Promise<{ result: T; live: Latencies; read: Latencies }> {
    const live = probe(probes, '/api/health/live');
    const read = probe(probes, `/api/councils/${C}`);
    try {
      const result = await attack();
      return { result, live: await live.stop(), read: await read.stop() };
    } catch (error) {
      await live.stop();
      await read.stop();
      throw error;
    }
  }

  function answered(l: Latencies): void {
    expect(l.failures).toBe(0);
    expect(l.samples.length).toBeGreaterThan(0);
    expect(Math.max(...l.samples)).toBeLessThan(30_000);
  }

  it('cohesion on the chamber (200 members × 20 roll calls): answered with every pair; health and reads answered meanwhile', async () => {
    const { result, live, read } = await underProbes(() => http.get(`/api/councils/${C}/analytics/cohesion?minPosition=${seeded}`));
    expect(result.status).toBe(200);
    const report = JSON.parse(result.body);
    expect(report.pairsTotal).toBe((200 * 199) / 2);
    expect(report.motionsWithVotes).toBe(20);
    answered(live);
    answered(read);
  });

  it('inferences, attendance, anomalies and the exports are answered, health meanwhile too', async () => {
    const { result, live } = await underProbes(async () => {
      const paths = ['inferences', 'analytics/attendance', 'anomalies', 'export/popolo', 'export/popolo?format=csv&table=votes'];
      return Promise.all(paths.map((p) => http.get(`/api/councils/${C}/${p}`)));
    });
    expect(result.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    answered(live);
  });

  it('an anonymous 4 MiB batch is 401 without its body being read; a secretary\'s over the body limit is 413', async () => {
    const junk = JSON.stringify({ requests: Array.from({ length: 1_400_000 }, () => ({})) });
    expect(junk.length).toBeGreaterThan(4 * 1024 * 1024);
    const { result, live } = await underProbes(async () => [
      await http.post(`/api/councils/${C}/batch`, junk),
      await http.post(`/api/councils/${C}/batch`, junk, { Authorization: `Bearer ${'x'.repeat(40)}` }),
      await http.post(`/api/councils/${C}/batch`, junk, t.admin),
    ]);
    expect(result.map((r) => r.status)).toEqual([401, 401, 413]);
    expect(JSON.parse(result[2].body)).toMatchObject({ status: 413, limit: 2 * 1024 * 1024 });
    answered(live);
  });

  it('a batch whose events pass MAX_APPEND_BYTES stops with 413 append-too-large; repeated, the council stays cached and answers', async () => {
    const requests = Array.from({ length: 4000 }, (_, i) => ({ path: '/meetings', body: { number: 1000 + i, date: '2013-01-01', presentCount: 100, note: 'n'.repeat(200) } }));
    const { result, live, read } = await underProbes(async () => {
      const out = [];
      for (let i = 0; i < 3; i++) out.push(await http.post(`/api/councils/${C}/batch`, { requests }, t.admin));
      return out;
    });
    for (const r of result) {
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body)).toMatchObject({ type: expect.stringMatching(/append-too-large$/), setting: 'MAX_APPEND_BYTES' });
      expect(JSON.parse(r.body).events).toBeLessThan(4000);
    }
    answered(live);
    answered(read);
    const ok = await http.post(`/api/councils/${C}/meetings`, { number: 999, date: '2013-01-02', presentCount: 100 }, t.admin);
    expect(ok.status).toBe(201);
  });
});

describe('bounded reads: 503 while computing, 422 over budget (e2e)', () => {
  const C = 'small-chamber';

  async function app(env: Record<string, string>): Promise<{ t: TestApp; http: Http }> {
    const t = await startTestApp(env);
    await t.app.listen(0, '127.0.0.1');
    const http = httpClient(`http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`);
    const position = await seedChamber(http, t.admin, C, 120, 10);
    expect((await http.get(`/api/councils/${C}?minPosition=${position}`)).status).toBe(200);
    return { t, http };
  }

  it('a read that does not finish within BOUNDED_READ_WAIT_MS is 503 with Retry-After; the retry gets the computed answer', async () => {
    const { t, http } = await app({ BOUNDED_READ_WAIT_MS: '0' });
    try {
      const first = await http.get(`/api/councils/${C}/analytics/cohesion`);
      expect(first.status).toBe(503);
      expect(Number(first.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(first.body)).toMatchObject({ status: 503, type: expect.stringMatching(/still-computing$/) });
      let answer = first;
      for (let i = 0; i < 120 && answer.status === 503; i++) {
        await new Promise((r) => setTimeout(r, 250));
        answer = await http.get(`/api/councils/${C}/analytics/cohesion`);
      }
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).pairsTotal).toBe((120 * 119) / 2);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('a read that runs past BOUNDED_READ_TIMEOUT_MS is 422 naming the limit, and stays 422 at that record position', async () => {
    const { t, http } = await app({ BOUNDED_READ_TIMEOUT_MS: '1' });
    try {
      for (let i = 0; i < 2; i++) {
        const res = await http.get(`/api/councils/${C}/analytics/cohesion?by=curia&limit=7`);
        expect(res.status).toBe(422);
        expect(JSON.parse(res.body)).toMatchObject({ status: 422, rule: 'read-budget', limit: 1, setting: 'BOUNDED_READ_TIMEOUT_MS' });
      }
      expect((await http.get('/api/health/live')).status).toBe(200);
    } finally {
      await t.close();
    }
  }, 120_000);
});
