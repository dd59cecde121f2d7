/**
 * Child process of crash.int.spec.ts: the voting service on the real SQLite event store and ballot pool
 * (synchronous=FULL), casting ballots from 8 concurrent callers until it is killed with SIGKILL. Every
 * acknowledged ballot and every refused second ballot is reported to the parent over IPC.
 * argv: <data dir> <voters json file> <run number>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../../src/config/app-config';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ResultRecorder } from '../../src/votings/application/result-recorder';
import { VotingService } from '../../src/votings/application/voting-service';
import { VotingRuleError } from '../../src/votings/domain';
import { marksFor } from './crash-marks';

export const CRASH_VOTING = 'crash-voting';
export type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'ack'; voterId: string; receipt: string }
  | { kind: 'refused'; voterId: string; rule: string }
  | { kind: 'error'; message: string };

const [dataDir, votersFile, run] = process.argv.slice(2);
const send = (m: WorkerMessage) => process.send?.(m);

async function main(): Promise<void> {
  const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite'), synchronous: 'FULL' });
  const config = { dataDir, sqliteSynchronous: 'FULL', votingBatchTarget: 5 } as AppConfig;
  const service = new VotingService(store, config, {} as ResultRecorder);
  await service.onModuleInit();
  const voters = JSON.parse(readFileSync(votersFile, 'utf8')) as string[];
  // Each run walks the voters from the first: those who voted before the restart come first, and each
  // must be refused before any new ballot is acknowledged.
  let next = 0;
  let tried = 0;
  void run;
  send({ kind: 'ready' });
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (tried++ < voters.length) {
        const voterId = voters[next];
        next = (next + 1) % voters.length;
        try {
          const { receipt } = await service.cast(CRASH_VOTING, voterId, marksFor(voterId));
          send({ kind: 'ack', voterId, receipt });
        } catch (error) {
          if (error instanceof VotingRuleError) send({ kind: 'refused', voterId, rule: error.rule });
          else throw error;
        }
      }
    }),
  );
}

main().catch((error) => {
  send({ kind: 'error', message: String(error?.stack ?? error) });
  process.exit(1);
});
