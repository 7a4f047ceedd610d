import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { CheckoutSessionView } from '../../domain/billing/payment-schemas.js';
import type { BillingDeps } from './billing-support.js';
import { depositBooking, depositDue, depositNotApplicable } from './deposit-support.js';
import type { CheckoutStarted } from './payment-checkout.js';
import { requireGateway, returnUrls } from './payment-support.js';

const contract = defineContract({
  name: 'CreateDepositCheckout',
  input: Type.Object({ bookingId: Uuid() }, { additionalProperties: false }),
  output: CheckoutSessionView,
});

export type CreateDepositCheckoutInput = ContractInput<typeof contract>;

/**
 * A processor checkout for a booking's deposit (DEPOSITS_ENABLED): the service's rule (a percent of
 * the booking's price, half up, or a fixed amount capped at the price) less deposits already
 * taken. Changes nothing of ours: the webhook records the deposit. The processor is called outside
 * any unit of work; the key `deposit:{booking_id}:{amount}` returns the same session on a retry.
 * @throws validation.failed — a malformed id.
 * @throws booking.not_found — also for another org's booking (looked up first, whatever the switch says).
 * @throws deposit.disabled — DEPOSITS_ENABLED is off.
 * @throws booking.not_plannable — not pending or confirmed, or already started.
 * @throws deposit.not_applicable — the service asks no deposit, the booking has no price, or it is taken.
 * @throws payment.not_configured — no processor, or no URL to send the payer back to.
 * @throws payment.declined, payment.unavailable — the processor refused or could not be reached.
 */
export class CreateDepositCheckout {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<BillingDeps, 'uow' | 'payments' | 'options'>) {}

  async execute(ctx: RequestContext, input: CreateDepositCheckoutInput): Promise<CheckoutStarted> {
    const { bookingId } = checkInput(contract, input);
    const plan = await this.deps.uow.run(ctx, async (repos) => {
      const booking = await depositBooking(this.deps, repos, ctx, bookingId);
      const { rule, due, serviceName } = await depositDue(repos, booking);
      if (rule === null) throw depositNotApplicable(bookingId, 'its service asks none, or it has no price');
      if (due <= 0) throw depositNotApplicable(bookingId, 'the deposit is already taken');
      const client = await repos.clients.findById(booking.clientId);
      return { booking, due, serviceName, email: client?.email ?? null };
    });
    const { booking, due } = plan;
    const gateway = requireGateway(this.deps);
    const session = await gateway.createCheckoutSession({
      orgId: ctx.orgId,
      purpose: 'deposit',
      invoiceId: null,
      bookingId: booking.id,
      amountMinor: due,
      currency: booking.currency,
      description: `Deposit${plan.serviceName === null ? '' : `: ${plan.serviceName}`} on ${booking.startsAt.toISOString().slice(0, 10)}`,
      customerEmail: plan.email,
      customerId: null,
      ...returnUrls(this.deps.options, `/v1/admin/bookings/${booking.id}`),
      idempotencyKey: `deposit:${booking.id}:${due}`,
    });
    return { checkoutUrl: session.url, sessionId: session.id, amountCents: due, currency: booking.currency };
  }
}
