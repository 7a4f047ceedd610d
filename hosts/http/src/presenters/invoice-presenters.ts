/**
 * Invoices as the API shows them (snake_case, guide 000's snapshot names). Amounts are visible
 * to every staff role; a VIEWER sees the client's email masked and the notes and void reason
 * withheld, by the core's personal-data policy.
 */
import { creditCents, milliToQuantity, outstandingCents, type InvoiceDetails, type PublicInvoice } from '@cws/core';
import { FULL_VIEW, showEmail, showFreeText, type PresentOptions } from './pii-masking.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function invoiceJson({ invoice: i, client }: InvoiceDetails, view: PresentOptions = FULL_VIEW) {
  return {
    id: i.id,
    org_id: i.orgId,
    number: i.number,
    status: i.status,
    currency: i.currency,
    issue_date: i.issueDate,
    due_date: i.dueDate,
    payment_terms_days: i.paymentTermsDays,
    client: { id: client.id, name: client.name, email: showEmail(view, client.email) },
    booking_ids: [...i.bookingIds],
    notes: showFreeText(view, i.notes),
    lines: i.lines.map((l) => ({
      id: l.id,
      position: l.position,
      description: l.description,
      quantity: milliToQuantity(l.quantityMilli),
      unit_price_cents: l.unitPriceCents,
      tax_rate_basis: l.taxRateBasis,
      line_total_cents: l.lineTotalCents,
      line_tax_cents: l.lineTaxCents,
      booking_id: l.bookingId,
    })),
    subtotal_cents: i.subtotalCents,
    taxable_subtotal_cents: i.taxableSubtotalCents,
    tax_cents: i.taxCents,
    tax_rate_basis: i.taxRateBasis,
    total_cents: i.totalCents,
    paid_cents: i.paidCents,
    outstanding_cents: outstandingCents(i),
    credit_cents: creditCents(i),
    sent_at: iso(i.sentAt),
    paid_at: iso(i.paidAt),
    voided_at: iso(i.voidedAt),
    void_reason: showFreeText(view, i.voidReason),
    created_at: i.createdAt.toISOString(),
    updated_at: i.updatedAt.toISOString(),
  };
}

export function publicInvoiceJson(p: PublicInvoice) {
  return {
    number: p.number,
    org_name: p.orgName,
    status: p.status,
    currency: p.currency,
    issue_date: p.issueDate,
    due_date: p.dueDate,
    lines: p.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unit_price_cents: l.unitPriceCents,
      tax_rate_basis: l.taxRateBasis,
      line_total_cents: l.lineTotalCents,
      line_tax_cents: l.lineTaxCents,
    })),
    subtotal_cents: p.subtotalCents,
    taxable_subtotal_cents: p.taxableSubtotalCents,
    tax_cents: p.taxCents,
    tax_rate_basis: p.taxRateBasis,
    total_cents: p.totalCents,
    paid_cents: p.paidCents,
    outstanding_cents: p.outstandingCents,
    credit_cents: p.creditCents,
  };
}
