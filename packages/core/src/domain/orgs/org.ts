/** An organisation (tenant): one cleaning business. Everything it owns carries its id. */
import type { InputChecks } from '../shared/input-checks.js';

export interface Org {
  readonly id: string;
  readonly name: string;
  /** URL-safe handle used by public routes (intake forms) to pick the org. */
  readonly slug: string;
  readonly createdAt: Date;
}

export interface OrgSettings {
  readonly orgId: string;
  /** IANA time zone; anything "per day/week/month" is computed in it. */
  readonly timeZone: string;
  /** ISO 4217 code for money amounts of this org. */
  readonly currency: string;
  /** Leads untouched this many days in status new/contacted are archived by the nightly job; null = off. */
  readonly leadAutoArchiveDays: number | null;
  readonly updatedAt: Date;
}

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function checkSlug(checks: InputChecks, pointer: string, value: unknown): string {
  const slug = checks.text(pointer, value, { max: 63 }).toLowerCase();
  if (slug !== '' && !SLUG_PATTERN.test(slug)) {
    checks.fail(pointer, 'must be lower-case letters, digits and inner hyphens (at most 63)');
  }
  return slug;
}

/** The canonical IANA name (`europe/london` → `Europe/London`), or null for an unknown zone. */
export function canonicalTimeZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isValidTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null;
}

export function checkTimeZone(checks: InputChecks, pointer: string, value: unknown): string {
  const zone = checks.text(pointer, value, { max: 64 });
  if (zone === '') return zone;
  const canonical = canonicalTimeZone(zone);
  if (canonical === null) checks.fail(pointer, 'must be an IANA time zone such as Europe/London');
  return canonical ?? zone;
}

export function checkCurrency(checks: InputChecks, pointer: string, value: unknown): string {
  const code = checks.text(pointer, value, { max: 3 }).toUpperCase();
  if (code !== '' && !/^[A-Z]{3}$/.test(code)) checks.fail(pointer, 'must be an ISO 4217 code such as USD');
  return code;
}
