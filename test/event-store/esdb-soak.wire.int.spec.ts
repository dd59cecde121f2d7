import { runSoak } from '../../scripts/esdb-soak';
import { FakeEsdbServer } from '../helpers/fake-esdb-server';

/**
 * `npm run esdb:soak` (scripts/esdb-soak.ts) in CI: a short run against the fake server, whose node restarts
 * halfway (every call cut, its in-memory idempotency cache gone, the log kept). Nothing acknowledged may be
 * lost or doubled, reads must see whole batches, and the subscription must see every event once.
 */
describe('esdb:soak against the fake server with a node restart', () => {
  it('loses and doubles nothing', async () => {
    const server = new FakeEsdbServer({ writeTimeoutMs: 200 });
    const connectionString = await server.start();
    try {
      const result = await runSoak({
        connectionString,
        seconds: 6,
        log: { warn: () => undefined, error: () => undefined },
        halfway: () => server.restart(300),
      });
      expect(result.problems).toEqual([]);
      expect(result.acknowledged).toBeGreaterThan(50);
      expect(result.reads).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
