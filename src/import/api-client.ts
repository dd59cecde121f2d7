import { createHash } from 'node:crypto';

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** A small client of the HTTP API: bearer token, JSON, Retry-After honoured on 429 and 503. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    private readonly options: { maxWaits?: number; sleep?: (ms: number) => Promise<void> } = {},
  ) {}

  async get(path: string): Promise<ApiResponse> {
    return this.send('GET', path);
  }

  async post(path: string, body: unknown, idempotencyKey?: string): Promise<ApiResponse> {
    return this.send('POST', path, body, idempotencyKey);
  }

  /** The global head position the service reports (events recorded before this run are at or below it). */
  async headPosition(): Promise<bigint> {
    const res = await this.get('/api/health');
    const details = (res.body.details ?? res.body.info ?? {}) as { eventStore?: { headPosition?: string | null } };
    return BigInt(details.eventStore?.headPosition ?? '0');
  }

  private async send(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<ApiResponse> {
    const sleep = this.options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(this.baseUrl + path, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
            ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (e) {
        // The service is restarting or unreachable: the request is retried with the same key, so nothing doubles.
        if (attempt >= (this.options.maxWaits ?? 30)) throw new Error(`${method} ${path}: ${(e as Error).message}`);
        await sleep(Math.min(1000 * 2 ** Math.min(attempt, 4), 10_000));
        continue;
      }
      const text = await response.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        parsed = { detail: text.slice(0, 500) };
      }
      const retryable = response.status === 429 || response.status === 503;
      if (retryable && attempt < (this.options.maxWaits ?? 30)) {
        await sleep(retryAfterMs(response.headers.get('retry-after')));
        continue;
      }
      return { status: response.status, body: parsed, headers: response.headers };
    }
  }
}

/** Retry-After in seconds or as an HTTP date; 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null): number {
  if (!header) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : 1000;
}

/** An idempotency key derived from the content: the same requests always get the same key. */
export function contentKey(prefix: string, councilId: string, content: unknown): string {
  const hash = createHash('sha256').update(councilId).update('\u0000').update(JSON.stringify(content)).digest('base64url').slice(0, 43);
  return `${prefix}-${hash}`;
}
