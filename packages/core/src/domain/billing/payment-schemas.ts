/**
 * Payments as use cases take them and answer them: a manual payment's fields, a refund, a
 * checkout session, a client's credit. A payment shows what staff and the books need, never the
 * processor's own data (its payment id, failure text or metadata stay inside).
 */
import { Type } from '@sinclair/typebox';
import { Instant, InstantView, Int, Nullable, NullableText, OneOf } from '../../contracts/schema-vocabulary.js';
import { INVOICE_STATUSES, MANUAL_PAYMENT_METHODS, PAYMENT_METHODS, PAYMENT_PROVIDERS, PAYMENT_PURPOSES, PAYMENT_STATUSES, type InvoicePayment } from './invoice.js';

/** The largest single amount (minor units) staff may record: ten million in a two-decimal currency. */
export const MAX_PAYMENT_CENTS = 1_000_000_000;
/** A received_at may run ahead of the server clock by this much (clock skew), no more. */
export const RECEIVED_AT_SKEW_MS = 60_000;

export const PaymentAmountCents = Int(1, MAX_PAYMENT_CENTS, { description: 'Minor units of the invoice’s currency, > 0' });
export const TipCents = Int(0, MAX_PAYMENT_CENTS, { description: 'A tip for the crew, recorded apart: it never counts toward the balance' });
export const ManualPaymentMethod = OneOf(MANUAL_PAYMENT_METHODS, { description: 'How the money came' });
export const PaymentReference = NullableText(200, { description: 'The cheque number or bank reference' });
export const ReceivedAt = Instant({ description: 'When the money arrived (default now; at most a minute ahead of the server clock)' });

/** A payment as staff see it. */
export const PaymentView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    invoiceId: Nullable(Type.String({ format: 'uuid' }), { description: 'Null for a deposit not yet applied to an invoice' }),
    bookingId: Nullable(Type.String({ format: 'uuid' }), { description: 'The booking a deposit was taken for' }),
    provider: OneOf(PAYMENT_PROVIDERS),
    method: OneOf(PAYMENT_METHODS),
    purpose: OneOf(PAYMENT_PURPOSES, { description: 'balance: toward the invoice; tip: for the crew, never toward the balance; deposit: taken before the visit' }),
    status: OneOf(PAYMENT_STATUSES, { description: 'refunded once refunds reach the amount; a partial refund keeps succeeded' }),
    amountCents: Type.Integer(),
    refundedCents: Type.Integer(),
    refundPendingCents: Type.Integer({ description: 'Sent to the processor as a refund and not confirmed yet (a timeout): not refundable again, still counted as paid; retrying that refund with this amount is safe' }),
    currency: Type.String({ description: 'ISO 4217' }),
    reference: Nullable(Type.String({ description: 'The cheque number or bank reference staff typed' })),
    receivedAt: Nullable(InstantView()),
    createdAt: InstantView(),
  },
  { additionalProperties: false, $id: 'Payment' },
);

export function paymentView(p: InvoicePayment) {
  return {
    id: p.id,
    invoiceId: p.invoiceId,
    bookingId: p.bookingId,
    provider: p.provider,
    method: p.method,
    purpose: p.purpose,
    status: p.status,
    amountCents: p.amountCents,
    refundedCents: p.refundedCents,
    refundPendingCents: p.refundPendingCents,
    currency: p.currency,
    reference: p.reference,
    receivedAt: p.receivedAt,
    createdAt: p.createdAt,
  };
}

/** An invoice's money after a payment or refund: what the caller needs to show the new balance. */
export const InvoiceBalanceView = Type.Object(
  {
    invoiceId: Type.String({ format: 'uuid' }),
    status: OneOf(INVOICE_STATUSES),
    currency: Type.String(),
    totalCents: Type.Integer(),
    paidCents: Type.Integer({ description: 'Settled toward the balance (tips excluded)' }),
    outstandingCents: Type.Integer({ description: 'Left to pay, never negative' }),
    creditCents: Type.Integer({ description: 'Paid beyond the total: the client’s credit' }),
  },
  { additionalProperties: false, $id: 'InvoiceBalance' },
);

export const RecordedPaymentView = Type.Object(
  {
    payment: PaymentView,
    tip: Nullable(PaymentView, { description: 'The tip recorded with it, when tip_cents > 0' }),
    invoice: InvoiceBalanceView,
  },
  { additionalProperties: false, $id: 'RecordedPayment' },
);

export const RefundedPaymentView = Type.Object(
  { payment: PaymentView, invoice: Nullable(InvoiceBalanceView, { description: 'Null for a deposit not applied to an invoice' }) },
  { additionalProperties: false, $id: 'RefundedPayment' },
);

export const PaymentListView = Type.Object(
  { items: Type.Array(PaymentView, { description: 'Oldest first' }), nextCursor: Type.Null({ description: 'Always null: the whole list is one page' }) },
  { additionalProperties: false, $id: 'PaymentList' },
);

export const CheckoutSessionView = Type.Object(
  {
    checkoutUrl: Type.String({ description: 'Where the payer is sent' }),
    sessionId: Type.String(),
    amountCents: Type.Integer({ description: 'What the session collects' }),
    currency: Type.String(),
  },
  { additionalProperties: false, $id: 'CheckoutSession' },
);

export const ClientCreditView = Type.Object(
  {
    clientId: Type.String({ format: 'uuid' }),
    credits: Type.Array(
      Type.Object(
        {
          currency: Type.String(),
          creditCents: Type.Integer({ description: 'Σ of what was paid beyond each invoice’s total' }),
          invoices: Type.Array(Type.Object({ invoiceId: Type.String({ format: 'uuid' }), number: Nullable(Type.String()), creditCents: Type.Integer() }, { additionalProperties: false })),
        },
        { additionalProperties: false },
      ),
      { description: 'One entry per currency with credit; empty when the client has none' },
    ),
  },
  { additionalProperties: false, $id: 'ClientCredit' },
);
