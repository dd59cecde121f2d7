/**
 * Child of sqlite-durability.int.spec.ts, run under strace: builds the event store exactly as the service does
 * from the default configuration (only DATA_DIR set), appends from several concurrent writers (so appends share
 * group commits), and after each acknowledged append writes one line to <dir>/acks.log. strace then shows, in
 * order, the WAL writes, the syncs and the acknowledgements. argv: <dir>
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { createEventStore } from '../../src/event-store/event-store.module';

const [dir] = process.argv.slice(2);
const store = createEventStore(loadConfig({ DATA_DIR: dir }));
const acks = openSync(join(dir, 'acks.log'), 'a');

async function writer(w: number): Promise<void> {
  for (let n = 0; n < 15; n++) {
    const events = Array.from({ length: 1 + (n % 3) }, (_, i) => ({ id: randomUUID(), type: 'FsyncTested', data: { w, n, i } }));
    await store.appendToStream(`fsync-${w}`, events);
    writeSync(acks, `ack ${w}/${n}\n`);
  }
}

Promise.all(Array.from({ length: 4 }, (_, w) => writer(w)))
  .then(() => store.close())
  .then(() => closeSync(acks))
  .catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
