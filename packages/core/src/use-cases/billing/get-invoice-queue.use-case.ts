import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Nullable, OneOf } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { INVOICE_STATUSES, outstandingCents, type Invoice, type InvoiceStatus } from '../../domain/billing/invoice.js';
import { daysBetween, type LocalDate } from '../../domain/scheduling/zoned-time.js';
import type { InvoiceQueueFilter } from '../../ports/billing-repositories.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { orgToday } from './billing-support.js';
import { FinancePageFields, FinancePageInfo, financePage } from './finance-support.js';

export interface GetInvoiceQueueDeps {
  readonly uow: UnitOfWork;
}

export const InvoiceQueueItemView = Type.Object(
  {
    invoiceId: Type.String({ format: 'uuid' }),
    number: Nullable(Type.String()),
    status: OneOf(INVOICE_STATUSES),
    clientId: Type.String({ format: 'uuid' }),
    clientName: Nullable(Type.String({ description: 'Null when the client is gone' })),
    currency: Type.String({ description: 'ISO 4217; amounts are minor units of it' }),
    totalCents: Type.Integer(),
    outstandingCents: Type.Integer({ minimum: 1 }),
    issueDate: Nullable(Type.String({ format: 'date' })),
    dueDate: Nullable(Type.String({ format: 'date' })),
    daysOverdue: Type.Integer({ minimum: 0, description: 'Whole days past the due date on the org’s calendar (0 when not yet due)' }),
  },
  { additionalProperties: false, $id: 'InvoiceQueueItem' },
);

const contract = defineContract({
  name: 'GetInvoiceQueue',
  input: Type.Object(
    {
      status: Type.Optional(
        OneOf(['overdue', 'unpaid', 'all'], {
          description: 'overdue: unpaid and past due on the org’s calendar; unpaid: issued with money left to pay; all (default): both (every overdue invoice is unpaid)',
        }),
      ),
      ...FinancePageFields,
    },
    { additionalProperties: false },
  ),
  output: Type.Object(
    {
      overdueCount: Type.Integer({ minimum: 0, description: 'Overdue invoices of the org, whatever the filter' }),
      unpaidCount: Type.Integer({ minimum: 0, description: 'Unpaid invoices of the org (overdue ones included), whatever the filter' }),
      items: Type.Array(InvoiceQueueItemView),
      ...FinancePageInfo,
    },
    { additionalProperties: false, $id: 'InvoiceQueue' },
  ),
});

export type GetInvoiceQueueInput = ContractInput<typeof contract>;

export interface InvoiceQueueItem {
  readonly invoiceId: string;
  readonly number: string | null;
  readonly status: InvoiceStatus;
  readonly clientId: string;
  readonly clientName: string | null;
  readonly currency: string;
  readonly totalCents: number;
  readonly outstandingCents: number;
  readonly issueDate: LocalDate | null;
  readonly dueDate: LocalDate | null;
  readonly daysOverdue: number;
}

export interface InvoiceQueue {
  readonly overdueCount: number;
  readonly unpaidCount: number;
  readonly items: readonly InvoiceQueueItem[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** Whole days `invoice` is past due on `today` (0 when not due yet or without a due date). */
export function daysOverdue(invoice: Pick<Invoice, 'dueDate'>, today: LocalDate): number {
  return invoice.dueDate === null ? 0 : Math.max(0, daysBetween(invoice.dueDate, today));
}

/**
 * The finance team's invoices queue (guide 000 "Operator productivity queues"): issued invoices
 * with money left to pay, oldest due date first; `overdue` keeps those whose due date has passed
 * on the org's calendar (whether or not the overdue job has marked them yet). The counts of both
 * kinds come with every page, as the DLQ queue's do; limit/offset page in the database with the
 * filter's total. Client names are shown: only finance roles read this queue.
 * @throws validation.failed — unknown status, limit outside 1–200, offset outside 0–100000.
 * @throws org.not_found — the org has no settings.
 */
export class GetInvoiceQueue {
  static readonly contract = contract;

  constructor(private readonly deps: GetInvoiceQueueDeps) {}

  async execute(ctx: RequestContext, input: GetInvoiceQueueInput = {}): Promise<InvoiceQueue> {
    const checked = checkInput(contract, input);
    const filter: InvoiceQueueFilter = checked.status ?? 'all';
    const { limit, offset } = financePage(checked);
    // Counts and page in one transaction: the numbers agree with the items shown.
    return this.deps.uow.run(ctx, async (repos) => {
      const { today } = await orgToday(repos, ctx);
      const page = await repos.invoices.queue({ filter, today, limit, offset });
      const count = async (kind: InvoiceQueueFilter) => (kind === filter ? page.total : (await repos.invoices.queue({ filter: kind, today, limit: 1, offset: 0 })).total);
      const overdueCount = await count('overdue');
      const unpaidCount = filter === 'all' ? page.total : await count('unpaid');
      const clients = new Map((await repos.clients.findContacts([...new Set(page.rows.map((i) => i.clientId))])).map((c) => [c.id, c]));
      const items = page.rows.map(
        (invoice): InvoiceQueueItem => ({
          invoiceId: invoice.id,
          number: invoice.number,
          status: invoice.status,
          clientId: invoice.clientId,
          clientName: clients.get(invoice.clientId)?.name ?? null,
          currency: invoice.currency,
          totalCents: invoice.totalCents,
          outstandingCents: outstandingCents(invoice),
          issueDate: invoice.issueDate,
          dueDate: invoice.dueDate,
          daysOverdue: daysOverdue(invoice, today),
        }),
      );
      return { overdueCount, unpaidCount, items, total: page.total, limit, offset };
    });
  }
}
