import { createHash } from 'node:crypto';
import { claimIdempotencyKey } from '../shared/idempotency-claim.js';
import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { Invoice, InvoicePayment } from '../../domain/billing/invoice.js';
import { ManualPaymentMethod, PaymentAmountCents, PaymentReference, ReceivedAt, RecordedPaymentView, TipCents } from '../../domain/billing/payment-schemas.js';
import { IdempotencyKey } from '../../domain/scheduling/booking-schemas.js';
import { AppError } from '../../errors/app-error.js';
import { loadInvoice, orgToday, settleInvoice, type BillingDeps } from './billing-support.js';
import { assertPayable, assertReceivedAt, enqueueReceipt, paymentBooks } from './payment-support.js';

const contract = defineContract({
  name: 'RecordManualPayment',
  input: Type.Object(
    {
      invoiceId: Uuid(),
      method: ManualPaymentMethod,
      amountCents: PaymentAmountCents,
      tipCents: Type.Optional(TipCents),
      reference: Type.Optional(PaymentReference),
      receivedAt: Type.Optional(ReceivedAt),
      idempotencyKey: Type.Optional(IdempotencyKey),
    },
    { additionalProperties: false },
  ),
  output: RecordedPaymentView,
});

export type RecordManualPaymentInput = ContractInput<typeof contract>;

export interface RecordManualPaymentResult {
  readonly payment: InvoicePayment;
  /** The tip recorded with it (purpose tip), when tipCents > 0. */
  readonly tip: InvoicePayment | null;
  /** The invoice after the payment was settled. */
  readonly invoice: Invoice;
  /** True when an earlier call with the same idempotency key recorded it. */
  readonly replayed: boolean;
}

/**
 * Records money staff received (cash, cheque, bank transfer, other) on an issued invoice, in the
 * invoice's currency. The invoice row is locked before anything is written, so concurrent
 * payments on one invoice queue and each sees the others; then the payment is inserted and the
 * invoice settled (paid and status from its payments). Paying a PAID invoice, or more than is
 * outstanding, is allowed: what exceeds the total is the client's credit (`creditCents`), kept on
 * the invoice and reported by GetClientCredit. A tip is a payment of its own (purpose tip) that
 * never moves paid or status. Mails the client a receipt (`invoice:{id}:receipt:{payment_id}`)
 * and audits `payment.recorded` (and `invoice.settled` when the books moved). With an
 * idempotency key, a retry with the same input returns the payment the first call recorded.
 * @throws validation.failed — a field the contract refuses; received_at more than a minute ahead.
 * @throws invoice.not_found — also for another org's invoice.
 * @throws invoice.invalid_transition — a DRAFT or VOID invoice.
 * @throws idempotency.key_reused — the key was used for a different input.
 */
export class RecordManualPayment {
  static readonly contract = contract;

  constructor(private readonly deps: BillingDeps) {}

  async execute(ctx: RequestContext, input: RecordManualPaymentInput): Promise<RecordManualPaymentResult> {
    const checked = checkInput(contract, input);
    const receivedAt = checked.receivedAt ?? ctx.now;
    assertReceivedAt(receivedAt, ctx.now);
    const tipCents = checked.tipCents ?? 0;
    const plan = {
      invoiceId: checked.invoiceId,
      method: checked.method,
      amountCents: checked.amountCents,
      tipCents,
      reference: checked.reference ?? null,
      receivedAt: checked.receivedAt?.toISOString() ?? null,
    };
    const fingerprint = createHash('sha256').update(JSON.stringify(plan)).digest('hex');
    const key = checked.idempotencyKey ?? null;
    const id = this.deps.ids.next();
    return this.deps.uow.run(ctx, async (repos) => {
      // The lock comes first: every money change of this invoice queues here, in one order.
      const invoice = await loadInvoice(repos, plan.invoiceId, { forUpdate: true });
      if (key !== null) {
        const heldId = await claimIdempotencyKey(repos, ctx, { scope: 'payment.record', key, fingerprint, resourceId: id, what: 'payment' });
        if (heldId !== null) {
          const payments = await repos.payments.listByInvoice(plan.invoiceId);
          const earlier = payments.find((p) => p.id === heldId);
          if (earlier === undefined) throw new AppError('payment.not_found', `No payment ${heldId} in this organisation`);
          // The tip, if any, was written in the same unit by the same call: same instant, same hand.
          const tip = payments.find((p) => p.purpose === 'tip' && p.createdAt.getTime() === earlier.createdAt.getTime() && p.recordedBy === earlier.recordedBy) ?? null;
          return { payment: earlier, tip, invoice, replayed: true };
        }
      }
      assertPayable(invoice);
      const base = {
        orgId: ctx.orgId,
        invoiceId: invoice.id,
        bookingId: null,
        clientId: invoice.clientId,
        provider: 'manual' as const,
        method: plan.method,
        status: 'succeeded' as const,
        refundedCents: 0,
        refundPendingCents: 0,
        refundPendingKey: null,
        currency: invoice.currency,
        reference: plan.reference,
        providerReference: null,
        checkoutSessionId: null,
        failureMessage: null,
        receivedAt,
        providerUpdatedAt: null,
        recordedBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      const payment: InvoicePayment = { ...base, id, purpose: 'balance', amountCents: plan.amountCents };
      const tip: InvoicePayment | null = tipCents > 0 ? { ...base, id: this.deps.ids.next(), purpose: 'tip', amountCents: tipCents } : null;
      await repos.payments.insert(payment);
      if (tip !== null) await repos.payments.insert(tip);
      const { today } = await orgToday(repos, ctx);
      const { after } = await settleInvoice(ctx, this.deps, repos, invoice, today, { cause: 'payment.recorded', payment_id: payment.id });
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'payment.recorded',
          resourceType: 'payment',
          resourceId: payment.id,
          after: { ...paymentBooks(payment), method: payment.method, tip_cents: tipCents },
          metadata: {
            invoice_id: invoice.id,
            ...(tip === null ? {} : { tip_payment_id: tip.id }),
            ...(key === null ? {} : { idempotency_key: key }),
          },
        }),
      );
      await enqueueReceipt(this.deps, repos, ctx, after, payment, tipCents);
      return { payment, tip, invoice: after, replayed: false };
    });
  }
}
