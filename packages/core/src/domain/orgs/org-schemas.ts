/** The fields of an org and its settings as use cases take them, and as they answer them (JSON). */
import { Type } from '@sinclair/typebox';
import { FieldRefusal, InstantView, Int, Nullable, Text, withMessage } from '../../contracts/schema-vocabulary.js';
import { canonicalTimeZone } from './org.js';

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
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'OrgSettings' },
);
