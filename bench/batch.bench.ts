/**
 * `batch`: votes recorded over HTTP through `POST .../motions/:motionId/roll-call` (one division per
 * request, its votes and result in one append), divisions of 65 and of 200 votes, 8 connections, the app
 * in a child process on SQLITE_SYNCHRONOUS=FULL. Set against the port's group-commit figure of the same
 * run (`append.eventsPerSec`): `batch.vsPort`, target ≥ 0.3.
 */
import autocannon from 'autocannon';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../src/read-models/projection-runner';
import { allProjections, openReadDatabase } from '../src/read-models/read-database';
import { childMain, log, nowMs, round, runInChild } from './common';
import { projectionLag, projectionsCaughtUp, startAppChild } from './app-child';
import { BenchPhase } from './phase';
import { SAMPLES, medianRun, sampled, showSpread, spreadOf } from './samples';

const COUNCIL = 'bench-divisions';
const CONNECTIONS = 8;

interface SizeResult {
  /** The read side's lag (events) when the last division was answered, and how long it took to catch up. */
  lagAtEnd: number;
  catchUpMs: number;
  votesPerDivision: number;
  divisions: number;
  votes: number;
  seconds: number;
  votesPerSec: number;
  requestsPerSec: number;
  p99Ms: number;
}

/** What the read side applies per second: the live runner (every index, WAL, synchronous=NORMAL, the app's batch size) over a store. */
interface ReadSideRun {
  events: number;
  ms: number;
  eventsPerSec: number;
}

/**
 * Child: the run's own event store projected from its first event into a fresh read database by the live
 * ProjectionRunner (not the rebuild: every index exists from the start, as in the service's worker), so the
 * read side's throughput is set against the write path's on the same events in the same run.
 */
async function readSideInProcess(args: { storePath: string; readPath: string }): Promise<ReadSideRun> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(args.readPath + suffix, { force: true });
  const store = new SqliteEventStore({ path: args.storePath, synchronous: 'FULL' });
  const db = openReadDatabase(args.readPath);
  const runner = new ProjectionRunner(store, db, allProjections());
  const t0 = nowMs();
  const caughtUp = runner.whenCaughtUp();
  runner.start();
  await caughtUp;
  const ms = nowMs() - t0;
  await runner.stop();
  const events = db.prepare('SELECT events_applied FROM checkpoint WHERE id = 1').pluck().get() as number;
  db.close();
  await store.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(args.readPath + suffix, { force: true });
  return { events, ms: round(ms), eventsPerSec: round((events / ms) * 1000) };
}

