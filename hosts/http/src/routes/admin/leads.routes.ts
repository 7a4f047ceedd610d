import { Type } from '@sinclair/typebox';
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { leadJson, clientJson, pageJson } from '../../presenters/presenters.js';
import { IdParams, Page } from '../../schemas/common.schemas.js';
import { ClientView } from '../../schemas/client.schemas.js';
import { ArchiveLeadBody, ConvertLeadBody, CreateLeadBody, LeadView, ListLeadsQuery, UpdateLeadBody } from '../../schemas/lead.schemas.js';
import { piiPolicy } from '../../presenters/pii-masking.js';
import { commonErrors, listInput } from '../route-helpers.js';

const tags = ['Leads'];

export function leadRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/v1/admin/leads',
      operationId: 'listLeads',
      summary: 'List leads, newest first',
      description: 'Filters: status (repeatable), created_from (inclusive), created_to (exclusive), q (at least 3 characters: name, email or phone digits; names only for viewers), archived. Cursor pagination.',
      tags,
      audience: 'staff',
      permission: 'leads.view',
      query: ListLeadsQuery,
      inputIn: 'query',
      responses: { 200: { description: 'A page of leads', schema: Page(LeadView) }, ...commonErrors },
      async handler({ runtime, ctx, query }) {
        const page = await runtime.core.leads.list.execute(ctx, { ...listInput(query), ...(query.status ? { statuses: query.status } : {}) });
        return { status: 200, body: pageJson(page, (x) => leadJson(x, piiPolicy(ctx))) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/leads',
      operationId: 'createLead',
      summary: 'Record a lead',
      tags,
      audience: 'staff',
      permission: 'leads.manage',
      body: CreateLeadBody,
      responses: { 201: { description: 'The new lead', schema: LeadView }, ...commonErrors },
      async handler({ runtime, ctx, body }) {
        const lead = await runtime.core.leads.create.execute(ctx, body);
        return { status: 201, body: leadJson(lead), headers: { Location: `/v1/admin/leads/${lead.id}` } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/admin/leads/:id',
      operationId: 'getLead',
      summary: 'Get one lead',
      tags,
      audience: 'staff',
      permission: 'leads.view',
      params: IdParams,
      responses: { 200: { description: 'The lead', schema: LeadView }, ...commonErrors },
      async handler({ runtime, ctx, params }) {
        return { status: 200, body: leadJson(await runtime.core.leads.get.execute(ctx, { id: params.id }), piiPolicy(ctx)) };
      },
    }),
    defineRoute({
      method: 'PATCH',
      path: '/v1/admin/leads/:id',
      operationId: 'updateLead',
      summary: 'Change fields of a lead (null clears a field)',
      tags,
      audience: 'staff',
      permission: 'leads.manage',
      params: IdParams,
      body: UpdateLeadBody,
      responses: { 200: { description: 'The updated lead', schema: LeadView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        return { status: 200, body: leadJson(await runtime.core.leads.update.execute(ctx, { ...body, id: params.id })) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/leads/:id/archive',
      operationId: 'archiveLead',
      summary: 'Archive a lead (idempotent)',
      tags,
      audience: 'staff',
      permission: 'leads.manage',
      params: IdParams,
      body: ArchiveLeadBody,
      bodyRequired: false,
      responses: { 200: { description: 'The archived lead', schema: LeadView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        const reason = typeof body['reason'] === 'string' ? body['reason'] : undefined;
        return { status: 200, body: leadJson(await runtime.core.leads.archive.execute(ctx, { id: params.id, ...(reason ? { reason } : {}) })) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/leads/:id/convert',
      operationId: 'convertLead',
      summary: 'Convert a lead into a client (or link it to an existing client)',
      description: '201 when a client was created, 200 when the lead was linked to client_id. A converted lead answers 409 lead.already_converted naming its client.',
      tags,
      audience: 'staff',
      permission: 'leads.manage',
      params: IdParams,
      body: ConvertLeadBody,
      bodyRequired: false,
      responses: {
        200: { description: 'Linked to an existing client', schema: Type.Object({ lead: LeadView, client: ClientView, client_created: Type.Boolean() }) },
        201: { description: 'Converted into a new client', schema: Type.Object({ lead: LeadView, client: ClientView, client_created: Type.Boolean() }) },
        ...commonErrors,
      },
      async handler({ runtime, ctx, params, body }) {
        const clientId = typeof body['clientId'] === 'string' ? body['clientId'] : undefined;
        const result = await runtime.core.leads.convert.execute(ctx, { id: params.id, ...(clientId ? { clientId } : {}) });
        return {
          status: result.clientCreated ? 201 : 200,
          body: { lead: leadJson(result.lead), client: clientJson(result.client), client_created: result.clientCreated },
          headers: { Location: `/v1/admin/clients/${result.client.id}` },
        };
      },
    }),
  ];
}

