/**
 * Payments (issue 11): manual payments with tips, refunds, an invoice's payments, a client's
 * credit, card checkout sessions, and deposits on bookings. Finance, admin and owner write
 * (invoices.manage); every staff role reads (invoices.view). Amounts are integer minor units of
 * the invoice's (or booking's) currency.
 */
import { CreateDepositCheckout, CreateInvoiceCheckout, GetClientCredit, ListInvoicePayments, RecordManualDeposit, RecordManualPayment, RefundPayment } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { checkoutJson, clientCreditJson, invoiceBalanceJson, paymentJson } from '../../presenters/payment-presenters.js';

const tags = ['Payments'] as const;

const PROCESSOR_ERRORS = {
  409: { description: 'payment.declined (the processor refused), invoice.invalid_transition, invoice.nothing_outstanding' },
  503: { description: 'payment.not_configured (no processor, or no URL to send the payer back to) or payment.unavailable (retry later)' },
};

export function paymentRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/invoices/:invoiceId/payments',
      operationId: 'recordInvoicePayment',
      summary: 'Record a manual payment (cash, cheque, bank transfer, other), with an optional tip (send Idempotency-Key to make retries safe)',
      description:
        'On an issued invoice (SENT, PARTIAL, OVERDUE or PAID); a DRAFT or VOID one answers 409 invoice.invalid_transition. The invoice’s paid amount and status are recomputed from its payments in the same transaction: PARTIAL, then PAID once they cover the total. Paying more than is outstanding (or paying a PAID invoice) is kept as the client’s credit (credit_cents; GET /v1/admin/clients/{client_id}/credit). tip_cents is recorded as a separate payment with purpose tip and never counts toward the balance. received_at defaults to now and may not be more than a minute ahead. With an Idempotency-Key (1-255 visible ASCII characters, kept 48 hours) a retry with the same body returns the first payment with Idempotent-Replayed: true; the same key with another body is 422 idempotency.key_reused. The client is mailed a receipt.',
      tags,
      audience: 'staff',
      permission: 'invoices.manage',
      contract: RecordManualPayment.contract,
      headerFields: { idempotencyKey: 'Idempotency-Key' },
      responses: {
        201: { description: 'The payment, its tip, and the invoice’s balance after it (also for a replay)', schema: 'output', headers: ['Idempotent-Replayed'] },
        409: { description: 'invoice.invalid_transition: the invoice is a draft or void' },
      },
      async handler({ runtime, ctx, input }) {
        const { payment, tip, invoice, replayed } = await runtime.core.payments.recordManual.execute(ctx, input);
        return {
          status: 201,
          body: { payment: paymentJson(payment), tip: tip === null ? null : paymentJson(tip), invoice: invoiceBalanceJson(invoice) },
          headers: replayed ? { 'Idempotent-Replayed': 'true' } : ({} as Record<string, string>),
        };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/invoices/:invoiceId/payments',
      operationId: 'listInvoicePayments',
      summary: 'An invoice’s payments (balance, tips, applied deposits; any status), oldest first',
      description: 'The whole list in one answer (next_cursor is always null). Another org’s invoice answers 404 like a missing one. No processor data is shown.',
      tags,
      audience: 'staff',
      permission: 'invoices.view',
      contract: ListInvoicePayments.contract,
      responses: { 200: { description: 'The payments', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const { items } = await runtime.core.payments.listForInvoice.execute(ctx, input);
        return { status: 200, body: { items: items.map(paymentJson), next_cursor: null } };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/payments/:paymentId/refund',
      operationId: 'refundPayment',
      summary: 'Refund part or all of a payment (default: all that is still refundable)',
      description:
        'amount_cents must not exceed what is still refundable (409 payment.not_refundable; also for a failed, pending or fully refunded payment, and for the loser of two refunds racing for the same money). A manual payment’s refund is recorded; a card payment is refunded at the processor first and recorded only once it confirms: a refusal (409 payment.declined) records nothing; a timeout or outage (503 payment.unavailable) leaves the amount in refund_pending_cents (still counted as paid, not refundable again) and the same refund, with amount_cents equal to that pending amount, is safe to retry: the processor answers the same refund and it is applied once (its charge.refunded webhook also settles it). While a refund is pending, a refund of another amount is 409 payment.not_refundable. A partial refund keeps the payment succeeded; once refunds reach its amount it is refunded. The invoice’s paid amount and status follow (a PAID invoice reopens as PARTIAL, SENT or OVERDUE).',
      tags,
      audience: 'staff',
      permission: 'invoices.manage',
      contract: RefundPayment.contract,
      bodyRequired: false,
      responses: {
        200: { description: 'The payment after the refund and its invoice’s balance', schema: 'output' },
        409: { description: 'payment.not_refundable, or payment.declined by the processor' },
        503: { description: 'payment.not_configured, or payment.unavailable: the refund is pending, retry the same amount' },
      },
      async handler({ runtime, ctx, input }) {
        const { payment, invoice } = await runtime.core.payments.refund.execute(ctx, input);
        return { status: 200, body: { payment: paymentJson(payment), invoice: invoice === null ? null : invoiceBalanceJson(invoice) } };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/invoices/:invoiceId/checkout',
      operationId: 'createInvoiceCheckout',
      summary: 'Open a card checkout for what is outstanding on an issued invoice',
      description:
        'Answers the processor’s checkout_url to send the payer to. Nothing changes on the invoice until the processor reports the payment (webhook). A retry for the same outstanding amount returns the same session. The payer returns to STRIPE_SUCCESS_URL / STRIPE_CANCEL_URL, else to the invoice under PUBLIC_BASE_URL.',
      tags,
      audience: 'staff',
      permission: 'invoices.manage',
      contract: CreateInvoiceCheckout.contract,
      bodyRequired: false,
      responses: { 201: { description: 'The checkout session', schema: 'output' }, ...PROCESSOR_ERRORS },
      async handler({ runtime, ctx, input }) {
        return { status: 201, body: checkoutJson(await runtime.core.payments.createInvoiceCheckout.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/clients/:clientId/credit',
      operationId: 'getClientCredit',
      summary: 'A client’s credit: what was paid beyond their invoices’ totals, per currency',
      description: 'Overpayments are never lost: each invoice paid beyond its total holds the difference as credit. Empty credits when there is none. Another org’s client answers 404.',
      tags,
      audience: 'staff',
      permission: 'invoices.view',
      contract: GetClientCredit.contract,
      responses: { 200: { description: 'The credit', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: clientCreditJson(await runtime.core.payments.clientCredit.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/bookings/:bookingId/deposit',
      operationId: 'recordBookingDeposit',
      summary: 'Record a deposit taken by hand on a booking (DEPOSITS_ENABLED)',
      description:
        'On a pending or confirmed booking before it starts (409 booking.not_plannable otherwise). amount_cents defaults to what the service’s deposit rule still asks of the booking’s price (409 deposit.not_applicable when it asks none). The deposit is on no invoice yet; creating the booking’s invoice applies it. 409 deposit.disabled while DEPOSITS_ENABLED is off.',
      tags,
      audience: 'staff',
      permission: 'invoices.manage',
      contract: RecordManualDeposit.contract,
      responses: {
        201: { description: 'The deposit', schema: 'output' },
        409: { description: 'deposit.disabled, deposit.not_applicable or booking.not_plannable' },
      },
      async handler({ runtime, ctx, input }) {
        return { status: 201, body: paymentJson(await runtime.core.payments.recordManualDeposit.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/bookings/:bookingId/deposit/checkout',
      operationId: 'createDepositCheckout',
      summary: 'Open a card checkout for a booking’s deposit (DEPOSITS_ENABLED)',
      description:
        'The amount is the service’s rule (a percent of the booking’s price, half up, or a fixed amount capped at it) less deposits already taken. Nothing changes until the processor reports the payment. 409 deposit.disabled, deposit.not_applicable or booking.not_plannable.',
      tags,
      audience: 'staff',
      permission: 'invoices.manage',
      contract: CreateDepositCheckout.contract,
      bodyRequired: false,
      responses: {
        201: { description: 'The checkout session', schema: 'output' },
        409: { description: 'deposit.disabled, deposit.not_applicable, booking.not_plannable or payment.declined' },
        503: PROCESSOR_ERRORS[503],
      },
      async handler({ runtime, ctx, input }) {
        return { status: 201, body: checkoutJson(await runtime.core.payments.createDepositCheckout.execute(ctx, input)) };
      },
    }),
  ];
}
