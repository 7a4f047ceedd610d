/**
 * How the adapter's pg clients turn `timestamptz` text into Dates. node-pg's default parser
 * (postgres-date) runs three regular expressions and a `split` per value; a page of 50 leads holds
 * 100 timestamps, and that parsing was about a tenth of a list request's CPU (issue 12's profile).
 * The common shape, `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]` with a four-digit year from 1000,
 * is read here by character codes into the same `Date.UTC` the default parser calls; anything else
 * (BC, years before 1000 or after 9999, infinity, another DateStyle) goes to the default parser
 * unchanged. A property test holds both to the same answers.
 *
 * Given to each client through pg's `types` option (adapters/postgres/src/database.ts), so it
 * changes nothing for other pg clients of the process.
 */
import pg from 'pg';

const TIMESTAMPTZ_OID = 1184;
const defaultTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date | number | null;

const DASH = 45;
const SPACE = 32;
const COLON = 58;
const DOT = 46;
const PLUS = 43;

/** The decimal number in text[from, to), or -1 when a character there is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** `timestamptz` text as PostgreSQL writes it (DateStyle ISO) → a Date; the default parser's answer for any other shape. */
export function parseTimestamptz(text: string): Date | number | null {
  const n = text.length;
  if (
    n < 22 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== SPACE ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return defaultTimestamptz(text);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  // Years below 1000 (Date.UTC reads 0–99 as 1900–1999) and anything not a digit: the default parser.
  if (year < 1000 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return defaultTimestamptz(text);
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === DOT) {
    // Milliseconds are the first three fraction digits (Date.UTC truncates the rest).
    const start = ++i;
    while (i < n && i - start < 6) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (i - start < 3) ms = ms * 10 + d;
      i++;
    }
    const count = i - start;
    if (count === 0) return defaultTimestamptz(text);
    for (let k = count; k < 3; k++) ms *= 10;
  }
  const sign = text.charCodeAt(i);
  if ((sign !== PLUS && sign !== DASH) || n - i < 3) return defaultTimestamptz(text);
  const zoneHours = digits(text, i + 1, i + 3);
  let zoneMinutes = 0;
  let zoneSeconds = 0;
  i += 3;
  if (i < n) {
    if (text.charCodeAt(i) !== COLON || n - i < 3) return defaultTimestamptz(text);
    zoneMinutes = digits(text, i + 1, i + 3);
    i += 3;
    if (i < n) {
      if (text.charCodeAt(i) !== COLON || n - i !== 3) return defaultTimestamptz(text);
      zoneSeconds = digits(text, i + 1, i + 3);
      i += 3;
    }
  }
  if (zoneHours < 0 || zoneMinutes < 0 || zoneSeconds < 0 || i !== n) return defaultTimestamptz(text);
  const offsetMs = (zoneHours * 3600 + zoneMinutes * 60 + zoneSeconds) * 1000 * (sign === DASH ? -1 : 1);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs);
}

/** pg's `types` option: our timestamptz parser, node-pg's defaults for every other type. */
export const adapterTypeParsers = {
  getTypeParser(oid: number, format?: string): (text: string) => unknown {
    if (oid === TIMESTAMPTZ_OID && format !== 'binary') return parseTimestamptz;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
};
