import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { clientJson, pageJson } from '../../presenters/presenters.js';
import { IdParams, Page } from '../../schemas/common.schemas.js';
import { AddressChanges, AddressInput, AddressParams, ClientView, CreateClientBody, ListClientsQuery, UpdateClientBody } from '../../schemas/client.schemas.js';
import { piiPolicy } from '../../presenters/pii-masking.js';
import { commonErrors, listInput } from '../route-helpers.js';

const tags = ['Clients'] as const;

export function clientRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/v1/admin/clients',
      operationId: 'listClients',
      summary: 'List clients with their addresses, newest first',
      tags,
      audience: 'staff',
      permission: 'clients.view',
      query: ListClientsQuery,
      inputIn: 'query',
      responses: { 200: { description: 'A page of clients', schema: Page(ClientView) }, ...commonErrors },
      async handler({ runtime, ctx, query }) {
        const page = await runtime.core.clients.list.execute(ctx, listInput(query));
        return { status: 200, body: pageJson(page, (x) => clientJson(x, piiPolicy(ctx))) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/clients',
      operationId: 'createClient',
      summary: 'Create a client with its addresses',
      tags,
      audience: 'staff',
      permission: 'clients.manage',
      body: CreateClientBody,
      responses: { 201: { description: 'The new client', schema: ClientView }, ...commonErrors },
      async handler({ runtime, ctx, body }) {
        const client = await runtime.core.clients.create.execute(ctx, body as never);
        return { status: 201, body: clientJson(client), headers: { Location: `/v1/admin/clients/${client.id}` } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/admin/clients/:id',
      operationId: 'getClient',
      summary: 'Get one client with its addresses',
      tags,
      audience: 'staff',
      permission: 'clients.view',
      params: IdParams,
      responses: { 200: { description: 'The client', schema: ClientView }, ...commonErrors },
      async handler({ runtime, ctx, params }) {
        return { status: 200, body: clientJson(await runtime.core.clients.get.execute(ctx, { id: params.id }), piiPolicy(ctx)) };
      },
    }),
    defineRoute({
      method: 'PATCH',
      path: '/v1/admin/clients/:id',
      operationId: 'updateClient',
      summary: 'Change a client’s own fields',
      tags,
      audience: 'staff',
      permission: 'clients.manage',
      params: IdParams,
      body: UpdateClientBody,
      responses: { 200: { description: 'The updated client', schema: ClientView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        return { status: 200, body: clientJson(await runtime.core.clients.update.execute(ctx, { ...body, id: params.id })) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/clients/:id/addresses',
      operationId: 'addClientAddress',
      summary: 'Add an address to a client',
      tags,
      audience: 'staff',
      permission: 'clients.manage',
      params: IdParams,
      body: AddressInput,
      responses: { 201: { description: 'The client with the new address', schema: ClientView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        return { status: 201, body: clientJson(await runtime.core.clients.addAddress.execute(ctx, { clientId: params.id, address: body })) };
      },
    }),
    defineRoute({
      method: 'PATCH',
      path: '/v1/admin/clients/:id/addresses/:addressId',
      operationId: 'updateClientAddress',
      summary: 'Change an address (is_primary: true makes it the primary one)',
      tags,
      audience: 'staff',
      permission: 'clients.manage',
      params: AddressParams,
      body: AddressChanges,
      responses: { 200: { description: 'The client with the changed address', schema: ClientView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        const client = await runtime.core.clients.updateAddress.execute(ctx, { clientId: params.id, addressId: params.addressId, changes: body });
        return { status: 200, body: clientJson(client) };
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/v1/admin/clients/:id/addresses/:addressId',
      operationId: 'removeClientAddress',
      summary: 'Remove an address (the oldest remaining one becomes primary)',
      tags,
      audience: 'staff',
      permission: 'clients.manage',
      params: AddressParams,
      responses: { 200: { description: 'The client without the address', schema: ClientView }, ...commonErrors },
      async handler({ runtime, ctx, params }) {
        return { status: 200, body: clientJson(await runtime.core.clients.removeAddress.execute(ctx, { clientId: params.id, addressId: params.addressId })) };
      },
    }),
  ];
}
