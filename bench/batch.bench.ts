/**
 * `batch`: votes recorded over HTTP through `POST .../motions/:motionId/roll-call` (one division per
 * request, its votes and result in one append), divisions of 65 and of 200 votes, 8 connections, the app
 * in a child process on SQLITE_SYNCHRONOUS=FULL. Set against the port's group-commit figure of the same
 * run (`append.eventsPerSec`): `batch.vsPort`, target ≥ 0.3.
 */
import autocannon from 'autocannon';
import { log, round } from './common';
import { startAppChild } from './app-child';
import { BenchPhase } from './phase';

const COUNCIL = 'bench-divisions';
const CONNECTIONS = 8;

interface SizeResult {
  votesPerDivision: number;
  divisions: number;
  votes: number;
  seconds: number;
  votesPerSec: number;
  requestsPerSec: number;
  p99Ms: number;
}

export const batchPhase: BenchPhase = {
  name: 'batch',
  title: 'Batch: roll calls over HTTP',
  async run({ quick, results }) {
    const plan = quick ? { 65: 60, 200: 30 } : { 65: 600, 200: 300 };
    const app = await startAppChild();
    try {
      await app.post('/api/councils', { councilId: COUNCIL, name: 'Bench Divisions', foundedOn: '2012-10-22', seats: 200 });
      await app.post(`/api/councils/${COUNCIL}/batch`, {
        requests: Array.from({ length: 200 }, (_, i) => ({ path: '/members', body: { memberId: `member-${i}`, name: `Member Number ${i}`, electedOn: '2012-10-22' } })),
      });
      const sizes: SizeResult[] = [];
      let motion = 0;
      for (const [size, divisions] of Object.entries(plan).map(([s, d]) => [Number(s), d] as const)) {
        const first = motion;
        for (let i = 0; i < divisions + 8; i += 500) {
          const count = Math.min(500, divisions + 8 - i);
          await app.post(`/api/councils/${COUNCIL}/batch`, {
            requests: Array.from({ length: count }, (_, j) => ({ path: '/motions', body: { motionId: `division-${first + i + j}`, title: `Division ${first + i + j}`, openedOn: '2013-01-15', online: true } })),
          });
        }
        motion += divisions + 8;
        const votes = Array.from({ length: size }, (_, i) => ({ memberId: `member-${i}`, choice: i % 3 === 0 ? 'no' : 'yes' }));
        let next = first;
        const run = (amount: number) =>
          autocannon({
            url: app.base,
            connections: CONNECTIONS,
            amount,
            timeout: 60,
            headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
            requests: [
              {
                method: 'POST',
                setupRequest: (req) => ({
                  ...req,
                  method: 'POST',
                  path: `/api/councils/${COUNCIL}/motions/division-${next++}/roll-call`,
                  body: JSON.stringify({ votes, decidedOn: '2013-01-15' }),
                }),
              },
            ],
          });
        await run(8); // warm-up: one division per connection
        log(`batch: ${divisions} divisions of ${size} votes over ${CONNECTIONS} connections`);
        const r = await run(divisions);
        if (r.non2xx > 0 || r.errors > 0) throw new Error(`batch: ${r.non2xx} non-2xx and ${r.errors} errors out of ${r.requests.total}`);
        const seconds = r.duration;
        sizes.push({
          votesPerDivision: size,
          divisions: r.requests.total,
          votes: r.requests.total * size,
          seconds: round(seconds, 2),
          votesPerSec: round((r.requests.total * size) / seconds),
          requestsPerSec: round(r.requests.total / seconds, 1),
          p99Ms: r.latency.p99,
        });
        log(`batch: ${sizes[sizes.length - 1].votesPerSec} votes/s (${size} per division)`);
      }
      const totalVotes = sizes.reduce((s, x) => s + x.votes, 0);
      const totalSeconds = sizes.reduce((s, x) => s + x.seconds, 0);
      const votesPerSec = round(totalVotes / totalSeconds);
      const port = results.append?.eventsPerSec as number | undefined;
      const vsPort = port ? round(votesPerSec / port, 3) : null;
      const lines = [
        `\`POST /api/councils/:id/motions/:motionId/roll-call\`: each request one division (every vote and the result, ${'`'}decidedOn${'`'}), one append;`,
        `${CONNECTIONS} connections; the app in a child process with SQLITE_SYNCHRONOUS=FULL and the projections running. Votes counted are the`,
        'individual VoteCast events (the MotionDecided of each division is extra).',
        '',
        '| votes per division | divisions | votes/s | divisions/s | p99 |',
        '|---|---|---|---|---|',
        ...sizes.map((s) => `| ${s.votesPerDivision} | ${s.divisions.toLocaleString('en')} | ${s.votesPerSec.toLocaleString('en')} | ${s.requestsPerSec} | ${s.p99Ms} ms |`),
        '',
        port
          ? `All divisions: ${votesPerSec.toLocaleString('en')} votes/s against the port's group commit of ${port.toLocaleString('en')} events/s in this run (append, single-event appends from 32 callers): **batch.vsPort ${vsPort}**.`
          : 'The append part did not run, so there is no port figure to set this against (batch.vsPort is null).',
        '',
        "What bounds it (a `node --cpu-prof` of the app child during this phase, `BENCH_APP_CPU_PROF=<dir>`): the projection runner",
        "applying the same votes to the read database in the same process (about 18% of busy CPU, `projection-runner.ts` and",
        "`core.projection.ts`), garbage collection (about 10%), the durable commits (`sqliteTransaction`, about 11% self), while",
        "the writer's own work for a division (`attempt`: decide and evolve 200 votes, about 7%) and validating 200 votes against the",
        "DTO (about 3%) are small. A division is one append of 201 events, so the store itself is far from its limit; the port",
        "figure is single-event appends, which the batch beats per request but not per event while the read side shares the CPU.",
        "",
      ];
      return {
        fields: { votesPerSec, portEventsPerSec: port ?? null, vsPort, sizes: sizes.map((s) => ({ votesPerDivision: s.votesPerDivision, votesPerSec: s.votesPerSec, p99Ms: s.p99Ms })) },
        details: sizes,
        targets: [{ name: 'batch vsPort', target: '≥ 0.3', value: vsPort === null ? 'n/a' : String(vsPort), met: vsPort === null ? undefined : vsPort >= 0.3 }],
        markdown: lines,
      };
    } finally {
      await app.stop();
    }
  },
};
