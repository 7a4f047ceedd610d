import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { CheckoutSessionView } from '../../domain/billing/payment-schemas.js';
import { AppError } from '../../errors/app-error.js';
import type { RateLimiter } from '../../ports/rate-limiter.port.js';
import { reserveAttempt } from '../identity/identity-policy.js';
import type { BillingDeps } from './billing-support.js';
import { PUBLIC_INVOICE_LINKS_BY_IP, type PublicViewer } from './get-public-invoice.use-case.js';
import { findLiveInvoiceLink, parseInvoiceToken, publicInvoiceContext } from './invoice-links.js';
import { openInvoiceCheckout, planInvoiceCheckout, type CheckoutStarted } from './payment-checkout.js';

const contract = defineContract({
  name: 'CreatePublicInvoiceCheckout',
  input: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200, description: 'The public invoice link’s token' }) }, { additionalProperties: false }),
  output: CheckoutSessionView,
});

export type CreatePublicInvoiceCheckoutInput = ContractInput<typeof contract>;

const linkInvalid = () => new AppError('invoice.link_invalid', 'The invoice link is not valid or was revoked');

/**
 * The public invoice page's pay button. The token is checked by the same function the page uses
 * (`findLiveInvoiceLink` in invoice-links.ts), and invalid tokens spend the same per-address
 * budget; then a checkout opens for what is outstanding, as CreateInvoiceCheckout does. No
 * sign-in; the request acts as the public in the link's org. The payer returns to the public
 * invoice page unless STRIPE_SUCCESS_URL / STRIPE_CANCEL_URL say otherwise; its idempotency key is
 * `checkout:{invoice_id}:{outstanding}:link:{link_id}` (the staff route's key without the suffix
 * would be refused by the processor: same key, other return URLs).
 * @throws validation.failed — no token.
 * @throws invoice.link_invalid — a malformed, unknown, wrong or revoked token, or a void invoice.
 * @throws request.rate_limited — too many invalid links from the address.
 * @throws invoice.nothing_outstanding — nothing is left to pay.
 * @throws payment.not_configured — no processor, or no URL to send the payer back to.
 * @throws payment.declined, payment.unavailable — the processor refused or could not be reached.
 */
export class CreatePublicInvoiceCheckout {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<BillingDeps, 'uow' | 'payments' | 'options' | 'tokens'> & { readonly limiter: RateLimiter }) {}

  async execute(viewer: PublicViewer, input: CreatePublicInvoiceCheckoutInput): Promise<CheckoutStarted> {
    const { token } = checkInput(contract, input);
    const clientIp = viewer.clientIp ?? null;
    const attempt = await reserveAttempt(this.deps.limiter, clientIp === null ? [] : [{ bucket: PUBLIC_INVOICE_LINKS_BY_IP, key: clientIp, onSuccess: 'refund' }]);
    const parsed = parseInvoiceToken(token);
    if (parsed === null) throw linkInvalid();
    const ctx = publicInvoiceContext(parsed, viewer, 'pay a public invoice link');
    const plan = await this.deps.uow.run(ctx, async (repos) => {
      const live = await findLiveInvoiceLink(repos, this.deps.tokens, parsed);
      return live === null ? null : planInvoiceCheckout(repos, live.invoice);
    });
    if (plan === null) throw linkInvalid();
    await attempt.passed();
    return openInvoiceCheckout(this.deps, ctx, plan, `/v1/public/invoices/${token}`, `:link:${parsed.linkId}`);
  }
}
