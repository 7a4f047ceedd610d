import { Type } from '@sinclair/typebox';
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { Uuid } from '../../schemas/common.schemas.js';
import { PublicLeadBody } from '../../schemas/lead.schemas.js';
import { publicErrors } from '../route-helpers.js';

export function publicLeadRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/v1/public/leads',
      operationId: 'submitPublicLead',
      summary: 'Intake form: ask for a quote (the org is chosen by org_slug)',
      description:
        'No authentication. The answer only acknowledges receipt: an unknown org_slug gets the same 201 (nothing is stored), so the answer does not tell which orgs exist. At most 30 submissions per client address an hour.',
      tags: ['Public'],
      audience: 'public',
      permission: null,
      body: PublicLeadBody,
      responses: {
        201: { description: 'Received', schema: Type.Object({ id: Uuid, status: Type.Literal('received') }) },
        ...publicErrors,
      },
      async handler({ runtime, body, requestId, now, clientIp }) {
        const { lead } = await runtime.core.leads.submitPublic.execute({ requestId, now }, { ...(body as object), clientIp } as never);
        return { status: 201, body: { id: lead.id, status: 'received' } };
      },
    }),
  ];
}
