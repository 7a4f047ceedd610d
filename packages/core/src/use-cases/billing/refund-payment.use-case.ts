import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { NullableText, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { refundableCents, type Invoice, type InvoicePayment } from '../../domain/billing/invoice.js';
import { PaymentAmountCents, RefundedPaymentView } from '../../domain/billing/payment-schemas.js';
import { AppError } from '../../errors/app-error.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { loadInvoice, orgToday, settleInvoice, type BillingDeps } from './billing-support.js';
import { paymentBooks, requireGateway } from './payment-support.js';

const contract = defineContract({
  name: 'RefundPayment',
  input: Type.Object(
    {
      paymentId: Uuid(),
      amountCents: Type.Optional(PaymentAmountCents),
      reason: Type.Optional(NullableText(500, { description: 'Why, for the audit log' })),
    },
    { additionalProperties: false, description: 'amount_cents defaults to all that is still refundable' },
  ),
  output: RefundedPaymentView,
});

export type RefundPaymentInput = ContractInput<typeof contract>;

export interface RefundPaymentResult {
  readonly payment: InvoicePayment;
  /** The invoice after settling; null for a deposit not applied to an invoice. */
  readonly invoice: Invoice | null;
}

const paymentNotFound = (id: string) => new AppError('payment.not_found', `No payment ${id} in this organisation`);

const notRefundable = (payment: InvoicePayment, amount: number) =>
  new AppError('payment.not_refundable', `${amount} cannot be refunded of payment ${payment.id}: ${refundableCents(payment)} is refundable`, {
    details: { payment_id: payment.id, refundable_cents: refundableCents(payment), requested_cents: amount },
  });

/** Money is reserved by a pending refund of another amount: that one is retried (or settles) first. */
const pendingElsewhere = (payment: InvoicePayment, amount: number) =>
  new AppError('payment.not_refundable', `A refund of ${payment.refundPendingCents} of payment ${payment.id} is pending; retry that refund (amount_cents ${payment.refundPendingCents}) before another`, {
    details: { payment_id: payment.id, refundable_cents: refundableCents(payment), requested_cents: amount, refund_pending_cents: payment.refundPendingCents },
  });

/** The payment and its invoice, both locked, invoice row first (the order every money change takes). */
async function lockPayment(repos: TenantRepositories, paymentId: string): Promise<{ invoice: Invoice | null; payment: InvoicePayment }> {
  const seen = await repos.payments.findById(paymentId);
  if (seen === null) throw paymentNotFound(paymentId);
  const invoice = seen.invoiceId === null ? null : await loadInvoice(repos, seen.invoiceId, { forUpdate: true });
  const payment = await repos.payments.findById(paymentId, { forUpdate: true });
  if (payment === null) throw paymentNotFound(paymentId);
  // A deposit applied to an invoice between the two reads: the invoice we did not lock is now its own; refuse rather than write unlocked.
  if (payment.invoiceId !== (invoice?.id ?? null)) throw new AppError('storage.conflict', 'The payment changed invoice meanwhile; try again', { retryable: true });
  return { invoice, payment };
}

/**
 * Refunds part or all of a succeeded payment (amount ≤ what is still refundable). A manual payment
 * is refunded in one unit of work: the money went back by hand, staff record it. A card payment is
 * refunded at the processor, never while holding a row lock across the network, and the books
 * never say money went back before the processor says so:
 *  1. a unit locks the invoice then the payment, checks the amount is refundable and reserves it
 *     as pending (refund_pending_cents grows, refunded_cents does not: the payment still counts as
 *     paid, but a second refund racing this one sees the reservation and is refused), storing the
 *     idempotency key `refund:{payment_id}:{refunded_before}:{amount}`;
 *  2. the processor refunds with that key (a retry of this very refund gets the processor's first
 *     answer, never a second refund);
 *  3. a unit applies the outcome: on success the amount moves from pending to refunded, the status
 *     becomes refunded once refunds reach the amount, and the invoice is settled (a refund can
 *     reopen a PAID invoice to PARTIAL, SENT or OVERDUE); on a definite refusal the reservation is
 *     given back; on a retryable failure (a timeout, a 5xx, an open breaker) it STAYS pending, since
 *     the processor may have refunded, and the caller gets payment.unavailable saying so.
 * A refund naming exactly the pending amount while it is pending is a retry of it: it reuses the stored
 * key, so the processor answers the same refund and it is applied once. (The process dying between
 * 1 and 3 leaves the same pending state, corrected the same way.) The processor's charge.refunded
 * webhook also clears the pending part it confirms. While a refund is pending, a refund of another
 * amount is refused until that one is settled.
 * `payment.refunded` is audited with before and after; a refusal or a pending refund as
 * `payment.refund_failed`.
 * @throws validation.failed — a malformed id or amount.
 * @throws payment.not_found — also for another org's payment.
 * @throws payment.not_refundable — more than is refundable (a failed, pending or fully refunded payment has nothing; money reserved by a pending refund is not refundable again).
 * @throws payment.not_configured — a card payment with no processor configured.
 * @throws payment.declined — the processor refused the refund (nothing is refunded, nothing stays pending).
 * @throws payment.unavailable — the processor could not be reached or answered in time: the refund stays pending and the same request is safe to retry.
 */
export class RefundPayment {
  static readonly contract = contract;

  constructor(private readonly deps: BillingDeps) {}

  async execute(ctx: RequestContext, input: RefundPaymentInput): Promise<RefundPaymentResult> {
    const { paymentId, amountCents, reason } = checkInput(contract, input);
    const first = await this.deps.uow.run(ctx, async (repos) => {
      const { invoice, payment } = await lockPayment(repos, paymentId);
      const amount = amountCents ?? refundableCents(payment);
      // Only an explicit amount retries: a bare "refund the rest" never lands on a pending refund by coincidence.
      const retry = amountCents !== undefined && payment.provider !== 'manual' && payment.refundPendingKey !== null && payment.refundPendingCents > 0 && amount === payment.refundPendingCents;
      if (!retry) {
        if (payment.refundPendingCents > 0) throw pendingElsewhere(payment, amount);
        if (amount <= 0 || amount > refundableCents(payment)) throw notRefundable(payment, amount);
      }
      if (payment.provider === 'manual') return { kind: 'done' as const, result: await this.apply(ctx, repos, invoice, payment, amount, reason ?? null, null) };
      const gateway = requireGateway(this.deps);
      if (payment.providerReference === null) throw notRefundable(payment, amount);
      if (retry) return { kind: 'reserved' as const, payment, amount, key: payment.refundPendingKey!, gateway, reference: payment.providerReference };
      // Reserve: pending from here, so no concurrent refund can take it too; still paid until the processor confirms.
      const key = `refund:${payment.id}:${payment.refundedCents}:${amount}`;
      const reserved: InvoicePayment = { ...payment, refundPendingCents: amount, refundPendingKey: key, updatedAt: ctx.now };
      await repos.payments.update(reserved);
      return { kind: 'reserved' as const, payment: reserved, amount, key, gateway, reference: payment.providerReference };
    });
    if (first.kind === 'done') return first.result;
    const { payment: before, amount, key, gateway, reference } = first;
    let refundId: string;
    try {
      const result = await gateway.refund({ orgId: ctx.orgId, paymentReference: reference, amountMinor: amount, currency: before.currency, idempotencyKey: key });
      if (result.status === 'failed') throw new AppError('payment.declined', 'The payment processor refused the refund');
      refundId = result.id;
    } catch (error) {
      if (error instanceof AppError && error.code === 'payment.declined') {
        await this.release(ctx, before.id, amount, key, error);
        throw error;
      }
      // Anything else: the processor may have refunded. Keep the reservation; a retry or its webhook settles it.
      await this.keepPending(ctx, before.id, amount, key, error);
      throw new AppError('payment.unavailable', `The refund of ${amount} is pending: the payment processor did not confirm it. Retrying the same refund (amount_cents ${amount}) is safe: it cannot refund twice.`, {
        retryable: true,
        cause: error,
        details: { payment_id: before.id, refund_pending_cents: amount, retry_amount_cents: amount },
      });
    }
    return this.deps.uow.run(ctx, async (repos) => {
      const { invoice, payment } = await lockPayment(repos, before.id);
      if (payment.refundPendingKey !== key || payment.refundPendingCents < amount) {
        // Someone applied it first (the charge.refunded webhook, or a retry of this refund): it is not applied twice.
        const settled = invoice === null ? null : await loadInvoice(repos, invoice.id);
        return { payment, invoice: settled };
      }
      const pending = payment.refundPendingCents - amount;
      const confirmed: InvoicePayment = { ...payment, refundPendingCents: pending, refundPendingKey: pending === 0 ? null : payment.refundPendingKey };
      return this.apply(ctx, repos, invoice, confirmed, amount, reason ?? null, { idempotency_key: key, refund_id: refundId }, payment);
    });
  }

  /** Records `amount` refunded of `payment` (locked, with `invoice` locked first), settles and audits. */
  private async apply(
    ctx: RequestContext,
    repos: TenantRepositories,
    invoice: Invoice | null,
    payment: InvoicePayment,
    amount: number,
    reason: string | null,
    processor: Record<string, string> | null,
    stored: InvoicePayment = payment,
  ): Promise<RefundPaymentResult> {
    const refundedCents = payment.refundedCents + amount;
    const after: InvoicePayment = { ...payment, refundedCents, status: refundedCents >= payment.amountCents ? 'refunded' : payment.status, updatedAt: ctx.now };
    await repos.payments.update(after);
    let settled: Invoice | null = null;
    if (invoice !== null) {
      const { today } = await orgToday(repos, ctx);
      settled = (await settleInvoice(ctx, this.deps, repos, invoice, today, { cause: 'payment.refunded', payment_id: payment.id })).after;
    }
    await repos.audit.append(
      auditEntry(ctx, this.deps.ids, {
        action: 'payment.refunded',
        resourceType: 'payment',
        resourceId: payment.id,
        before: paymentBooks(stored),
        after: paymentBooks(after),
        metadata: { invoice_id: payment.invoiceId, refunded_now_cents: amount, reason, ...(processor ?? {}) },
      }),
    );
    return { payment: after, invoice: settled };
  }

  /** The processor refused: give the reservation back (the payment is refundable again; its books never moved). */
  private async release(ctx: RequestContext, paymentId: string, amount: number, key: string, error: AppError): Promise<void> {
    await this.deps.uow.run(ctx, async (repos) => {
      const { payment } = await lockPayment(repos, paymentId);
      if (payment.refundPendingKey !== key || payment.refundPendingCents < amount) return;
      const pending = payment.refundPendingCents - amount;
      await repos.payments.update({ ...payment, refundPendingCents: pending, refundPendingKey: pending === 0 ? null : key, updatedAt: ctx.now });
      await repos.audit.append(refundFailed(ctx, this.deps, payment, amount, key, error.code, false));
    });
  }

  /** The processor's answer is unknown: the reservation stays, audited so staff can see why. */
  private async keepPending(ctx: RequestContext, paymentId: string, amount: number, key: string, error: unknown): Promise<void> {
    await this.deps.uow.run(ctx, async (repos) => {
      const payment = await repos.payments.findById(paymentId);
      if (payment === null) return;
      await repos.audit.append(refundFailed(ctx, this.deps, payment, amount, key, error instanceof AppError ? error.code : 'internal', true));
    });
  }
}

function refundFailed(ctx: RequestContext, deps: BillingDeps, payment: InvoicePayment, amount: number, key: string, code: string, pending: boolean) {
  return auditEntry(ctx, deps.ids, {
    action: 'payment.refund_failed',
    resourceType: 'payment',
    resourceId: payment.id,
    metadata: { invoice_id: payment.invoiceId, amount_cents: amount, idempotency_key: key, code, still_pending: pending },
  });
}
