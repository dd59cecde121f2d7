import { ApiClient, contentKey } from './api-client';
import { BatchWriter, CouncilSummary } from './batch-writer';
import { ImportPlan } from './model';
import { Progress } from './progress';

export interface ImportOptions {
  recordAnomalies?: boolean;
  /** Items per batch (default 2,000). */
  batchItems?: number;
  /** Request bytes per batch (default 150 KB; a 413 from the store makes the following batches smaller). */
  batchBytes?: number;
  progress?: boolean;
  /** Prefix of the idempotency keys (the importer's name). */
  keyPrefix: string;
}

export interface ImportSummary {
  councils: CouncilSummary[];
  /** Events appended by this run (0 when everything was already on record). */
  recorded: number;
  alreadyRecorded: number;
  refused: number;
  seconds: number;
  notes: string[];
}

/**
 * Records a plan through the API. Councils are founded first (the founding is idempotent by a key derived
 * from its body); then each council's facts in batches, the vote events as they stream, the closings.
 */
export async function runImport(client: ApiClient, plan: ImportPlan, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const headBefore = await client.headPosition();
  const expected = plan.councils.reduce((n, c) => n + 1 + c.facts.length + c.closing.length + c.expectedVotes + 2 * c.expectedVoteEvents, 0);
  const progress = new Progress(expected, options.progress !== false);
  const batch = {
    maxItems: options.batchItems ?? 2000,
    maxBytes: options.batchBytes ?? 150_000,
    recordAnomalies: options.recordAnomalies === true,
    keyPrefix: options.keyPrefix,
  };
  const writers = new Map<string, BatchWriter>();
  for (const council of plan.councils) {
    const founding = council.founding;
    const res = await client.post('/api/councils', founding, contentKey(`${options.keyPrefix}-council`, council.councilId, founding));
    if (res.status === 201) {
      const fresh = BigInt(String(res.body.position ?? '0')) > headBefore;
      progress.advance(fresh ? 1 : 0, fresh ? 0 : 1);
    } else if (res.status === 409) {
      // Founded before by other means: the facts below go into it (their own keys keep a rerun from doubling them).
      const existing = await client.get(`/api/councils/${council.councilId}`);
      if (existing.status !== 200 || existing.body.name !== founding.name) {
        throw new Error(`council ${council.councilId} exists with other founding facts (${String(existing.body.name ?? existing.status)}): choose another id with --council`);
      }
    } else {
      throw new Error(`POST /api/councils (${council.councilId}) answered ${res.status}: ${String(res.body.detail ?? res.body.title ?? '')}`);
    }
    const writer = new BatchWriter(client, council.councilId, headBefore, batch, progress);
    writers.set(council.councilId, writer);
    await writer.add(council.facts);
  }
  for (const writer of writers.values()) await writer.flush();
  await plan.voteEvents(async (councilId, items) => writers.get(councilId)!.add(items));
  for (const council of plan.councils) {
    const writer = writers.get(council.councilId)!;
    await writer.flush();
    await writer.add(council.closing);
    await writer.flush();
  }
  progress.finish();
  const councils = [...writers.values()].map((w) => w.summary);
  return {
    councils,
    recorded: councils.reduce((n, c) => n + c.recorded, 0),
    alreadyRecorded: councils.reduce((n, c) => n + c.alreadyRecorded, 0),
    refused: councils.reduce((n, c) => n + c.refused.length, 0),
    seconds: (Date.now() - started) / 1000,
    notes: plan.notes,
  };
}

/** The summary as the CLI prints it: per council, events recorded, and every refused fact with its reason. */
export function formatSummary(summary: ImportSummary): string {
  const lines: string[] = [];
  for (const c of summary.councils) {
    lines.push(`council ${c.councilId}: ${c.recorded} events recorded, ${c.alreadyRecorded} already on record, ${c.batches} batches, ${c.refused.length} facts refused`);
    for (const r of c.refused) lines.push(`  refused ${r.label} (${r.path}): ${r.status} ${r.rules.join(', ')} — ${r.detail}`);
  }
  for (const note of summary.notes) lines.push(`note: ${note}`);
  lines.push(`total: ${summary.recorded} events recorded in ${summary.seconds.toFixed(1)} s, ${summary.alreadyRecorded} already on record, ${summary.refused} facts refused` +
    (summary.refused > 0 ? ' (without --strict, facts the rules refuse are recorded as the source states them, as anomalies)' : ''));
  return lines.join('\n');
}
