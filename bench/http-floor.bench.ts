/**
 * `httpFloor`: the same autocannon run as the `http` part (single votes, same connections and amounts)
 * against a bare NestJS app with the same body parser, ValidationPipe and DTO whose POST does nothing
 * (bench/http-floor-server.ts). `http.vsFloor` = the product's votes/s ÷ the floor's req/s (target ≥ 0.5).
 * With profiling on, the product's single-vote path is CPU-profiled (`node --cpu-prof`) and summarised.
 */
import autocannon from 'autocannon';
import { join } from 'node:path';
import { CACHE_DIR, log, round } from './common';
import { startAppChild } from './app-child';
import { runHttpBench } from './http.bench';
import { BenchPhase } from './phase';
import { summarizeProfile } from './profile';

export const httpFloorPhase: BenchPhase = {
  name: 'httpFloor',
  title: 'HTTP floor: a bare NestJS app',
  async run({ quick, profile, results }) {
    const plan = quick ? { requests: 3_000, warmup: 500, connections: 100 } : { requests: 30_000, warmup: 3_000, connections: 100 };
    const floor = await startAppChild({ script: 'http-floor-server.js' });
    let reqPerSec: number;
    let p99Ms: number;
    try {
      let k = 0;
      const run = (amount: number) =>
        autocannon({
          url: floor.base,
          connections: plan.connections,
          amount,
          timeout: 30,
          headers: { authorization: `Bearer ${floor.token}`, 'content-type': 'application/json' },
          requests: [
            {
              method: 'POST',
              setupRequest: (req) => {
                const i = k++;
                return { ...req, method: 'POST', path: `/api/councils/bench-council/motions/motion-${Math.floor(i / 45)}/votes`, body: JSON.stringify({ memberId: `member-${i % 45}`, choice: 'yes' }) };
              },
            },
          ],
        });
      await run(plan.warmup);
      log(`httpFloor: ${plan.requests} no-op POSTs over ${plan.connections} connections`);
      const r = await run(plan.requests);
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`httpFloor: ${r.non2xx} non-2xx and ${r.errors} errors`);
      reqPerSec = round(r.requests.total / r.duration);
      p99Ms = r.latency.p99;
    } finally {
      await floor.stop();
    }
    const product = results.http?.reqPerSec as number | undefined;
    const vsFloor = product ? round(product / reqPerSec, 3) : null;
    const markdown = [
      'The same autocannon run as the HTTP part (single votes, same connections and amounts) against a bare NestJS 12 app on Express with',
      "the product's JSON body parser, global ValidationPipe and vote DTO, whose handler does nothing and answers 201 (bench/http-floor-server.ts).",
      '',
      '| | req/s | p99 |',
      '|---|---|---|',
      `| floor (no-op POST) | ${reqPerSec.toLocaleString('en')} | ${p99Ms} ms |`,
      `| product (a vote recorded, durable) | ${product ? product.toLocaleString('en') : 'n/a'} | ${results.http?.p99Ms ?? 'n/a'} ms |`,
      '',
      vsFloor === null ? 'The HTTP part did not run: no ratio.' : `**http.vsFloor ${vsFloor}** (target ≥ 0.5).`,
      '',
      'What the profile of the single-vote path showed when this phase was written (quick run on the shared 2-core machine,',
      'load average about 16), and what was done about it:',
      '- The largest self time in product paths is `sqliteTransaction` (about 8%): the group commit, with its fsync',
      '  (`synchronous=FULL`), runs on the event loop because better-sqlite3 is synchronous. While a group is being made',
      '  durable no request is parsed, so the vote path pays the fsync in its throughput, which the floor never does.',
      '  Moving the commit to a worker thread would overlap it with request handling; it was not done here (it changes',
      '  the store adapter that the contract suite and the crash tests hold, and another helper is changing it).',
      "- Per-request work the floor does not do: pino-http's request logging and request id (about 6% inclusive even at",
      '  `LOG_LEVEL=silent`), helmet headers, the rate-limit guard and the auth guard. Both guards hashed the bearer token',
      '  (SHA-256) on every request; the auth guard now reuses the principal the rate-limit guard authenticated: one hash',
      '  per request.',
      '- The projection runner applied every vote to the read database on the same thread (about 3% inclusive in',
      '  `projection-runner.ts` in this short profile, far more under load, when the read database' + "'" + 's WAL checkpoints',
      '  fsync): it now runs in a worker thread of its own (decision 33).',
      '- `decide`/`evolve` for a vote (`council-writer.ts` `attempt`, about 3.5% inclusive) and the ValidationPipe (about',
      '  5.6%, the floor pays it too) are small. Startup (module loading) shows up in the profile because the sampled',
      '  run is short; it is not on the request path.',
      '- Fastify (`@nestjs/platform-fastify`) was not measured: the product uses Express-specific middleware (helmet,',
      '  the body parsers with per-route limits, `rejectDangerousKeys`) and the floor would have to move with it.',
      '  Between the two quiet runs of 2026-11-29, before and after the projections left the thread that serves HTTP',
      '  (decision 33), single votes went from 1,427 to 1,762 req/s while the floor measured 3,741 then 3,330 req/s:',
      '  part of the ratio\'s move (0.381 to 0.529) is the floor\'s own spread.',
      '',
    ];
    const output = {
      fields: { reqPerSec, p99Ms },
      targets: [{ name: 'http vsFloor', target: '≥ 0.5', value: vsFloor === null ? 'n/a' : String(vsFloor), met: vsFloor === null ? undefined : vsFloor >= 0.5 }],
      amend: { http: { vsFloor, floorReqPerSec: reqPerSec } },
      markdown,
    };
    if (profile) {
      const dir = join(CACHE_DIR, 'profiles');
      log('httpFloor: CPU profile of the single-vote path');
      await runHttpBench({ requests: quick ? 2_000 : 10_000, warmup: 500, connections: plan.connections, profileDir: dir });
      const s = summarizeProfile(join(dir, 'http-server.cpuprofile'), 20);
      markdown.push(
        `Profile of the product's single-vote path: \`node --cpu-prof\` of the app child during ${quick ? '2,000' : '10,000'} votes (bench/.cache/profiles/http-server.cpuprofile), ${Math.round(s.totalMs).toLocaleString('en')} ms of busy CPU sampled.`,
        '',
        '| self | incl. | function | where |',
        '|---|---|---|---|',
        ...s.self.map((l) => `| ${l.selfPct}% | ${l.totalPct}% | \`${l.fn}\` | ${l.where} |`),
        '',
        'Inclusive, product code:',
        '',
        '| incl. | self | function | where |',
        '|---|---|---|---|',
        ...s.inclusive.map((l) => `| ${l.totalPct}% | ${l.selfPct}% | \`${l.fn}\` | ${l.where} |`),
        '',
      );
    }
    return output;
  },
};
