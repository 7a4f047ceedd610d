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
  /** BCP 47 tag the org's messages format dates in (`en-GB`); default `en`. */
  readonly locale: string;
  /** Notifications the org turned off; every notification is on unless listed here. */
  readonly notificationsDisabled: readonly NotificationKind[];
  /**
   * Overdue reminders (dunning-lite): days after an invoice's due date a reminder goes, each
   * once, ascending and distinct (1 to 10 steps of 1..365 days); default 3, 7, 14.
   */
  readonly dunningDays: readonly number[];
  readonly updatedAt: Date;
}

/** The notifications an org can turn off (account mail — invitations, resets — cannot be). */
export const NOTIFICATION_KINDS = [
  'booking_confirmed',
  'booking_rescheduled',
  'booking_cancelled',
  'booking_reminder',
  'worker_assignment',
  'security_notice',
  'invoice_reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DEFAULT_LOCALE = 'en';

/** Days after the due date an overdue reminder goes (guide 000 "Dunning-lite rules"). */
export const DEFAULT_DUNNING_DAYS: readonly number[] = [3, 7, 14];
export const MAX_DUNNING_STEPS = 10;
export const MAX_DUNNING_DAY = 365;

export function notificationEnabled(settings: Pick<OrgSettings, 'notificationsDisabled'> | null, kind: NotificationKind): boolean {
  return settings === null || !settings.notificationsDisabled.includes(kind);
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
