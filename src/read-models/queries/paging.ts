import { BadRequestException } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { problem } from '../../api/problem';

export const DEFAULT_PAGE_LIMIT = 1000;
export const MAX_PAGE_LIMIT = 10_000;


export type CursorKey = Array<string | number | null>;

/** Where a row keeps its sort key for the next cursor (a symbol: never serialized into the answer). */
export const KEY = Symbol('sort-key');

/**
 * Where a page walk stands: which list (and with which filters), the record position the first page was
 * read at (every later page reads the record as it stood then, so rows recorded meanwhile neither appear
 * nor shift the walk: each row exactly once), and the sort key of the last row returned (keyset).
 */
export interface Cursor {
  list: string;
  councilId: string;
  /** Filters that decide which rows are in the list (from/to, at, severity...): a cursor is only valid with the same. */
  filters: string;
  position: number;
  key: CursorKey;
}

/** A page of rows and, when more remain, the cursor of the next page. */
export interface Page<T> {
  rows: T[];
  next?: Cursor;
  /** The record position the walk reads at (for the audit log: the last position it walks to). */
  position?: number;
}

const invalidCursor = (detail: string) =>
  new BadRequestException(problem(400, 'invalid-cursor', 'Invalid cursor', detail, { errors: [{ field: 'cursor', message: detail }] }));

/**
 * Cursors are opaque to clients and signed (HMAC-SHA-256, truncated) so that a forged or edited one is a
 * 400 rather than a query on made-up keys. The key is CURSOR_SECRET, else a random key kept in DATA_DIR
 * (`cursor-secret`, made on first start), so that a walk outlives a restart; without either, random per process.
 */
export class CursorCodec {
  private readonly secret: Buffer;

  constructor(secret?: string) {
    this.secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  encode(cursor: Cursor): string {
    const payload = Buffer.from(JSON.stringify([cursor.list, cursor.councilId, cursor.filters, cursor.position, cursor.key]), 'utf8').toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The cursor, checked against the list and filters of the request it came with. */
  decode(text: string, list: string, councilId: string, filters: string): Cursor {
    const [payload, signature, extra] = text.split('.');
    if (!payload || !signature || extra !== undefined || text.length > 4000) throw invalidCursor('The cursor is malformed; use the one a Link header gave.');
    const expected = Buffer.from(this.sign(payload), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw invalidCursor('The cursor was not issued by this service (or the service restarted); start again from the first page.');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor('The cursor is malformed; use the one a Link header gave.');
    }
    const [l, c, f, p, k] = parsed as [unknown, unknown, unknown, unknown, unknown];
    if (typeof p !== 'number' || !Array.isArray(k)) throw invalidCursor('The cursor is malformed; use the one a Link header gave.');
    if (l !== list || c !== councilId || f !== filters) {
      throw invalidCursor('The cursor belongs to another list, council or set of filters; keep the query of the first page.');
    }
    return { list, councilId, filters, position: p, key: k as CursorKey };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url').slice(0, 22);
  }
}

/** Cuts `limit + 1` rows (fetched in key order) into a page, with the next cursor from the last row kept. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey, base: Omit<Cursor, 'key'>): Page<T> {
  const position = base.position;
  if (rows.length <= limit) return { rows, position };
  const kept = rows.slice(0, limit);
  return { rows: kept, next: { ...base, key: keyOf(kept[kept.length - 1]) }, position };
}

/** In-memory keyset for lists that are derived rather than stored (anomalies; members on a day): rows after the one with this key. */
export function afterKey<T>(rows: T[], key: CursorKey | undefined, keyOf: (row: T) => CursorKey): T[] {
  if (!key) return rows;
  const target = JSON.stringify(key);
  const index = rows.findIndex((row) => JSON.stringify(keyOf(row)) === target);
  if (index < 0) throw invalidCursor('The row the cursor points after is no longer in the list; start again from the first page.');
  return rows.slice(index + 1);
}

/** The key kept in the data folder for signing cursors: read it, or make it once (mode 600). */
export function storedCursorSecret(dataDir: string): string {
  const path = join(dataDir, 'cursor-secret');
  try {
    writeFileSync(path, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(path, 'utf8').trim();
}

/** Which rows of a list: those after a sort key (keyset), at most `limit` (fetch limit + 1 to learn if more remain). */
export interface RowWindow {
  after?: CursorKey;
  limit?: number;
}

/** Below every key: SQLite orders any number before any text. */
const LOWEST = -Number.MAX_SAFE_INTEGER;

export function windowParams(window: RowWindow | undefined, width: number): Record<string, unknown> {
  const key = window?.after ?? [LOWEST];
  const params: Record<string, unknown> = { n: window?.limit ?? -1 };
  for (let i = 0; i < width; i++) params[`k${i}`] = key[i] ?? (i === 0 ? LOWEST : null);
  return params;
}
