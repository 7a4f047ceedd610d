/** The fields of a lead as use cases take them, and a lead as they answer it (JSON). */
import { Type } from '@sinclair/typebox';
import { ClearableEmail, ClearablePhone, InstantView, Nullable, NullableText, OneOf, Text, withMessage } from '../../contracts/schema-vocabulary.js';
import { ServiceAddressInput, ServiceAddressView } from '../shared/address.js';
import { LEAD_STATUSES, SETTABLE_LEAD_STATUSES } from './lead.js';

/** Lower-case letters, digits, _ and -: sources are grouped and counted, so `Phone` and `phone` must not both exist. */
export const LeadSource = Type.Transform(
  Nullable(withMessage(Type.String({ maxLength: 64, pattern: '^\\s*([a-z0-9][a-z0-9_-]*)?\\s*$', examples: ['referral'], description: 'Where the lead came from: public_form, phone, referral, …' }), 'must be lower-case letters, digits, _ or -')),
)
  .Decode((value) => (value === null || value.trim() === '' ? null : value.trim()))
  .Encode((value) => value);

/** Fields a lead is created or changed with (every one optional here; create requires the name). */
export const LeadFields = {
  email: Type.Optional(ClearableEmail()),
  phone: Type.Optional(ClearablePhone()),
  source: Type.Optional(LeadSource),
  notes: Type.Optional(NullableText(5000)),
  serviceRequested: Type.Optional(NullableText(500, { description: 'What was asked for ("deep clean, 3 bedrooms")' })),
  address: Type.Optional(Nullable(ServiceAddressInput)),
};

export const LeadName = Text(200);
export const SettableLeadStatus = OneOf(SETTABLE_LEAD_STATUSES, { description: '`converted` is reached only by converting the lead' });

export const LeadView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    orgId: Type.String({ format: 'uuid' }),
    name: Type.String(),
    email: Nullable(Type.String({ description: 'Masked for viewers' })),
    phone: Nullable(Type.String({ description: 'Masked for viewers' })),
    source: Nullable(Type.String()),
    status: OneOf(LEAD_STATUSES),
    notes: Nullable(Type.String()),
    serviceRequested: Nullable(Type.String()),
    address: Nullable(ServiceAddressView),
    convertedClientId: Nullable(Type.String({ format: 'uuid' })),
    convertedAt: Nullable(InstantView()),
    archivedAt: Nullable(InstantView()),
    createdAt: InstantView(),
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'Lead' },
);
