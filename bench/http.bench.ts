/**
 * HTTP: votes recorded through the API with autocannon (100 connections) against the whole app in a
 * child process on the durable store (SQLITE_SYNCHRONOUS=FULL). A council with 45 members and enough
 * motions is set up over HTTP first; every request is then a distinct valid vote: (motion, member) pairs
 * are rotated so no member votes twice on a motion.
 */
import autocannon from 'autocannon';
import { ensureDir, log, round } from './common';
import { startAppChild } from './app-child';

export interface HttpResult {
  reqPerSec: number;
  p99Ms: number;
  p50Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  connections: number;
  seconds: number;
}

const MEMBERS = 45;
const COUNCIL = 'bench-council';

async function inChunks<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

export async function runHttpBench(options: { requests: number; warmup: number; connections: number; profileDir?: string }): Promise<HttpResult> {
  const app = await startAppChild({
    execArgv: options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${ensureDir(options.profileDir)}`, '--cpu-prof-name=http-server.cpuprofile'] : [],
  });
  const { base, token } = app;
  try {
    const total = options.requests + options.warmup;
    const motions = Math.ceil(total / MEMBERS);
    log(`http: app on ${base}; founding a council with ${MEMBERS} members and ${motions} motions`);
    await app.post('/api/councils', { councilId: COUNCIL, name: 'Bench Council', foundedOn: '2012-10-22', seats: MEMBERS });
    await inChunks(Array.from({ length: MEMBERS }, (_, i) => i), 15, (i) =>
      app.post(`/api/councils/${COUNCIL}/members`, { memberId: `member-${i}`, name: `Member Number ${i}`, electedOn: '2012-10-22' }),
    );
    await inChunks(Array.from({ length: motions }, (_, j) => j), 50, (j) =>
      app.post(`/api/councils/${COUNCIL}/motions`, { motionId: `motion-${j}`, title: `Motion ${j}`, openedOn: '2013-01-15', online: true }),
    );

    let next = 0;
    const run = (amount: number) =>
      autocannon({
        url: base,
        connections: options.connections,
        amount,
        timeout: 30,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const k = next++;
              const motion = Math.floor(k / MEMBERS);
              const member = k % MEMBERS;
              return { ...req, method: 'POST', path: `/api/councils/${COUNCIL}/motions/motion-${motion}/votes`, body: JSON.stringify({ memberId: `member-${member}`, choice: 'yes' }) };
            },
          },
        ],
      });
    log(`http: warm-up (${options.warmup} votes)`);
    await run(options.warmup);
    log(`http: ${options.requests} votes over ${options.connections} connections`);
    const result = await run(options.requests);
    const non2xx = result.non2xx;
    if (non2xx > 0 || result.errors > 0) {
      throw new Error(`http: ${non2xx} non-2xx responses and ${result.errors} errors out of ${result.requests.total}: the votes were not all valid`);
    }
    log(`http: ${round(result.requests.average)} req/s, p99 ${result.latency.p99} ms`);
    return {
      reqPerSec: round(result.requests.total / result.duration),
      p99Ms: result.latency.p99,
      p50Ms: result.latency.p50,
      requests: result.requests.total,
      non2xx,
      errors: result.errors,
      connections: options.connections,
      seconds: round(result.duration, 2),
    };
  } finally {
    await app.stop();
  }
}
