import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { creditCents, type Invoice } from '../../domain/billing/invoice.js';
import { ClientCreditView } from '../../domain/billing/payment-schemas.js';
import { AppError } from '../../errors/app-error.js';
import type { BillingDeps } from './billing-support.js';

const contract = defineContract({
  name: 'GetClientCredit',
  input: Type.Object({ clientId: Uuid() }, { additionalProperties: false }),
  output: ClientCreditView,
});

export type GetClientCreditInput = ContractInput<typeof contract>;

export interface ClientCredit {
  readonly clientId: string;
  /** Per currency (an org's invoices keep the currency they were made in), largest first. */
  readonly credits: ReadonlyArray<{
    readonly currency: string;
    readonly creditCents: number;
    readonly invoices: ReadonlyArray<{ readonly invoiceId: string; readonly number: string | null; readonly creditCents: number }>;
  }>;
}

/** Invoices read per page while summing. */
const PAGE = 500;

/**
 * The client's credit: what was paid beyond each invoice's total (an overpayment is never lost),
 * summed per currency, with the invoices it sits on.
 * @throws validation.failed — a malformed id.
 * @throws client.not_found — also for another org's client.
 */
export class GetClientCredit {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<BillingDeps, 'uow'>) {}

  async execute(ctx: RequestContext, input: GetClientCreditInput): Promise<ClientCredit> {
    const { clientId } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      if ((await repos.clients.findById(clientId)) === null) throw new AppError('client.not_found', `No client ${clientId} in this organisation`);
      const withCredit: Invoice[] = [];
      let after: { createdAt: Date; id: string } | null = null;
      for (;;) {
        const page: readonly Invoice[] = await repos.invoices.list({ statuses: null, clientId, issuedFrom: null, issuedTo: null, after, limit: PAGE });
        withCredit.push(...page.filter((i) => i.status !== 'VOID' && creditCents(i) > 0));
        if (page.length < PAGE) break;
        const last = page[page.length - 1]!;
        after = { createdAt: last.createdAt, id: last.id };
      }
      const byCurrency = new Map<string, Invoice[]>();
      for (const invoice of withCredit) byCurrency.set(invoice.currency, [...(byCurrency.get(invoice.currency) ?? []), invoice]);
      const credits = [...byCurrency.entries()]
        .map(([currency, invoices]) => ({
          currency,
          creditCents: invoices.reduce((sum, i) => sum + creditCents(i), 0),
          invoices: invoices.map((i) => ({ invoiceId: i.id, number: i.number, creditCents: creditCents(i) })),
        }))
        .sort((a, b) => b.creditCents - a.creditCents || a.currency.localeCompare(b.currency));
      return { clientId, credits };
    });
  }
}
