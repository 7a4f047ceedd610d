/** A client as use cases answer it (JSON). */
import { Type } from '@sinclair/typebox';
import { InstantView, Nullable } from '../../contracts/schema-vocabulary.js';
import { ServiceAddressView } from '../shared/address.js';

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
    addresses: Type.Array(ClientAddressView),
  },
  { additionalProperties: false, $id: 'Client' },
);
