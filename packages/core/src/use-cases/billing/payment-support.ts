/**
 * What the payment use cases share: the invoice states money may be taken on, a received-at
 * check, the balance view, the receipt mail, and where a payer returns after a checkout.
 */
import type { RequestContext } from '../../context.js';
import { creditCents, outstandingCents, type Invoice, type InvoicePayment, type InvoiceStatus } from '../../domain/billing/invoice.js';
import { RECEIVED_AT_SKEW_MS } from '../../domain/billing/payment-schemas.js';
import { AppError } from '../../errors/app-error.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { enqueueMessage } from '../outbox/enqueue-message.js';
import type { BillingDeps } from './billing-support.js';

/** Issued invoices: money can arrive on them (on a PAID one it becomes the client's credit). */
export const PAYABLE_STATUSES: readonly InvoiceStatus[] = ['SENT', 'PARTIAL', 'OVERDUE', 'PAID'];

/** @throws invoice.invalid_transition — a draft or void invoice takes no money. */
export function assertPayable(invoice: Invoice): void {
  if (!PAYABLE_STATUSES.includes(invoice.status)) {
    throw new AppError('invoice.invalid_transition', `A ${invoice.status} invoice cannot take a payment; issue it first (a void one never can)`, {
      details: { invoice_id: invoice.id, status: invoice.status },
    });
  }
}

/** @throws validation.failed — more than a minute ahead of the request's clock. */
export function assertReceivedAt(receivedAt: Date, now: Date, pointer = '/receivedAt'): void {
  if (receivedAt.getTime() > now.getTime() + RECEIVED_AT_SKEW_MS) throw AppError.validation([{ pointer, detail: 'must not be in the future' }]);
}

export function balanceView(invoice: Invoice) {
  return {
    invoiceId: invoice.id,
    status: invoice.status,
    currency: invoice.currency,
    totalCents: invoice.totalCents,
    paidCents: invoice.paidCents,
    outstandingCents: outstandingCents(invoice),
    creditCents: creditCents(invoice),
  };
}

/** A snapshot of a payment's money for audit before/after. */
export function paymentBooks(p: InvoicePayment) {
  return { status: p.status, amount_cents: p.amountCents, refunded_cents: p.refundedCents, currency: p.currency };
}

/**
 * The client's receipt, in the payment's unit: once per payment (`invoice:{id}:receipt:{payment_id}`).
 * Amounts are the invoice's after the payment; the tip is shown apart.
 */
export async function enqueueReceipt(deps: Pick<BillingDeps, 'messaging' | 'ids'>, repos: TenantRepositories, ctx: RequestContext, invoice: Invoice, payment: InvoicePayment, tipCents: number): Promise<void> {
  const [client] = await repos.clients.findContacts([invoice.clientId]);
  if (client === undefined) return;
  await enqueueMessage(deps, repos, ctx, {
    channel: 'email',
    dedupeKey: `invoice:${invoice.id}:receipt:${payment.id}`,
    template: 'payment_receipt',
    to: client.email,
    toName: client.name,
    data: {
      invoiceId: invoice.id,
      invoiceNumber: invoice.number ?? '',
      recipientName: client.name,
      totalCents: invoice.totalCents,
      outstandingCents: outstandingCents(invoice),
      currency: invoice.currency,
      dueDate: invoice.dueDate,
      paidCents: payment.amountCents,
      tipCents,
    },
  });
}

/**
 * Where the processor sends the payer back: the configured URLs, else `fallback` (a route) under
 * PUBLIC_BASE_URL.
 * @throws payment.not_configured — neither is set (the processor needs absolute URLs).
 */
export function returnUrls(options: BillingDeps['options'], fallback: string): { readonly successUrl: string; readonly cancelUrl: string } {
  const base = options.publicBaseUrl === null ? null : options.publicBaseUrl.replace(/\/+$/, '');
  const at = (outcome: 'success' | 'cancel') => (base === null ? null : `${base}${fallback}${fallback.includes('?') ? '&' : '?'}checkout=${outcome}`);
  const successUrl = options.checkoutSuccessUrl ?? at('success');
  const cancelUrl = options.checkoutCancelUrl ?? at('cancel');
  if (successUrl === null || cancelUrl === null) {
    throw new AppError('payment.not_configured', 'No STRIPE_SUCCESS_URL / STRIPE_CANCEL_URL or PUBLIC_BASE_URL to send the payer back to', { retryable: false });
  }
  return { successUrl, cancelUrl };
}

/** @throws payment.not_configured */
export function requireGateway(deps: Pick<BillingDeps, 'payments'>) {
  if (deps.payments === null) throw new AppError('payment.not_configured', 'No payment processor is configured (STRIPE_SECRET_KEY)', { retryable: false });
  return deps.payments;
}
