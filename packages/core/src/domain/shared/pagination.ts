/**
 * Keyset (cursor) pagination over (created_at DESC, id DESC). Cursors are opaque to clients:
 * base64url of the last row's key. Keyset pages stay fast at any depth, unlike OFFSET.
 */
import { AppError } from '../../errors/app-error.js';
import { isUuid } from './input-checks.js';

export interface PageKey {
  readonly createdAt: Date;
  readonly id: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass back as `cursor` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.createdAt.toISOString(), key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, pointer = '/cursor'): PageKey {
  const invalid = AppError.validation([{ pointer, detail: 'is not a cursor returned by this API' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid;
  const [at, id] = parsed as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !isUuid(id)) throw invalid;
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime())) throw invalid;
  return { createdAt, id };
}

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only says there is a next page.
 */
export function pageFrom<T extends PageKey>(rows: readonly T[], limit: number): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1]!;
  return { items, nextCursor: encodeCursor(last) };
}

/** Orders rows newest first, the order every list uses (memory adapters sort with it). */
export function compareNewestFirst(a: PageKey, b: PageKey): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** True when `row` comes strictly after `key` in newest-first order. */
export function isAfterKey(row: PageKey, key: PageKey): boolean {
  return compareNewestFirst(key, row) < 0;
}
