import { ApiClient, contentKey } from './api-client';
import { BatchItem } from './model';
import { Progress } from './progress';

export interface Refusal {
  label: string;
  path: string;
  status: number;
  /** The rule ids the item broke (422), or the problem type. */
  rules: string[];
  detail: string;
}

export interface CouncilSummary {
  councilId: string;
  /** Events appended by this run. */
  recorded: number;
  /** Events of batches already on record (an earlier run): replayed by their idempotency key. */
  alreadyRecorded: number;
  batches: number;
  refused: Refusal[];
  /** Facts refused only as being on record already (a rerun meeting what an earlier run recorded alone). */
  alreadyOnRecord: number;
}

export interface BatchOptions {
  /** Items per batch (the API takes at most 10,000). */
  maxItems: number;
  /** Serialized bodies per batch, kept well under the store's largest append (MAX_APPEND_BYTES). */
  maxBytes: number;
  /**
   * Events per batch (a roll call is one event per vote and its decision): what the store appends at once
   * must fit MAX_APPEND_BYTES (1 MiB by default), and ~2,000 vote events is about that. Cutting by it up
   * front, rather than learning from a 413, keeps the batches — and so their keys — the same on every run.
   */
  maxEvents?: number;
  recordAnomalies: boolean;
  keyPrefix: string;
}

/**
 * Writes one council's facts through POST /api/councils/:id/batch, in order, in batches cut by size. Each
 * batch is all or nothing; its Idempotency-Key is derived from its content, so a rerun sends the same
 * batches with the same keys and the service answers them from the record without appending anything.
 *
 * A refused item (a problem with `failedIndex`) is found by halving the batch, listed with its reason, and
 * everything else is recorded. A batch the store cannot take in one append (413) is halved too.
 */
export class BatchWriter {
  private pending: BatchItem[] = [];
  private pendingBytes = 0;
  private pendingEvents = 0;
  readonly summary: CouncilSummary;

  constructor(
    private readonly client: ApiClient,
    readonly councilId: string,
    private readonly headBefore: bigint,
    private readonly options: BatchOptions,
    private readonly progress: Progress,
  ) {
    this.summary = { councilId, recorded: 0, alreadyRecorded: 0, batches: 0, refused: [], alreadyOnRecord: 0 };
  }

  async add(items: readonly BatchItem[]): Promise<void> {
    for (const item of items) {
      const body = this.options.recordAnomalies ? { ...item.body, recordAnomaly: true } : item.body;
      const bytes = JSON.stringify(body).length + item.path.length + 32;
      const events = Array.isArray(body.votes) ? body.votes.length + 1 : 1;
      const full = this.pending.length >= this.options.maxItems || this.pendingBytes + bytes > this.options.maxBytes || this.pendingEvents + events > (this.options.maxEvents ?? 1500);
      if (this.pending.length > 0 && full) await this.flush();
      this.pendingEvents += events;
      this.pending.push({ ...item, body });
      this.pendingBytes += bytes;
    }
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingEvents = 0;
    if (batch.length > 0) await this.send(batch);
  }

  /**
   * Sends a batch; when an item is refused, the batch is cut in halves and each half sent on its own, down
   * to the refused item. Halving (rather than cutting at `failedIndex`) makes the batches a rerun sends the
   * same as the first run's: a half that was recorded is answered from the record by its key, a half that
   * was refused is refused again, so a rerun appends nothing and refuses the same facts.
   */
  private async send(items: BatchItem[]): Promise<void> {
    for (let conflicts = 0; ; ) {
      const requests = items.map((i) => ({ path: i.path, body: i.body }));
      const key = contentKey(this.options.keyPrefix, this.councilId, requests);
      const res = await this.client.post(`/api/councils/${this.councilId}/batch`, { requests }, key);
      if (res.status === 201) {
        const events = Array.isArray(res.body.eventIds) ? res.body.eventIds.length : 0;
        const fresh = BigInt(String(res.body.position ?? '0')) > this.headBefore;
        if (fresh) this.summary.recorded += events;
        else this.summary.alreadyRecorded += events;
        this.summary.batches++;
        this.progress.advance(fresh ? events : 0, fresh ? 0 : events);
        return;
      }
      const itemRefused = typeof res.body.failedIndex === 'number' && res.status >= 400 && res.status < 500;
      if (res.status === 413 && items.length > 1) {
        // Too large for one append: later batches are cut smaller too (the same way on every run: the
        // first run and a rerun meet this 413 at the same batch), then this one is sent in halves.
        // Only this batch is halved: later batches keep their cut, so a rerun (where this batch may be
        // refused for another reason first, e.g. its facts already on record) sends the same batches.
      }
      if ((itemRefused || res.status === 413) && items.length > 1) {
        const half = Math.ceil(items.length / 2);
        await this.send(items.slice(0, half));
        await this.send(items.slice(half));
        return;
      }
      if (itemRefused) {
        const why = refusal(items[0], res.status, (res.body.item ?? res.body) as Record<string, unknown>);
        if (why.rules.length > 0 && why.rules.every((r) => ALREADY.test(r))) {
          // Refused only because it is on record already (an earlier run recorded it, e.g. as an anomaly).
          this.summary.alreadyOnRecord++;
          return;
        }
        this.summary.refused.push(why);
        return;
      }
      if (res.status === 409 && conflicts++ < 20) {
        // A concurrent writer won every retry, or the same key is still being processed: wait and send again.
        await new Promise((r) => setTimeout(r, 250 * conflicts));
        continue;
      }
      throw new Error(`POST /api/councils/${this.councilId}/batch answered ${res.status}: ${String(res.body.detail ?? res.body.title ?? '')}`);
    }
  }
}


/** Rules that only say the fact is on record already. */
const ALREADY = /already|exists|twice|duplicate/;

function refusal(item: BatchItem, status: number, problem: Record<string, unknown>): Refusal {
  const violations = Array.isArray(problem.violations) ? (problem.violations as Array<{ rule?: string }>) : [];
  const rules = violations.map((v) => v.rule).filter((r): r is string => typeof r === 'string');
  if (rules.length === 0 && typeof problem.rule === 'string') rules.push(problem.rule);
  if (rules.length === 0 && typeof problem.type === 'string') rules.push(problem.type.split('/').pop() ?? problem.type);
  return { label: item.label, path: item.path, status, rules, detail: String(problem.detail ?? problem.title ?? '') };
}
