import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { InvoicePayment } from '../../domain/billing/invoice.js';
import { ManualPaymentMethod, PaymentAmountCents, PaymentReference, PaymentView, ReceivedAt } from '../../domain/billing/payment-schemas.js';
import type { BillingDeps } from './billing-support.js';
import { depositBooking, depositDue, depositNotApplicable } from './deposit-support.js';
import { assertReceivedAt, paymentBooks } from './payment-support.js';

const contract = defineContract({
  name: 'RecordManualDeposit',
  input: Type.Object(
    {
      bookingId: Uuid(),
      method: ManualPaymentMethod,
      amountCents: Type.Optional(PaymentAmountCents),
      reference: Type.Optional(PaymentReference),
      receivedAt: Type.Optional(ReceivedAt),
    },
    { additionalProperties: false, description: 'amount_cents defaults to the deposit still due under the service’s rule' },
  ),
  output: PaymentView,
});

export type RecordManualDepositInput = ContractInput<typeof contract>;

/**
 * Records a deposit staff took by hand when booking (DEPOSITS_ENABLED): a payment with purpose
 * deposit on the booking, on no invoice yet (CreateInvoice applies it to the booking's invoice).
 * The amount defaults to what the service's rule still asks; staff may record another amount (a
 * booking whose service has no rule takes any deposit they agreed). The booking row is locked, so
 * two deposits recorded at once both see each other. Audited as `payment.recorded`.
 * @throws validation.failed — a field the contract refuses; received_at more than a minute ahead.
 * @throws booking.not_found — also for another org's booking (looked up first, whatever the switch says).
 * @throws deposit.disabled — DEPOSITS_ENABLED is off.
 * @throws booking.not_plannable — not pending or confirmed, or already started.
 * @throws deposit.not_applicable — no amount given and none is due under the service's rule.
 */
export class RecordManualDeposit {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<BillingDeps, 'uow' | 'ids' | 'options'>) {}

  async execute(ctx: RequestContext, input: RecordManualDepositInput): Promise<InvoicePayment> {
    const checked = checkInput(contract, input);
    const receivedAt = checked.receivedAt ?? ctx.now;
    assertReceivedAt(receivedAt, ctx.now);
    return this.deps.uow.run(ctx, async (repos) => {
      const booking = await depositBooking(this.deps, repos, ctx, checked.bookingId, { forUpdate: true });
      let amount = checked.amountCents ?? null;
      if (amount === null) {
        const { rule, due } = await depositDue(repos, booking);
        if (rule === null) throw depositNotApplicable(booking.id, 'its service asks none; give amount_cents');
        if (due <= 0) throw depositNotApplicable(booking.id, 'the deposit is already taken');
        amount = due;
      }
      const payment: InvoicePayment = {
        id: this.deps.ids.next(),
        orgId: ctx.orgId,
        invoiceId: null,
        bookingId: booking.id,
        clientId: booking.clientId,
        provider: 'manual',
        method: checked.method,
        purpose: 'deposit',
        status: 'succeeded',
        amountCents: amount,
        refundedCents: 0,
        refundPendingCents: 0,
        refundPendingKey: null,
        currency: booking.currency,
        reference: checked.reference ?? null,
        providerReference: null,
        checkoutSessionId: null,
        failureMessage: null,
        receivedAt,
        providerUpdatedAt: null,
        recordedBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      await repos.payments.insert(payment);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'payment.recorded',
          resourceType: 'payment',
          resourceId: payment.id,
          after: { ...paymentBooks(payment), method: payment.method, purpose: 'deposit' },
          metadata: { booking_id: booking.id },
        }),
      );
      return payment;
    });
  }
}
