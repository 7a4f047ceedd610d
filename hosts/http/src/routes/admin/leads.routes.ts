import { ArchiveLead, ConvertLead, CreateLead, GetLead, ListLeads, UpdateLead } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { leadJson, clientJson, pageJson } from '../../presenters/presenters.js';
import { piiPolicy } from '../../presenters/pii-masking.js';

const tags = ['Leads'] as const;

export function leadRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/leads',
      operationId: 'listLeads',
      summary: 'List leads, newest first',
      description:
        'Filters: status (repeatable), created_from (inclusive), created_to (exclusive), q (at least 3 characters: name, email or phone digits; names only for viewers), archived. Cursor pagination.',
      tags,
      audience: 'staff',
      permission: 'leads.view',
      contract: ListLeads.contract,
      responses: { 200: { description: 'A page of leads', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const page = await runtime.core.leads.list.execute(ctx, input);
        const view = piiPolicy(ctx);
        return { status: 200, body: pageJson(page, (x) => leadJson(x, view)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/leads',
      operationId: 'createLead',
      summary: 'Record a lead',
      description: 'A lead needs a name and at least one of email and phone. Status is `new` unless given.',
      tags,
      audience: 'staff',
      permission: 'leads.manage',
      contract: CreateLead.contract,
      responses: { 201: { description: 'The new lead', schema: 'output', headers: ['Location'] } },
      async handler({ runtime, ctx, input }) {
        const lead = await runtime.core.leads.create.execute(ctx, input);
        return { status: 201, body: leadJson(lead), headers: { Location: `/v1/admin/leads/${lead.id}` } };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/leads/:id',
      operationId: 'getLead',
      summary: 'Get one lead',
      description: 'Another org’s lead answers 404 like a missing one. Viewers see email, phone and free text masked.',
      tags,
      audience: 'staff',
      permission: 'leads.view',
      contract: GetLead.contract,
      responses: { 200: { description: 'The lead', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: leadJson(await runtime.core.leads.get.execute(ctx, input), piiPolicy(ctx)) };
      },
    }),
    defineContractRoute({
      method: 'PATCH',
      path: '/v1/admin/leads/:id',
      operationId: 'updateLead',
      summary: 'Change fields of a lead (null clears a field)',
      description: 'Absent fields keep their value. The lead must stay reachable (an email or a phone). Archived and converted leads are frozen (409).',
      tags,
      audience: 'staff',
      permission: 'leads.manage',
      contract: UpdateLead.contract,
      responses: { 200: { description: 'The updated lead', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: leadJson(await runtime.core.leads.update.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/leads/:id/archive',
      operationId: 'archiveLead',
      summary: 'Archive a lead (idempotent)',
      description: 'Hidden from default lists and frozen against edits. Archiving an archived lead answers it unchanged. The body is optional.',
      tags,
      audience: 'staff',
      permission: 'leads.manage',
      contract: ArchiveLead.contract,
      responses: { 200: { description: 'The archived lead', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: leadJson(await runtime.core.leads.archive.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/leads/:id/convert',
      operationId: 'convertLead',
      summary: 'Convert a lead into a client (or link it to an existing client)',
      description: '201 when a client was created, 200 when the lead was linked to client_id. A converted lead answers 409 lead.already_converted naming its client. The body is optional.',
      tags,
      audience: 'staff',
      permission: 'leads.manage',
      contract: ConvertLead.contract,
      responses: {
        200: { description: 'Linked to an existing client', schema: 'output', headers: ['Location'] },
        201: { description: 'Converted into a new client', schema: 'output', headers: ['Location'] },
      },
      async handler({ runtime, ctx, input }) {
        const result = await runtime.core.leads.convert.execute(ctx, input);
        return {
          status: result.clientCreated ? 201 : 200,
          body: { lead: leadJson(result.lead), client: clientJson(result.client), client_created: result.clientCreated },
          headers: { Location: `/v1/admin/clients/${result.client.id}` },
        };
      },
    }),
  ];
}
