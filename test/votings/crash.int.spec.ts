import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../../src/config/app-config';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ResultRecorder } from '../../src/votings/application/result-recorder';
import { VotingService } from '../../src/votings/application/voting-service';
import { recount } from '../../src/votings/domain';
import type { WorkerMessage } from './cast-worker';
import { NODE_PATH, transpileWorker } from '../helpers/transpile-worker';
import { CRASH_CANDIDATES, marksFor } from './crash-marks';

/**
 * Durability and exactly-once under SIGKILL: a child process casts ballots from 8 concurrent callers on
 * the real store and pool; we kill it at a random moment (while ballots are being committed to the pool,
 * sealed into batches and appended), start it again on the same files, KILLS times. Then: every
 * acknowledged ballot is in the bulletin exactly once, every voter whose ballot was acknowledged was
 * refused when the restarted service tried to let them vote again, and the count matches a recount.
 */
const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const VOTERS = 2500;
const VOTING = 'crash-voting';
const WORKER = join(__dirname, 'cast-worker.ts');

const config = (dataDir: string) => ({ dataDir, sqliteSynchronous: 'FULL', votingBatchTarget: 5 }) as AppConfig;
const recorder = { record: async () => ({ councilId: 'crash', members: [] }) } as ResultRecorder;

describe('votings survive SIGKILL while ballots are cast', () => {
  let dir: string;
  let worker: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'council-record-voting-crash-'));
    worker = transpileWorker(WORKER, join(dir, 'worker'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`counts every acknowledged ballot exactly once and refuses its voter again, across ${KILLS} kills`, async () => {
    const s0 = Date.now();
    const voters = await setUp(dir);
    if (process.env.CRASH_DEBUG) console.error('setup', Date.now() - s0);
    const votersFile = join(dir, 'voters.json');
    writeFileSync(votersFile, JSON.stringify(voters));

    const acked = new Map<string, string>(); // voterId → receipt
    const ackedBefore = new Set<string>();
    const problems: string[] = [];
    for (let run = 1; run <= KILLS; run++) {
      const t0 = Date.now();
      const messages = await runAndKill(worker, dir, votersFile, run);
      const refusedAgain = new Set<string>();
      if (process.env.CRASH_DEBUG) console.error('run', run, Date.now() - t0, 'ms', messages.length);
      for (const m of messages) {
        if (m.kind === 'ack') {
          if (acked.has(m.voterId)) problems.push(`run ${run}: voter ${m.voterId} got a second ballot acknowledged`);
          acked.set(m.voterId, m.receipt);
        } else if (m.kind === 'refused') {
          if (m.rule !== 'already-voted') problems.push(`run ${run}: ${m.voterId} refused by ${m.rule}`);
          if (ackedBefore.has(m.voterId)) refusedAgain.add(m.voterId);
        }
      }
      // The restarted service was asked again for every voter acknowledged before the kill, and refused each.
      const notRefused = [...ackedBefore].filter((v) => !refusedAgain.has(v));
      if (notRefused.length) problems.push(`run ${run}: ${notRefused.length} voters acknowledged earlier were not refused`);
      for (const voterId of acked.keys()) ackedBefore.add(voterId);
    }
    expect(problems).toEqual([]);
    expect(acked.size).toBeGreaterThan(KILLS * 10);

    // A last restart closes the voting: the pool is emptied into the record with the close.
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const service = new VotingService(store, config(dir), recorder);
    try {
      await service.onModuleInit();
      for (const voterId of acked.keys()) {
        await expect(service.cast(VOTING, voterId, { list: [] })).rejects.toMatchObject({ rule: 'already-voted' });
      }
      const closed = await service.close(VOTING, 'request');
      const { ballots } = await service.bulletin(VOTING);
      const receipts = new Map<string, number>();
      for (const b of ballots) receipts.set(b.receipt, (receipts.get(b.receipt) ?? 0) + 1);
      const missing = [...acked.values()].filter((r) => receipts.get(r) !== 1);
      expect(missing).toEqual([]);
      expect([...receipts.values()].every((n) => n === 1)).toBe(true);
      // Participation and ballots agree: as many ballots as voters recorded as having voted.
      const participated = new Set<string>();
      for await (const e of store.readStream(`voting-${VOTING}`)) {
        if (e.type === 'VotersParticipated') for (const v of (e.data as { voterIds: string[] }).voterIds) participated.add(v);
      }
      expect(ballots.length).toBe(participated.size);
      for (const voterId of acked.keys()) expect(participated.has(voterId)).toBe(true);
      // Every acknowledged ballot says what its voter marked.
      const byReceipt = new Map(ballots.map((b) => [b.receipt, b.marks]));
      for (const [voterId, receipt] of acked) expect(byReceipt.get(receipt)).toEqual(marksFor(voterId));
      expect(closed.results!.ballotsCast).toBe(ballots.length);
      expect(recount(closed, ballots)).toEqual(closed.results!.ballots);
    } finally {
      await service.onModuleDestroy();
      await store.close();
    }
  }, 240_000);
});

async function setUp(dir: string): Promise<string[]> {
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  const service = new VotingService(store, config(dir), recorder);
  await service.onModuleInit();
  await service.schedule(
    'crash',
    {
      votingId: VOTING,
      title: 'Crash test',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      verification: 'none',
      minBatch: 5,
      ballots: [{ key: 'list', title: 'List', seats: 3, maxMarks: 3, candidates: CRASH_CANDIDATES.map((c) => ({ candidateId: c, name: c })) }],
    },
    [],
  );
  const voters = await Promise.all(Array.from({ length: VOTERS }, (_, i) => service.register(VOTING, `Voter ${i}`, undefined)));
  await service.onModuleDestroy();
  await store.close();
  return voters.map((v) => v.voterId);
}

async function runAndKill(worker: string, dir: string, votersFile: string, run: number): Promise<WorkerMessage[]> {
  const child = fork(worker, [dir, votersFile, String(run)], {
    env: { ...process.env, NODE_PATH },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: WorkerMessage[] = [];
  let failure: string | undefined;
  let firstAck!: () => void;
  const acking = new Promise<void>((resolve) => (firstAck = resolve));
  child.on('message', (m: WorkerMessage) => {
    if (m.kind === 'error') failure = m.message;
    else messages.push(m);
    if (m.kind === 'ack') firstAck();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  await Promise.race([acking, exited]);
  if (failure) throw new Error(`worker failed: ${failure}`);
  await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 200)));
  child.kill('SIGKILL');
  const how = await exited;
  if (failure) throw new Error(`worker failed: ${failure}`);
  if (how !== 'SIGKILL') throw new Error(`worker ended with ${String(how)} before it was killed`);
  return messages;
}