/** One sample: the divisions over HTTP, then the read side over the run's own events. */
async function runOnce(quick: boolean): Promise<Sample> {
  const plan = quick ? { 65: 60, 200: 30 } : { 65: 600, 200: 300 };
  const app = await startAppChild();
  let stopped = false;
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
      // The projections run in their own thread, behind the writes: how far behind, and for how long.
      const lagAtEnd = await projectionLag(app.base);
      const t0 = nowMs();
      await projectionsCaughtUp(app.base);
      const catchUpMs = round(nowMs() - t0);
      sizes.push({
        lagAtEnd,
        catchUpMs,
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
    // Write path in events: every VoteCast and each division's MotionDecided.
    const writeEventsPerSec = round(sizes.reduce((s, x) => s + x.votes + x.divisions, 0) / totalSeconds);
    await app.stop({ keepData: true });
    stopped = true;
    log('batch: the read side over the same events (live runner, fresh read database)');
    const readSide = await runInChild<ReadSideRun>('batch.bench.js', { storePath: join(app.dataDir, 'events.sqlite'), readPath: join(app.dataDir, 'read-side.sqlite') });
    rmSync(app.dataDir, { recursive: true, force: true });
    const catchUpMs = Math.max(...sizes.map((x) => x.catchUpMs));
    const vsWrite = round(readSide.eventsPerSec / writeEventsPerSec, 2);
    log(`batch: read side ${readSide.eventsPerSec} events/s = ${vsWrite} of the write path's ${writeEventsPerSec}; caught up ${catchUpMs} ms after the last division`);
    return { sizes, votesPerSec, writeEventsPerSec, readSide, catchUpMs, vsWrite };
  } finally {
    if (!stopped) await app.stop();
  }
}

interface Sample {
  sizes: SizeResult[];
  votesPerSec: number;
  writeEventsPerSec: number;
  readSide: ReadSideRun;
  catchUpMs: number;
  vsWrite: number;
}

export const batchPhase: BenchPhase = {
  name: 'batch',
  title: 'Batch: roll calls over HTTP',
  async run({ quick, results }) {
    // SAMPLES runs of the whole phase (app, divisions, read side), one after the other; the median run by vsWrite is shown.
    const runs = await sampled(SAMPLES, (sample) => {
      log(`batch: sample ${sample + 1} of ${SAMPLES}`);
      return runOnce(quick);
    });
    const { sizes, votesPerSec, writeEventsPerSec, readSide, catchUpMs, vsWrite } = medianRun(runs, (r) => r.vsWrite);
    const spreads = {
      votesPerSec: spreadOf(runs, (r) => r.votesPerSec, 0),
      writeEventsPerSec: spreadOf(runs, (r) => r.writeEventsPerSec, 0),
      readSideEventsPerSec: spreadOf(runs, (r) => r.readSide.eventsPerSec, 0),
      vsWrite: spreadOf(runs, (r) => r.vsWrite, 2),
      catchUpMs: spreadOf(runs, (r) => r.catchUpMs, 0),
    };
    const port = results.append?.eventsPerSec as number | undefined;
    const vsPort = port ? round(votesPerSec / port, 3) : null;
    const lines = [
      `\`POST /api/councils/:id/motions/:motionId/roll-call\`: each request one division (every vote and the result, ${'`'}decidedOn${'`'}), one append;`,
      `${CONNECTIONS} connections; the app in a child process with SQLITE_SYNCHRONOUS=FULL and the projections running. Votes counted are the`,
      'individual VoteCast events (the MotionDecided of each division is extra).',
      '',
      '| votes per division | divisions | votes/s | divisions/s | p99 | read side behind at the end | caught up after |',
      '|---|---|---|---|---|---|---|',
      ...sizes.map((s) => `| ${s.votesPerDivision} | ${s.divisions.toLocaleString('en')} | ${s.votesPerSec.toLocaleString('en')} | ${s.requestsPerSec} | ${s.p99Ms} ms | ${s.lagAtEnd.toLocaleString('en')} events | ${s.catchUpMs.toLocaleString('en')} ms |`),
      '',
      port
        ? `All divisions: ${votesPerSec.toLocaleString('en')} votes/s against the port's group commit of ${port.toLocaleString('en')} events/s in this run (append, single-event appends from 32 callers): **batch.vsPort ${vsPort}**.`
        : 'The append part did not run, so there is no port figure to set this against (batch.vsPort is null).',
      '',
      'The projections run in a worker thread (decision 33): the main thread answers a division once it is durable in the event store,',
      'and the read side follows; the last two columns say how far behind it was when the last division was answered and how long',
      "it took to catch up (GET /api/health's lag). Before that change the main thread applied every vote to the read database",
      'itself (about 1.1 kB over twelve B-trees per vote, with the WAL checkpoints' + "'" + ' fsyncs) and this figure was 0.215 on a quiet machine.',
      '',
      `Read side (batch.readSide): the run${"'"}s own ${readSide.events.toLocaleString('en')} events projected again from the first one by the live runner (every index,`,
      `WAL, synchronous=NORMAL, a fresh read database, in a child process) after the writes: ${readSide.eventsPerSec.toLocaleString('en')} events/s against the write path${"'"}s`,
      `${writeEventsPerSec.toLocaleString('en')} events/s (votes and decisions) above: **vsWrite ${vsWrite}** (target ≥ 1.5); caught up **${catchUpMs.toLocaleString('en')} ms** after the last division (target ≤ 500 ms).`,
      '',
      `Over ${runs.length} runs of the whole phase (app, divisions, read side), median (min–max): write path ${showSpread(spreads.writeEventsPerSec)} events/s,`,
      `votes ${showSpread(spreads.votesPerSec)}/s, read side ${showSpread(spreads.readSideEventsPerSec)} events/s, **vsWrite ${showSpread(spreads.vsWrite)}**, caught up after`,
      `${showSpread(spreads.catchUpMs, ' ms')}. The tables show the median run (by vsWrite); each ratio is within its own run.`,
      '',
    ];
    return {
      fields: {
        votesPerSec,
        portEventsPerSec: port ?? null,
        vsPort,
        sizes: sizes.map((s) => ({ votesPerDivision: s.votesPerDivision, votesPerSec: s.votesPerSec, p99Ms: s.p99Ms })),
        readSide: { eventsPerSec: readSide.eventsPerSec, vsWrite, catchUpMs, writeEventsPerSec, events: readSide.events, samples: runs.length, spread: spreads },
      },
      details: sizes,
      targets: [
        { name: 'batch vsPort', target: '≥ 0.3', value: vsPort === null ? 'n/a' : String(vsPort), met: vsPort === null ? undefined : vsPort >= 0.3 },
        { name: 'batch readSide vsWrite', target: '≥ 1.5', value: String(vsWrite), met: vsWrite >= 1.5 },
        { name: 'batch readSide catchUpMs', target: '≤ 500 ms', value: `${catchUpMs} ms`, met: catchUpMs <= 500 },
      ],
      markdown: lines,
    };
},
};

childMain(module, readSideInProcess);

