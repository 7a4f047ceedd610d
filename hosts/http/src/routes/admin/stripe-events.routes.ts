/** The Stripe events view (guide 000 "Stripe events view (read-only)"). */
import { GetStripeEvents } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { stripeEventPageJson } from '../../presenters/stripe-event-presenters.js';

export function stripeEventRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/finance/reconcile/stripe-events',
      operationId: 'listStripeEvents',
      summary: "The org's Stripe webhook events, newest first (metadata only)",
      description:
        "Finance roles (owner, admin, finance). The Stripe events stored for the caller's org, newest first by event time, then arrival. Filter by invoice_id, booking_id and status (received, processed, ignored, failed); page with limit (1–200, default 50) and offset (0–100000); total counts every match. Each item has event_id, type, created_at, org_id, invoice_id, booking_id, processed_status and last_error; raw webhook payloads are never stored, so never shown.",
      tags: ['Finance'],
      audience: 'staff',
      permission: 'finance.view',
      contract: GetStripeEvents.contract,
      responses: { 200: { description: 'A page of stored Stripe events', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: stripeEventPageJson(await runtime.core.stripe.events.execute(ctx, input)) };
      },
    }),
  ];
}
