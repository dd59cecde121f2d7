import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { AppConfig } from '../../src/config/app-config';
import { BoundedReads } from '../../src/read-models/bounded/bounded-reads';
import { openReadDatabase, readDatabasePath } from '../../src/read-models/read-database';

/**
 * An app closed while its bounded-read worker is still loading must not take the process down. On Node 20,
 * terminating a thread while it instantiates an ES module it require()s (@nestjs/common is one) aborts the
 * whole process ("v8::Module::IsGraphAsync must be used on an instantiated module"): every test app that
 * closed right after starting risked killing the jest run. The host now stops a worker only once it has
 * said it is loaded. If this regresses, this file does not fail politely: the test process aborts.
 */
describe('BoundedReads: stopping while workers load', () => {
  let dir: string;
  let db: Database.Database;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bounded-stop-'));
    db = openReadDatabase(readDatabasePath(dir));
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = (): AppConfig =>
    ({ dataDir: dir, boundedReads: { waitMs: 5_000, timeoutMs: 10_000, memoryMb: 256, workers: 1 } }) as unknown as AppConfig;

  it('stops no worker before it has loaded, whenever the host closes (40 hosts, 3 workers each)', async () => {
    const lives: Promise<{ readyBeforeExit: boolean }>[] = [];
    for (let i = 0; i < 40; i++) {
      const reads = new BoundedReads({ ...config(), boundedReads: { ...config().boundedReads, workers: 3 } }, db);
      reads.onApplicationBootstrap();
      for (const { worker } of (reads as unknown as { slots: { worker: Worker }[] }).slots) {
        lives.push(
          new Promise((resolve) => {
            let ready = false;
            worker.on('message', (m: { ready?: boolean }) => (ready ||= m.ready === true));
            worker.once('exit', () => resolve({ readyBeforeExit: ready }));
          }),
        );
      }
      // From at once to well past a worker's loading time on a busy machine.
      await new Promise((resolve) => setTimeout(resolve, (i * 11) % 240));
      reads.onModuleDestroy();
    }
    const ended = await Promise.all(lives);
    expect(ended).toHaveLength(120);
    expect(ended.filter((l) => !l.readyBeforeExit)).toHaveLength(0);
    // Still here: a new host answers a job (its worker loads, takes the job, answers).
    const reads = new BoundedReads(config(), db);
    reads.onApplicationBootstrap();
    const body = await reads.run({ kind: 'csv', table: 'members' }, 'no-such-council', 0, Date.now());
    reads.onModuleDestroy();
    expect(body.split('\n')[0]).toMatch(/^member_id,name,/);
  }, 120_000);

  it("resolves its close only once every worker has exited, loaded or still loading (nothing opens the read database after the app's close)", async () => {
    for (const waitMs of [0, 400]) {
      const reads = new BoundedReads({ ...config(), boundedReads: { ...config().boundedReads, workers: 2 } }, db);
      reads.onApplicationBootstrap();
      const exited: boolean[] = [];
      for (const { worker } of (reads as unknown as { slots: { worker: Worker }[] }).slots) {
        const at = exited.push(false) - 1;
        worker.once('exit', () => (exited[at] = true));
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      await reads.onModuleDestroy();
      expect([waitMs, exited]).toEqual([waitMs, [true, true]]);
    }
  }, 60_000);
});
