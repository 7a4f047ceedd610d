/** Stripe's webhook endpoint (issue 11 item 5): signed events about payments, applied once each. */
import { Type } from '@sinclair/typebox';
import { AppError, MAX_WEBHOOK_BODY_BYTES, systemActor, type SystemContext } from '@cws/core';
import { ProblemSchema } from '../../schemas/common.schemas.js';
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';

const StripeEventBody = Type.Object(
  {
    id: Type.String({ description: 'evt_…' }),
    object: Type.Literal('event'),
    type: Type.String({ description: 'checkout.session.completed, payment_intent.succeeded, payment_intent.payment_failed, charge.refunded, invoice.payment_failed; other types are acknowledged and ignored' }),
    created: Type.Integer({ description: 'Unix seconds' }),
    data: Type.Object({ object: Type.Object({}, { additionalProperties: true, description: 'The Stripe object; its metadata names our org_id, invoice_id or booking_id and purpose' }) }, { additionalProperties: true }),
  },
  { additionalProperties: true, $id: 'StripeWebhookEvent', description: 'A Stripe event as Stripe sends it; verified over these exact bytes' },
);

const Received = Type.Object({ received: Type.Literal(true) }, { additionalProperties: false, $id: 'WebhookReceived' });

export function stripeWebhookRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/v1/payments/stripe/webhook',
      operationId: 'receiveStripeWebhook',
      summary: "Stripe's webhook: payments succeeded, failed and refunded",
      description:
        "Set as the endpoint of a Stripe webhook (its signing secret is STRIPE_WEBHOOK_SECRET). The Stripe-Signature header must sign the body exactly as sent, within 300 s of now: otherwise 400 payment.webhook_invalid and nothing is written. The org is the one the event's metadata names (org_id); events naming no org of ours are acknowledged and ignored. Each event is stored once by id (metadata only, never the payload) and applied once: checkout.session.completed and payment_intent.succeeded record the card payment and settle the invoice (a receipt is mailed), payment_intent.payment_failed and invoice.payment_failed record the failure and mail one dunning notice per invoice, charge.refunded raises the refunded amount (a PAID invoice reopens). Order does not matter: a late event never undoes a newer state. Answers 200 {received: true} also for duplicates and ignored types; 413 over 1 MB; 503 when no payment processor is configured, or when Stripe could not be asked for a stale event's current state (Stripe retries).",
      tags: ['Payments'],
      audience: 'public',
      permission: null,
      rawBody: { mediaType: 'application/json', limitBytes: MAX_WEBHOOK_BODY_BYTES, schema: StripeEventBody },
      responses: {
        200: { description: 'Received (applied, a duplicate, or ignored)', schema: Received },
        400: { description: 'The signature does not match the body, or its timestamp is outside the tolerance', schema: ProblemSchema, contentType: 'application/problem+json' },
        413: { description: 'The body is over 1 MB', schema: ProblemSchema, contentType: 'application/problem+json' },
        503: { description: 'No payment processor is configured, or Stripe could not be reached for a re-fetch', schema: ProblemSchema, contentType: 'application/problem+json' },
      },
      async handler({ runtime, rawBody, koa, requestId, now }) {
        const signature = koa.get('stripe-signature');
        if (signature === '') throw new AppError('payment.webhook_invalid', 'The request carries no Stripe-Signature header');
        const sys: SystemContext = { actor: systemActor('stripe-webhook'), requestId, now, reason: 'Stripe webhook: the event names its org' };
        const receipt = await runtime.core.stripe.handleWebhook.execute(sys, { rawBody: rawBody ?? new Uint8Array(), signature });
        koa.state.logFields = { org_id: receipt.orgId, stripe_event_id: receipt.eventId, stripe_event_type: receipt.type, webhook_outcome: receipt.outcome };
        return { status: 200, body: { received: true } };
      },
    }),
  ];
}
