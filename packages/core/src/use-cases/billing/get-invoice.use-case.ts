import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { InvoiceView } from '../../domain/billing/invoice-schemas.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { loadInvoice } from './billing-support.js';
import { withClient, type InvoiceDetails } from './invoice-support.js';

const contract = defineContract({ name: 'GetInvoice', input: Type.Object({ invoiceId: Uuid() }, { additionalProperties: false }), output: InvoiceView });

export type GetInvoiceInput = ContractInput<typeof contract>;

/**
 * One invoice of the caller's org, with its lines, its stored snapshot figures and its client.
 * @throws validation.failed — the id is not a UUID.
 * @throws invoice.not_found — also for another org's invoice.
 */
export class GetInvoice {
  static readonly contract = contract;

  constructor(private readonly deps: { readonly uow: UnitOfWork }) {}

  async execute(ctx: RequestContext, input: GetInvoiceInput): Promise<InvoiceDetails> {
    const { invoiceId } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => withClient(repos, await loadInvoice(repos, invoiceId)));
  }
}
