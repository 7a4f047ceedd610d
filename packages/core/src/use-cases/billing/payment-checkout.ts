/**
 * Opening a processor checkout for an invoice's balance: shared by the staff route and the public
 * pay button. The processor is called outside any unit of work (no row lock waits on the network);
 * nothing of ours changes: the payment is recorded when the processor's webhook says it succeeded.
 */
import type { RequestContext } from '../../context.js';
import { outstandingCents, type Invoice } from '../../domain/billing/invoice.js';
import { AppError } from '../../errors/app-error.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import type { BillingDeps } from './billing-support.js';
import { assertPayable, requireGateway, returnUrls } from './payment-support.js';

export interface CheckoutStarted {
  readonly checkoutUrl: string;
  readonly sessionId: string;
  readonly amountCents: number;
  readonly currency: string;
}

export interface InvoiceCheckoutPlan {
  readonly invoice: Invoice;
  readonly amount: number;
  readonly customerEmail: string | null;
}

/**
 * What a checkout of `invoice` collects (read in the caller's unit).
 * @throws invoice.invalid_transition — a draft or void invoice.
 * @throws invoice.nothing_outstanding — nothing is left to pay.
 */
export async function planInvoiceCheckout(repos: TenantRepositories, invoice: Invoice): Promise<InvoiceCheckoutPlan> {
  assertPayable(invoice);
  const amount = outstandingCents(invoice);
  if (amount <= 0) throw new AppError('invoice.nothing_outstanding', `Nothing is left to pay on invoice ${invoice.id}`, { details: { invoice_id: invoice.id } });
  const client = await repos.clients.findById(invoice.clientId);
  return { invoice, amount, customerEmail: client?.email ?? null };
}

/**
 * Opens the session; the key `checkout:{invoice_id}:{outstanding}` makes a double click or a retry
 * return the same session, while a new outstanding amount gets a new one. `keySuffix` tells apart
 * sessions whose parameters differ for the same amount (the public page returns the payer to its
 * own link): the processor refuses a key reused with other parameters.
 */
export async function openInvoiceCheckout(deps: Pick<BillingDeps, 'payments' | 'options'>, ctx: RequestContext, plan: InvoiceCheckoutPlan, returnRoute: string, keySuffix = ''): Promise<CheckoutStarted> {
  const gateway = requireGateway(deps);
  const { invoice, amount } = plan;
  const session = await gateway.createCheckoutSession({
    orgId: ctx.orgId,
    purpose: 'invoice_balance',
    invoiceId: invoice.id,
    bookingId: null,
    amountMinor: amount,
    currency: invoice.currency,
    description: `Invoice ${invoice.number ?? invoice.id}`,
    customerEmail: plan.customerEmail,
    customerId: null,
    ...returnUrls(deps.options, returnRoute),
    idempotencyKey: `checkout:${invoice.id}:${amount}${keySuffix}`,
  });
  return { checkoutUrl: session.url, sessionId: session.id, amountCents: amount, currency: invoice.currency };
}
