import { SubmitPublicLead } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';

export function publicLeadRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'POST',
      path: '/v1/public/leads',
      operationId: 'submitPublicLead',
      summary: 'Intake form: ask for a quote (the org is chosen by org_slug)',
      description:
        'No authentication. The answer only acknowledges receipt: an unknown org_slug gets the same 201 (nothing is stored), so the answer does not tell which orgs exist. At most 30 submissions per client address an hour.',
      tags: ['Public'],
      audience: 'public',
      permission: null,
      contract: SubmitPublicLead.contract,
      responses: { 201: { description: 'Received', schema: 'output' } },
      async handler({ runtime, input, requestId, now, clientIp }) {
        const { lead } = await runtime.core.leads.submitPublic.execute({ requestId, now, clientIp }, input);
        return { status: 201, body: { id: lead.id, status: 'received' } };
      },
    }),
  ];
}
