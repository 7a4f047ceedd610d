import { CreatePublicInvoiceCheckout } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { checkoutJson } from '../../presenters/payment-presenters.js';
import { NO_STORE } from '../route-helpers.js';

/** The public invoice page's pay button: the link's token is the only credential. */
export function publicInvoiceCheckoutRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'POST',
      path: '/v1/public/invoices/:token/checkout',
      operationId: 'createPublicInvoiceCheckout',
      summary: 'Pay an invoice from its public link: open a card checkout for what is outstanding',
      description:
        'No sign-in: the token of the public invoice link is checked exactly as the invoice page checks it; a malformed, unknown, revoked or void-invoice token answers 404 invoice.link_invalid whatever was wrong, and spends the same per-address budget of invalid links as the page (429 after 30 an hour). Answers the processor’s checkout_url; nothing changes until the processor reports the payment.',
      tags: ['Public'],
      audience: 'public',
      permission: null,
      contract: CreatePublicInvoiceCheckout.contract,
      bodyRequired: false,
      responses: {
        201: { description: 'The checkout session', schema: 'output', headers: ['Cache-Control'] },
        404: { description: 'invoice.link_invalid' },
        429: { description: 'Too many invalid invoice links from this address (Retry-After)' },
        409: { description: 'invoice.nothing_outstanding, or payment.declined by the processor' },
        503: { description: 'payment.not_configured or payment.unavailable (retry later)' },
      },
      async handler({ runtime, input, requestId, now, clientIp }) {
        return { status: 201, body: checkoutJson(await runtime.core.payments.createPublicInvoiceCheckout.execute({ requestId, now, clientIp }, input)), headers: NO_STORE };
      },
    }),
  ];
}
