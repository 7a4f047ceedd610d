import { LeadView as CoreLeadView } from '@cws/core';
import { wireSchema } from '../routing/wire-schema.js';
import { Type } from '@sinclair/typebox';
import { LEAD_STATUSES, SETTABLE_LEAD_STATUSES } from '@cws/core';
import { DateTime, ListQueryFields, Nullable, ServiceAddressInput, ServiceAddressView, Uuid, nullableText, text } from './common.schemas.js';

const literalUnion = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const LeadStatusSchema = literalUnion(LEAD_STATUSES);
const SettableStatus = literalUnion(SETTABLE_LEAD_STATUSES);

const leadFields = {
  email: Type.Optional(nullableText(254)),
  phone: Type.Optional(nullableText(32)),
  source: Type.Optional(nullableText(64)),
  notes: Type.Optional(nullableText(5000)),
  service_requested: Type.Optional(nullableText(500)),
  address: Type.Optional(Nullable(ServiceAddressInput)),
};

export const CreateLeadBody = Type.Object({ name: text(200), ...leadFields, status: Type.Optional(SettableStatus) }, { additionalProperties: false });
export const UpdateLeadBody = Type.Object({ name: Type.Optional(text(200)), ...leadFields, status: Type.Optional(SettableStatus) }, { additionalProperties: false, minProperties: 1 });
export const PublicLeadBody = Type.Object({ org_slug: text(63), name: text(200), ...leadFields }, { additionalProperties: false });
export const ArchiveLeadBody = Type.Object({ reason: Type.Optional(text(500)) }, { additionalProperties: false });
export const ConvertLeadBody = Type.Object(
  { client_id: Type.Optional(Type.String({ format: 'uuid', description: 'Link to this existing client instead of creating one' })) },
  { additionalProperties: false },
);

export const ListLeadsQuery = Type.Object(
  { ...ListQueryFields, status: Type.Optional(Type.Array(LeadStatusSchema, { maxItems: 5, description: 'Repeat to match several statuses' })) },
  { additionalProperties: false },
);

export const LeadView = wireSchema(CoreLeadView);
