import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { fetchRespectingRetryAfter, retryAfterMs } from '../../scripts/retrying-fetch';

describe("the shipped clients' fetch honours Retry-After", () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(null)).toBe(1000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
  });

  it('waits as long as a 429 says, then sends the same request again', async () => {
    const arrivals: number[] = [];
    const server = createServer((req, res) => {
      arrivals.push(Date.now());
      if (arrivals.length === 1) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/problem+json' }).end('{}');
      } else {
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const waits: number[] = [];
      const res = await fetchRespectingRetryAfter(`http://127.0.0.1:${port}/x`, { method: 'POST', body: '{}' }, { onWait: (ms) => waits.push(ms) });
      expect(res.status).toBe(201);
      expect(arrivals).toHaveLength(2);
      expect(waits).toEqual([1000]);
      expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(950);
    } finally {
      server.close();
    }
  });
});
