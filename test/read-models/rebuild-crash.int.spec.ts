import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { councilStream } from '../../src/council/domain/events';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { allProjections, openReadDatabase } from '../../src/read-models/read-database';
import { rebuildReadDatabase } from '../../src/read-models/rebuild';
import { NODE_PATH, transpileWorker } from '../helpers/transpile-worker';
import { fact, project } from './helpers';
import { readModelContents as contents } from './projections/read-model-contents';

const C = 'rc';

async function append(store: SqliteEventStore, from: number, to: number): Promise<void> {
  const event = (type: string, data: unknown) => ({ id: randomUUID(), type, data, metadata: { schemaVersion: 2 } });
  if (from === 0) await store.appendToStream(councilStream(C), [event('CouncilFounded', fact.founded(C))]);
  for (let i = from; i < to; i++) {
    const batch = [
      event('MemberElected', fact.elected(`m-${i}`, '2012-10-27')),
      event('MeetingHeld', fact.meeting(`meeting-${i}`, '2013-01-05', { present: [{ memberId: `m-${i}`, name: `m ${i}` }] })),
    ];
    if (i % 3 === 0) batch.push(event('MemberLeft', fact.left(`m-${i}`, '2013-05')));
    await store.appendToStream(councilStream(C), batch);
  }
}

/**
 * `npm run rebuild` killed (SIGKILL) at any moment leaves the read database whole: the old one, with its own
 * checkpoint, or the new one, complete; never a half-built file in its place. A rebuild run afterwards
 * starts again and finishes (the killed one's leftover file is removed).
 */
describe('a rebuild killed at any moment', () => {
  let dir: string;
  let store: SqliteEventStore;
  let entry: string;
  let before: Record<string, unknown[]>;
  let after: Record<string, unknown[]>;
  let oldCheckpoint: number;
  let head: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rebuild-crash-'));
    entry = transpileWorker(join(__dirname, 'fixtures', 'rebuild-until-killed.ts'), join(dir, 'child'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    await append(store, 0, 600);
    // The old read database: projected live up to here, and left as a killed service leaves it, its last
    // batches still in its WAL (copied while the connection is open, never checkpointed); then the store grows.
    const old = openReadDatabase(join(dir, 'old.sqlite'), allProjections([]));
    old.pragma('wal_autocheckpoint = 0');
    await project(store, { db: old });
    oldCheckpoint = old.prepare('SELECT position FROM checkpoint').pluck().get() as number;
    before = contents(old);
    for (const suffix of ['', '-wal']) copyFileSync(join(dir, `old.sqlite${suffix}`), join(dir, `template.sqlite${suffix}`));
    expect(statSync(join(dir, 'template.sqlite-wal')).size).toBeGreaterThan(0);
    old.close();
    await append(store, 600, 1500);
    head = Number(await store.headPosition());
    after = contents((await project(store)).db);
  }, 120_000);

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runChild = (readPath: string, killAfterMs?: number) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
      const started = Date.now();
      const child = fork(entry, [join(dir, 'events.sqlite'), readPath], { stdio: 'pipe', env: { ...process.env, NODE_PATH } });
      const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, ms: Date.now() - started });
      });
    });

  it('leaves the old read database or the complete new one, and the next rebuild finishes', async () => {
    // A full run first: how long a rebuild takes here, so the kills fall all along it.
    const full = join(dir, 'full.sqlite');
    const run = await runChild(full);
    expect(run.code).toBe(0);
    const rebuilt = openReadDatabase(full, allProjections([]));
    expect(contents(rebuilt)).toEqual(after);
    rebuilt.close();

    const seen = { old: 0, rebuilt: 0 };
    const kills = 8;
    for (let k = 0; k < kills; k++) {
      const path = join(dir, `read-${k}.sqlite`);
      for (const suffix of ['', '-wal']) copyFileSync(join(dir, `template.sqlite${suffix}`), path + suffix);
      const killed = await runChild(path, Math.round(((k + 0.5) / kills) * run.ms * 1.1));
      const db = openReadDatabase(path, allProjections([]));
      const checkpoint = db.prepare('SELECT position FROM checkpoint').pluck().get() as number;
      if (checkpoint === oldCheckpoint) {
        expect(contents(db)).toEqual(before);
        seen.old += 1;
      } else {
        expect(checkpoint).toBe(head);
        expect(contents(db)).toEqual(after);
        seen.rebuilt += 1;
      }
      db.close();
      if (killed.signal === 'SIGKILL' && k % 3 === 0) {
        // Started again, the rebuild finishes, whatever the killed one left.
        const result = await rebuildReadDatabase(store, path, { projections: allProjections([]) });
        expect(result.events).toBe(head);
        expect(existsSync(`${path}.rebuild`)).toBe(false);
        const again = openReadDatabase(path, allProjections([]));
        expect(contents(again)).toEqual(after);
        again.close();
      }
    }
    // The kills fell both before the swap and after it.
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.old + seen.rebuilt).toBe(kills);
  }, 300_000);
});
