/** The explorer talks to the service only through its public HTTP API (API.md). */
import { nextLink } from './link-header';

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
  rule?: string;
  violations?: Array<{ rule?: string; message?: string; figures?: Record<string, unknown> }>;
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Problem;
    return { ...body, status: response.status };
  } catch {
    return { status: response.status, title: response.statusText };
  }
}

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`/api${path}`, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as T;
}

/** An endpoint another part of the product may not offer yet: absent (404) is `undefined`, not an error. */
export async function getOptional<T>(path: string, signal?: AbortSignal): Promise<T | undefined> {
  try {
    return await getJson<T>(path, signal);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return undefined;
    throw error;
  }
}

function apiRelative(link: string): string {
  const url = new URL(link, location.origin);
  return url.pathname.replace(/^\/api/, '') + url.search;
}

/**
 * Every item of a paged list: follows `Link: rel="next"` while the service sends one. `pick` extracts the
 * array from a page (for `members`, the array inside the object). `onPage` sees each page as it arrives.
 */
export async function getAll<T>(
  path: string,
  options: { pick?: (body: unknown) => T[]; onPage?: (items: T[]) => void; signal?: AbortSignal; maxPages?: number } = {},
): Promise<T[]> {
  const pick = options.pick ?? ((b: unknown) => b as T[]);
  const all: T[] = [];
  let next: string | undefined = path;
  for (let page = 0; next && page < (options.maxPages ?? 10_000); page++) {
    const response: Response = await fetch(`/api${next}`, { headers: { accept: 'application/json' }, signal: options.signal });
    if (!response.ok) throw new ApiError(await problemOf(response));
    const items = pick(await response.json());
    all.push(...items);
    options.onPage?.(items);
    const link = nextLink(response.headers.get('link'));
    next = link ? apiRelative(link) : undefined;
  }
  return all;
}

export interface WriteReply {
  eventIds?: string[];
  position?: string;
  [key: string]: unknown;
}

/** A write: bearer token and an Idempotency-Key, so a repeated submission records once. */
export async function post(path: string, body: unknown, token: string, idempotencyKey: string): Promise<WriteReply> {
  const response = await fetch(`/api${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as WriteReply;
}

export function newIdempotencyKey(): string {
  return `explorer-${crypto.randomUUID()}`;
}

export type * from './types';
