import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { CheckoutSessionView } from '../../domain/billing/payment-schemas.js';
import { loadInvoice, type BillingDeps } from './billing-support.js';
import { openInvoiceCheckout, planInvoiceCheckout, type CheckoutStarted } from './payment-checkout.js';

const contract = defineContract({
  name: 'CreateInvoiceCheckout',
  input: Type.Object({ invoiceId: Uuid() }, { additionalProperties: false }),
  output: CheckoutSessionView,
});

export type CreateInvoiceCheckoutInput = ContractInput<typeof contract>;

/**
 * A processor checkout for what is outstanding on an issued invoice. Changes nothing of ours: the
 * payment is recorded when the processor's webhook reports it. The payer returns to
 * STRIPE_SUCCESS_URL / STRIPE_CANCEL_URL, else to the invoice under PUBLIC_BASE_URL.
 * @throws validation.failed — a malformed id.
 * @throws invoice.not_found — also for another org's invoice.
 * @throws invoice.invalid_transition — a draft or void invoice.
 * @throws invoice.nothing_outstanding — nothing is left to pay.
 * @throws payment.not_configured — no processor, or no URL to send the payer back to.
 * @throws payment.declined, payment.unavailable — the processor refused or could not be reached.
 */
export class CreateInvoiceCheckout {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<BillingDeps, 'uow' | 'payments' | 'options'>) {}

  async execute(ctx: RequestContext, input: CreateInvoiceCheckoutInput): Promise<CheckoutStarted> {
    const { invoiceId } = checkInput(contract, input);
    const plan = await this.deps.uow.run(ctx, async (repos) => planInvoiceCheckout(repos, await loadInvoice(repos, invoiceId)));
    return openInvoiceCheckout(this.deps, ctx, plan, `/v1/admin/invoices/${invoiceId}`);
  }
}
