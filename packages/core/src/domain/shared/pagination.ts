/**
 * Keyset (cursor) pagination over (created_at DESC, id DESC). Cursors are opaque to clients:
 * base64url of the last row's key. Keyset pages stay fast at any depth, unlike OFFSET.
 */
import { AppError } from '../../errors/app-error.js';
import { isUuid } from './input-limits.js';

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
  return encodeKeyCursor(key.createdAt, key.id);
}

/** The instants a decoded cursor may name: years 1-9999, well inside what PostgreSQL holds (4713 BC to 294276 AD). */
const CURSOR_EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const CURSOR_LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** base64url of `[instant, id]`: the key of the last row of a page, by whatever instant the list orders on. */
export function encodeKeyCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id]), 'utf8').toString('base64url');
}

/**
 * The key a cursor holds, or null when it is not one this API hands out. Cursors come back from
 * clients, so anything is possible: the instant must parse and lie within years 1-9999 (a forged
 * year -271821 must not reach the database) and the id must be a UUID.
 */
export function decodeKeyCursor(cursor: unknown): { at: Date; id: string } | null {
  if (typeof cursor !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [at, id] = parsed as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !isUuid(id)) return null;
  const instant = new Date(at);
  const ms = instant.getTime();
  if (Number.isNaN(ms) || ms < CURSOR_EARLIEST || ms > CURSOR_LATEST) return null;
  return { at: instant, id: id.toLowerCase() };
}

export function decodeCursor(cursor: string, pointer = '/cursor'): PageKey {
  const key = decodeKeyCursor(cursor);
  if (key === null) throw AppError.validation([{ pointer, detail: 'is not a cursor returned by this API' }]);
  return { createdAt: key.at, id: key.id };
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
