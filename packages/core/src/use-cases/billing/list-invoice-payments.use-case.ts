import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import type { InvoicePayment } from '../../domain/billing/invoice.js';
import { PaymentListView } from '../../domain/billing/payment-schemas.js';
import { loadInvoice, type BillingDeps } from './billing-support.js';

const contract = defineContract({
  name: 'ListInvoicePayments',
  input: Type.Object({ invoiceId: Uuid() }, { additionalProperties: false }),
  output: PaymentListView,
});

export type ListInvoicePaymentsInput = ContractInput<typeof contract>;

/**
 * Every payment of an invoice (balance, tips, applied deposits; any status), oldest first, in one
 * list: an invoice has few.
 * @throws validation.failed — a malformed id.
 * @throws invoice.not_found — also for another org's invoice.
 */
export class ListInvoicePayments {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<BillingDeps, 'uow'>) {}

  async execute(ctx: RequestContext, input: ListInvoicePaymentsInput): Promise<{ readonly items: readonly InvoicePayment[]; readonly nextCursor: null }> {
    const { invoiceId } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      await loadInvoice(repos, invoiceId);
      return { items: await repos.payments.listByInvoice(invoiceId), nextCursor: null };
    });
  }
}
