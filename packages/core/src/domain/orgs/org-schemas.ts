/** The fields of an org and its settings as use cases take them, and as they answer them (JSON). */
import { Type } from '@sinclair/typebox';
import { FieldRefusal, InstantView, Int, Nullable, Text, withMessage } from '../../contracts/schema-vocabulary.js';
import { canonicalTimeZone, MAX_DUNNING_DAY, MAX_DUNNING_STEPS, NOTIFICATION_KINDS, type NotificationKind } from './org.js';

export const OrgName = Text(200);

/** The org's handle in public URLs (intake forms): lower-cased. */
export const OrgSlug = Type.Transform(
  withMessage(
    Type.String({
      minLength: 1,
      maxLength: 63,
      pattern: '^\\s*[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\s*$',
      examples: ['acme-cleaning'],
      description: 'Letters, digits and inner hyphens, at most 63; stored lower-cased',
    }),
    'must be lower-case letters, digits and inner hyphens (at most 63)',
  ),
)
  .Decode((value) => value.trim().toLowerCase())
  .Encode((value) => value);

/** An IANA time zone, stored under its canonical name (`europe/london` → `Europe/London`). */
export const TimeZone = Type.Transform(withMessage(Type.String({ minLength: 1, maxLength: 64, pattern: '\\S', examples: ['Europe/London'], description: 'IANA zone, e.g. Europe/London' }), 'must not be empty'))
  .Decode((value) => {
    const canonical = canonicalTimeZone(value.trim());
    if (canonical === null) throw new FieldRefusal('must be an IANA time zone such as Europe/London');
    return canonical;
  })
  .Encode((value) => value);

/** An ISO 4217 currency code, upper-cased. */
export const Currency = Type.Transform(
  withMessage(Type.String({ minLength: 3, maxLength: 3, pattern: '^[A-Za-z]{3}$', examples: ['USD'], description: 'ISO 4217 code, e.g. USD' }), 'must be an ISO 4217 code such as USD'),
)
  .Decode((value) => value.toUpperCase())
  .Encode((value) => value);

export const LeadAutoArchiveDays = Nullable(Int(1, 3650), {
  description: 'Leads untouched this many days in status new or contacted are archived nightly; null turns it off',
});

const LOCALE_MESSAGE = 'must be a BCP 47 language tag such as en-GB';

/** A BCP 47 language tag, stored in its canonical form (`EN-gb` → `en-GB`) as Intl reads it. */
export const Locale = Type.Transform(withMessage(Type.String({ minLength: 2, maxLength: 35, examples: ['en-GB'], description: 'BCP 47 language tag, e.g. en-GB' }), LOCALE_MESSAGE))
  .Decode((value) => {
    let canonical: string | undefined;
    try {
      canonical = Intl.getCanonicalLocales(value.trim())[0];
    } catch {
      throw new FieldRefusal(LOCALE_MESSAGE);
    }
    // The canonical form is what is stored (2 to 35 characters, as the column checks).
    if (canonical === undefined || canonical.length < 2 || canonical.length > 35) throw new FieldRefusal(LOCALE_MESSAGE);
    return canonical;
  })
  .Encode((value) => value);

/** The overdue reminder schedule: distinct days after the due date, stored ascending. */
export const DunningDays = Type.Transform(
  withMessage(
    Type.Array(Int(1, MAX_DUNNING_DAY), {
      minItems: 1,
      maxItems: MAX_DUNNING_STEPS,
      uniqueItems: true,
      examples: [[3, 7, 14]],
      description: `Days after an invoice's due date an overdue reminder goes, each once: 1 to ${MAX_DUNNING_STEPS} distinct whole days from 1 to ${MAX_DUNNING_DAY}; stored ascending`,
    }),
    `must be 1 to ${MAX_DUNNING_STEPS} distinct whole days from 1 to ${MAX_DUNNING_DAY}`,
  ),
)
  .Decode((days) => [...days].sort((a, b) => a - b))
  .Encode((days) => days);

/** Each notification's field name in contracts (camelCase; the API's are the kinds themselves). */
export const NOTIFICATION_FIELDS = {
  booking_confirmed: 'bookingConfirmed',
  booking_rescheduled: 'bookingRescheduled',
  booking_cancelled: 'bookingCancelled',
  booking_reminder: 'bookingReminder',
  worker_assignment: 'workerAssignment',
  security_notice: 'securityNotice',
  invoice_reminder: 'invoiceReminder',
} as const satisfies Record<NotificationKind, string>;

type NotificationField = (typeof NOTIFICATION_FIELDS)[NotificationKind];

const notificationProperties = <T>(field: (kind: NotificationKind) => T) =>
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [NOTIFICATION_FIELDS[kind], field(kind)])) as Record<NotificationField, T>;

/** Notifications to turn on (true) or off (false); those left out keep their setting. */
export const NotificationSwitches = Type.Object(
  notificationProperties(() => Type.Optional(Type.Boolean())),
  { additionalProperties: false, minProperties: 1, description: 'At least one notification; those left out keep their setting' },
);

/** Every notification with whether it is on (the API names each by its kind: booking_confirmed). */
export const NotificationSettingsView = Type.Object(notificationProperties(() => Type.Boolean()), { additionalProperties: false, $id: 'NotificationSettings' });

/** The notifications turned off once `switches` are applied to those off now (in NOTIFICATION_KINDS order). */
export function disabledAfter(disabled: readonly NotificationKind[], switches: Partial<Record<NotificationField, boolean>>): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((kind) => {
    const on = switches[NOTIFICATION_FIELDS[kind]];
    return on === undefined ? disabled.includes(kind) : !on;
  });
}

export const OrgView = Type.Object(
  { id: Type.String({ format: 'uuid' }), name: Type.String(), slug: Type.String(), createdAt: InstantView() },
  { additionalProperties: false, $id: 'Org' },
);

export const OrgSettingsView = Type.Object(
  {
    orgId: Type.String({ format: 'uuid' }),
    timeZone: Type.String({ description: 'IANA zone' }),
    currency: Type.String({ description: 'ISO 4217 code' }),
    leadAutoArchiveDays: Nullable(Type.Integer()),
    locale: Type.String({ description: 'BCP 47 tag the org’s messages format dates in' }),
    notifications: NotificationSettingsView,
    dunningDays: Type.Array(Type.Integer(), { description: 'Days after the due date overdue reminders go, ascending' }),
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'OrgSettings' },
);
