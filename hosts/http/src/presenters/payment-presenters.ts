/** Payments, balances, checkouts and credit as the API shows them (snake_case; never the processor's own data). */
import { balanceView, type CheckoutStarted, type ClientCredit, type Invoice, type InvoicePayment } from '@cws/core';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function paymentJson(p: InvoicePayment) {
  return {
    id: p.id,
    invoice_id: p.invoiceId,
    booking_id: p.bookingId,
    provider: p.provider,
    method: p.method,
    purpose: p.purpose,
    status: p.status,
    amount_cents: p.amountCents,
    refunded_cents: p.refundedCents,
    refund_pending_cents: p.refundPendingCents,
    currency: p.currency,
    reference: p.reference,
    received_at: iso(p.receivedAt),
    created_at: p.createdAt.toISOString(),
  };
}

export function invoiceBalanceJson(invoice: Invoice) {
  const b = balanceView(invoice);
  return {
    invoice_id: b.invoiceId,
    status: b.status,
    currency: b.currency,
    total_cents: b.totalCents,
    paid_cents: b.paidCents,
    outstanding_cents: b.outstandingCents,
    credit_cents: b.creditCents,
  };
}

export function checkoutJson(c: CheckoutStarted) {
  return { checkout_url: c.checkoutUrl, session_id: c.sessionId, amount_cents: c.amountCents, currency: c.currency };
}

export function clientCreditJson(c: ClientCredit) {
  return {
    client_id: c.clientId,
    credits: c.credits.map((k) => ({
      currency: k.currency,
      credit_cents: k.creditCents,
      invoices: k.invoices.map((i) => ({ invoice_id: i.invoiceId, number: i.number, credit_cents: i.creditCents })),
    })),
  };
}
