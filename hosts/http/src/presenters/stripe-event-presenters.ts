/** Stored Stripe events → JSON: the metadata captured while processing, never a payload. */
import type { StripeEventPage, StripeEventRecord } from '@cws/core';

export function stripeEventJson(e: StripeEventRecord) {
  return {
    event_id: e.eventId,
    type: e.type,
    created_at: e.createdAt.toISOString(),
    org_id: e.orgId,
    invoice_id: e.invoiceId,
    booking_id: e.bookingId,
    processed_status: e.processedStatus,
    last_error: e.lastError,
  };
}

export function stripeEventPageJson(page: StripeEventPage) {
  return { items: page.items.map(stripeEventJson), total: page.total, limit: page.limit, offset: page.offset };
}
