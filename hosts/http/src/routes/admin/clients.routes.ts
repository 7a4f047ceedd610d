import { AddClientAddress, CreateClient, GetClient, ListClients, RemoveClientAddress, UpdateClient, UpdateClientAddress } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { clientJson, pageJson } from '../../presenters/presenters.js';
import { piiPolicy } from '../../presenters/pii-masking.js';

const tags = ['Clients'] as const;

export function clientRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/clients',
      operationId: 'listClients',
      summary: 'List clients with their addresses, newest first',
      description:
        'Filters: created_from (inclusive), created_to (exclusive), q (at least 3 characters: name, email or phone digits; names only for viewers), archived (default exclude). Cursor pagination. Viewers see email, phone, street lines and free text masked.',
      tags,
      audience: 'staff',
      permission: 'clients.view',
      contract: ListClients.contract,
      responses: { 200: { description: 'A page of clients', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const page = await runtime.core.clients.list.execute(ctx, input);
        const view = piiPolicy(ctx);
        return { status: 200, body: pageJson(page, (x) => clientJson(x, view)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/clients',
      operationId: 'createClient',
      summary: 'Create a client with its addresses',
      description:
        'A client needs a name; email, phone, notes and addresses are optional. At most 20 addresses and at most one marked is_primary; when none is, the first is primary. The answer lists the primary address first.',
      tags,
      audience: 'staff',
      permission: 'clients.manage',
      contract: CreateClient.contract,
      responses: { 201: { description: 'The new client', schema: 'output', headers: ['Location'] } },
      async handler({ runtime, ctx, input }) {
        const client = await runtime.core.clients.create.execute(ctx, input);
        return { status: 201, body: clientJson(client), headers: { Location: `/v1/admin/clients/${client.id}` } };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/clients/:id',
      operationId: 'getClient',
      summary: 'Get one client with its addresses',
      description: 'Another org’s client answers 404 like a missing one. Viewers see email, phone, street lines and free text masked.',
      tags,
      audience: 'staff',
      permission: 'clients.view',
      contract: GetClient.contract,
      responses: { 200: { description: 'The client', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: clientJson(await runtime.core.clients.get.execute(ctx, input), piiPolicy(ctx)) };
      },
    }),
    defineContractRoute({
      method: 'PATCH',
      path: '/v1/admin/clients/:id',
      operationId: 'updateClient',
      summary: 'Change a client’s own fields (null clears a field)',
      description: 'Absent fields keep their value; addresses have their own routes. Archived clients are frozen (409 client.archived).',
      tags,
      audience: 'staff',
      permission: 'clients.manage',
      contract: UpdateClient.contract,
      responses: { 200: { description: 'The updated client', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: clientJson(await runtime.core.clients.update.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/clients/:id/addresses',
      operationId: 'addClientAddress',
      summary: 'Add an address to a client',
      description:
        'The client’s first address is primary whatever it says; a later one becomes primary with is_primary: true (the old primary is unmarked). 422 when the client already has 20 addresses; 409 client.archived for an archived client.',
      tags,
      audience: 'staff',
      permission: 'clients.manage',
      contract: AddClientAddress.contract,
      responses: { 201: { description: 'The client with the new address', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 201, body: clientJson(await runtime.core.clients.addAddress.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'PATCH',
      path: '/v1/admin/clients/:id/addresses/:addressId',
      operationId: 'updateClientAddress',
      summary: 'Change an address (is_primary: true makes it the primary one)',
      description:
        'Absent fields keep their value, null clears an optional one. The primary address cannot be unmarked (422): mark another one primary instead. 404 client.address_not_found for an address of another client.',
      tags,
      audience: 'staff',
      permission: 'clients.manage',
      contract: UpdateClientAddress.contract,
      responses: { 200: { description: 'The client with the changed address', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: clientJson(await runtime.core.clients.updateAddress.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'DELETE',
      path: '/v1/admin/clients/:id/addresses/:addressId',
      operationId: 'removeClientAddress',
      summary: 'Remove an address (the oldest remaining one becomes primary)',
      description: '409 client.address_in_use while a booking still points at the address.',
      tags,
      audience: 'staff',
      permission: 'clients.manage',
      contract: RemoveClientAddress.contract,
      responses: { 200: { description: 'The client without the address', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: clientJson(await runtime.core.clients.removeAddress.execute(ctx, input)) };
      },
    }),
  ];
}
