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
 * refunded at the processor, never while holding a row lock across the network:
 *  1. a unit locks the invoice then the payment, checks the amount is refundable and reserves it
 *     (refunded_cents grows now, so a second refund racing this one sees it and is refused);
 *  2. the processor refunds, with the idempotency key `refund:{payment_id}:{refunded_before}:{amount}`
 *     (a retry of this very refund returns the processor's first answer, never a second refund);
 *  3. a unit applies the outcome: on success the status (refunded once refunds reach the amount)
 *     and the invoice's books; on failure it gives the reservation back and rethrows. (After a
 *     timeout the processor may still have refunded: its charge.refunded webhook brings the books
 *     to what it holds, and retrying the same amount reuses the same key, so it cannot refund twice.)
 * Either way the invoice is settled after (a refund can reopen a PAID invoice to PARTIAL, SENT or
 * OVERDUE) and `payment.refunded` is audited with before and after.
 * @throws validation.failed — a malformed id or amount.
 * @throws payment.not_found — also for another org's payment.
 * @throws payment.not_refundable — more than is refundable (a failed, pending or fully refunded payment has nothing).
 * @throws payment.not_configured — a card payment with no processor configured.
 * @throws payment.declined, payment.unavailable — the processor refused or could not be reached (nothing is refunded in our books).
 */
export class RefundPayment {
  static readonly contract = contract;

  constructor(private readonly deps: BillingDeps) {}

  async execute(ctx: RequestContext, input: RefundPaymentInput): Promise<RefundPaymentResult> {
    const { paymentId, amountCents, reason } = checkInput(contract, input);
    const first = await this.deps.uow.run(ctx, async (repos) => {
      const { invoice, payment } = await lockPayment(repos, paymentId);
      const amount = amountCents ?? refundableCents(payment);
      if (amount <= 0 || amount > refundableCents(payment)) throw notRefundable(payment, amount);
      if (payment.provider === 'manual') return { kind: 'done' as const, result: await this.apply(ctx, repos, invoice, payment, amount, reason ?? null, null) };
      const gateway = requireGateway(this.deps);
      if (payment.providerReference === null) throw notRefundable(payment, amount);
      // Reserve: the money counts as refunded from here, so no concurrent refund can take it too.
      await repos.payments.update({ ...payment, refundedCents: payment.refundedCents + amount, updatedAt: ctx.now });
      return { kind: 'reserved' as const, before: payment, amount, gateway, reference: payment.providerReference };
    });
    if (first.kind === 'done') return first.result;
    const { before, amount, gateway, reference } = first;
    const idempotencyKey = `refund:${before.id}:${before.refundedCents}:${amount}`;
    let refundId: string;
    try {
      const result = await gateway.refund({ orgId: ctx.orgId, paymentReference: reference, amountMinor: amount, currency: before.currency, idempotencyKey });
      if (result.status === 'failed') throw new AppError('payment.declined', 'The payment processor refused the refund');
      refundId = result.id;
    } catch (error) {
      await this.release(ctx, before, amount, idempotencyKey, error);
      throw error;
    }
    return this.deps.uow.run(ctx, async (repos) => {
      const { invoice, payment } = await lockPayment(repos, before.id);
      // The reservation is ours as long as the refunded amount still includes it.
      if (payment.refundedCents < before.refundedCents + amount) throw notRefundable(payment, amount);
      const reserved = { ...payment, refundedCents: payment.refundedCents - amount };
      return this.apply(ctx, repos, invoice, reserved, amount, reason ?? null, { idempotency_key: idempotencyKey, refund_id: refundId });
    });
  }

  /** Records `amount` refunded of `payment` (locked, with `invoice` locked first), settles and audits. */
  private async apply(ctx: RequestContext, repos: TenantRepositories, invoice: Invoice | null, payment: InvoicePayment, amount: number, reason: string | null, processor: Record<string, string> | null): Promise<RefundPaymentResult> {
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
        before: paymentBooks(payment),
        after: paymentBooks(after),
        metadata: { invoice_id: payment.invoiceId, refunded_now_cents: amount, reason, ...(processor ?? {}) },
      }),
    );
    return { payment: after, invoice: settled };
  }

  /** The processor did not refund: give the reservation back (the payment is refundable again). */
  private async release(ctx: RequestContext, before: InvoicePayment, amount: number, idempotencyKey: string, error: unknown): Promise<void> {
    await this.deps.uow.run(ctx, async (repos) => {
      const { invoice, payment } = await lockPayment(repos, before.id);
      if (payment.refundedCents < before.refundedCents + amount) return;
      await repos.payments.update({ ...payment, refundedCents: payment.refundedCents - amount, updatedAt: ctx.now });
      if (invoice !== null) {
        const { today } = await orgToday(repos, ctx);
        await settleInvoice(ctx, this.deps, repos, invoice, today, { cause: 'payment.refund_failed', payment_id: payment.id });
      }
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'payment.refund_failed',
          resourceType: 'payment',
          resourceId: payment.id,
          metadata: { invoice_id: payment.invoiceId, amount_cents: amount, idempotency_key: idempotencyKey, code: error instanceof AppError ? error.code : 'internal' },
        }),
      );
    });
  }
}
