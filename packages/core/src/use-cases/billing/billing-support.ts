/**
 * What the billing use cases share: their dependencies and options, the org's "today", loading
 * an invoice under a row lock, and settling an invoice after any change to its money — the one
 * place paid and status are derived from payments, so a manual payment, a webhook and a
 * reconcile can never disagree about what the books say.
 */
import type { RequestContext } from '../../context.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { outstandingCents, settledCents, settledStatus, type Invoice } from '../../domain/billing/invoice.js';
import type { OrgSettings } from '../../domain/orgs/org.js';
import { localDateOf, type LocalDate } from '../../domain/scheduling/zoned-time.js';
import { AppError } from '../../errors/app-error.js';
import type { SecretTokens } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { PaymentGateway } from '../../ports/payment-gateway.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { Messaging } from '../outbox/messaging.js';

export interface BillingOptions {
  /** DEPOSITS_ENABLED: deposits may be taken on bookings. */
  readonly depositsEnabled: boolean;
  /** Days from issue to due when a draft does not say (14). */
  readonly defaultPaymentTermsDays: number;
  /** STRIPE_SUCCESS_URL / STRIPE_CANCEL_URL; null sends the payer back to the public invoice page. */
  readonly checkoutSuccessUrl: string | null;
  readonly checkoutCancelUrl: string | null;
  /** PUBLIC_BASE_URL, for links in mail and the PDF; null prints the route. */
  readonly publicBaseUrl: string | null;
}

export const DEFAULT_BILLING_OPTIONS: BillingOptions = {
  depositsEnabled: false,
  defaultPaymentTermsDays: 14,
  checkoutSuccessUrl: null,
  checkoutCancelUrl: null,
  publicBaseUrl: null,
};

export interface BillingDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  /** Receipts, sent invoices and dunning are enqueued in the unit of the change they announce. */
  readonly messaging: Messaging;
  /** The card processor; null when none is configured (checkout and card refunds then fail as payment.not_configured). */
  readonly payments: PaymentGateway | null;
  /** Public link tokens and their keyed hashes. */
  readonly tokens: SecretTokens;
  readonly options: BillingOptions;
}

/** The org's settings and today's date in its zone. */
export async function orgToday(repos: TenantRepositories, ctx: RequestContext): Promise<{ readonly today: LocalDate; readonly settings: OrgSettings }> {
  const settings = await repos.orgSettings.get();
  if (settings === null) throw new AppError('org.not_found', 'The organisation has no settings');
  return { today: localDateOf(ctx.now, settings.timeZone), settings };
}

export const invoiceNotFound = (id: string) => new AppError('invoice.not_found', `No invoice ${id} in this organisation`);

/** @throws invoice.not_found (also for another org's id) */
export async function loadInvoice(repos: TenantRepositories, id: string, options: { forUpdate?: boolean } = {}): Promise<Invoice> {
  const invoice = await repos.invoices.findById(id, options);
  if (invoice === null) throw invoiceNotFound(id);
  return invoice;
}

/** The figures reconcile and audits compare. */
export interface BooksSnapshot {
  readonly status: Invoice['status'];
  readonly paidCents: number;
  readonly outstandingCents: number;
  readonly succeededCount: number;
}

export function booksOf(invoice: Invoice, succeededCount: number): BooksSnapshot {
  return { status: invoice.status, paidCents: invoice.paidCents, outstandingCents: outstandingCents(invoice), succeededCount };
}

export interface Settlement {
  readonly before: Invoice;
  readonly after: Invoice;
  readonly changed: boolean;
  readonly succeededCount: number;
}

/**
 * Recomputes an invoice's paid amount and status from its payments, in the caller's unit, with
 * the invoice row already locked by the caller (`loadInvoice(..., { forUpdate: true })`, taken
 * before any payment row is written so concurrent changes of one invoice queue on one lock).
 * Stores and audits (`invoice.settled`, before/after books) only when something changed; a caller
 * that writes its own audit row of the same change (reconcile audits every call) passes
 * `{ audit: false }`, so one change never has two rows.
 */
export async function settleInvoice(
  ctx: RequestContext,
  deps: Pick<BillingDeps, 'ids'>,
  repos: TenantRepositories,
  invoice: Invoice,
  today: LocalDate,
  cause: Record<string, unknown>,
  options: { readonly audit?: boolean } = {},
): Promise<Settlement> {
  const payments = await repos.payments.listByInvoice(invoice.id);
  const paid = payments.reduce((sum, p) => sum + settledCents(p), 0);
  const succeededCount = payments.filter((p) => p.status === 'succeeded' || p.status === 'refunded').length;
  const status = settledStatus(invoice, paid, today);
  if (paid === invoice.paidCents && status === invoice.status) return { before: invoice, after: invoice, changed: false, succeededCount };
  const after: Invoice = {
    ...invoice,
    paidCents: paid,
    status,
    paidAt: status === 'PAID' ? (invoice.paidAt ?? ctx.now) : null,
    updatedAt: ctx.now,
  };
  await repos.invoices.update(after);
  if (options.audit === false) return { before: invoice, after, changed: true, succeededCount };
  await repos.audit.append(
    auditEntry(ctx, deps.ids, {
      action: 'invoice.settled',
      resourceType: 'invoice',
      resourceId: invoice.id,
      before: { ...booksOf(invoice, succeededCount) },
      after: { ...booksOf(after, succeededCount) },
      metadata: cause,
    }),
  );
  return { before: invoice, after, changed: true, succeededCount };
}
