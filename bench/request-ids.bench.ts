/**
 * `npx ts-node --transpile-only bench/request-ids.bench.ts [rounds]`: what a keyless write's claim (decision 36:
 * its request id, hash, first reply and event count on its last event, ids derived from it) costs on the write
 * path, set against the same writes without a claim (random ids, nothing recorded for a resend) in the same
 * process, on the same SQLite file (synchronous = FULL), alternating blocks of each so that a shared machine's
 * load falls on both alike. Each request is one roll call as the route decides it: 65 CastVote and a
 * DecideMotion, appended together; 8 in flight at once (the group commit amortises the fsync, as over HTTP).
 * Prints the median block rate of each and their ratio, and the metadata bytes per event of each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { CouncilWriter } from '../src/council/application/council-writer';
import { RequestContext } from '../src/council/application/request-context';
import { FactPlan, singleStep } from '../src/council/application/fact-plan';
import { CouncilCommand } from '../src/council/domain/commands';

const VOTES = 65;
const IN_FLIGHT = 8;
const BLOCK = 48; // roll calls per block
const COUNCIL = 'cost';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 8);
  const dir = mkdtempSync(join(tmpdir(), 'request-ids-bench-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'FULL' });
  const writer = new CouncilWriter(store, loadConfig({ DATA_DIR: dir }));
  const base = { requestHash: 'h', correlationId: 'bench', causationId: 'bench' };
  const run = (command: CouncilCommand) => writer.execute(COUNCIL, command, { ...base, requestId: `setup-${Math.random()}` });
  await run({ kind: 'FoundCouncil', councilId: COUNCIL, name: 'Cost', foundedOn: '2012-10-22', seats: VOTES } as CouncilCommand);
  for (let i = 0; i < VOTES; i++) await run({ kind: 'ElectMember', memberId: `m${i}`, name: `Member ${i}`, electedOn: '2012-10-22' } as CouncilCommand);
  const total = rounds * 2 * BLOCK;
  for (let i = 0; i < total; i++) await run({ kind: 'TableMotion', motionId: `d${i}`, title: `Division ${i}`, openedOn: '2013-01-15', online: true } as CouncilCommand);

  let motion = 0;
  const rollCall = (motionId: string): FactPlan => ({
    steps: [
      ...Array.from({ length: VOTES }, (_, i) => ({ command: { kind: 'CastVote', motionId, member: `m${i}`, choice: i % 3 === 0 ? 'no' : 'yes' } as CouncilCommand })),
      ...singleStep({ kind: 'DecideMotion', motionId, decidedOn: '2013-01-15' } as CouncilCommand).steps,
    ],
    reply: (replies) => ({ motionId, votes: replies.slice(0, VOTES), result: replies[VOTES] }),
  });
  const rates: Record<'claim' | 'none', number[]> = { claim: [], none: [] };
  const claimed = new Set<string>();
  for (let round = 0; round < rounds; round++) {
    for (const mode of round % 2 === 0 ? (['claim', 'none'] as const) : (['none', 'claim'] as const)) {
      const ids = Array.from({ length: BLOCK }, () => `d${motion++}`);
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < ids.length) {
            const motionId = ids[next++];
            const context: RequestContext = { ...base, requestHash: `h-${motionId}`, requestId: mode === 'claim' ? `r-${motionId}` : undefined };
            await writer.executePlan(COUNCIL, rollCall(motionId), context);
            if (mode === 'claim') claimed.add(motionId);
          }
        }),
      );
      rates[mode].push((BLOCK * (VOTES + 1)) / ((performance.now() - started) / 1000));
    }
  }
  // Metadata bytes per event of each mode, read back from the store.
  const bytes: Record<'claim' | 'none', { events: number; metadata: number }> = { claim: { events: 0, metadata: 0 }, none: { events: 0, metadata: 0 } };
  for await (const event of store.readStream(`council-${COUNCIL}`)) {
    if (event.type !== 'VoteCast' && event.type !== 'MotionDecided') continue;
    const motionId = (event.data as { motionId: string }).motionId;
    const index = Number(motionId.slice(1));
    if (index >= total) continue;
    const mode = claimed.has(motionId) ? 'claim' : 'none';
    bytes[mode].events += 1;
    bytes[mode].metadata += Buffer.byteLength(JSON.stringify(event.metadata ?? {}));
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const claim = median(rates.claim);
  const none = median(rates.none);
  console.log(JSON.stringify({
    rounds,
    eventsPerSec: { claim: Math.round(claim), none: Math.round(none) },
    ratio: Number((claim / none).toFixed(3)),
    blocks: { claim: rates.claim.map(Math.round), none: rates.none.map(Math.round) },
    metadataBytesPerEvent: {
      claim: Number((bytes.claim.metadata / bytes.claim.events).toFixed(1)),
      none: Number((bytes.none.metadata / bytes.none.events).toFixed(1)),
    },
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
