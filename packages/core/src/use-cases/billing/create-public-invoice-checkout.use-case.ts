import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { CheckoutSessionView } from '../../domain/billing/payment-schemas.js';
import type { BillingDeps } from './billing-support.js';
import { MAX_INVOICE_LINK_TOKEN_LENGTH, parseInvoiceLinkToken, publicInvoiceContext, resolveInvoiceLink } from './invoice-link-token.js';
import { openInvoiceCheckout, planInvoiceCheckout, type CheckoutStarted } from './payment-checkout.js';
import { requireGateway } from './payment-support.js';

const contract = defineContract({
  name: 'CreatePublicInvoiceCheckout',
  input: Type.Object(
    { token: Type.String({ minLength: 1, maxLength: MAX_INVOICE_LINK_TOKEN_LENGTH, description: 'The public invoice link’s token' }) },
    { additionalProperties: false },
  ),
  output: CheckoutSessionView,
});

export type CreatePublicInvoiceCheckoutInput = ContractInput<typeof contract>;

/**
 * The public invoice page's pay button: the token is checked exactly as the page checks it
 * (invoice-link-token.ts), then a checkout opens for what is outstanding, as CreateInvoiceCheckout
 * does. No sign-in; the request acts as the public in the link's org.
 * @throws validation.failed — no token.
 * @throws invoice.link_invalid — a malformed, unknown, wrong or revoked token, or a void invoice.
 * @throws invoice.nothing_outstanding — nothing is left to pay.
 * @throws payment.not_configured — no processor, or no URL to send the payer back to.
 * @throws payment.declined, payment.unavailable — the processor refused or could not be reached.
 */
export class CreatePublicInvoiceCheckout {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<BillingDeps, 'uow' | 'payments' | 'options' | 'tokens'>) {}

  async execute(request: { readonly requestId: string; readonly now: Date }, input: CreatePublicInvoiceCheckoutInput): Promise<CheckoutStarted> {
    const { token } = checkInput(contract, input);
    const parsed = parseInvoiceLinkToken(token);
    const ctx = publicInvoiceContext(parsed, request);
    const plan = await this.deps.uow.run(ctx, async (repos) => planInvoiceCheckout(repos, (await resolveInvoiceLink(repos, this.deps.tokens, parsed)).invoice));
    requireGateway(this.deps);
    return openInvoiceCheckout(this.deps, ctx, plan, `/v1/public/invoices/${token}`);
  }
}
