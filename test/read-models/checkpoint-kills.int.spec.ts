import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { checkConsistent, contents, fill } from './checkpoint-support';
import { project } from './helpers';

/**
 * A runner at full speed (no slow projection: the kill can land in a projection, at the commit, between two
 * batches...) killed with SIGKILL at random moments, many times on the same read database: after every kill
 * the database holds exactly the rows of the events up to its checkpoint, and the final resume is exactly once.
 */
const KILLS = 10;
const EVENTS = 6000;

describe('read-model checkpoint atomicity under SIGKILL', () => {
  let dir: string;
  let store: SqliteEventStore;
  let positions: number[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-kills-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    await fill(store, EVENTS);
    positions = [];
    for await (const e of store.readAll()) positions.push(Number(e.position));
  }, 180_000);
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`a full-speed runner killed with SIGKILL at ${KILLS} random moments never leaves rows beyond its checkpoint, and ends exactly once`, async () => {
    const readPath = join(dir, 'read.sqlite');
    const projections = allProjections([]);
    const seen: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const batch = [1, 2, 3, 7, 25][kill % 5];
      const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, 'fixtures/project-until-killed.ts'), dir, String(batch)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve());
        child.once('exit', (code) => reject(new Error(`the projecting child exited (${code}) before it started`)));
      });
      await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 150)));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;

      const probe = new Database(readPath, { readonly: true, fileMustExist: true });
      try {
        seen.push(checkConsistent(probe, positions).applied);
      } finally {
        probe.close();
      }
    }
    // The kills landed while batches were being written, not all before the first or after the last.
    expect(seen.some((n) => n > 0 && n < EVENTS + 1)).toBe(true);

    const db = openReadDatabase(readPath, projections);
    await project(store, { db, projections, batchSize: 50 });
    const clean = await project(store, { projections, batchSize: 1000 });
    expect(contents(db)).toEqual(contents(clean.db));
    db.close();
    clean.db.close();
  }, 300_000);
});
