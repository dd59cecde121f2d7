import { ApiClient } from '../../src/import/api-client';
import { BatchItem, ImportPlan } from '../../src/import/model';
import { runImport } from '../../src/import/run-import';
import { ImportReport } from '../../src/import/report';
import { startListening } from './import-app';

/**
 * An importer's rerun appends nothing and refuses the same facts, wherever the refused fact sits in its
 * batch. The batch writer halves a refused batch (it does not cut at failedIndex): a rerun then sends the
 * same halves as the first run, each answered from the record by its content-derived key. Cut at
 * failedIndex instead, the items before a refused one at index 2 or later go out again in a batch of
 * another content (another key), are decided again, and are refused as already recorded.
 * The rerun runs under a new one-off token: within a council a key names one request whoever sends it.
 */
describe('importer rerun with a refused fact at several positions of its batch (e2e)', () => {
  let s: Awaited<ReturnType<typeof startListening>>;
  beforeAll(async () => {
    s = await startListening({ RATE_LIMIT_PER_ADDRESS: '100000', RATE_LIMIT_PER_TOKEN: '100000' });
  });
  afterAll(() => s?.close());

  /** Eight facts in one batch: seven elections and, at `refusedAt`, the departure of someone never elected. */
  function plan(councilId: string, refusedAt: number): ImportPlan {
    const facts: BatchItem[] = Array.from({ length: 8 }, (_, i) =>
      i === refusedAt
        ? { path: '/members/nobody/departure', body: { leftOn: '2020-02-01' }, label: `fact[${i}] (a departure of nobody)` }
        : { path: '/members', body: { memberId: `m${i}`, name: `Member ${i}`, electedOn: '2020-01-01' }, label: `fact[${i}]` },
    );
    return {
      councils: [{ councilId, founding: { councilId, name: `Rerun ${councilId}`, foundedOn: '2019-12-01', seats: 20 }, facts, closing: [], expectedVoteEvents: 0, expectedVotes: 0 }],
      voteEvents: async () => undefined,
      notes: [],
      report: new ImportReport('synthetic plan'),
    };
  }

  it.each([0, 1, 2, 3, 5, 7])('refused fact at index %i: the first run records the other seven; a rerun records nothing and refuses the same one', async (refusedAt) => {
    const councilId = `rerun-${refusedAt}`;
    const options = { keyPrefix: 'rerun', progress: false, batchItems: 8 };
    const first = await runImport(s.client, plan(councilId, refusedAt), options);
    expect(first.refused).toBe(1);
    expect(first.councils[0].refused.map((r) => r.label)).toEqual([`fact[${refusedAt}] (a departure of nobody)`]);
    expect(first.recorded).toBe(7); // seven elections (the founding is counted apart)
    const issued = await s.client.post('/api/tokens', { role: 'admin', label: `rerun ${refusedAt}, one-off` });
    expect(issued.status).toBe(201);
    const rerun = await runImport(new ApiClient(s.url, String(issued.body.token)), plan(councilId, refusedAt), options);
    expect({ recorded: rerun.recorded, refused: rerun.councils[0].refused.map((r) => r.label), alreadyRecorded: rerun.alreadyRecorded })
      .toEqual({ recorded: 0, refused: [`fact[${refusedAt}] (a departure of nobody)`], alreadyRecorded: 7 });
    const members = await s.get(`/api/councils/${councilId}/members`);
    expect((members.members as unknown[]).length).toBe(7);
  });
});
