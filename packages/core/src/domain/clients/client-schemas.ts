/** The fields of a client and its addresses as use cases take them, and a client as they answer it (JSON). */
import { Type } from '@sinclair/typebox';
import { ClearableEmail, ClearablePhone, InstantView, Nullable, NullableText, Text } from '../../contracts/schema-vocabulary.js';
import { PostalAddressFields, ServiceAddressInput, ServiceAddressView } from '../shared/address.js';
import { MAX_ADDRESSES_PER_CLIENT } from './client.js';

export const ClientName = Text(200);

/** A client's own fields besides the name (every one optional; null or blank clears it). */
export const ClientFields = {
  email: Type.Optional(ClearableEmail()),
  phone: Type.Optional(ClearablePhone()),
  notes: Type.Optional(NullableText(5000)),
};

/** The service address form (as a lead's), and whether it is the client's primary address. */
export const ClientAddressInput = Type.Object(
  {
    ...ServiceAddressInput.properties,
    isPrimary: Type.Optional(Type.Boolean({ description: 'Make this the primary address (the others are unmarked)' })),
  },
  { additionalProperties: false, $id: 'ClientAddressInput' },
);

/** A new client's addresses: at most 20, at most one marked primary (the first is primary when none is). */
export const ClientAddressList = Type.Array(ClientAddressInput, {
  maxItems: MAX_ADDRESSES_PER_CLIENT,
  description: `At most ${MAX_ADDRESSES_PER_CLIENT}, at most one marked primary; the first is primary when none is`,
});

/** The address fields an update may change (each optional; the required ones cannot be cleared). */
export const ClientAddressChangeFields = {
  ...ClientAddressInput.properties,
  line1: Type.Optional(PostalAddressFields.line1),
  city: Type.Optional(PostalAddressFields.city),
  isPrimary: Type.Optional(Type.Boolean({ description: 'true makes this the primary address; the primary cannot be unmarked (mark another one instead)' })),
};

/** The service address form (as a lead's) as one stored row of the client's list. */
export const ClientAddressView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    ...ServiceAddressView.properties,
    isPrimary: Type.Boolean(),
    createdAt: InstantView(),
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'ClientAddress' },
);

export const ClientView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    orgId: Type.String({ format: 'uuid' }),
    name: Type.String(),
    email: Nullable(Type.String({ description: 'Masked for viewers' })),
    phone: Nullable(Type.String({ description: 'Masked for viewers' })),
    notes: Nullable(Type.String()),
    sourceLeadId: Nullable(Type.String({ format: 'uuid' })),
    archivedAt: Nullable(InstantView()),
    createdAt: InstantView(),
    updatedAt: InstantView(),
    addresses: Type.Array(ClientAddressView, { description: 'Primary first, then oldest first' }),
  },
  { additionalProperties: false, $id: 'Client' },
);
