/**
 * Votings: ballots cast over HTTP by generated voters (8 connections, SQLITE_SYNCHRONOUS=FULL, the whole
 * app in a child process), set against the store port's group-commit figure measured in the same run;
 * p99 per ballot; and the time to close and count (last batch, tally, the council's election and members)
 * against the time to read those ballots back from the store.
 *
 * The voting has the reference election's shape (four lists: 30 of 90, and 5 of 12 on three curia lists).
 * Voters register over HTTP first (untimed, 64 connections), then each casts one random valid ballot.
 */
import autocannon from 'autocannon';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { Rng, log, nowMs, round } from './common';
import { startAppChild } from './app-child';

export interface VotingsResult {
  voters: number;
  connections: number;
  ballotsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** The store port's group-commit figure (events/s) from the same run. */
  portEventsPerSec: number;
  vsPort: number;
  /** POST /close: the last batch, the count and the council's election with its members. */
  closeAndCountMs: number;
  /** Reading the voting's ballots back from the store through the port (and parsing them). */
  readBackMs: number;
  closeVsReadBack: number;
  /**
   * The same ballots (same bodies, connections and count) posted to a bare NestJS app whose ballot route
   * parses the body as the product does and does nothing else (bench/http-floor-server.ts): what the HTTP
   * framework alone allows on this machine in this run.
   */
  floorBallotsPerSec: number;
  vsHttpFloor: number;
  /** Batches the ballots were appended in. */
  batches: number;
  registrationsPerSec: number;
}

const LISTS = [
  { key: 'general', curia: 'general', seats: 30, maxMarks: 30, candidates: 90 },
  { key: 'left', curia: 'left', seats: 5, maxMarks: 5, candidates: 12 },
  { key: 'liberal', curia: 'liberal', seats: 5, maxMarks: 5, candidates: 12 },
  { key: 'nationalist', curia: 'nationalist', seats: 5, maxMarks: 5, candidates: 12 },
];
const COUNCIL = 'bench-votings';
const VOTING = 'bench-voting';

function ballotBody(rng: Rng): string {
  const marks: Record<string, string[]> = {};
  for (const l of LISTS) {
    const k = l.key === 'general' ? rng.int(1, l.maxMarks) : rng.int(0, l.maxMarks);
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(Math.min(l.candidates - 1, Math.floor(l.candidates * rng.next() ** 2)));
    marks[l.key] = [...chosen].map((i) => `${l.key}-${i + 1}`);
  }
  return JSON.stringify({ marks });
}

export async function runVotingsBench(options: { voters: number; connections: number; portEventsPerSec: number }): Promise<VotingsResult> {
  const app = await startAppChild();
  const { base, dataDir } = app;
  try {
    await app.post('/api/councils', {
      councilId: COUNCIL,
      name: 'Bench Votings Council',
      foundedOn: '2012-10-22',
      seats: 45,
      curiae: LISTS.map((l) => ({ key: l.curia, name: l.curia, seats: l.seats })),
    });
    await app.post(`/api/councils/${COUNCIL}/votings`, {
      votingId: VOTING,
      title: 'Bench elections',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      verification: 'none',
      minBatch: 20,
      ballots: LISTS.map((l) => ({
        key: l.key,
        title: l.key,
        curia: l.curia,
        seats: l.seats,
        maxMarks: l.maxMarks,
        candidates: Array.from({ length: l.candidates }, (_, i) => ({ candidateId: `${l.key}-${i + 1}`, name: `${l.key} candidate ${i + 1}` })),
      })),
    });

    log(`votings: registering ${options.voters} voters over HTTP (64 connections, untimed)`);
    const tokens: string[] = [];
    let registered = 0;
    const reg = await autocannon({
      url: base,
      connections: 64,
      amount: options.voters,
      timeout: 60,
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => ({ ...req, method: 'POST', path: `/api/votings/${VOTING}/voters`, body: JSON.stringify({ name: `Voter ${registered++}` }) }),
          onResponse: (status, body) => {
            if (status === 201) tokens.push((JSON.parse(body) as { voterToken: string }).voterToken);
          },
        },
      ],
    });
    if (tokens.length !== options.voters) throw new Error(`votings: ${tokens.length} of ${options.voters} registrations succeeded`);

    log(`votings: ${options.voters} ballots over ${options.connections} connections`);
    const rng = new Rng(2012);
    let next = 0;
    const result = await autocannon({
      url: base,
      connections: options.connections,
      amount: options.voters,
      timeout: 60,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => ({
            ...req,
            method: 'POST',
            path: `/api/votings/${VOTING}/ballots`,
            headers: { authorization: `Bearer ${tokens[next++]}`, 'content-type': 'application/json' },
            body: ballotBody(rng),
          }),
        },
      ],
    });
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`votings: ${result.non2xx} non-2xx responses and ${result.errors} errors out of ${result.requests.total}: the ballots were not all valid`);
    }
    const ballotsPerSec = round(result.requests.total / result.duration);
    log(`votings: ${ballotsPerSec} ballots/s, p99 ${result.latency.p99} ms`);
    const floorBallotsPerSec = await ballotFloor(options.voters, options.connections);
    log(`votings: HTTP floor (no-op ballot route, same bodies and connections) ${floorBallotsPerSec} req/s`);

    const t0 = nowMs();
    const closed = await app.post(`/api/votings/${VOTING}/close`, {});
    const closeAndCountMs = round(nowMs() - t0, 1);
    if (closed.results.ballotsCast !== options.voters) throw new Error(`votings: counted ${closed.results.ballotsCast} of ${options.voters} ballots`);
    if (!closed.council) throw new Error(`votings: the result was not recorded in the council: ${JSON.stringify(closed.councilRecording)}`);
    await app.stop({ keepData: true });

    // The floor: the same ballots read back from the store through the port, and parsed.
    const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    let ballots = 0;
    let batches = 0;
    const r0 = nowMs();
    for await (const e of store.readStream(`voting-${VOTING}`)) {
      if (e.type !== 'BallotsCast') continue;
      batches += 1;
      ballots += (e.data as { ballots: unknown[] }).ballots.length;
    }
    const readBackMs = round(nowMs() - r0, 1);
    await store.close();
    if (ballots !== options.voters) throw new Error(`votings: read back ${ballots} of ${options.voters} ballots`);
    log(`votings: close and count ${closeAndCountMs} ms; reading the ballots back ${readBackMs} ms`);
    return {
      voters: options.voters,
      connections: options.connections,
      ballotsPerSec,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      portEventsPerSec: options.portEventsPerSec,
      vsPort: round(ballotsPerSec / options.portEventsPerSec, 3),
      closeAndCountMs,
      readBackMs,
      closeVsReadBack: round(closeAndCountMs / readBackMs, 3),
      floorBallotsPerSec,
      vsHttpFloor: round(ballotsPerSec / floorBallotsPerSec, 3),
      batches,
      registrationsPerSec: round(reg.requests.total / reg.duration),
    };
  } finally {
    await app.stop({ keepData: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The ballots' HTTP floor: the same bodies (same seed), connections and count against the bare app. */
async function ballotFloor(requests: number, connections: number): Promise<number> {
  const floor = await startAppChild({ script: 'http-floor-server.js' });
  try {
    const rng = new Rng(2012);
    const run = (amount: number) =>
      autocannon({
        url: floor.base,
        connections,
        amount,
        timeout: 60,
        headers: { authorization: `Bearer ${floor.token}`, 'content-type': 'application/json' },
        requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, method: 'POST', path: `/api/votings/${VOTING}/ballots`, body: ballotBody(rng) }) }],
      });
    await run(Math.min(2_000, requests));
    const r = await run(requests);
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`votings floor: ${r.non2xx} non-2xx and ${r.errors} errors`);
    return round(r.requests.total / r.duration);
  } finally {
    await floor.stop();
  }
}

