/**
 * fetch() for this repo's clients (importers, benchmarks): on 429 or 503 it waits as long as the answer's
 * `Retry-After` says (seconds or an HTTP date; 1 s when absent), at most `maxWaitMs` in all, then sends the
 * same request again. Writes carry an Idempotency-Key, so sending one again can never record it twice.
 */
export async function fetchRespectingRetryAfter(
  url: string,
  init: RequestInit,
  options: { maxWaitMs?: number; onWait?: (ms: number, status: number) => void } = {},
): Promise<Response> {
  const maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
  let waited = 0;
  for (;;) {
    const response = await fetch(url, init);
    if ((response.status !== 429 && response.status !== 503) || waited >= maxWaitMs) return response;
    const ms = Math.min(retryAfterMs(response.headers.get('retry-after')), maxWaitMs - waited);
    await response.arrayBuffer().catch(() => undefined);
    options.onWait?.(ms, response.status);
    await new Promise((resolve) => setTimeout(resolve, ms));
    waited += ms;
  }
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null || header.trim() === '') return 1000;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.max(0, Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? 1000 : Math.max(0, date - now);
}
