import { GetPublicInvoice } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { publicInvoiceJson } from '../../presenters/invoice-presenters.js';
import { NO_STORE } from '../route-helpers.js';

export function publicInvoiceRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'GET',
      path: '/v1/public/invoices/:token',
      operationId: 'getPublicInvoice',
      summary: 'The invoice a mailed link shows, without sign-in',
      description:
        'No authentication: the token from the invoice_sent mail is the credential. Shows the number, the org’s name, the lines, the stored figures, what is paid and outstanding, the status and the due date — never the client’s email or phone. A malformed, tampered, unknown or revoked token, a void invoice and an unknown org all answer the same 404 invoice.link_invalid. At most 30 invalid links per client address an hour (429).',
      tags: ['Public'],
      audience: 'public',
      permission: null,
      contract: GetPublicInvoice.contract,
      responses: { 200: { description: 'The invoice', schema: 'output', headers: ['Cache-Control'] }, 404: { description: 'invoice.link_invalid' } },
      async handler({ runtime, input, requestId, now, clientIp }) {
        const invoice = await runtime.core.invoices.getPublic.execute({ requestId, now, clientIp }, input);
        // The page carries a credential in its URL and money figures that change: never cached.
        return { status: 200, body: publicInvoiceJson(invoice), headers: NO_STORE };
      },
    }),
  ];
}