/** The targets of the votings phase (issue 16): ≥ 0.2 of the port's figure; close and count ≤ 0.5 × reading back. */
export function votingsTargets(v: Pick<VotingsResult, 'vsPort' | 'closeVsReadBack'> | null | undefined): Array<{ name: string; target: string; value: string; met: boolean | undefined }> {
  return [
    { name: 'votings ballots/s vs port group commit', target: '≥ 0.2', value: v ? String(v.vsPort) : 'n/a', met: v ? v.vsPort >= 0.2 : undefined },
    { name: 'votings close and count / read back', target: '≤ 0.5', value: v ? String(v.closeVsReadBack) : 'n/a', met: v ? v.closeVsReadBack <= 0.5 : undefined },
  ];
}

export function votingsMarkdown(v: VotingsResult | null | undefined): string[] {
  const n = (x: number) => x.toLocaleString('en');
  const lines = ['## Votings (ballots over HTTP, autocannon)', ''];
  if (!v) return [...lines, 'Not run.', ''];
  return [
    ...lines,
    `\`POST /api/votings/:id/ballots\` by ${n(v.voters)} generated voters (one valid ballot each on the reference election's four lists, 30/5/5/5 marks),`,
    `${v.connections} connections, the whole app in a child process with SQLITE_SYNCHRONOUS=FULL (ballot pool and event store). Each ballot is acknowledged`,
    'once it and its voter\'s participation are durable in the pool (group commit); the pool is emptied into the store in shuffled batches of at least 20.',
    '',
    '| ballots/s | p50 | p99 | store port group commit (events/s, same run) | ratio | batches |',
    '|---|---|---|---|---|---|',
    `| ${n(v.ballotsPerSec)} | ${v.p50Ms} ms | ${v.p99Ms} ms | ${n(v.portEventsPerSec)} | ${v.vsPort} | ${n(v.batches)} |`,
    '',
    `The HTTP floor for the same ballots (same bodies, ${v.connections} connections, same count) against a bare NestJS app whose ballot route only parses`,
    `the body as the product does (bench/http-floor-server.ts): ${n(v.floorBallotsPerSec)} req/s, so ballots reach **${v.vsHttpFloor}** of what the framework alone`,
    `allows, and the floor itself is ${round(v.floorBallotsPerSec / v.portEventsPerSec, 3)} of the port figure: that is what a ballot route which records nothing reaches over HTTP`,
    'on this machine, the ceiling of the ballots/s-vs-port ratio; a route that makes each ballot durable before it answers stays below it.',
    '',
    `Close and count (\`POST /close\`: the last batch, the tally, the council's election and ${45} members in one request): ${v.closeAndCountMs} ms;`,
    `reading the ${n(v.voters)} ballots back from the store through the port: ${v.readBackMs} ms; ratio ${v.closeVsReadBack}. The tally is folded as`,
    'batches are appended, so closing does not read the ballots again. (Registration, untimed setup: ' + `${n(v.registrationsPerSec)} voters/s over 64 connections.)`,
    '',
  ];
}
