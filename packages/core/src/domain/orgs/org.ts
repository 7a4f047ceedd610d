/** An organisation (tenant): one cleaning business. Everything it owns carries its id. */
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
