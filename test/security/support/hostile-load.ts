/**
 * Hostile load (issue 26): a chamber large enough to make unbounded work show, and a probe that measures
 * how long `/api/health/live` and a normal read take while an attack runs. Used by
 * test/security/hostile-load.e2e.spec.ts (modest sizes, asserts only that everything is answered) and by
 * the bench phase `npm run bench -- --only=hostile` (bench/hostile.bench.ts, figures in docs/security.md).
 */
import { Agent } from 'node:http';

export interface Http {
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>;
}

/** A minimal HTTP client on node:http (the bench has no supertest), one request at a time per call. */
export function httpClient(baseUrl: string, agent?: Agent): Http {
  const request = async (method: string, path: string, body: string | undefined, headers: Record<string, string>) => {
    const { request: send } = await import('node:http');
    return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      const req = send(new URL(path, baseUrl), { method, agent, headers: { ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  };
  return {
    get: (path, headers = {}) => request('GET', path, undefined, headers),
    post: (path, body, headers = {}) => request('POST', path, typeof body === 'string' ? body : JSON.stringify(body), headers),
  };
}

/** A client with its own connections (keep-alive), for probes. */
export function probeClient(baseUrl: string): Http {
  return httpClient(baseUrl, new Agent({ keepAlive: true, maxSockets: 4 }));
}

/**
 * Founds `councilId` with `members` members (one curia per 100 seats) and `divisions` roll calls in which
 * every member votes (yes, no or abstain by a fixed pattern), through POST .../batch.
 */
export async function seedChamber(http: Http, auth: Record<string, string>, councilId: string, members: number, divisions: number): Promise<string> {
  const curiae = Array.from({ length: Math.ceil(members / 100) }, (_, i) => ({ key: `k${i}`, name: `Curia ${i}`, seats: 100 }));
  const founded = await http.post('/api/councils', { councilId, name: `Chamber ${councilId}`, foundedOn: '2012-01-01', seats: curiae.length * 100, curiae }, auth);
  if (founded.status !== 201) throw new Error(`found: ${founded.status} ${founded.body}`);
  const ids = Array.from({ length: members }, (_, i) => `m${i}`);
  let position = JSON.parse(founded.body).position as string;
  const send = async (requests: Array<{ path: string; body: unknown }>) => {
    const res = await http.post(`/api/councils/${councilId}/batch`, { requests }, auth);
    if (res.status !== 201) throw new Error(`batch: ${res.status} ${res.body.slice(0, 500)}`);
    position = JSON.parse(res.body).position;
  };
  const elect = ids.map((memberId, i) => ({ path: '/members', body: { memberId, name: `Member ${i}`, curia: `k${Math.floor(i / 100)}`, electedOn: '2012-01-01' } }));
  for (let i = 0; i < elect.length; i += 500) await send(elect.slice(i, i + 500));
  const CHOICES = ['yes', 'no', 'abstain'];
  // Roll calls in batches under MAX_APPEND_BYTES (1 MiB): a vote event with its metadata (request id, hash,
  // reply) is about 430 bytes since request ids were stored (issue 23).
  const perBatch = Math.max(1, Math.floor(600_000 / (members * 450)));
  for (let d = 0; d < divisions; d += perBatch) {
    const requests: Array<{ path: string; body: unknown }> = [];
    for (let k = d; k < Math.min(divisions, d + perBatch); k++) {
      requests.push({ path: '/motions', body: { motionId: `mo${k}`, title: `Motion ${k}`, openedOn: '2012-06-01' } });
      requests.push({ path: `/motions/mo${k}/roll-call`, body: { votes: ids.map((memberId, i) => ({ memberId, choice: CHOICES[(i * 7 + k * 3 + (i % 5 === 0 ? k : 0)) % 3] })) } });
    }
    await send(requests);
  }
  return position;
}

export interface Latencies {
  samples: number[];
  /** Requests that got no answer (a network error) or a 5xx other than 503. */
  failures: number;
}

/**
 * Sends `path` one request after another every `everyMs` until `stop()`; each latency in ms. Give the probe
 * its own client (`probeClient`): sockets shared with an attack that the server closes would fail the probe.
 */
export function probe(http: Http, path: string, everyMs = 20, headers: Record<string, string> = {}): { stop(): Promise<Latencies> } {
  const result: Latencies = { samples: [], failures: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await http.get(path, headers);
        if (res.status >= 500 && res.status !== 503) result.failures++;
      } catch {
        result.failures++;
      }
      result.samples.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return result;
    },
  };
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
