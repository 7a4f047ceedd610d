/** Limits every input shares: the instants the core holds, text that can be stored, UUIDs. */

/**
 * The instants the core accepts (bookings, blackouts, windows, list filters): from the Unix
 * epoch to the start of 9999-12-31 UTC, so every instant's wall clock in every zone (UTC-12 to
 * UTC+14) has a four-digit year that RFC 3339, Intl and PostgreSQL all hold.
 */
export const EARLIEST_INSTANT = new Date('1970-01-01T00:00:00.000Z');
export const LATEST_INSTANT = new Date('9999-12-31T00:00:00.000Z');

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why `text` cannot be kept as text, or null when it can. NUL: PostgreSQL `text` refuses it
 * (22021). An unpaired surrogate is not Unicode: UTF-8 cannot carry it (the driver would silently
 * turn it into U+FFFD) and `jsonb` refuses its escape, so audit rows holding it fail.
 */
export function textFault(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired surrogate (U+D800-U+DFFF): send well-formed Unicode';
  return null;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
