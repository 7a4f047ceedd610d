import { ClientAddressView, ClientView as CoreClientView } from '@cws/core';
import { wireSchema } from '../routing/wire-schema.js';
import { Type } from '@sinclair/typebox';
import { DateTime, ListQueryFields, Nullable, ServiceAddressInput, ServiceAddressView, Uuid, nullableText, text } from './common.schemas.js';

const addressExtras = {
  label: Type.Optional(nullableText(50)),
  access_notes: Type.Optional(nullableText(2000)),
  is_primary: Type.Optional(Type.Boolean()),
};

/** A lead's address form, and whether it is the client's primary one. */
export const AddressInput = Type.Object({ ...ServiceAddressInput.properties, is_primary: addressExtras.is_primary }, { additionalProperties: false });
export const AddressChanges = Type.Object(
  {
    line1: Type.Optional(text(200)),
    line2: Type.Optional(nullableText(200)),
    city: Type.Optional(text(100)),
    region: Type.Optional(nullableText(100)),
    postal_code: Type.Optional(nullableText(20)),
    country: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 2 }))),
    ...addressExtras,
  },
  { additionalProperties: false, minProperties: 1 },
);

const clientFields = {
  email: Type.Optional(nullableText(254)),
  phone: Type.Optional(nullableText(32)),
  notes: Type.Optional(nullableText(5000)),
};

export const CreateClientBody = Type.Object(
  { name: text(200), ...clientFields, addresses: Type.Optional(Type.Array(AddressInput, { maxItems: 20 })) },
  { additionalProperties: false },
);
export const UpdateClientBody = Type.Object({ name: Type.Optional(text(200)), ...clientFields }, { additionalProperties: false, minProperties: 1 });
export const ListClientsQuery = Type.Object(ListQueryFields, { additionalProperties: false });
export const AddressParams = Type.Object({ id: Uuid, addressId: Uuid }, { additionalProperties: false });

/** The service address form (as a lead's) as one stored row of the client's list. */
export const AddressView = wireSchema(ClientAddressView);

export const ClientView = wireSchema(CoreClientView);
